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
export const RETENTION_PERIOD = /^(?:account lifetime(?: \+ [1-9]\d{0,3} (?:days|months|years))?|[1-9]\d{0,3} (?:days|months|years))$/;

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
            sensitive: z.boolean().default(false),
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
            contact: z.union([email, httpUrl]).optional(),
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
            mechanism: z.enum([
              'adequacy',
              'standard_contract',
              'scc',
              'idta',
              'uk_addendum',
              'bcr',
              'security_assessment',
              'certification',
              'consent',
            ]),
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
      })
      .strict(),
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
