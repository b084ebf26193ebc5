// Editor documentation in the JSON Schema (issue 5: "every field has a description in English
// and Chinese and an example"). VS Code's YAML extension shows `description` on hover and
// offers `examples` as completions, so every property must carry both, and the examples must
// be values a data file may actually hold.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { formatPath } from '../src/diagnostics.js';
import { parseFacts } from '../src/facts/load.js';
import { factsJsonSchema, localized } from '../src/facts/schema.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = readFileSync(path.join(ROOT, 'data', 'example.yaml'), 'utf8');

type JsonSchema = Record<string, unknown>;

interface Property {
  /** Data path to the property, with index 0 for list items and `*` for extra keys. */
  path: (string | number)[];
  schema: JsonSchema;
  /** The object schema that holds the property. */
  parent: JsonSchema;
}

/** Every property of the schema: object properties, list items' fields, extra-key values. */
function properties(root: JsonSchema): Property[] {
  const out: Property[] = [];
  const visit = (node: unknown, at: (string | number)[]): void => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const s = node as JsonSchema;
    for (const [key, child] of Object.entries((s.properties ?? {}) as Record<string, JsonSchema>)) {
      out.push({ path: [...at, key], schema: child, parent: s });
      visit(child, [...at, key]);
    }
    if (s.additionalProperties && typeof s.additionalProperties === 'object') {
      out.push({ path: [...at, '*'], schema: s.additionalProperties as JsonSchema, parent: s });
      visit(s.additionalProperties, [...at, '*']);
    }
    if (s.items) visit(s.items, [...at, 0]);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) for (const branch of (s[key] ?? []) as JsonSchema[]) visit(branch, at);
    for (const def of Object.values((s.$defs ?? {}) as Record<string, JsonSchema>)) visit(def, at);
  };
  visit(root, []);
  return out;
}

const schema = factsJsonSchema();
const all = properties(schema);
const label = (p: Property) => formatPath(p.path) || '(root)';
const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]/;

/** The enum codes a property takes (directly or as list items). */
function codes(s: JsonSchema): string[] {
  const items = s.items as JsonSchema | undefined;
  return ((s.enum ?? items?.enum ?? []) as unknown[]).map(String);
}

