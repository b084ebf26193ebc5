/**
 * The facts schema: the one source of truth for what a data file may contain.
 * TypeScript types (`Facts`) and the editor JSON Schema (`factsJsonSchema()`) both
 * come from here, so they cannot drift apart.
 *
 * Conventions:
 * - every object is strict: an unknown key (a typo like `retension:`) is an error;
 * - `localized(...)` values are `{ zh-CN: …, en: … }`, both required; further locales
 *   (e.g. `pt-BR`) may be added as extra keys without code changes;
 * - enumerations (legal bases, cookie types…) are codes that locale files translate.
 */
import { z } from 'zod';

/** Longest single string value accepted; longer values are refused, not truncated. */
export const MAX_TEXT_LENGTH = 20_000;

const text = z.string().trim().min(1, 'must not be empty').max(MAX_TEXT_LENGTH);

/**
 * Attaches the editor documentation: "English / 中文" (exactly one " / ": the loader, the
 * scaffold and change notices split on it) and examples, the first of which the scaffold and
 * the loader's fixes show. Describe the inner schema, before `.optional()` / `.default()`.
 */
function describe<T extends z.ZodType>(schema: T, en: string, zh: string, example?: unknown, ...more: unknown[]): T {
  return schema.meta({
    description: `${en} / ${zh}`,
    ...(example === undefined ? {} : { examples: [example, ...more] }),
  }) as T;
}

/** A value written in every output language. */
export const localized = z
  .object({
    'zh-CN': describe(text, 'Simplified Chinese text', '简体中文文本', '云笺笔记'),
    en: describe(text, 'English text', '英文文本', 'Nimbus Notes'),
  })
  .catchall(
    describe(
      text,
      'Text in a further output language listed in policy.locales, e.g. pt-BR',
      'policy.locales 中列出的其他输出语言的文本，如 pt-BR',
      'Aplicativo de notas com sincronização entre dispositivos',
    ),
  )
  .meta({
    description: 'Text in every output language: zh-CN and en are required; further locales may be added / 每种输出语言的文本：zh-CN 与 en 必填',
    examples: [{ 'zh-CN': '示例科技有限公司', en: 'Example Technology Co., Ltd.' }],
  });
export type Localized = z.infer<typeof localized>;

const id = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and underscores, starting with a letter')
  .max(64);
const email = z.email('must be an email address like privacy@example.com');
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://example.com/privacy' })
  .max(2048);
const isoDate = z.iso.date('must be a date written YYYY-MM-DD, e.g. 2026-03-07');
const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'use a two-letter ISO 3166 country code in capitals, e.g. US, CN, DE');

export const JURISDICTIONS = ['pipl', 'gdpr', 'uk', 'ccpa', 'lgpd'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/** PIPL Art. 13(1)(一)–(七). `not_applicable`: the purpose is not carried out for people covered by the law. */
export const PIPL_BASES = ['consent', 'contract', 'hr_management', 'legal_obligation', 'emergency', 'news_reporting', 'public_information', 'other_law', 'not_applicable'] as const;
/** GDPR and UK GDPR Art. 6(1)(a)–(f). */
export const GDPR_BASES = ['consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests', 'not_applicable'] as const;
/** LGPD Art. 7 I–X. */
export const LGPD_BASES = [
  'consent',
  'legal_obligation',
  'public_administration',
  'research',
  'contract',
  'legal_proceedings',
  'vital_interests',
  'health_protection',
  'legitimate_interests',
  'credit_protection',
  'not_applicable',
] as const;
/** The laws whose purposes state a legal basis, and the key each uses in purposes[].bases. */
export const BASIS_LAWS = ['pipl', 'gdpr', 'uk', 'lgpd'] as const;

/** "30 days", "6 months", "7 years", "account lifetime", "account lifetime + 90 days". */
export const TRANSFER_MECHANISMS = [
  'adequacy',
  'standard_contract',
  'scc',
  'idta',
  'uk_addendum',
  'bcr',
  'security_assessment',
  'certification',
  'consent',
  'derogation',
] as const;

/** California Civil Code 1798.140(v)(1)(A)–(K): categories of personal information. */
export const CCPA_CATEGORIES = [
  'identifiers',
  'customer_records',
  'protected_characteristics',
  'commercial_information',
  'biometric_information',
  'internet_activity',
  'geolocation',
  'sensory_data',
  'professional_information',
  'education_information',
  'inferences',
] as const;

/** California Civil Code 1798.140(ae): sensitive personal information. */
export const CCPA_SENSITIVE = [
  'government_identifiers',
  'account_credentials',
  'precise_geolocation',
  'racial_or_ethnic_origin',
  'religious_beliefs',
  'union_membership',
  'communications_content',
  'genetic_data',
  'biometric_identification',
  'health',
  'sex_life_or_orientation',
] as const;

/**
 * "30 days", "1 day", "6 months", "7 years", "account lifetime", "account lifetime + 90 days",
 * "not stored" (used and discarded at once) or "until processed" (deleted once the request
 * it came with is handled).
 */
export const RETENTION_PERIOD = /^(?:account lifetime(?: \+ (?:1 (?:day|month|year)|[1-9]\d{0,3} (?:days|months|years)))?|1 (?:day|month|year)|[1-9]\d{0,3} (?:days|months|years)|not stored|until processed)$/;

const clauseId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'use the id of a clause, e.g. security or rights')
  .max(64);

// Shared by dpo and pipo: the descriptions below fit either person.
const contactPerson = z
  .object({
    name: describe(
      localized,
      'Name of the person, or the title of the office that fills the role',
      '负责人的姓名，或承担该职责的部门名称',
      { 'zh-CN': '陈梅', en: 'Chen Mei' },
    ),
    email: describe(email, 'Email address at which individuals can reach this person directly', '个人可直接联系该负责人的电子邮箱', 'dpo@nimbusnotes.example'),
    phone: describe(text, 'Phone number with country code, if you want to give one (not printed in the policy)', '联系电话（含国家代码），如需提供（不写入政策）', '+86 571 8000 0001').optional(),
    address: describe(
      localized,
      "Postal address, if it differs from the company's (not printed in the policy)",
      '通讯地址，与公司地址不同时填写（不写入政策）',
      { 'zh-CN': '浙江省杭州市西湖区文三路 398 号 12 层', en: '12/F, 398 Wensan Road, Xihu District, Hangzhou, Zhejiang, China' },
    ).optional(),
  })
  .strict();

// Shared by the EU and UK representatives.
const representative = z
  .object({
    name: describe(text, 'Legal name of the representative (the same in every language)', '代表的法定名称（各语言相同）', 'Nimbus Notes Europe B.V.'),
    address: describe(
      localized,
      'Postal address of the representative',
      '代表的通讯地址',
      { 'zh-CN': '荷兰阿姆斯特丹 Herengracht 100 号', en: 'Herengracht 100, 1015 BS Amsterdam, the Netherlands' },
    ),
    email: describe(email, 'Email address at which individuals and authorities can reach the representative', '个人和监管机构联系该代表的电子邮箱', 'eu-rep@nimbusnotes.example'),
  })
  .strict();

