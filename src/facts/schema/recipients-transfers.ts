/** Who receives personal information, and its transfers to other countries. */
import { z } from 'zod';
import { TRANSFER_MECHANISMS } from './codes.js';
import { country, describe, email, httpUrl, id, localized, text } from './primitives.js';

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

/** How a recipient gets the data (recipients[].method), translated by lists.method.<code>. */
export const RECIPIENT_METHODS = ['api', 'upload', 'hosting', 'access'] as const;

export const recipients = describe(
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
          method: describe(
            z.enum(RECIPIENT_METHODS),
            'How the recipient gets the data (共享方式), shown in the third-party sharing list: api = we send it through an interface (API), upload = we upload files to it, hosting = it keeps the data on its servers as our hosting or storage provider, access = it accesses our systems with the rights we grant. SDKs embedded in the app are listed under sdks',
            '接收方获得数据的方式（共享方式），列入第三方共享清单：api = 通过接口（API）传输，upload = 以文件形式上传，hosting = 作为我们的云服务或存储服务商，在其服务器上存储数据，access = 接收方在我们授予的权限内访问我们的系统。应用中嵌入的 SDK 请填写在 sdks 中',
            'api',
          ).optional(),
          scenario: describe(
            localized,
            'When the data is shared (使用场景), shown in the third-party sharing list; without it the list names the purposes of the data shared',
            '在何种场景下提供数据（使用场景），列入第三方共享清单；不填时，清单列出所提供信息的处理目的',
            { 'zh-CN': '您购买或续订付费方案时', en: 'when you buy or renew a paid plan' },
          ).optional(),
        })
        .strict(),
    ),
  'Other companies that receive personal information from you: service providers, independent controllers and group companies (PIPL Arts. 21, 23; GDPR Art. 13(1)(e); LGPD Art. 9 V)',
  '从贵公司接收个人信息的其他公司：受托处理者、独立的个人信息处理者和关联公司（《个人信息保护法》第二十一条、第二十三条；GDPR 第 13(1)(e) 条；LGPD 第 9 条 V）',
  [exampleRecipient],
).default([]);

export const transfers = describe(
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
            'Names of the recipients in that country, exactly as in recipients[].name, or an SDK\'s name in any language (sdks[].name)',
            '该国家或地区的接收方名称，须与 recipients[].name 完全一致，或为 SDK 任一语言的名称（sdks[].name）',
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
).default([]);

export const sellsPersonalInformation = describe(
  z.boolean(),
  'false: the policy says "We do not sell your personal information" in every document (a statement the company commits to; leave out to say nothing). The California part uses ccpa.sells_or_shares, whose "sell" and "share" are the CCPA\'s; the two may not contradict each other',
  'false：各文件均写明“我们不出售您的个人信息”（公司对此作出承诺；不填则不作说明）。加州部分使用 ccpa.sells_or_shares，其“出售”“共享”按 CCPA 定义；两者不得相互矛盾',
  false,
).optional();
