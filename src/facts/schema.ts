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

function describe<T extends z.ZodType>(schema: T, en: string, zh: string, example?: unknown): T {
  return schema.meta({
    description: `${en} / ${zh}`,
    ...(example === undefined ? {} : { examples: [example] }),
  }) as T;
}

/** A value written in every output language. */
export const localized = z
  .object({ 'zh-CN': text, en: text })
  .catchall(text)
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

export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const;

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

export const RETENTION_PERIOD = /^(?:account lifetime(?: \+ [1-9]\d{0,3} (?:days|months|years))?|[1-9]\d{0,3} (?:days|months|years))$/;

const clauseId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'use the id of a clause, e.g. security or rights')
  .max(64);

const contactPerson = z
  .object({
    name: describe(localized, 'Name or title of the person or office', '人员或部门名称'),
    email,
    phone: text.optional(),
    address: localized.optional(),
  })
  .strict();

const representative = z
  .object({ name: text, address: localized, email })
  .strict();

export const factsSchema = z
  .object({
    policy: z
      .object({
        title: describe(localized, 'Document title; defaults to "Privacy Policy" in each language', '文件标题，默认为“隐私政策”').optional(),
        effective_date: describe(isoDate, 'Date the policy takes effect (until the release ledger supplies it)', '生效日期', '2026-03-07').optional(),
        url: describe(httpUrl, 'Where the policy is published', '政策发布地址', 'https://example.com/privacy').optional(),
        locales: describe(
          z.array(z.string().regex(/^[a-z]{2,3}(?:-[A-Z][a-zA-Z]{1,3})?$/, 'use a locale code like zh-CN, en or pt-BR')).min(1),
          'Output languages, each with a folder under locales/',
          '输出语言，每种语言在 locales/ 下有目录',
          ['zh-CN', 'en'],
        ).default(['zh-CN', 'en']),
        numbering: describe(
          z.record(z.string(), z.enum(['chinese', 'decimal'])),
          'Heading numbering style per locale: chinese (一、（一）1.) or decimal (1. 1.1)',
          '每种语言的标题编号方式：chinese（一、（一））或 decimal（1. 1.1）',
          { 'zh-CN': 'chinese' },
        ).default({}),
      })
      .strict(),
    jurisdictions: describe(
      z.array(z.enum(JURISDICTIONS)).min(1, 'enable at least one jurisdiction'),
      'Jurisdiction modules to apply',
      '适用的法域模块',
      ['pipl', 'gdpr', 'uk', 'ccpa', 'lgpd'],
    ),
    controller: z
      .object({
        name: describe(localized, 'Legal name of the company responsible for the data', '个人信息处理者（公司）名称'),
        short_name: describe(localized, 'Name used in the text, e.g. the brand', '文中简称，如品牌名').optional(),
        address: describe(localized, 'Registered or postal address', '注册地址或通讯地址'),
        email: describe(email, 'Privacy contact email', '隐私事务联系邮箱', 'privacy@example.com'),
        phone: text.optional(),
        website: httpUrl.optional(),
        registration: describe(localized, 'Company registration details', '公司登记信息').optional(),
        main_establishment_country: country.optional(),
      })
      .strict(),
    dpo: describe(contactPerson, 'Data protection officer (GDPR Art. 37, LGPD encarregado)', '数据保护官').optional(),
    pipo: describe(contactPerson, 'Person in charge of personal information protection (PIPL Art. 52)', '个人信息保护负责人').optional(),
    representatives: z
      .object({ eu: representative.optional(), uk: representative.optional() })
      .strict()
      .optional(),
    products: z
      .array(z.object({ name: localized, description: localized }).strict())
      .min(1, 'list at least one product or service'),
    purposes: z
      .array(
        z
          .object({
            id,
            description: localized,
            legal_basis: z.enum(LEGAL_BASES),
            method: describe(localized, 'How the data is processed for this purpose (PIPL Art. 17: 处理方式)', '处理方式').optional(),
            legitimate_interest: describe(localized, 'The interest pursued, when legal_basis is legitimate_interests', '依据正当利益时说明该利益').optional(),
          })
          .strict(),
      )
      .min(1),
    data_categories: z
      .array(
        z
          .object({
            id,
            name: localized,
            examples: localized,
            source: z.enum(['you', 'automatic', 'third_party']),
            required: describe(z.boolean(), 'Whether the service cannot work without it', '是否为提供服务所必需'),
            consequence_if_refused: localized.optional(),
            sensitive: describe(z.boolean(), 'Sensitive personal information (PIPL Art. 28; GDPR Art. 9; LGPD Art. 5 II)', '是否为敏感个人信息').default(false),
            necessity: describe(localized, 'Why sensitive data is necessary (PIPL Art. 30)', '处理敏感个人信息的必要性').optional(),
            impact: describe(localized, 'Impact on the individual of processing sensitive data (PIPL Art. 30)', '对个人权益的影响').optional(),
            source_detail: describe(localized, 'Who the data comes from, when not from the individual (GDPR Art. 14(2)(f))', '间接收集时的信息来源').optional(),
            ccpa_category: describe(z.enum(CCPA_CATEGORIES), 'California category (Civ. Code 1798.140(v)(1))', '加州法律下的个人信息类别').optional(),
            ccpa_sensitive: describe(z.enum(CCPA_SENSITIVE), 'California sensitive category (Civ. Code 1798.140(ae)), if any', '加州法律下的敏感个人信息类别').optional(),
            purposes: z.array(id).min(1),
            retention: z
              .object({
                period: describe(
                  z.string().regex(RETENTION_PERIOD, 'write e.g. "30 days", "6 months", "7 years", "account lifetime" or "account lifetime + 90 days"'),
                  'How long the data is kept',
                  '保存期限',
                  'account lifetime + 30 days',
                ),
                after_expiry: z.enum(['delete', 'anonymise']),
                note: localized.optional(),
              })
              .strict(),
          })
          .strict(),
      )
      .min(1),
    recipients: z
      .array(
        z
          .object({
            name: describe(text, 'Recipient name (the same in every language)', '接收方名称'),
            role: z.enum(['processor', 'controller', 'affiliate']),
            service: localized,
            country,
            data: z.array(id).min(1),
            contact: z.union([email, httpUrl], { error: 'must be an email address or an http(s) URL' }).optional(),
          })
          .strict(),
      )
      .default([]),
    transfers: z
      .array(
        z
          .object({
            country,
            recipients: z.array(text).min(1),
            mechanisms: describe(
              z.array(z.enum(TRANSFER_MECHANISMS)).min(1),
              'Legal mechanisms that cover this transfer; each enabled jurisdiction needs one it accepts',
              '本次传输所依据的机制；每个启用的法域都需要其认可的机制',
              ['standard_contract', 'scc', 'uk_addendum'],
            ),
            rights_procedure: describe(localized, 'How individuals exercise their rights against the overseas recipient (PIPL Art. 39)', '向境外接收方行使权利的方式').optional(),
            safeguards_copy: describe(z.union([email, httpUrl], { error: 'must be an email address or an http(s) URL' }), 'Where to get a copy of the safeguards (GDPR Art. 13(1)(f))', '获取保障措施副本的途径').optional(),
          })
          .strict(),
      )
      .default([]),
    cookies: z
      .array(
        z
          .object({
            name: text,
            type: z.enum(['essential', 'functional', 'analytics', 'marketing']),
            purpose: localized,
            duration: localized,
          })
          .strict(),
      )
      .default([]),
    children: z
      .object({
        min_age: describe(z.number().int().min(0).max(21), 'Minimum age to use the service without a guardian', '无需监护人即可使用服务的最低年龄', 14),
        directed_to_children: z.boolean().default(false),
        guardian_consent_process: describe(localized, 'How a parent or guardian gives consent', '监护人同意的方式').optional(),
        rules_url: describe(httpUrl, "Dedicated rules for children's personal information (PIPL Art. 31)", '儿童个人信息保护规则的地址').optional(),
      })
      .strict(),
    rights: z
      .object({
        channels: z
          .array(
            z
              .object({ type: z.enum(['email', 'web', 'in_app']), value: text, label: localized.optional() })
              .strict(),
          )
          .min(1),
        response_days: describe(z.number().int().min(1).max(90), 'Days within which you commit to answer a request', '承诺的答复天数', 15).optional(),
        account_deletion: describe(localized, 'How to delete the account (NDSR Art. 21(4))', '注销账号的方式').optional(),
        verification: describe(localized, 'How requests are verified (CCPA)', '核实请求人身份的方式').optional(),
        authorized_agents: describe(localized, 'How an authorized agent may make a request (CCPA)', '授权代理人提出请求的方式').optional(),
      })
      .strict(),
    consent: z
      .object({
        withdrawal_method: describe(localized, 'How to withdraw consent', '撤回同意的方式'),
        refusal_consequences: describe(localized, 'What happens if consent is refused (LGPD Art. 18 VIII)', '拒绝同意的后果').optional(),
      })
      .strict()
      .optional(),
    complaints: z
      .object({
        channel: describe(localized, 'Where to complain to you (NDSR Art. 20; UK DPA 2018 s. 164A)', '向贵公司投诉的渠道'),
        acknowledge_days: describe(z.number().int().min(1).max(30), 'Days to acknowledge a complaint (UK: at most 30)', '确认收到投诉的天数', 30).optional(),
      })
      .strict()
      .optional(),
    automated_decisions: describe(
      z.array(
        z
          .object({
            description: localized,
            logic: describe(localized, 'The logic involved', '所涉逻辑'),
            significance: describe(localized, 'Significance and consequences for the individual', '对个人的意义和后果'),
            how_to_object: describe(localized, 'How to refuse or ask for human review', '拒绝或要求人工复核的方式'),
          })
          .strict(),
      ),
      'Decisions made solely by automated means; write [] to state there are none',
      '仅通过自动化方式作出的决定；没有则写 []',
    ).optional(),
    custom_sections: describe(
      z
        .array(
          z
            .object({
              id,
              title: localized,
              body: describe(localized, 'Paragraphs separated by blank lines; lines starting with "- " form a list', '以空行分段；以“- ”开头的行构成列表'),
              after: describe(clauseId, 'Id of the clause this section follows', '本节之前的条款 id', 'security'),
            })
            .strict(),
        )
        .max(50),
      'Company-specific sections, numbered and cross-referenced like built-in clauses',
      '公司特有的章节，与内置条款一样编号和交叉引用',
    ).default([]),
    pipl: z
      .object({
        storage_in_china: describe(z.boolean(), 'Personal information collected in mainland China is stored there (PIPL Art. 40)', '境内收集的个人信息存储在境内'),
        network_log_months: describe(
          z.number().int().min(6, 'network logs must be kept for at least 6 months (Cybersecurity Law Art. 21(3), Art. 23(3) from 2026)').max(120),
          'Months network logs are kept (at least 6)',
          '网络日志保存月数（不少于 6 个月）',
          6,
        ),
      })
      .strict()
      .optional(),
    gdpr: z
      .object({
        child_consent_age: describe(z.number().int().min(13).max(16), 'Age of digital consent where you rely on consent (GDPR Art. 8: 16 unless a member state sets 13–15)', '数字同意年龄', 16).default(16),
        lead_authority: describe(localized, 'Lead supervisory authority (main establishment)', '牵头监管机构').optional(),
      })
      .strict()
      .optional(),
    ccpa: z
      .object({
        sells_or_shares: describe(z.boolean(), 'Whether personal information is sold or shared (cross-context behavioural advertising)', '是否出售或共享个人信息'),
        sold_or_shared_12m: describe(z.array(id), 'Data category ids sold or shared in the last 12 months ([] = none)', '过去 12 个月内出售或共享的信息类别'),
        disclosed_for_business_purpose_12m: describe(z.array(id), 'Data category ids disclosed for a business purpose in the last 12 months ([] = none)', '过去 12 个月内为商业目的披露的信息类别'),
        honours_opt_out_signals: describe(z.boolean(), 'Whether opt-out preference signals (e.g. Global Privacy Control) are honoured', '是否响应退出偏好信号（如 GPC）'),
        opt_out_url: describe(httpUrl, 'The "Do Not Sell or Share My Personal Information" page', '“请勿出售或共享我的个人信息”页面').optional(),
        spi_beyond_permitted: describe(z.boolean(), 'Whether sensitive personal information is used beyond the purposes of 1798.121(a)', '是否超出法定目的使用敏感个人信息').default(false),
        limit_spi_url: describe(httpUrl, 'The "Limit the Use of My Sensitive Personal Information" page', '“限制使用我的敏感个人信息”页面').optional(),
        toll_free_number: describe(text, 'Toll-free number for requests (not needed if online-only with a direct relationship)', '免费电话').optional(),
        online_only: describe(z.boolean(), 'Operates exclusively online with a direct relationship with consumers', '仅在线经营并与消费者有直接关系').default(true),
        financial_incentives: z.array(z.object({ description: localized, terms: localized }).strict()).default([]),
        knows_under_16: describe(z.boolean(), 'Whether you know you sell or share data of consumers under 16', '是否知悉出售或共享未满 16 岁消费者的信息').default(false),
        optin_process: describe(localized, 'How under-16s (or parents of under-13s) opt in', '未满 16 岁者选择加入的方式').optional(),
      })
      .strict()
      .optional(),
    lgpd: z
      .object({
        transfers_page_url: describe(httpUrl, 'Portuguese page on international transfers (ANPD Res. 19/2024)', '关于国际传输的葡萄牙语页面').optional(),
      })
      .strict()
      .optional(),
    security: z
      .object({
        measures: z.array(localized).min(1),
        certifications: z.array(localized).default([]),
      })
      .strict(),
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