const exampleAddress = { 'zh-CN': '浙江省杭州市西湖区文三路 398 号 12 层', en: '12/F, 398 Wensan Road, Xihu District, Hangzhou, Zhejiang, China' };
const exampleCompany = { 'zh-CN': '云笺科技（杭州）有限公司', en: 'Yunjian Technology (Hangzhou) Co., Ltd.' };
const exampleRepresentative = {
  name: 'Nimbus Notes Europe B.V.',
  address: { 'zh-CN': '荷兰阿姆斯特丹 Herengracht 100 号', en: 'Herengracht 100, 1015 BS Amsterdam, the Netherlands' },
  email: 'eu-rep@nimbusnotes.example',
};
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
const exampleRecipient = {
  name: 'Stripe',
  role: 'processor',
  service: { 'zh-CN': '境外用户的付款处理', en: 'payment processing for customers outside China' },
  country: 'US',
  data: ['payment'],
  contact: 'privacy@stripe.com',
};
const exampleRightsProcedure = {
  'zh-CN': '向我们提出请求，我们会转交接收方并跟进处理结果',
  en: 'send your request to us; we pass it on to the recipient and follow it up',
};
const exampleTransfer = {
  from: ['CN', 'EEA', 'GB', 'BR'],
  country: 'US',
  recipients: ['Stripe', 'Anthropic'],
  mechanisms: ['standard_contract', 'scc', 'uk_addendum'],
  rights_procedure: exampleRightsProcedure,
  safeguards_copy: 'privacy@nimbusnotes.example',
};
const exampleCookie = {
  name: 'session_id',
  type: 'essential',
  purpose: { 'zh-CN': '保持您的登录状态', en: 'keeps you signed in' },
  duration: { 'zh-CN': '关闭浏览器时删除', en: 'until you close the browser' },
};
const exampleChannel = { type: 'email', value: 'privacy@nimbusnotes.example' };
const exampleWithdrawal = {
  'zh-CN': '在“设置 › 隐私”中关闭相应功能（如 AI 摘要），或发送邮件至 privacy@nimbusnotes.example',
  en: 'switch the feature off in Settings › Privacy (for example AI summaries), or email privacy@nimbusnotes.example',
};
const exampleComplaintChannel = {
  'zh-CN': '发送邮件至 privacy@nimbusnotes.example，或在应用内“帮助 › 投诉”中提交',
  en: 'email privacy@nimbusnotes.example, or use Help › Complaints in the app',
};
const exampleDecision = {
  description: { 'zh-CN': '可疑登录自动拦截', en: 'automatic blocking of suspicious sign-ins' },
  logic: { 'zh-CN': '根据登录地点、设备和连续失败次数计算风险分数', en: 'a risk score computed from the sign-in location, the device and repeated failed attempts' },
  significance: { 'zh-CN': '高风险登录会被暂时拦截，通过邮箱确认后方可继续', en: 'a high-risk sign-in is blocked until you confirm it by email' },
  how_to_object: { 'zh-CN': '发送邮件至 privacy@nimbusnotes.example 要求人工复核', en: 'email privacy@nimbusnotes.example to ask for a review by a person' },
};
const exampleSection = {
  id: 'ai_no_training',
  after: 'use',
  title: { 'zh-CN': '我们不使用您的笔记训练 AI 模型', en: 'We do not train AI models on your notes' },
  body: {
    'zh-CN': '您的笔记内容仅用于为您生成摘要，不会用于训练我们或任何第三方的 AI 模型。',
    en: "Your notes are used only to produce summaries for you. They are never used to train our own or anyone else's AI models.",
  },
};
const exampleIncentive = {
  description: { 'zh-CN': '订阅邮件通讯可享首月八折', en: '20% off the first month when you subscribe to our newsletter' },
  terms: {
    'zh-CN': '需提供电子邮箱地址；可随时退订，已享受的折扣不受影响；我们按该邮箱地址为我们带来的预计收入估算其价值',
    en: 'you give us your email address; you may unsubscribe at any time and keep the discount; we value the address at the revenue we expect it to bring us',
  },
};
const exampleMeasure = { 'zh-CN': '传输和存储中的加密（TLS 1.2 及以上、AES-256）', en: 'encryption in transit and at rest (TLS 1.2 or later, AES-256)' };
const exampleCertification = { 'zh-CN': 'ISO/IEC 27001', en: 'ISO/IEC 27001' };

