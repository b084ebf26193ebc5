/**
 * `policygen init`: a data file to start from, written from the schema itself. It holds
 * every field the chosen jurisdictions need, each with a comment saying what it is for
 * (English / 中文), and values to fill marked TODO / 待填写 — which `check` reports as
 * placeholders until they are replaced.
 */
import { z } from 'zod';
import { elementOf, fieldMeta, isLocalized, isOptional, unwrap, type FieldMeta } from '../facts/introspect.js';
import { BASIS_LAWS, factsSchema, GDPR_BASES, LGPD_BASES, PIPL_BASES, type Jurisdiction } from '../facts/schema/index.js';
import type { JurisdictionModule } from '../library/modules.js';

export interface ScaffoldOptions {
  jurisdictions: readonly Jurisdiction[];
  modules: ReadonlyMap<Jurisdiction, JurisdictionModule>;
  /** The company's name, if known (used for the English name). */
  company?: string;
  /** Path from the data file to schema/facts.schema.json, for the editor comment. */
  schemaPath: string;
}

const MARK_EN = 'TODO';
const MARK_ZH = '待填写';

export function scaffold(options: ScaffoldOptions): string {
  const needed = neededPaths(options);
  const lines = [
    `# yaml-language-server: $schema=${options.schemaPath}`,
    '#',
    '# Privacy policy facts. Replace every TODO / 待填写, then run `policygen check` on this file.',
    '# 隐私政策事实数据。请替换所有 TODO / 待填写，然后运行 `policygen check` 检查本文件。',
    '',
  ];
  emitObject(factsSchema, [], 0, lines, needed, options);
  lines.push(...transfersExample(options));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

/** Field paths (generic, `a.b[].c` form) that the chosen jurisdictions' disclosures need. */
function neededPaths(options: ScaffoldOptions): Set<string> {
  const out = new Set<string>(['policy.effective_date', 'policy.url', 'controller.short_name']);
  for (const j of options.jurisdictions) {
    for (const d of options.modules.get(j)?.disclosures ?? []) {
      for (const pattern of d.facts) {
        const generic = pattern.replace(/\[\?\w+\]/g, '[]');
        // Every prefix too, so the groups holding a needed field are written.
        const parts = generic.split('.');
        for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('.'));
      }
    }
  }
  return out;
}

/** The field's "English / 中文" description and examples, or nothing. */
function meta(schema: z.ZodType): FieldMeta {
  return fieldMeta(schema, { inWrappers: true }) ?? {};
}

function emitObject(schema: z.ZodObject, path: string[], indent: number, lines: string[], needed: Set<string>, options: ScaffoldOptions): void {
  const pad = ' '.repeat(indent);
  for (const [key, child] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const fieldPath = [...path, key].join('.');
    const inner = unwrap(child)!;
    const optional = isOptional(child);
    const jurisdictionGroup = path.length === 0 && (options.jurisdictions as string[]).includes(key);
    // Inside a jurisdiction's own group, fields with a default are shown so the group is complete.
    const inJurisdictionGroup = path.length === 1 && (options.jurisdictions as string[]).includes(path[0]!);
    const hasDefault = child instanceof z.ZodDefault;
    if (optional && !needed.has(fieldPath) && !jurisdictionGroup && !(inJurisdictionGroup && hasDefault)) continue;
    const { description } = meta(child);
    if (description && !description.startsWith('Text in every output language')) lines.push(`${pad}# ${description}`);
    if (fieldPath === 'purposes[].bases') {
      lines.push(...basesLines(pad, key, options));
      continue;
    }
    if (isLocalized(inner)) {
      // --company in Chinese is the zh-CN name (the English one is left to fill in), otherwise the English name.
      const chinese = Boolean(options.company && /\p{Script=Han}/u.test(options.company));
      const value =
        fieldPath === 'controller.name' && options.company
          ? chinese
            ? { zh: quote(options.company), en: `${MARK_EN} (the English name of ${options.company})` }
            : { zh: `${MARK_ZH}（${options.company} 的中文名称）`, en: options.company }
          : { zh: MARK_ZH, en: MARK_EN };
      lines.push(`${pad}${key}:`, `${pad}  zh-CN: ${value.zh}`, `${pad}  en: ${quote(value.en)}`);
    } else if (inner instanceof z.ZodObject) {
      const body: string[] = [];
      emitObject(inner, [...path, key], indent + 2, body, needed, options);
      if (body.some((l) => !l.trimStart().startsWith('#'))) lines.push(`${pad}${key}:`, ...body);
      else lines.push(`${pad}${key}: {}`);
    } else if (inner instanceof z.ZodArray) {
      emitArray(inner, key, [...path, key], indent, lines, needed, options);
    } else {
      lines.push(`${pad}${key}: ${scalar(inner, fieldPath, options)}`);
    }
  }
}

