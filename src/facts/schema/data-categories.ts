/** What personal information is collected: categories with source, purposes, sensitivity, CCPA category and retention. */
import { z } from 'zod';
import { CCPA_CATEGORIES, CCPA_SENSITIVE, RETENTION_PERIOD } from './codes.js';
import { describe, id, localized } from './primitives.js';

const exampleRetention = { period: 'account lifetime + 30 days', after_expiry: 'delete' };
const exampleCategory = {
  id: 'account',
  name: { 'zh-CN': '账号信息', en: 'Account details' },
  examples: { 'zh-CN': '电子邮箱地址、昵称、加密存储的密码', en: 'email address, display name, password (stored hashed)' },
  source: 'you',
  required: true,
  consequence_if_refused: { 'zh-CN': '无法注册账号和使用服务', en: 'you cannot create an account or use the service' },
  ccpa_category: 'identifiers',
  purposes: ['provide_service', 'security'],
  retention: exampleRetention,
};

export const dataCategories = describe(
  z
    .array(
      z
        .object({
          id: describe(id, 'Short code for the category, used in recipients[].data and the ccpa lists (lower-case letters, digits, underscores)', '该类别的简短代码，供 recipients[].data 和 ccpa 各列表引用（小写字母、数字和下划线）', 'account'),
          name: describe(localized, 'Name of the category as printed in the policy', '写入政策的类别名称', { 'zh-CN': '账号信息', en: 'Account details' }),
          examples: describe(
            localized,
            'The items the category includes, so a reader recognises them',
            '该类别包括的具体信息，便于读者识别',
            { 'zh-CN': '电子邮箱地址、昵称、加密存储的密码', en: 'email address, display name, password (stored hashed)' },
          ),
          source: describe(
            z.enum(['you', 'automatic', 'third_party']),
            'Where the data comes from: you = the individual gives it, automatic = collected automatically during use, third_party = received from others, described in source_detail (GDPR Art. 14(2)(f))',
            '信息来源：you = 个人提供，automatic = 使用服务时自动收集，third_party = 从第三方获取，并在 source_detail 中说明（GDPR 第 14(2)(f) 条）',
            'you',
          ),
          required: describe(
            z.boolean(),
            'true if the service cannot be provided without it, false if giving it is optional (GDPR Art. 13(2)(e))',
            'true 表示不提供则无法提供服务，false 表示可选（GDPR 第 13(2)(e) 条）',
            true,
          ),
          consequence_if_refused: describe(
            localized,
            'What happens if the individual does not give it; needed when required is true (GDPR Art. 13(2)(e); LGPD Art. 9 §3)',
            '个人不提供该信息的后果；required 为 true 时须填写（GDPR 第 13(2)(e) 条；LGPD 第 9 条第 3 款）',
            { 'zh-CN': '无法注册账号和使用服务', en: 'you cannot create an account or use the service' },
          ).optional(),
          sensitive: describe(
            z.boolean(),
            'true for sensitive personal information, e.g. ID numbers, biometrics, health, financial accounts, precise location, data of children under 14 (PIPL Art. 28; GDPR Art. 9; LGPD Art. 5 II)',
            'true 表示敏感个人信息，如身份证件号码、生物识别、医疗健康、金融账户、行踪轨迹、不满十四周岁未成年人的信息（《个人信息保护法》第二十八条；GDPR 第 9 条；LGPD 第 5 条 II）',
            true,
          ).default(false),
          special_category: describe(
            z.boolean(),
            'true for special categories of data under GDPR Art. 9(1) and sensitive data under LGPD Art. 5 II (racial or ethnic origin, political opinions, religious or philosophical beliefs, trade-union membership, genetic, biometric for identification, health, sex life or orientation). Not the same list as PIPL sensitive information: an ID number is sensitive under PIPL but not here',
            'GDPR 第 9(1) 条的特殊类别数据及 LGPD 第 5 条 II 的敏感数据（种族或民族、政治观点、宗教或哲学信仰、工会会员身份、基因、用于识别的生物识别、健康、性生活或性取向）时为 true。与《个人信息保护法》的敏感个人信息范围不同：身份证件号码属于后者，但不属于此类',
            false,
          ).default(false),
          necessity: describe(
            localized,
            'Why the sensitive data is necessary; required when sensitive is true (PIPL Art. 30)',
            '处理该敏感个人信息的必要性；sensitive 为 true 时必填（《个人信息保护法》第三十条）',
            { 'zh-CN': '中国法律要求我们在为团队开通服务前核实管理员的真实身份', en: 'Chinese law requires us to verify the real identity of an administrator before opening a team service' },
          ).optional(),
          impact: describe(
            localized,
            "The effect on the individual's rights and interests of processing the sensitive data; required when sensitive is true (PIPL Art. 30)",
            '处理该敏感个人信息对个人权益的影响；sensitive 为 true 时必填（《个人信息保护法》第三十条）',
            {
              'zh-CN': '如证件信息泄露，可能被他人冒用身份；我们仅保留核验结果并加密存储证件号码',
              en: 'if leaked, ID details could be used to impersonate you; we keep only the check result and store the ID number encrypted',
            },
          ).optional(),
          source_detail: describe(
            localized,
            'Who the data comes from when the source is third_party, including public sources (GDPR Art. 14(2)(f))',
            '来源为 third_party 时说明信息从何处获得，包括公开来源（GDPR 第 14(2)(f) 条）',
            { 'zh-CN': '邀请您加入团队的团队版管理员（提供您的工作邮箱）', en: 'the team administrator who invites you (your work email address)' },
          ).optional(),
          scenario: describe(
            localized,
            'When or in which feature it is collected (使用场景), shown in the collection list; without it the list names its purposes',
            '在何种场景或功能中收集（使用场景），列入个人信息收集清单；不填时，清单列出其处理目的',
            { 'zh-CN': '您注册账号和登录时', en: 'when you sign up and sign in' },
          ).optional(),
          ccpa_category: describe(
            z.enum(CCPA_CATEGORIES),
            'California category (Civ. Code 1798.140(v)(1)): identifiers = names, emails, account or device ids; customer_records = 1798.80(e) records such as address, phone, bank or card numbers; protected_characteristics = age, sex, race and other protected traits; commercial_information = purchases and transaction history; biometric_information = fingerprint, face or voice data; internet_activity = browsing, search and in-app activity; geolocation = location data; sensory_data = audio, visual or similar recordings; professional_information = job or employment data; education_information = non-public education records; inferences = profiles drawn from other data',
            '加州法律下的个人信息类别（民法典第 1798.140(v)(1) 条）：identifiers = 姓名、邮箱、账号或设备标识符；customer_records = 第 1798.80(e) 条所述记录，如地址、电话、银行卡号；protected_characteristics = 年龄、性别、种族等受保护特征；commercial_information = 购买和交易记录；biometric_information = 指纹、人脸或声纹数据；internet_activity = 浏览、搜索和应用内活动；geolocation = 地理位置；sensory_data = 音频、图像或类似记录；professional_information = 职业或就业信息；education_information = 非公开的教育记录；inferences = 从其他信息推断出的画像',
            'identifiers',
          ).optional(),
          ccpa_sensitive: describe(
            z.enum(CCPA_SENSITIVE),
            "California sensitive category, if any (Civ. Code 1798.140(ae)): government_identifiers = SSN, driver's licence, state ID or passport number; account_credentials = log-in or card number with its password or code; precise_geolocation = location within 1,850 feet; racial_or_ethnic_origin = racial or ethnic origin; religious_beliefs = religious or philosophical beliefs; union_membership = union membership; communications_content = contents of mail, email or texts not addressed to you; genetic_data = genetic data; biometric_identification = biometrics used to identify a person; health = health data; sex_life_or_orientation = sex life or sexual orientation",
            '加州法律下的敏感个人信息类别（如有）（民法典第 1798.140(ae) 条）：government_identifiers = 社会安全号码、驾驶执照、州身份证或护照号码；account_credentials = 账户登录名或卡号及其密码或安全码；precise_geolocation = 精确到 1,850 英尺范围内的位置；racial_or_ethnic_origin = 种族或民族；religious_beliefs = 宗教或哲学信仰；union_membership = 工会会员身份；communications_content = 收件人并非贵公司的邮件、电子邮件或短信内容；genetic_data = 基因数据；biometric_identification = 用于识别个人的生物识别信息；health = 健康信息；sex_life_or_orientation = 性生活或性取向',
            'government_identifiers',
          ).optional(),
          purposes: describe(
            z.array(id).min(1),
            'Ids of the purposes this data is used for, from purposes[].id (NDSR Art. 21 para. 2; CCPA 1798.100(a)(1))',
            '该信息用于哪些目的，填写 purposes[].id（《网络数据安全管理条例》第二十一条第二款；CCPA 第 1798.100(a)(1) 条）',
            ['provide_service', 'security'],
          ),
          retention: describe(
            z
              .object({
                period: describe(
                  z.string().regex(RETENTION_PERIOD, 'write e.g. "1 day", "30 days", "6 months", "7 years", "account lifetime", "account lifetime + 90 days", "not stored" or "until processed"; or leave period out and write criteria'),
                  'How long the data is kept: a number of days, months or years ("1 day", "30 days"), "account lifetime", "account lifetime + 30 days" for a period after the account is closed, "not stored" (used at once and not kept), or "until processed" (deleted once the request it came with is handled). Leave it out and write criteria when no fixed period can be given',
                  '保存期限：若干 days、months 或 years（“1 day”“30 days”），“account lifetime”（账号存续期间），“account lifetime + 30 days”（账号注销后再保存的期间），“not stored”（即用即弃，不保存），或“until processed”（请求处理完毕即删除）。无法给出固定期限时不填，改写 criteria',
                  'account lifetime + 30 days',
                  '7 years',
                ).optional(),
                criteria: describe(
                  localized,
                  'How the period is decided: instead of a period when no fixed period can be given, or beside one to explain it (GDPR Art. 13(2)(a); NDSR Art. 21(3)); at least one of period and criteria is needed',
                  '确定保存期限的标准：无法给出固定期限时代替 period，或与 period 并列说明期限如何确定（GDPR 第 13(2)(a) 条；《网络数据安全管理条例》第二十一条第三项）；period 与 criteria 至少填写一项',
                  { 'zh-CN': '保存至争议解决完毕', en: 'until the dispute it relates to is resolved' },
                ).optional(),
                after_expiry: describe(
                  z.enum(['delete', 'anonymise']),
                  'What happens when the period ends: delete = the data is deleted, anonymise = it is anonymised so that it no longer identifies anyone (PIPL Art. 47; NDSR Art. 21(3))',
                  '期满后的处理：delete = 删除，anonymise = 匿名化处理，使其无法识别特定个人（《个人信息保护法》第四十七条；《网络数据安全管理条例》第二十一条第三项）',
                  'delete',
                ).optional(),
                note: describe(
                  localized,
                  'Short explanation printed with the period; a period the law sets must name that law and its article',
                  '随保存期限一并显示的简短说明；法律规定的期限须写明法律名称和条款',
                  { 'zh-CN': '《中华人民共和国税收征收管理法实施细则》第二十九条规定的期限', en: 'the period set by Article 29 of the Implementing Rules of the PRC Tax Collection Administration Law' },
                ).optional(),
              })
              .strict(),
            'How long this category is kept and what happens afterwards (PIPL Art. 17(1), 19; NDSR Art. 21(3); GDPR Art. 13(2)(a); CCPA 1798.100(a)(3))',
            '该类信息的保存期限及期满后的处理（《个人信息保护法》第十七条第一款、第十九条；《网络数据安全管理条例》第二十一条第三项；GDPR 第 13(2)(a) 条；CCPA 第 1798.100(a)(3) 条）',
            exampleRetention,
          ),
        })
        .strict(),
    )
    .min(1),
  'Kinds of personal information you collect, one entry per category, with source, purposes and retention (PIPL Art. 17(1); NDSR Art. 21; GDPR Art. 14(1)(d))',
  '收集的个人信息种类，每类一项，含来源、目的和保存期限（《个人信息保护法》第十七条第一款；《网络数据安全管理条例》第二十一条；GDPR 第 14(1)(d) 条）',
  [exampleCategory],
);