/** A rights channel whose value does not fit its type: an email that is not an address, a link that is not http(s). */
export function channelProblem(type: string, value: string): string | undefined {
  if (type === 'email' && !z.email().safeParse(value).success) return 'a channel of type email needs an email address like privacy@example.com';
  if (type === 'web' && !/^https?:\/\/[^\s]+$/i.test(value)) return 'a channel of type web needs an http(s) link like https://example.com/privacy-request';
  if (type === 'in_app' && /^\s*[a-z][a-z0-9+.-]*:/i.test(value) && !/^\s*https?:\/\//i.test(value)) return 'an in_app channel is a path in the app, like Settings › Privacy, not a link or script';
  return undefined;
}

export const factsSchema = z
  .object({
    policy: describe(
      z
        .object({
          title: describe(
            localized,
            'Document title; leave out to use "Privacy Policy" in each language',
            '文件标题；不填则各语言使用“隐私政策”',
            { 'zh-CN': '云笺隐私政策', en: 'Nimbus Notes Privacy Policy' },
          ).optional(),
          effective_date: describe(
            isoDate,
            'Date this version takes effect, written YYYY-MM-DD and shown as the "last updated" date (CCPA requires it: 11 CCR 7011(e)(4)); `--date` overrides it',
            '本版本的生效日期，格式为 YYYY-MM-DD，作为“最近更新”日期显示；命令行 `--date` 可覆盖',
            '2026-03-07',
          ).optional(),
          url: describe(
            httpUrl,
            'Web address where the policy is published, so it is easy to find and keep (PIPL Art. 17(3); NDSR Art. 21)',
            '政策的公开发布地址，便于查阅和保存（《个人信息保护法》第十七条第三款；《网络数据安全管理条例》第二十一条）',
            'https://nimbusnotes.example/privacy',
          ).optional(),
          locales: describe(
            z.array(z.string().regex(/^[a-z]{2,3}(?:-[A-Z][a-zA-Z]{1,3})?$/, 'use a locale code like zh-CN, en or pt-BR')).min(1),
            'Output languages, each with a folder under locales/',
            '输出语言，每种语言在 locales/ 下有目录',
            ['zh-CN', 'en'],
          ).default(['zh-CN', 'en']),
          numbering: describe(
            z.record(
              z.string(),
              describe(
                z.enum(['chinese', 'decimal']),
                'Numbering style for this locale: chinese = 一、（一）1., decimal = 1. 1.1',
                '该语言的标题编号方式：chinese = 一、（一）1.，decimal = 1. 1.1',
                'chinese',
              ),
            ),
            'Heading numbering style per locale: chinese (一、（一）1.) or decimal (1. 1.1)',
            '每种语言的标题编号方式：chinese（一、（一））或 decimal（1. 1.1）',
            { 'zh-CN': 'chinese' },
          ).default({}),
        })
        .strict(),
      'The policy document itself: where it is published, when it takes effect, its languages and heading numbering',
      '政策文件本身：发布地址、生效日期、输出语言和标题编号',
      { url: 'https://nimbusnotes.example/privacy', effective_date: '2026-03-07', locales: ['zh-CN', 'en'], numbering: { 'zh-CN': 'chinese' } },
    ),
    jurisdictions: describe(
      z.array(z.enum(JURISDICTIONS)).min(1, 'enable at least one jurisdiction'),
      'Laws the policy must satisfy: pipl = China PIPL, gdpr = EU GDPR, uk = UK GDPR and DPA 2018, ccpa = California CCPA as amended by the CPRA, lgpd = Brazil LGPD',
      '政策须满足的法律：pipl = 中国《个人信息保护法》，gdpr = 欧盟 GDPR，uk = 英国 GDPR 及 2018 年《数据保护法》，ccpa = 经 CPRA 修订的加州 CCPA，lgpd = 巴西 LGPD',
      ['pipl', 'gdpr', 'uk', 'ccpa', 'lgpd'],
    ),
    controller: describe(
      z
        .object({
          name: describe(
            localized,
            'Full legal name of the company responsible for the data, as registered',
            '个人信息处理者（公司）的登记全称',
            exampleCompany,
          ),
          short_name: describe(localized, 'Name used in the running text, e.g. the brand', '正文中使用的简称，如品牌名', { 'zh-CN': '云笺', en: 'Nimbus Notes' }).optional(),
          address: describe(localized, 'Registered or postal address where individuals can write to the company', '注册地址或个人可寄送信件的通讯地址', exampleAddress),
          email: describe(email, 'The email address for privacy requests and questions, printed in the policy', '受理隐私请求和咨询的电子邮箱，写入政策', 'privacy@example.com'),
          phone: describe(text, 'Company phone number with country code, if you publish one', '公司联系电话（含国家代码），如需公布', '+86 571 8000 0000').optional(),
          website: describe(httpUrl, 'Company website (not printed in the policy)', '公司网站（不写入政策）', 'https://nimbusnotes.example').optional(),
          registration: describe(
            localized,
            'Company registration details, e.g. the unified social credit code, printed with the contact details',
            '公司登记信息，如统一社会信用代码，与联系方式一并写入政策',
            { 'zh-CN': '统一社会信用代码 91330106MA2H7K8Q3L（虚构）', en: 'Unified social credit code 91330106MA2H7K8Q3L (fictional)' },
          ).optional(),
          main_establishment_country: describe(
            country,
            "Country of the company's main establishment, as a two-letter ISO 3166 code in capitals (for the GDPR it decides the lead supervisory authority, Art. 56)",
            '公司主要营业机构所在国家或地区，使用两位大写 ISO 3166 代码（在 GDPR 下决定牵头监管机构，第 56 条）',
            'CN',
          ).optional(),
          establishments: describe(
            z.array(country).default([]),
            'Every country where the company has an establishment (an office, branch or subsidiary that takes part in the processing), as two-letter ISO codes. An establishment in the EEA or the UK means no Art. 27 representative is needed there',
            '公司设有营业机构（参与处理活动的办公室、分支机构或子公司）的所有国家或地区，使用两位 ISO 代码。在欧洲经济区或英国设有营业机构的，无需在当地指定第 27 条代表',
            ['CN', 'NL'],
          ).optional(),
        })
        .strict(),
      'The company responsible for the data (PIPL personal information processor; GDPR controller), named with its contact details (PIPL Art. 17(1); GDPR Art. 13(1)(a); LGPD Art. 9 III–IV)',
      '对个人信息负责的公司（个人信息处理者，GDPR 下的控制者），政策载明其名称和联系方式（《个人信息保护法》第十七条第一款；GDPR 第 13(1)(a) 条；LGPD 第 9 条 III–IV）',
      { name: exampleCompany, address: exampleAddress, email: 'privacy@nimbusnotes.example' },
    ),
    dpo: describe(
      contactPerson,
      'Data protection officer, whose contact details must be published (GDPR Art. 13(1)(b), 37(7); LGPD Art. 41 encarregado)',
      '数据保护官，其联系方式须公开（GDPR 第 13(1)(b)、37(7) 条；LGPD 第 41 条 encarregado）',
      { name: { 'zh-CN': '陈梅', en: 'Chen Mei' }, email: 'dpo@nimbusnotes.example' },
    ).optional(),
    pipo: describe(
      contactPerson,
      'Person in charge of personal information protection; publish their contact details once you process data of 1,000,000 or more individuals (PIPL Art. 52)',
      '个人信息保护负责人；处理 100 万人以上个人信息的，应公开其联系方式（《个人信息保护法》第五十二条）',
      { name: { 'zh-CN': '林晓', en: 'Lin Xiao' }, email: 'pipo@nimbusnotes.example' },
    ).optional(),
    representatives: describe(
      z
        .object({
          eu: describe(
            representative,
            'Representative in the EU, needed when a company without an EU establishment offers services to, or monitors, people in the EU (GDPR Art. 27, 13(1)(a))',
            '欧盟代表：在欧盟无营业机构的公司向欧盟境内个人提供服务或监控其行为时须指定（GDPR 第 27 条、第 13(1)(a) 条）',
            exampleRepresentative,
          ).optional(),
          uk: describe(
            representative,
            'Representative in the UK, needed on the same terms for people in the UK (UK GDPR Art. 27)',
            '英国代表：对英国境内个人适用相同条件（英国 GDPR 第 27 条）',
            { name: 'Nimbus Notes UK Ltd', address: { 'zh-CN': '英国伦敦 Old Street 20 号', en: '20 Old Street, London EC1V 9AB, United Kingdom' }, email: 'uk-rep@nimbusnotes.example' },
          ).optional(),
        })
        .strict(),
      'Representatives of a company established outside the EU or the UK (GDPR and UK GDPR Art. 27)',
      '在欧盟或英国境外设立的公司所指定的代表（GDPR 及英国 GDPR 第 27 条）',
      { eu: exampleRepresentative },
    ).optional(),
    products: describe(
      z
        .array(
          z
            .object({
              name: describe(localized, 'Name of the product or service', '产品或服务名称', { 'zh-CN': '云笺笔记', en: 'Nimbus Notes' }),
              description: describe(
                localized,
                'What the product is, in one short phrase printed after its name',
                '用一句简短的话说明产品是什么，显示在名称之后',
                { 'zh-CN': '支持多端同步和 AI 摘要的笔记应用（网页版、iOS 与 Android）', en: 'a note-taking app with sync across devices and AI summaries (web, iOS and Android)' },
              ),
            })
            .strict(),
        )
        .min(1, 'list at least one product or service'),
      'Products and services the policy covers, listed in its introduction',
      '本政策适用的产品和服务，列于引言',
      [
        {
          name: { 'zh-CN': '云笺笔记', en: 'Nimbus Notes' },
          description: { 'zh-CN': '支持多端同步和 AI 摘要的笔记应用', en: 'a note-taking app with sync across devices and AI summaries' },
        },
      ],
    ),
    purposes: describe(
      z
        .array(
          z
            .object({
              id: describe(id, 'Short code for the purpose, used in data_categories[].purposes (lower-case letters, digits, underscores)', '目的的简短代码，供 data_categories[].purposes 引用（小写字母、数字和下划线）', 'provide_service'),
              description: describe(
                localized,
                'The purpose as printed in the policy, as a short phrase',
                '写入政策的目的表述，使用简短短语',
                { 'zh-CN': '创建和管理账号，存储并同步您的笔记', en: 'creating and running your account, and storing and syncing your notes' },
              ),
              bases: describe(
                z
                  .object({
                    pipl: describe(
                      z.enum(PIPL_BASES, { error: `PIPL Art. 13(1) accepts only: ${PIPL_BASES.join(', ')} (it has no legitimate-interests basis)` }),
                      'Basis under PIPL Art. 13(1): consent = (一) the individual\'s consent, contract = (二) necessary to conclude or perform a contract with them, hr_management = (二) human-resources management under lawful rules, legal_obligation = (三) a statutory duty or obligation (name it in obligations), emergency = (四) public-health emergency or protecting life, health and property, news_reporting = (五) news reporting and public-opinion supervision, public_information = (六) information the individual or others lawfully made public, other_law = (七) another case laws or administrative regulations provide; not_applicable = this purpose is not carried out for people covered by PIPL',
                      '《个人信息保护法》第十三条第一款下的依据：consent = 取得个人同意（一），contract = 订立、履行个人作为一方当事人的合同所必需（二），hr_management = 依法实施人力资源管理所必需（二），legal_obligation = 履行法定职责或者法定义务所必需（三；须在 obligations 中写明法律），emergency = 应对突发公共卫生事件或紧急情况下保护生命健康和财产安全所必需（四），news_reporting = 为公共利益实施新闻报道、舆论监督（五），public_information = 处理已合法公开的个人信息（六），other_law = 法律、行政法规规定的其他情形（七）；not_applicable = 不对适用该法的个人开展此目的',
                      'contract',
                    ).optional(),
                    gdpr: describe(
                      z.enum(GDPR_BASES, { error: `GDPR Art. 6(1) accepts only: ${GDPR_BASES.join(', ')}` }),
                      'Basis under GDPR Art. 6(1), also used for the UK unless uk is given: consent = (a), contract = (b), legal_obligation = (c) an obligation under EU or member-state law (name it in obligations; Art. 6(3)), vital_interests = (d), public_task = (e), legitimate_interests = (f) (then fill legitimate_interest); not_applicable = this purpose is not carried out for people in the EEA',
                      'GDPR 第 6(1) 条下的依据（未填 uk 时英国亦适用）：consent = (a) 同意，contract = (b) 履行合同所必需，legal_obligation = (c) 履行欧盟或成员国法律规定的义务（须在 obligations 中写明法律；第 6(3) 条），vital_interests = (d) 保护重大利益，public_task = (e) 执行公共任务，legitimate_interests = (f) 正当利益（须同时填写 legitimate_interest）；not_applicable = 不对欧洲经济区的个人开展此目的',
                      'contract',
                    ).optional(),
                    uk: describe(
                      z.enum(GDPR_BASES, { error: `UK GDPR Art. 6(1) accepts only: ${GDPR_BASES.join(', ')}` }),
                      'Basis under UK GDPR Art. 6(1), when it differs from the gdpr one (e.g. legal_obligation needs UK law): consent = (a), contract = (b), legal_obligation = (c) an obligation under UK law (name it in obligations), vital_interests = (d), public_task = (e), legitimate_interests = (f) (then fill legitimate_interest); not_applicable = this purpose is not carried out for people in the UK',
                      '英国 GDPR 第 6(1) 条下的依据，与 gdpr 不同时填写：consent = (a) 同意，contract = (b) 履行合同所必需，legal_obligation = (c) 履行英国法律规定的义务（须在 obligations 中写明法律），vital_interests = (d) 保护重大利益，public_task = (e) 执行公共任务，legitimate_interests = (f) 正当利益（须同时填写 legitimate_interest）；not_applicable = 不对英国的个人开展此目的',
                      'legitimate_interests',
                    ).optional(),
                    lgpd: describe(
                      z.enum(LGPD_BASES, { error: `LGPD Art. 7 accepts only: ${LGPD_BASES.join(', ')}` }),
                      'Basis under LGPD Art. 7: consent = I, legal_obligation = II (Brazilian law; name it in obligations), public_administration = III, research = IV, contract = V, legal_proceedings = VI, vital_interests = VII, health_protection = VIII, legitimate_interests = IX (then fill legitimate_interest), credit_protection = X; not_applicable = this purpose is not carried out for people in Brazil',
                      'LGPD 第 7 条下的依据：consent = I 同意，legal_obligation = II 履行法定或监管义务（巴西法律；须在 obligations 中写明），public_administration = III 公共管理，research = IV 研究，contract = V 履行合同，legal_proceedings = VI 行使诉讼权利，vital_interests = VII 保护生命，health_protection = VIII 健康保护，legitimate_interests = IX 正当利益（须同时填写 legitimate_interest），credit_protection = X 信用保护；not_applicable = 不对巴西的个人开展此目的',
                      'contract',
                    ).optional(),
                  })
                  .strict(),
                'The legal basis of this purpose under each enabled law, from that law\'s own list (PIPL Art. 13; GDPR and UK GDPR Art. 6(1); LGPD Art. 7). CCPA has no legal bases.',
                '该目的在每部启用法律下的法律依据，取自该法自己的清单（《个人信息保护法》第十三条；GDPR 与英国 GDPR 第 6(1) 条；LGPD 第 7 条）。CCPA 没有法律依据的概念。',
                { pipl: 'contract', gdpr: 'contract', lgpd: 'contract' },
              ),
              obligations: describe(
                z
                  .array(
                    z
                      .object({
                        law: describe(
                          localized,
                          'The law or regulation that imposes the obligation, by its name',
                          '规定该义务的法律或法规名称',
                          { 'zh-CN': '《中华人民共和国税收征收管理法》', en: 'the Tax Collection Administration Law of the PRC' },
                        ),
                        jurisdiction: describe(
                          z.string().regex(/^(?:[A-Z]{2}|EU)$/, 'write the two-letter ISO code of the country whose law it is (CN, DE, GB, BR…), or EU for Union law'),
                          'Whose law it is: a two-letter ISO country code, or EU for Union law. A legal-obligation basis serves only the laws that accept it: PIPL → CN, GDPR → EU or an EEA state, UK GDPR → GB, LGPD → BR',
                          '该法律所属的法域：两位 ISO 国家代码，或 EU（欧盟法）。法定义务依据只对接受该法域法律的法律有效：PIPL → CN，GDPR → EU 或欧洲经济区成员国，英国 GDPR → GB，LGPD → BR',
                          'CN',
                        ),
                      })
                      .strict(),
                  )
                  .min(1),
                'The laws that impose this purpose, when a basis is legal_obligation',
                'legal_obligation 依据所对应的法律义务',
                [{ law: { 'zh-CN': '《中华人民共和国税收征收管理法》', en: 'the Tax Collection Administration Law of the PRC' }, jurisdiction: 'CN' }],
              ).optional(),
              method: describe(
                localized,
                'How the data is processed for this purpose, where it needs saying beyond the general statement (PIPL Art. 17 processing method)',
                '该目的下的处理方式，需在一般说明之外单独说明时填写（《个人信息保护法》第十七条“处理方式”）',
                { 'zh-CN': '与权威数据源比对，比对后仅保留结果', en: 'checked against an official source; only the result is kept' },
              ).optional(),
              legitimate_interest: describe(
                localized,
                'The interest pursued; required when a basis is legitimate_interests (GDPR Art. 13(1)(d); LGPD Art. 7 IX)',
                'bases 中有 legitimate_interests 时必填：所追求的正当利益（GDPR 第 13(1)(d) 条；LGPD 第 7 条 IX）',
                { 'zh-CN': '保护用户和我们的系统免受攻击与滥用', en: 'protecting our users and systems from attacks and abuse' },
              ).optional(),
            })
            .strict(),
        )
        .min(1),
      'Why you process personal information, one entry per purpose (PIPL Art. 17(1); GDPR Art. 13(1)(c); LGPD Art. 9 I)',
      '处理个人信息的目的，每个目的一项（《个人信息保护法》第十七条第一款；GDPR 第 13(1)(c) 条；LGPD 第 9 条 I）',
      [{ id: 'billing', description: { 'zh-CN': '处理订阅付款并开具发票', en: 'taking subscription payments and issuing invoices' }, bases: { pipl: 'contract', gdpr: 'contract', lgpd: 'contract' } }],
    ),
    data_categories: describe(
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
    ),
    recipients: describe(
      z
        .array(
          z
            .object({
              name: describe(
                text,
                'Name of the recipient, the same in every language; transfers[].recipients refers to it',
                '接收方名称（各语言相同），transfers[].recipients 引用该名称',
                'Stripe',
              ),
              role: describe(
                z.enum(['processor', 'controller', 'affiliate']),
                'processor = processes the data on your behalf under contract (PIPL Art. 21; CCPA service provider), controller = uses it for its own purposes (PIPL Art. 23; CCPA third party), affiliate = a company in your group',
                'processor = 受托按合同代为处理（《个人信息保护法》第二十一条；CCPA 服务提供商），controller = 为自身目的处理的其他个人信息处理者（第二十三条；CCPA 第三方），affiliate = 关联公司',
                'processor',
              ),
              service: describe(
                localized,
                'What the recipient does with the data, as printed in the policy',
                '接收方对数据做什么，写入政策',
                { 'zh-CN': '境外用户的付款处理', en: 'payment processing for customers outside China' },
              ),
              country: describe(country, 'Country where the recipient processes the data, as a two-letter ISO 3166 code in capitals', '接收方处理数据所在国家或地区，使用两位大写 ISO 3166 代码', 'US'),
              data: describe(z.array(id).min(1), 'Ids of the data categories it receives, from data_categories[].id', '接收的信息类别，填写 data_categories[].id', ['payment']),
              contact: describe(
                z.union([email, httpUrl], { error: 'must be an email address or an http(s) URL' }),
                "Recipient's privacy contact, an email address or a web page (PIPL Arts. 23, 39)",
                '接收方的隐私联系方式，电子邮箱或网页（《个人信息保护法》第二十三条、第三十九条）',
                'privacy@stripe.com',
              ).optional(),
            })
            .strict(),
        ),
      'Other companies that receive personal information from you: service providers, independent controllers and group companies (PIPL Arts. 21, 23; GDPR Art. 13(1)(e); LGPD Art. 9 V)',
      '从贵公司接收个人信息的其他公司：受托处理者、独立的个人信息处理者和关联公司（《个人信息保护法》第二十一条、第二十三条；GDPR 第 13(1)(e) 条；LGPD 第 9 条 V）',
      [exampleRecipient],
    ).default([]),
    transfers: describe(
      z
        .array(
          z
            .object({
              from: describe(
                z.array(z.string().regex(/^(?:[A-Z]{2}|EEA)$/, 'write EEA, or a two-letter ISO country code in capitals (CN, GB, BR…)')).min(1),
                'Where the data leaves from: EEA (the EU plus Iceland, Liechtenstein and Norway), or a two-letter ISO country code such as CN, GB or BR. Each law whose territory this is then checks the transfer: PIPL → CN, GDPR → EEA, UK GDPR → GB, LGPD → BR',
                '数据从何处传出：EEA（欧盟及冰岛、列支敦士登、挪威），或两位 ISO 国家代码，如 CN、GB、BR。对应法域的法律随之检查该传输：PIPL → CN，GDPR → EEA，英国 GDPR → GB，LGPD → BR',
                ['CN'],
                ['EEA', 'GB', 'BR'],
              ),
              country: describe(country, 'Destination country, as a two-letter ISO 3166 code in capitals', '目的地国家或地区，使用两位大写 ISO 3166 代码', 'US'),
              recipients: describe(
                z.array(text).min(1),
                'Names of the recipients in that country, exactly as in recipients[].name',
                '该国家或地区的接收方名称，须与 recipients[].name 完全一致',
                ['Stripe', 'Anthropic'],
              ),
              mechanisms: describe(
                z.array(z.enum(TRANSFER_MECHANISMS)).min(1),
                'Legal mechanisms that cover this transfer; each enabled jurisdiction needs one it accepts (PIPL only security_assessment, certification or standard_contract: Art. 38). adequacy = adequacy decision or regulations, standard_contract = China standard contract filed with the CAC, scc = EU Standard Contractual Clauses, idta = UK International Data Transfer Agreement, uk_addendum = UK Addendum to the EU SCCs, bcr = binding corporate rules, security_assessment = CAC security assessment, certification = personal information protection certification, consent = explicit consent, derogation = another statutory derogation (GDPR Art. 49)',
                '本次传输所依据的机制；每个启用的法域都需要其认可的机制（《个人信息保护法》第三十八条仅认可 security_assessment、certification 或 standard_contract）。adequacy = 充分性认定，standard_contract = 向网信部门备案的个人信息出境标准合同，scc = 欧盟标准合同条款，idta = 英国国际数据传输协议，uk_addendum = 欧盟标准合同条款的英国附录，bcr = 有约束力的公司规则，security_assessment = 国家网信部门组织的安全评估，certification = 个人信息保护认证，consent = 明确同意，derogation = 其他法定例外（GDPR 第 49 条）',
                ['standard_contract', 'scc', 'uk_addendum'],
              ),
              rights_procedure: describe(
                localized,
                'How individuals exercise their rights against the overseas recipient (PIPL Art. 39)',
                '个人向境外接收方行使权利的方式（《个人信息保护法》第三十九条）',
                exampleRightsProcedure,
              ).optional(),
              safeguards_copy: describe(
                z.union([email, httpUrl], { error: 'must be an email address or an http(s) URL' }),
                'Email address or web page where individuals can get a copy of the safeguards, e.g. the signed clauses (GDPR Art. 13(1)(f))',
                '个人获取保障措施（如已签署的合同条款）副本的电子邮箱或网页（GDPR 第 13(1)(f) 条）',
                'privacy@nimbusnotes.example',
              ).optional(),
            })
            .strict(),
        ),
      'Transfers of personal information to another country, one entry per destination (PIPL Arts. 38–39; GDPR Art. 13(1)(f); LGPD Art. 33)',
      '向境外国家或地区传输个人信息，每个目的地一项（《个人信息保护法》第三十八条、第三十九条；GDPR 第 13(1)(f) 条；LGPD 第 33 条）',
      [exampleTransfer],
    ).default([]),
    cookies: describe(
      z
        .array(
          z
            .object({
              name: describe(text, 'Cookie name, exactly as the browser shows it', 'Cookie 名称，与浏览器中显示的一致', 'session_id'),
              type: describe(
                z.enum(['essential', 'functional', 'analytics', 'marketing']),
                'essential = strictly necessary for the service, functional = remembers choices such as language, analytics = measures how the service is used, marketing = advertising or tracking across sites',
                'essential = 提供服务所必需，functional = 记住语言等设置，analytics = 统计服务的使用情况，marketing = 广告或跨网站追踪',
                'essential',
              ),
              purpose: describe(localized, 'What the cookie does, in plain words', '用通俗的语言说明该 Cookie 的作用', { 'zh-CN': '记住界面语言和主题', en: 'remembers your language and theme' }),
              duration: describe(localized, 'How long the cookie is kept', 'Cookie 的保存时长', { 'zh-CN': '12 个月', en: '12 months' }),
            })
            .strict(),
        ),
      'Cookies and similar technologies your website or app sets, listed in the cookie table',
      '网站或应用设置的 Cookie 及同类技术，列于 Cookie 表',
      [exampleCookie],
    ).default([]),
    children: describe(
      z
        .object({
          min_age: describe(
            z.number().int().min(0).max(21),
            "Minimum age to use the service without a parent's or guardian's consent; below 14 brings in the PIPL rules for children (PIPL Arts. 28, 31)",
            '无需父母或监护人同意即可使用服务的最低年龄；低于 14 岁适用《个人信息保护法》关于儿童的规定（第二十八条、第三十一条）',
            14,
          ),
          directed_to_children: describe(
            z.boolean(),
            'true if the service is aimed at children; the policy then says so and must be written so a child can understand it (GDPR Art. 12(1))',
            'true 表示服务面向儿童，政策将作相应说明，且须使用儿童易懂的语言（GDPR 第 12(1) 条）',
            false,
          ).default(false),
          guardian_consent_process: describe(
            localized,
            'How a parent or guardian gives consent for a child below the minimum age (PIPL Art. 31; LGPD Art. 14 §1)',
            '未达最低年龄的儿童，其父母或监护人如何给予同意（《个人信息保护法》第三十一条；LGPD 第 14 条第 1 款）',
            {
              'zh-CN': '监护人在“设置 › 家庭”中验证本人手机号后确认同意',
              en: 'the parent or guardian confirms consent in Settings › Family after verifying their own mobile number',
            },
          ).optional(),
          rules_url: describe(
            httpUrl,
            "Web address of your dedicated rules for children's personal information (PIPL Art. 31; NDSR Art. 22)",
            '儿童个人信息处理专门规则的网址（《个人信息保护法》第三十一条；《网络数据安全管理条例》第二十二条）',
            'https://nimbusnotes.example/children-privacy',
          ).optional(),
        })
        .strict(),
      "Who may use the service and how children's data is handled (PIPL Arts. 28, 31; GDPR Art. 8; LGPD Art. 14)",
      '服务的使用年龄及儿童个人信息的处理（《个人信息保护法》第二十八条、第三十一条；GDPR 第 8 条；LGPD 第 14 条）',
      { min_age: 14, directed_to_children: false },
    ),
    rights: describe(
      z
        .object({
          channels: describe(
            z
              .array(
                z
                  .object({
                    type: describe(
                      z.enum(['email', 'web', 'in_app']),
                      'email = an email address, web = an online form, in_app = a place in the app',
                      'email = 电子邮箱，web = 在线表单，in_app = 应用内入口',
                      'email',
                    ),
                    value: describe(
                      text,
                      'The email address (type email), the http(s) link of the form (type web) or the in-app path (type in_app), as readers should see it',
                      '对应的邮箱地址、表单链接或应用内路径，按读者看到的样子填写',
                      'privacy@nimbusnotes.example',
                      '设置 › 隐私 / Settings › Privacy',
                    ),
                    label: describe(
                      localized,
                      'Optional name for the channel (not printed in the policy)',
                      '该途径的名称，可选（不写入政策）',
                      { 'zh-CN': '隐私请求表单', en: 'Privacy request form' },
                    ).optional(),
                  })
                  .strict()
                  .superRefine((channel, ctx) => {
                    const problem = channelProblem(channel.type, channel.value);
                    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
                  }),
              )
              .min(1),
            'Ways to send a request, at least one; CCPA needs two or more, including a toll-free number unless online only (Civ. Code 1798.130(a)(1))',
            '提出请求的途径，至少一项；CCPA 要求两种以上，且除仅在线经营外须包括免费电话（加州民法典第 1798.130(a)(1) 条）',
            [exampleChannel, { type: 'in_app', value: '设置 › 隐私 / Settings › Privacy' }],
          ),
          account_deletion_days: describe(
            z.number().int().min(1).max(90),
            'Days within which you commit to complete an account closure, printed as your own commitment (no law in the modules sets one)',
            '承诺完成账号注销的天数，作为公司自己的承诺写入政策（各模块的法律均未规定具体天数）',
            15,
          ).optional(),
          account_deletion: describe(
            localized,
            'How to delete the account: where in the app or whom to write to, and how long it takes (NDSR Art. 21(4))',
            '注销账号的方式：应用内路径或联系方式，以及完成时限（《网络数据安全管理条例》第二十一条第四项）',
            {
              'zh-CN': '在“设置 › 账号 › 注销账号”中提交，或发送邮件至 privacy@nimbusnotes.example；我们在 15 日内完成注销',
              en: 'use Settings › Account › Delete account, or email privacy@nimbusnotes.example; we complete the deletion within 15 days',
            },
          ).optional(),
          verification: describe(
            localized,
            'How you check that a request comes from the person it concerns (CCPA: Civ. Code 1798.130(a)(2); 11 CCR 7011)',
            '核实请求人身份的方式（CCPA：加州民法典第 1798.130(a)(2) 条；11 CCR 7011）',
            {
              'zh-CN': '我们会请您从账号绑定的邮箱确认请求；代理人须提供您签署的授权书',
              en: 'we ask you to confirm the request from the email address on your account; agents must provide a permission signed by you',
            },
          ).optional(),
          authorized_agents: describe(
            localized,
            'How an authorized agent may make a request for someone, and what proof you need (CCPA: 11 CCR 7011(e)(3)(H))',
            '授权代理人代为提出请求的方式及所需证明（CCPA：11 CCR 7011(e)(3)(H)）',
            {
              'zh-CN': '代理人可发送邮件至 privacy@nimbusnotes.example，并附上您签署的授权书',
              en: 'an agent may email privacy@nimbusnotes.example with a permission you have signed',
            },
          ).optional(),
        })
        .strict(),
      'How individuals exercise their rights, such as access, copy, correction, deletion and portability (PIPL Arts. 44–50; NDSR Art. 21(4); GDPR Arts. 15–21; CCPA 1798.130(a); LGPD Art. 18)',
      '个人如何行使查阅、复制、更正、删除、转移等权利（《个人信息保护法》第四十四条至第五十条；《网络数据安全管理条例》第二十一条第四项；GDPR 第 15–21 条；CCPA 第 1798.130(a) 条；LGPD 第 18 条）',
      { channels: [exampleChannel], account_deletion_days: 15 },
    ),
    consent: describe(
      z
        .object({
          withdrawal_method: describe(
            localized,
            'How to withdraw consent, which must be as easy as giving it: the setting to switch off, or whom to write to (PIPL Art. 15; GDPR Art. 7(3), 13(2)(c))',
            '撤回同意的方式，应与给予同意同样便捷：关闭哪项设置，或向谁发送请求（《个人信息保护法》第十五条；GDPR 第 7(3)、13(2)(c) 条）',
            exampleWithdrawal,
          ),
          refusal_consequences: describe(
            localized,
            'What happens if someone refuses consent (LGPD Art. 18 VIII)',
            '拒绝同意的后果（LGPD 第 18 条 VIII）',
            { 'zh-CN': '您仍可使用不依赖该同意的全部功能', en: 'you can still use every feature that does not depend on that consent' },
          ).optional(),
        })
        .strict(),
      'How individuals withdraw or refuse consent (PIPL Art. 15; GDPR Art. 13(2)(c); LGPD Arts. 8 §5, 18 VIII–IX)',
      '个人如何撤回或拒绝同意（《个人信息保护法》第十五条；GDPR 第 13(2)(c) 条；LGPD 第 8 条第 5 款、第 18 条 VIII–IX）',
      { withdrawal_method: exampleWithdrawal },
    ).optional(),
    complaints: describe(
      z
        .object({
          channel: describe(
            localized,
            'Where individuals complain to the company, e.g. an email address or an in-app form (NDSR Art. 20; UK DPA 2018 s. 164A)',
            '个人向公司投诉的渠道，如电子邮箱或应用内表单（《网络数据安全管理条例》第二十条；英国 2018 年《数据保护法》第 164A 条）',
            exampleComplaintChannel,
          ),
          acknowledge_days: describe(
            z.number().int().min(1).max(30),
            'Days within which you acknowledge a complaint; at most 30 in the UK (DPA 2018 s. 164A)',
            '确认收到投诉的天数；在英国不得超过 30 天（2018 年《数据保护法》第 164A 条）',
            30,
            7,
          ).optional(),
        })
        .strict(),
      "The company's own complaint channel (NDSR Art. 20; UK DPA 2018 s. 164A)",
      '公司自己的投诉渠道（《网络数据安全管理条例》第二十条；英国 2018 年《数据保护法》第 164A 条）',
      { channel: exampleComplaintChannel, acknowledge_days: 7 },
    ).optional(),
    automated_decisions: describe(
      z.array(
        z
          .object({
            description: describe(localized, 'What the decision is, as a short title', '该决定是什么，用简短标题表述', exampleDecision.description),
            logic: describe(localized, 'The logic involved, in terms a reader can follow (GDPR Art. 13(2)(f))', '所涉逻辑，用读者能理解的方式说明（GDPR 第 13(2)(f) 条）', exampleDecision.logic),
            significance: describe(localized, 'Significance and likely consequences for the individual', '对个人的意义和可能后果', exampleDecision.significance),
            how_to_object: describe(
              localized,
              'How to refuse the decision or ask for a review by a person (PIPL Art. 24; GDPR Art. 22(3); LGPD Art. 20)',
              '拒绝该决定或要求人工复核的方式（《个人信息保护法》第二十四条；GDPR 第 22(3) 条；LGPD 第 20 条）',
              exampleDecision.how_to_object,
            ),
          })
          .strict(),
      ),
      'Decisions made solely by automated means, including profiling; write [] to state there are none (PIPL Art. 24; GDPR Art. 22; LGPD Art. 20)',
      '仅通过自动化方式（包括画像）作出的决定；没有则写 []（《个人信息保护法》第二十四条；GDPR 第 22 条；LGPD 第 20 条）',
      [exampleDecision],
    ).optional(),
    custom_sections: describe(
      z
        .array(
          z
            .object({
              id: describe(id, 'Short code for the section, used as its anchor and in cross-references', '该节的简短代码，用作锚点和交叉引用', 'ai_no_training'),
              title: describe(localized, 'Section heading; the number is added automatically', '章节标题，编号自动添加', exampleSection.title),
              body: describe(
                localized,
                'Paragraphs separated by blank lines; lines starting with "- " form a list',
                '以空行分段；以“- ”开头的行构成列表',
                exampleSection.body,
              ),
              after: describe(clauseId, 'Id of the clause this section follows, e.g. use, security or rights', '本节紧随其后的条款 id，如 use、security 或 rights', 'use'),
            })
            .strict(),
        )
        .max(50),
      'Company-specific sections, numbered and cross-referenced like built-in clauses',
      '公司特有的章节，与内置条款一样编号和交叉引用',
      [exampleSection],
    ).default([]),
    pipl: describe(
      z
        .object({
          storage_in_china: describe(
            z.boolean(),
            'true if personal information collected in mainland China is stored there; required of critical information infrastructure operators and processors above the CAC volume threshold (PIPL Art. 40)',
            'true 表示在中国境内收集的个人信息存储在境内；关键信息基础设施运营者和处理量达到国家网信部门规定数量的处理者必须如此（《个人信息保护法》第四十条）',
            true,
          ),
          response_days: describe(
            z.number().int().min(1).max(90),
            'Days within which you commit to answer a request from an individual in mainland China. PIPL and NDSR Art. 23 set no number ("及时", promptly), so the policy prints it in the PIPL section only, labelled as your own commitment',
            '对中国境内个人请求的承诺答复天数。《个人信息保护法》和《网络数据安全管理条例》第二十三条仅要求“及时”，未规定天数，因此只在 PIPL 部分写明，并注明为公司自己的承诺',
            15,
          ).optional(),
          network_log_months: describe(
            z.number().int().min(6, 'network logs must be kept for at least 6 months (Cybersecurity Law Art. 21(3), Art. 23(3) from 2026)').max(120),
            'Months network logs are kept; at least 6 (Cybersecurity Law Art. 21(3), Art. 23(3) from 2026-01-01)',
            '网络日志保存月数，不少于 6 个月（《网络安全法》第二十一条第三项，2026 年 1 月 1 日起为第二十三条第三项）',
            6,
          ),
        })
        .strict(),
      // Written "label (guidance)": change notices use the text before the final ASCII
      // parenthesis as the group's name (src/versions/values.ts, schemaDescription).
      'China (PIPL) settings (used only by the pipl module; fill in when jurisdictions includes pipl)',
      '中国（PIPL）专项设置 (仅 pipl 模块使用；jurisdictions 含 pipl 时填写)',
      { storage_in_china: true, network_log_months: 6 },
    ).optional(),
    gdpr: describe(
      z
        .object({
          child_consent_age: describe(
            z.number().int().min(13).max(16),
            'Age of digital consent where you rely on consent (GDPR Art. 8: 16 unless a member state sets 13–15)',
            '依赖同意时的数字同意年龄（GDPR 第 8 条：默认 16 岁，成员国可设为 13 至 15 岁）',
            16,
          ).default(16),
          min_age: describe(
            z.number().int().min(13).max(21),
            'Minimum age for people in the EEA, when it is higher than children.min_age (for example 16, so that no parental consent under Art. 8 is needed)',
            '欧洲经济区用户的最低年龄，高于 children.min_age 时填写（如 16，则无需依第 8 条取得父母同意）',
            16,
          ).optional(),
          lead_authority: describe(
            localized,
            'Lead supervisory authority, i.e. that of your main establishment in the EU (GDPR Art. 56)',
            '牵头监管机构，即贵公司在欧盟的主要营业机构所在地的监管机构（GDPR 第 56 条）',
            { 'zh-CN': '荷兰数据保护局（Autoriteit Persoonsgegevens）', en: 'the Dutch Data Protection Authority (Autoriteit Persoonsgegevens)' },
          ).optional(),
        })
        .strict(),
      'EU (GDPR) settings (used only by the gdpr module)',
      '欧盟（GDPR）专项设置 (仅 gdpr 模块使用)',
      { child_consent_age: 16 },
    ).optional(),
    ccpa: describe(
      z
        .object({
          thresholds_met: describe(
            z.boolean(),
            'true if the business meets a CCPA threshold (1798.140(d)(1): annual gross revenue above the adjusted amount, 100,000 or more consumers or households, or half its revenue from selling or sharing); false if you publish the California section voluntarily, which the policy then says',
            '企业达到 CCPA 适用门槛时为 true（第 1798.140(d)(1) 条：年总收入超过调整后的金额、涉及 10 万以上消费者或家庭、或一半以上收入来自出售或共享个人信息）；自愿发布加州部分时为 false，政策会如实说明',
            true,
          ),
          sells_or_shares: describe(
            z.boolean(),
            'true if you sell personal information, or share it for cross-context behavioural advertising (Civ. Code 1798.100(a)(1), 1798.120)',
            'true 表示出售个人信息，或为跨情境行为广告共享个人信息（加州民法典第 1798.100(a)(1)、1798.120 条）',
            false,
          ),
          sold_or_shared_12m: describe(
            z.array(id),
            'Ids of the data categories sold or shared in the last 12 months; [] states that none were (Civ. Code 1798.130(a)(5)(C)(i))',
            '过去 12 个月内出售或共享的信息类别 id；[] 表示没有（加州民法典第 1798.130(a)(5)(C)(i) 条）',
            [],
            ['device_logs'],
          ),
          disclosed_for_business_purpose_12m: describe(
            z.array(id),
            'Ids of the data categories disclosed for a business purpose in the last 12 months; [] states that none were (Civ. Code 1798.130(a)(5)(C)(ii))',
            '过去 12 个月内为商业目的披露的信息类别 id；[] 表示没有（加州民法典第 1798.130(a)(5)(C)(ii) 条）',
            [],
            ['account', 'notes', 'payment', 'device_logs'],
          ),
          honours_opt_out_signals: describe(
            z.boolean(),
            'true if you treat opt-out preference signals such as Global Privacy Control as a request to opt out (Civ. Code 1798.135(b); 11 CCR 7011(e)(3)(F))',
            'true 表示将 Global Privacy Control 等退出偏好信号视为退出请求（加州民法典第 1798.135(b) 条；11 CCR 7011(e)(3)(F)）',
            true,
          ),
          opt_out_url: describe(
            httpUrl,
            'The "Do Not Sell or Share My Personal Information" page (Civ. Code 1798.135(a)(1))',
            '“请勿出售或共享我的个人信息”页面（加州民法典第 1798.135(a)(1) 条）',
            'https://nimbusnotes.example/do-not-sell',
          ).optional(),
          spi_beyond_permitted: describe(
            z.boolean(),
            'true if sensitive personal information is used beyond the purposes allowed by Civ. Code 1798.121(a); the policy then offers the right to limit',
            'true 表示超出加州民法典第 1798.121(a) 条允许的目的使用敏感个人信息，政策将说明限制使用的权利',
            false,
          ).default(false),
          limit_spi_url: describe(
            httpUrl,
            'The "Limit the Use of My Sensitive Personal Information" page (Civ. Code 1798.135(a)(2))',
            '“限制使用我的敏感个人信息”页面（加州民法典第 1798.135(a)(2) 条）',
            'https://nimbusnotes.example/limit-sensitive-data',
          ).optional(),
          toll_free_number: describe(
            text,
            'Toll-free number for requests; not needed if you operate online only and have a direct relationship with consumers (Civ. Code 1798.130(a)(1)(A))',
            '受理请求的免费电话；仅在线经营且与消费者有直接关系的无需提供（加州民法典第 1798.130(a)(1)(A) 条）',
            '+1 800 555 0134',
          ).optional(),
          online_only: describe(
            z.boolean(),
            'true if you operate exclusively online and have a direct relationship with consumers, so an email address can replace the toll-free number (Civ. Code 1798.130(a)(1)(A))',
            'true 表示仅在线经营并与消费者有直接关系，可用电子邮箱代替免费电话（加州民法典第 1798.130(a)(1)(A) 条）',
            true,
          ).default(true),
          financial_incentives: describe(
            z
              .array(
                z
                  .object({
                    description: describe(localized, 'The incentive (what you offer, in one phrase)', '激励内容 (用一句话说明提供什么)', exampleIncentive.description),
                    terms: describe(
                      localized,
                      'Terms of the incentive (the data involved, how to opt in and withdraw, how you value the data: 11 CCR 7016)',
                      '激励条款 (涉及的信息、如何加入和退出、如何估算该信息的价值：11 CCR 7016)',
                      exampleIncentive.terms,
                    ),
                  })
                  .strict(),
              ),
            'Financial incentives or price differences offered in exchange for personal information; [] if none (Civ. Code 1798.125(b))',
            '为换取个人信息而提供的经济激励或价格差异；没有则写 []（加州民法典第 1798.125(b) 条）',
            [exampleIncentive],
          ).default([]),
          knows_under_16: describe(
            z.boolean(),
            'true if you know you sell or share personal information of consumers under 16 (Civ. Code 1798.120(c))',
            'true 表示知悉出售或共享未满 16 岁消费者的个人信息（加州民法典第 1798.120(c) 条）',
            false,
          ).default(false),
          optin_process: describe(
            localized,
            'How consumers aged 13 to 15, or parents of under-13s, opt in to sale or sharing (Civ. Code 1798.120(c))',
            '13 至 15 岁消费者本人或未满 13 岁消费者的父母如何选择同意出售或共享（加州民法典第 1798.120(c) 条）',
            {
              'zh-CN': '在“设置 › 隐私”中开启“允许共享”，未满 13 岁的须由父母通过邮件确认',
              en: 'switch on "Allow sharing" in Settings › Privacy; for children under 13 a parent confirms by email',
            },
          ).optional(),
        })
        .strict(),
      'California (CCPA) settings (used only by the ccpa module; fill in when jurisdictions includes ccpa)',
      '加州（CCPA）专项设置 (仅 ccpa 模块使用；jurisdictions 含 ccpa 时填写)',
      { thresholds_met: true, sells_or_shares: false, sold_or_shared_12m: [], disclosed_for_business_purpose_12m: ['account', 'payment'], honours_opt_out_signals: true },
    ).optional(),
    lgpd: describe(
      z
        .object({
          transfers_page_url: describe(
            httpUrl,
            'Plain-language page in Portuguese on international transfers (ANPD Res. CD/ANPD 19/2024)',
            '关于国际传输的葡萄牙语通俗说明页面（巴西 ANPD 第 19/2024 号决议）',
            'https://nimbusnotes.example/pt-br/transferencias',
          ).optional(),
        })
        .strict(),
      'Brazil (LGPD) settings (used only by the lgpd module)',
      '巴西（LGPD）专项设置 (仅 lgpd 模块使用)',
      { transfers_page_url: 'https://nimbusnotes.example/pt-br/transferencias' },
    ).optional(),
    security: describe(
      z
        .object({
          measures: describe(z.array(localized).min(1), 'Main technical and organisational measures, one per entry, in plain words', '主要的技术和组织措施，每项一条，用通俗语言表述', [exampleMeasure]),
          certifications: describe(
            z.array(localized),
            'Security certifications you hold, e.g. ISO/IEC 27001; [] if none. The MLPS is a filing and an assessment, not a certification: write it in mlps_level',
            '已取得的安全认证，如 ISO/IEC 27001；没有则写 []。网络安全等级保护是备案和测评，不是认证：请写在 mlps_level',
            [exampleCertification],
          ).default([]),
          mlps_level: describe(
            z.number().int().min(1).max(5),
            'The level of the Multi-Level Protection Scheme (网络安全等级保护) for which your system is filed with the public security authority and has passed the grading assessment (备案、测评)',
            '信息系统已向公安机关备案并通过等级测评的网络安全等级保护级别',
            3,
          ).optional(),
          notify_all_incidents: describe(
            z.boolean(),
            'true if you commit to tell individuals of every security incident affecting their data, beyond what the law requires (PIPL Art. 57 and GDPR Art. 34 set thresholds); false prints the legal duty only',
            '承诺就每一起涉及个人信息的安全事件通知个人（超出法律要求；《个人信息保护法》第五十七条和 GDPR 第 34 条设有门槛）时为 true；false 则只写法定义务',
            false,
          ).default(false),
        })
        .strict(),
      'How you protect personal information (PIPL Art. 51; GDPR Art. 32)',
      '保护个人信息的安全措施（《个人信息保护法》第五十一条；GDPR 第 32 条）',
      { measures: [exampleMeasure], certifications: [exampleCertification] },
    ),
  })
  .strict();

export type Facts = z.infer<typeof factsSchema>;
export type FactsInput = z.input<typeof factsSchema>;

/** JSON Schema (draft 2020-12) for editors: `# yaml-language-server: $schema=…`. */
export function factsJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(factsSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://policygen.dev/schema/facts.schema.json',
    title: 'policygen facts',
  };
}