function emitArray(schema: z.ZodArray, key: string, path: string[], indent: number, lines: string[], needed: Set<string>, options: ScaffoldOptions): void {
  const pad = ' '.repeat(indent);
  const element = unwrap(elementOf(schema))!;
  const fieldPath = path.join('.');
  if (fieldPath === 'jurisdictions') {
    lines.push(`${pad}${key}: [${options.jurisdictions.join(', ')}]`);
    return;
  }
  if (element instanceof z.ZodEnum || element instanceof z.ZodString) {
    const example = meta(schema).examples?.[0];
    if (REFERENCE_EXAMPLES[fieldPath]) {
      lines.push(`${pad}${key}: ${REFERENCE_EXAMPLES[fieldPath]}`);
      return;
    }
    if (Array.isArray(example)) lines.push(`${pad}${key}: [${example.join(', ')}]`);
    else if (fieldPath.endsWith('_12m')) lines.push(`${pad}${key}: []`);
    else lines.push(`${pad}${key}: [${element instanceof z.ZodEnum ? String(element.options[0]) : 'example'}]`);
    return;
  }
  if (isLocalized(element)) {
    lines.push(`${pad}${key}:`, `${pad}  - zh-CN: ${MARK_ZH}`, `${pad}    en: ${MARK_EN}`);
    return;
  }
  if (element instanceof z.ZodObject) {
    lines.push(`${pad}${key}:`);
    const body: string[] = [];
    emitObject(element, [...path.slice(0, -1), `${key}[]`], 0, body, needed, options);
    body.forEach((line, i) => lines.push(`${pad}${i === firstField(body) ? '- ' : '  '}${line}`));
    return;
  }
  lines.push(`${pad}${key}: []`);
}

/** Ids of the first entry of each list, and lists that refer to them. */
const ID_EXAMPLES: Record<string, string> = { 'purposes[]': 'purpose_1', 'data_categories[]': 'category_1', 'custom_sections[]': 'section_1' };
const REFERENCE_EXAMPLES: Record<string, string> = { 'data_categories[].purposes': '[purpose_1]', 'recipients[].data': '[category_1]', 'transfers[].recipients': '[TODO]' };

function firstField(body: string[]): number {
  return body.findIndex((l) => !l.startsWith('#'));
}

/**
 * `bases:` with one TODO per enabled law that has legal bases (the UK follows the GDPR unless
 * only the UK is enabled), and each law's own list in a comment: the choice is a legal one.
 */
function basesLines(pad: string, key: string, options: ScaffoldOptions): string[] {
  const laws = BASIS_LAWS.filter((law) => options.jurisdictions.includes(law) && !(law === 'uk' && options.jurisdictions.includes('gdpr')));
  if (!laws.length) return [`${pad}${key}: {}  # CCPA has no legal bases`];
  const lists: Record<string, readonly string[]> = { pipl: PIPL_BASES, gdpr: GDPR_BASES, uk: GDPR_BASES, lgpd: LGPD_BASES };
  return [
    ...laws.map((law) => `${pad}# ${law}: ${lists[law]!.join(', ')}${law === 'pipl' ? ' (no legitimate_interests under PIPL / PIPL 没有正当利益依据)' : ''}`),
    `${pad}# legal_obligation needs obligations: naming the law and whose law it is (PIPL → CN, GDPR → EU/EEA, UK → GB, LGPD → BR) / legal_obligation 须在 obligations 中写明法律及其法域`,
    `${pad}${key}: { ${laws.map((law) => `${law}: ${MARK_EN}`).join(', ')} }`,
  ];
}

/** Where data leaves from under each enabled law (the territory in its module). */
function territories(options: ScaffoldOptions): string[] {
  return [...new Set(options.jurisdictions.flatMap((j) => options.modules.get(j)?.territory.slice(0, 1) ?? []))];
}

/** A commented-out transfer, in the current model (with `from:`), for files that will need one. */
function transfersExample(options: ScaffoldOptions): string[] {
  const from = territories(options);
  if (!from.length) return [];
  return [
    '',
    '# Recipients abroad need a transfer entry; uncomment and fill in when you have one.',
    '# 向境外接收方提供个人信息的，须填写传输条目；如有，请取消注释并填写。',
    '# recipients:',
    '#   - name: Example Cloud Inc.',
    '#     role: processor',
    '#     service: { zh-CN: 云托管, en: cloud hosting }',
    '#     country: US',
    '#     data: [category_1]',
    '# transfers:',
    `#   - from: [${from.join(', ')}]   # where the data leaves from: each enabled law's territory that it leaves / 数据传出地`,
    '#     country: US',
    '#     recipients: [Example Cloud Inc.]',
    '#     mechanisms: [standard_contract, scc]   # one that each law accepts / 每部法律认可的机制',
  ];
}

function scalar(schema: z.ZodType, fieldPath: string, options: ScaffoldOptions): string {
  const example = meta(schema).examples?.[0];
  // Choices only a person can make: left as TODO, which check reports with the choices.
  if (fieldPath === 'ccpa.thresholds_met') return `${MARK_EN}  # true or false`;
  if (fieldPath === 'rights.channels[].value') return 'todo@example.com';
  if (schema instanceof z.ZodEnum) return `${String(schema.options[0])}  # one of: ${schema.options.map(String).join(', ')}`;
  if (schema instanceof z.ZodBoolean) return 'false';
  if (schema instanceof z.ZodNumber) return String(typeof example === 'number' ? example : (schema.minValue ?? 1));
  const s = schema as z.ZodType & { format?: string | null };
  if (s.format === 'email' || /email$/.test(fieldPath)) return 'todo@example.com';
  if (s.format === 'url' || /(url|website)$/.test(fieldPath)) return 'https://example.com/TODO';
  if (s.format === 'date') return '"2026-01-01"  # check: the date this version takes effect';
  if (fieldPath.endsWith('.id')) return ID_EXAMPLES[fieldPath.split('.')[0]!] ?? 'item_1';
  if (/country$/.test(fieldPath)) return 'US  # check: two-letter country code';
  if (/period$/.test(fieldPath)) return 'account lifetime  # or "30 days", "6 months", "7 years", "account lifetime + 30 days"';
  if (/after$/.test(fieldPath)) return 'security  # the clause this section follows';
  return MARK_EN;
}

function quote(value: string): string {
  return /^[\w .,()'-]+$/.test(value) && !/^(true|false|null|yes|no)$/i.test(value) ? value : JSON.stringify(value);
}
