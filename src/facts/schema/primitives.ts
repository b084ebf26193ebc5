/**
 * Building blocks of the facts schema: validated strings (text, ids, emails, links, dates,
 * country codes), `localized` text in every output language, and `describe`, which attaches
 * the bilingual editor documentation and examples.
 */
import { z } from 'zod';

/** Longest single string value accepted; longer values are refused, not truncated. */
export const MAX_TEXT_LENGTH = 20_000;

export const text = z.string().trim().min(1, 'must not be empty').max(MAX_TEXT_LENGTH);

/**
 * Attaches the editor documentation: "English / 中文" (exactly one " / ": the loader, the
 * scaffold and change notices split on it) and examples, the first of which the scaffold and
 * the loader's fixes show. Describe the inner schema, before `.optional()` / `.default()`.
 */
export function describe<T extends z.ZodType>(schema: T, en: string, zh: string, example?: unknown, ...more: unknown[]): T {
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

export const id = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and underscores, starting with a letter')
  .max(64);
export const email = z.email('must be an email address like privacy@example.com');
export const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://example.com/privacy' })
  .max(2048);
export const isoDate = z.iso.date('must be a date written YYYY-MM-DD, e.g. 2026-03-07');
export const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'use a two-letter ISO 3166 country code in capitals, e.g. US, CN, DE');

export const clauseId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'use the id of a clause, e.g. security or rights')
  .max(64);