describe('JSON Schema documentation for editors', () => {
  it('walks the whole schema', () => {
    // Guards the walk itself: a schema shape it does not follow would pass every test below.
    expect(all.length).toBeGreaterThan(200);
    for (const p of ['policy.effective_date', 'data_categories[0].retention.period', 'rights.channels[0].type', 'controller.name.zh-CN', 'controller.name.en', 'ccpa.financial_incentives[0].terms'])
      expect(all.map(label)).toContain(p);
  });

  it('gives every property a description "English / 中文"', () => {
    const bad: string[] = [];
    for (const p of all) {
      const description = p.schema.description;
      if (typeof description !== 'string') {
        bad.push(`${label(p)}: no description`);
        continue;
      }
      const parts = description.split(' / ');
      if (parts.length !== 2) {
        bad.push(`${label(p)}: needs exactly one " / " between the English and the Chinese: ${description}`);
        continue;
      }
      const [en, zh] = parts as [string, string];
      if (!LATIN.test(en)) bad.push(`${label(p)}: the part before " / " has no English: ${description}`);
      if (!HAN.test(zh)) bad.push(`${label(p)}: the part after " / " has no Chinese: ${description}`);
      if (en.trim() !== en || zh.trim() !== zh || !en || !zh) bad.push(`${label(p)}: stray spaces or an empty half: ${JSON.stringify(description)}`);
    }
    expect(bad).toEqual([]);
  });

  it('gives every property at least one example', () => {
    const bad = all.filter((p) => !Array.isArray(p.schema.examples) || (p.schema.examples as unknown[]).length === 0).map(label);
    expect(bad).toEqual([]);
  });

  it('gives every localized field an example of its own, not the generic one', () => {
    const generic = JSON.stringify((localized.meta() as { examples?: unknown[] } | undefined)?.examples?.[0]);
    expect(generic).toBeDefined();
    const inherited = all.filter((p) => ((p.schema.examples ?? []) as unknown[]).some((e) => JSON.stringify(e) === generic)).map(label);
    expect(inherited).toEqual([]);
  });

  it('explains every code of an enumeration in both languages ("code = meaning")', () => {
    const bad: string[] = [];
    for (const p of all) {
      const list = codes(p.schema);
      if (!list.length) continue;
      const [en = '', zh = ''] = String(p.schema.description).split(' / ');
      for (const code of list) {
        const said = new RegExp(`(^|[^a-z_])${code} = `);
        if (!said.test(en)) bad.push(`${label(p)}: English does not say what "${code}" means`);
        if (!said.test(zh)) bad.push(`${label(p)}: Chinese does not say what "${code}" means`);
      }
    }
    expect(bad).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------

/** Data path of a property in the example file; `null` when no concrete key fits. */
function dataPath(p: Property): (string | number)[] | null {
  const last = p.path[p.path.length - 1];
  if (last !== '*') return p.path;
  const keys = Object.keys((p.parent.properties ?? {}) as object);
  // Extra keys of a localized text are further locales: one needs policy.locales and every
  // other text to change with it, which says nothing about the example itself.
  if (keys.includes('zh-CN') && keys.includes('en')) return null;
  return [...p.path.slice(0, -1), 'en'];
}

/** The value at `at`, or undefined. */
function get(data: unknown, at: readonly (string | number)[]): unknown {
  return at.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), data);
}

/** The schema's first example for a data path (used to create list items the example lacks). */
const exampleAt = new Map(all.map((p) => [formatPath(p.path), (p.schema.examples as unknown[] | undefined)?.[0]]));

/** A copy of `data` with `value` at `at`, creating missing groups and list items on the way. */
function withValue(data: unknown, at: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  at.slice(0, -1).forEach((key, i) => {
    const next = at[i + 1];
    if (typeof next === 'number' && (!Array.isArray(node[key]) || (node[key] as unknown[]).length <= next)) {
      // A list the example leaves empty (automated_decisions, financial_incentives): start
      // from the schema's own example of the list, then set the field in its first item.
      const listExample = exampleAt.get(formatPath(at.slice(0, i + 1)));
      node[key] = structuredClone(Array.isArray(listExample) && listExample.length ? listExample : [{}]);
    } else if (node[key] === undefined || node[key] === null) node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  });
  node[at[at.length - 1]!] = structuredClone(value);
  return copy;
}

const under = (diagnosticPath: string | undefined, prefix: string) =>
  diagnosticPath !== undefined && (diagnosticPath === prefix || diagnosticPath.startsWith(`${prefix}.`) || diagnosticPath.startsWith(`${prefix}[`));

describe('the examples in the schema are valid values', () => {
  const data = parseYaml(EXAMPLE) as unknown;

  it('data/example.yaml itself loads without diagnostics', () => {
    expect(parseFacts(EXAMPLE, 'example.yaml').diagnostics).toEqual([]);
  });

  const cases = all
    .map((p) => ({ p, at: dataPath(p) }))
    .filter((c): c is { p: Property; at: (string | number)[] } => c.at !== null && Array.isArray(c.p.schema.examples));

  it('checks the examples of nearly every property', () => {
    // Only the extra-locale value of localized texts is left out (see dataPath).
    expect(cases.length).toBeGreaterThan(all.length * 0.8);
  });

  it.each(cases.map((c) => [formatPath(c.at), c] as const))('%s', (_name, { p, at }) => {
    const where = formatPath(at);
    for (const example of p.schema.examples as unknown[]) {
      const text = stringifyYaml(withValue(data, at, example));
      const { diagnostics } = parseFacts(text, 'example.yaml');
      const here = diagnostics.filter((d) => under(d.path, where));
      expect(
        here.map((d) => `${d.path}: ${d.message} (${d.fix ?? ''})`),
        `example ${JSON.stringify(example)} of ${label(p)} is not a valid value`,
      ).toEqual([]);
      // The value was really set (not dropped on the way), so the check above means something.
      expect(get(parseYaml(text), at)).toEqual(example);
    }
  });
});
