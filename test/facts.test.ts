// Facts stage: the catalogue of broken data files (one realistic fault each), the valid
// fixtures, the JSON Schema for editors, and the limits that keep hostile files cheap.
//
// The broken files are made at test time from data/example.yaml by a table of small edits
// (test/fixtures/broken/make-fixtures.mjs: one line or a few replaced), so that lines and
// columns stay those of the example. Catalogue snapshots: test/fixtures/broken/<case>.expected.txt
// holds the diagnostics of that case formatted with formatDiagnostic, one block each. Regenerate with
//   UPDATE=1 npx vitest run test/facts.test.ts
// and READ every changed file before committing it. A snapshot is only written when the
// case's EXPECTED entry (ids, lines, paths, wording) holds, so a regenerated snapshot cannot
// silently accept a diagnostic that points at the wrong line.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CATALOGUE, formatDiagnostic, type Diagnostic, type DiagnosticId } from '../src/diagnostics.js';
import { LIMITS, loadFacts, parseFacts } from '../src/facts/load.js';
import { factsJsonSchema } from '../src/facts/schema.js';
import { localize } from '../src/messages.js';
import { CASES, makeFixtures, writeFixtures } from './fixtures/broken/make-fixtures.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Snapshots of the catalogue's diagnostics (the broken files themselves are generated). */
const SNAPSHOTS = path.join(ROOT, 'test', 'fixtures', 'broken');
const VALID = path.join(ROOT, 'test', 'fixtures', 'valid');
const EXAMPLE = path.join(ROOT, 'data', 'example.yaml');
const UPDATE = process.env.UPDATE === '1';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'policygen-facts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
/** The generated files: <GENERATED>/broken/<case>.yaml and <GENERATED>/valid/bom-crlf.yaml. */
const GENERATED = writeFixtures(path.join(tmp, 'generated'));
const BROKEN = path.join(GENERATED, 'broken');
const BOM_CRLF = path.join(GENERATED, 'valid', 'bom-crlf.yaml');

// ---------------------------------------------------------------------------------------
// Expectations per broken fixture, in the order the diagnostics are reported (by line).
// ---------------------------------------------------------------------------------------

/**
 * Where a diagnostic must point:
 * - a string or RegExp: the one line of the fixture that contains / matches it;
 * - `{ needle, nth }`: the nth (1-based) such line;
 * - a number: that line; `null`: no line at all (a file-level problem);
 * - an array: any of these (where more than one place is defensible).
 */
type Loc = string | RegExp | { needle: string | RegExp; nth: number } | number | null;

interface Expected {
  /** The diagnostic id, or the ids that are acceptable. */
  id: DiagnosticId | DiagnosticId[];
  at: Loc | Loc[];
  column?: number;
  path?: string;
  /** Each must match `message + "\n" + fix`: the diagnostic names the fault and the fix. */
  says?: RegExp[];
  /** Must not match `message + "\n" + fix` (misleading advice). */
  never?: RegExp[];
}

const EXPECTED: Record<string, Expected[]> = {
  'bad-retention-period': [
    { id: 'invalid-value', at: 'period: 30 dayz', column: 15, path: 'data_categories[3].retention.period', says: [/30 dayz/, /"30 days"/] },
  ],
  // Saved by Windows Notepad: the BOM must not shift columns, CRLF must not shift lines.
  'bom-crlf-invalid-email': [
    { id: 'invalid-value', at: 'email: privacy(at)', column: 10, path: 'controller.email', says: [/privacy\(at\)nimbusnotes\.example/, /email address/] },
  ],
  'country-lowercase': [{ id: 'invalid-value', at: 'country: us', path: 'recipients[1].country', says: [/"us"/, /capitals/] }],
  'date-not-iso': [{ id: 'invalid-value', at: 'effective_date: 7 March 2026', path: 'policy.effective_date', says: [/7 March 2026/, /YYYY-MM-DD/] }],
  // The second `email:` is the fault; the diagnostic must say which key and where.
  'duplicate-key': [{ id: 'invalid-value', at: 'email: legal@', column: 3, path: 'controller.email', says: [/\bemail\b/, /keep one/] }],
  'duplicate-purpose-id': [{ id: 'duplicate-id', at: { needle: '- id: billing', nth: 2 }, path: 'purposes[3].id', says: [/"billing"/] }],
  'empty-email': [{ id: ['wrong-type', 'missing-field'], at: /^ {2}email:$/, path: 'controller.email', says: [/email/] }],
  'empty-file': [{ id: 'wrong-type', at: [1, null], says: [/mapping/] }],
  'invalid-email': [
    { id: 'invalid-value', at: 'email: privacy(at)', column: 10, path: 'controller.email', says: [/privacy\(at\)nimbusnotes\.example/, /email address/] },
  ],
  // One Windows-1252 byte in line 51: say where, or the user has 240 lines to search.
  'invalid-utf8': [{ id: 'invalid-encoding', at: '1015 BS Amsterdam', says: [/UTF-8/] }],
  // PIPL has no legitimate interests: refused by that law's own list of bases, which the fix gives.
  'pipl-basis-not-in-law': [
    { id: 'basis-not-in-law', at: 'pipl: legitimate_interests, gdpr: contract', column: 20, path: 'purposes[2].bases.pipl', says: [/"billing"/, /PIPL/, /"legitimate_interests"/, /consent, contract, hr_management, legal_obligation/], never: [/legitimate_interests,/] },
  ],
  // A file of the older format: the old key, and what replaced it (and that migrate rewrites it).
  'old-legal-basis': [
    { id: 'field-replaced', at: 'legal_basis: contract', column: 5, path: 'purposes[0].legal_basis', says: [/legal_basis/, /bases:/, /policygen migrate/] },
  ],
  // The purpose entry lacks the field; its bases line is what makes it required.
  'legitimate-interest-missing': [
    { id: 'missing-field', at: ['- id: security', { needle: 'gdpr: legitimate_interests', nth: 2 }], path: 'purposes[5].legitimate_interest', says: [/legitimate_interest:/] },
  ],
  'list-not-mapping': [{ id: 'wrong-type', at: '- policy:', says: [/mapping/] }],
  'locale-code-lowercase': [{ id: 'invalid-value', at: 'locales: [zh-cn, en]', path: 'policy.locales[0]', says: [/"zh-cn"/, /zh-CN/] }],
  // `ja` is no misspelling of `en`: suggesting it would make the lawyer delete the English text's key.
  'localized-extra-locale': [
    { id: 'unknown-locale', at: 'ja: 陳梅', path: 'dpo.name.ja', says: [/"ja"/, /policy\.locales/], never: [/did you mean "en"/] },
  ],
  'localized-missing-en': [
    { id: 'missing-field', at: [{ needle: /^ {2}name:$/, nth: 2 }, 'zh-CN: 陈梅'], path: 'dpo.name.en', says: [/"en"/, /en: /] },
  ],
  // `zh:` where `zh-CN:` was meant: the diagnostic must point at the `zh` key and name it.
  'localized-zh-not-zh-cn': [{ id: ['unknown-locale', 'missing-field'], at: 'zh: 陈梅', says: [/zh-CN/, /"?\bzh\b(?!-)/] }],
  'many-errors': [
    { id: 'invalid-value', at: 'hipaa', path: 'jurisdictions[5]', says: [/"hipaa"/] },
    { id: 'invalid-value', at: 'email: privacy(at)', path: 'controller.email', says: [/privacy\(at\)/] },
    { id: 'unknown-field', at: 'phone_number:', path: 'dpo.phone_number', says: [/"phone_number"/, /phone/] },
    { id: 'basis-not-in-law', at: 'pipl: agreement', path: 'purposes[2].bases.pipl', says: [/"agreement"/] },
    { id: 'invalid-value', at: 'period: 30 dayz', path: 'data_categories[3].retention.period', says: [/30 dayz/] },
    { id: 'wrong-type', at: 'min_age: fourteen', path: 'children.min_age', says: [/number/, /fourteen/] },
  ],
  'min-age-out-of-range': [{ id: 'invalid-value', at: 'min_age: 25', path: 'children.min_age', says: [/\b25\b/, /\b21\b/] }],
  // The mapping that lacks the field: its key line, or its first line.
  'missing-controller-email': [
    { id: 'missing-field', at: [/^controller:$/, { needle: /^ {2}name:$/, nth: 1 }], path: 'controller.email', says: [/"email"/, /privacy@example\.com/] },
  ],
  // A whole section is missing: no line in the file is at fault (and `policy:` certainly is
  // not); the fix must say what the section holds.
  'missing-section-rights': [{ id: 'missing-field', at: [null, 1], path: 'rights', says: [/"rights"/, /channels/] }],
  'products-is-text': [{ id: 'wrong-type', at: 'products: Nimbus Notes', path: 'products', says: [/list/, /Nimbus Notes, a note-taking app/] }],
  'proto-key': [{ id: 'forbidden-key', at: '__proto__:', path: 'controller.__proto__', says: [/__proto__/, /remove/] }],
  'recipient-contact-invalid': [
    { id: 'invalid-value', at: 'contact: Stripe privacy team', path: 'recipients[1].contact', says: [/email/, /URL|https?:/] },
  ],
  'required-yes-no': [{ id: 'wrong-type', at: 'required: no', path: 'data_categories[2].required', says: [/true or false/, /"no"/] }],
  'tab-indentation': [{ id: 'yaml-syntax', at: '\tmin_age: 14', column: 1, says: [/tab/i, /spaces/] }],
  'text-empty': [{ id: 'invalid-value', at: 'en: ""', path: 'cookies[0].purpose.en', says: [/""/, /empty/] }],
  'transfer-unknown-recipient': [
    { id: 'unknown-reference', at: 'recipients: [Stripe, OpenAI]', path: 'transfers[0].recipients[1]', says: [/"OpenAI"/, /Stripe, Anthropic/] },
  ],
  // One typo, one diagnostic: not also "retention is missing" on another line.
  'typo-field-retension': [{ id: 'unknown-field', at: 'retension:', path: 'data_categories[2].retension', says: [/"retension"/, /did you mean "retention"\?/] }],
  'unknown-data-category-reference': [
    { id: 'unknown-reference', at: 'voice_recordings', path: 'recipients[2].data[1]', says: [/"voice_recordings"/, /account, notes, payment, device_logs/] },
  ],
  'unknown-jurisdiction': [{ id: 'invalid-value', at: 'hipaa', path: 'jurisdictions[1]', says: [/"hipaa"/, /pipl, gdpr, uk, ccpa, lgpd/] }],
  'unknown-purpose-reference': [
    { id: 'unknown-reference', at: 'provide_services', column: 26, path: 'data_categories[3].purposes[1]', says: [/"provide_services"/, /did you mean "provide_service"\?/] },
  ],
  'url-without-scheme': [{ id: 'invalid-value', at: 'url: nimbusnotes', path: 'policy.url', says: [/nimbusnotes\.example\/privacy/, /https?:\/\//] }],
  'yaml-bad-indentation': [{ id: 'yaml-syntax', at: /^ {3}bases: \{ pipl: consent/, says: [/indentation/] }],
  // The quote is opened on line 25 and never closed: line 25 is the one to fix, not the end of the file.
  'yaml-unclosed-quote': [{ id: 'yaml-syntax', at: 'en: "12/F', says: [/quote/i] }],
  'yaml-unquoted-colon': [{ id: 'yaml-syntax', at: 'en: Note: keeps', says: [/quote/] }],
};

// ---------------------------------------------------------------------------------------

/** The fixture's lines as an editor shows them (BOM dropped, any line ending, bad bytes as U+FFFD). */
function fixtureLines(bytes: Uint8Array): string[] {
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
}

function resolveLoc(loc: Loc, lines: readonly string[]): number | null {
  if (loc === null || typeof loc === 'number') return loc;
  const { needle, nth } = typeof loc === 'object' && 'needle' in loc ? loc : { needle: loc, nth: 0 };
  const matches = lines.flatMap((text, i) => ((typeof needle === 'string' ? text.includes(needle) : needle.test(text)) ? [i + 1] : []));
  if (nth === 0 && matches.length !== 1) throw new Error(`needle ${String(needle)} matches ${matches.length} lines (${matches.join(', ')}); make it unique`);
  const line = matches[(nth || 1) - 1];
  if (line === undefined) throw new Error(`needle ${String(needle)} has no occurrence ${nth}`);
  return line;
}

/** Commands the CLI defines, read from its source, for checking the advice in fixes. */
const CLI_COMMANDS = [...readFileSync(path.join(ROOT, 'src', 'cli', 'main.ts'), 'utf8').matchAll(/\.command\('([a-z-]+)'\)/g)].map((m) => m[1]);

function snapshotText(diagnostics: readonly Diagnostic[]): string {
  return `${diagnostics.map(formatDiagnostic).join('\n\n')}\n`;
}

/** Every diagnostic of the catalogue must be usable on its own. */
function checkWellFormed(d: Diagnostic, file: string, lines: readonly string[]): void {
  const label = `${d.id} at ${d.line}:${d.column}`;
  expect(Object.keys(CATALOGUE), label).toContain(d.id);
  expect(d.severity, label).toBe('error');
  expect(d.file, label).toBe(file);
  expect(d.message.trim().length, `${label}: empty message`).toBeGreaterThan(0);
  expect(d.fix?.trim().length ?? 0, `${label}: no fix`).toBeGreaterThan(0);
  for (const text of [d.message, d.fix ?? '', d.path ?? '']) expect(text, `${label}: leaked a JS value`).not.toMatch(/\bundefined\b|\[object |\bNaN\b/);
  for (const m of (d.fix ?? '').matchAll(/`policygen ([a-z-]+)/g)) expect(CLI_COMMANDS, `${label}: the fix names a command the CLI does not have`).toContain(m[1]);
  if (d.line !== undefined) {
    expect(d.line, label).toBeGreaterThanOrEqual(1);
    expect(d.line, `${label}: past the end of the file`).toBeLessThanOrEqual(lines.length);
    expect(d.column, `${label}: a line without a column`).toBeGreaterThanOrEqual(1);
    expect(d.column!, `${label}: column past the end of the line`).toBeLessThanOrEqual((lines[d.line - 1] ?? '').length + 1);
  } else expect(d.column, `${label}: a column without a line`).toBeUndefined();
}

function checkExpected(diagnostics: readonly Diagnostic[], expected: readonly Expected[], lines: readonly string[]): void {
  const describeAll = diagnostics.map(formatDiagnostic).join('\n');
  const want = expected.map((e, i) => {
    const ids: string[] = [e.id].flat();
    const got = diagnostics[i]?.id;
    return got && ids.includes(got) ? got : ids.join(' | ');
  });
  expect(diagnostics.map((d) => d.id), `diagnostic ids differ; got:\n${describeAll}`).toEqual(want);
  expected.forEach((e, i) => {
    const d = diagnostics[i]!;
    const label = `diagnostic ${i + 1} (${formatDiagnostic(d).split('\n')[0]})`;
    const lineChoices = (Array.isArray(e.at) ? e.at : [e.at]).map((loc) => resolveLoc(loc, lines));
    expect(lineChoices, `${label}: wrong line; expected ${lineChoices.map((l) => (l === null ? 'no line' : `line ${l}: ${JSON.stringify(lines[l - 1])}`)).join(' or ')}`).toContain(d.line ?? null);
    if (e.column !== undefined) expect(d.column, `${label}: wrong column`).toBe(e.column);
    if (e.path !== undefined) expect(d.path, `${label}: wrong field path`).toBe(e.path);
    const text = `${d.message}\n${d.fix ?? ''}`;
    for (const re of e.says ?? []) expect(text, `${label}: message/fix should match ${re}`).toMatch(re);
    for (const re of e.never ?? []) expect(text, `${label}: message/fix must not match ${re}`).not.toMatch(re);
  });
}

const brokenCases = readdirSync(BROKEN)
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => n.slice(0, -'.yaml'.length))
  .sort();

describe('catalogue of broken data files', () => {
  it('has an EXPECTED entry for every fixture, a fixture for every entry, and no stale snapshots', () => {
    expect(brokenCases.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(EXPECTED).sort()).toEqual(brokenCases);
    const snapshots = readdirSync(SNAPSHOTS).filter((n) => n.endsWith('.expected.txt')).map((n) => n.slice(0, -'.expected.txt'.length));
    expect(snapshots.filter((s) => !brokenCases.includes(s)), 'snapshots without a fixture').toEqual([]);
    expect(EXPECTED['many-errors']!.length, 'many-errors must hold 4+ faults').toBeGreaterThanOrEqual(4);
  });

  it.each(brokenCases)('%s', async (name) => {
    const abs = path.join(BROKEN, `${name}.yaml`);
    const file = `broken/${name}.yaml`;
    const bytes = readFileSync(abs);
    const lines = fixtureLines(bytes);
    const { facts, diagnostics } = parseFacts(bytes, file);

    expect(facts, 'a broken file must not yield facts').toBeUndefined();
    for (const d of diagnostics) checkWellFormed(d, file, lines);
    checkExpected(diagnostics, EXPECTED[name]!, lines);

    // loadFacts (the path the CLI takes) reports exactly the same.
    const loaded = await loadFacts(abs);
    expect(loaded.facts).toBeUndefined();
    // (A fix may name the file, e.g. `policygen migrate FILE`.)
    expect(JSON.parse(JSON.stringify(loaded.diagnostics).replaceAll(abs, file))).toEqual(diagnostics);

    const text = snapshotText(diagnostics);
    const snapshot = path.join(SNAPSHOTS, `${name}.expected.txt`);
    if (UPDATE) writeFileSync(snapshot, text);
    else {
      expect(existsSync(snapshot), `${name}.expected.txt is missing: run UPDATE=1 npx vitest run test/facts.test.ts and read it`).toBe(true);
      expect(text, `${name}.expected.txt differs: if the change is intended, run UPDATE=1 and read the diff`).toBe(readFileSync(snapshot, 'utf8'));
    }
  });

  it('each case is a small edit of the current data/example.yaml, and no copy of the example is committed', () => {
    const example = readFileSync(EXAMPLE, 'utf8').split('\n');
    const known = new Set(example);
    for (const [name, edits] of Object.entries(CASES)) {
      const lines = new TextDecoder().decode(makeFixtures().get(`broken/${name}.yaml`)).split('\n');
      expect(lines.join('\n'), `${name}: the edit changes nothing`).not.toBe(example.join('\n'));
      // Lines the edits wrote (a block may be removed whole: missing-section-rights).
      const written = lines.filter((l) => !known.has(l)).length;
      expect(written, `${name}: ${written} lines written into the example; a case is one fault`).toBeLessThanOrEqual(6 * (edits as unknown[]).length);
    }
    const committed = readdirSync(SNAPSHOTS).filter((n) => /\.ya?ml$/.test(n));
    expect(committed, 'broken files are generated at test time; delete the copies').toEqual([]);
    expect(existsSync(path.join(VALID, 'bom-crlf.yaml')), 'valid/bom-crlf.yaml is generated at test time').toBe(false);
  });

  it('the generated files hold the bytes their names promise', () => {
    const crlf = readFileSync(path.join(BROKEN, 'bom-crlf-invalid-email.yaml'));
    expect([...crlf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(crlf.toString('latin1')).toMatch(/\r\n/);
    expect(crlf.toString('latin1')).not.toMatch(/[^\r]\n/);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path.join(BROKEN, 'invalid-utf8.yaml')))).toThrow();
    expect(readFileSync(path.join(BROKEN, 'empty-file.yaml')).length).toBe(0);
  });

  it('is deterministic: the same bytes give the same diagnostics', () => {
    const bytes = readFileSync(path.join(BROKEN, 'many-errors.yaml'));
    const run = (input: Uint8Array | string) => {
      const { facts, diagnostics } = parseFacts(input, 'x.yaml');
      return { facts, diagnostics };
    };
    expect(run(bytes).diagnostics.length).toBeGreaterThan(0);
    expect(run(bytes)).toEqual(run(bytes));
    expect(run(bytes.toString('utf8'))).toEqual(run(bytes));
  });
});

// ---------------------------------------------------------------------------------------

const validFiles = [EXAMPLE, BOM_CRLF, ...readdirSync(VALID).filter((n) => n.endsWith('.yaml')).sort().map((n) => path.join(VALID, n))];

describe('valid data files', () => {
  it.each(validFiles.map((f) => [f === BOM_CRLF ? 'valid/bom-crlf.yaml (generated)' : path.relative(ROOT, f), f]))('%s loads with zero diagnostics', async (_name, file) => {
    const result = await loadFacts(file);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(result.facts).toBeDefined();
    expect(result.id).toBe(path.basename(file, '.yaml'));
  });

  it('a file saved with a BOM and CRLF line endings gives the same facts as the plain file', async () => {
    const bytes = readFileSync(BOM_CRLF);
    expect([...bytes.subarray(0, 3)], 'the file lost its BOM').toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('latin1'), 'the file lost its CRLF line endings').not.toMatch(/[^\r]\n/);
    const crlf = await loadFacts(BOM_CRLF);
    const plain = await loadFacts(EXAMPLE);
    expect(crlf.facts).toEqual(plain.facts);
    expect(JSON.stringify(crlf.facts)).not.toMatch(/\\r|\uFEFF/);
  });

  it('fills defaults and trims block scalars in a file with only the required fields', async () => {
    const { facts } = await loadFacts(path.join(VALID, 'minimal.yaml'));
    expect(facts?.policy.locales).toEqual(['zh-CN', 'en']);
    expect(facts?.policy.numbering).toEqual({});
    expect(facts?.recipients).toEqual([]);
    expect(facts?.transfers).toEqual([]);
    expect(facts?.cookies).toEqual([]);
    expect(facts?.data_categories[0]?.sensitive).toBe(false);
    expect(facts?.children.directed_to_children).toBe(false);
    expect(facts?.controller.address.en).toBe('100 Century Avenue, Pudong New District, Shanghai, China');
    expect(facts?.data_categories[0]?.examples.en).toBe('mobile phone number');
    expect(facts?.products[0]?.description.en).toBe('an example app: nothing more');
  });
});

// ---------------------------------------------------------------------------------------

type JsonSchema = Record<string, unknown>;

/**
 * A deliberately small JSON Schema check (ajv is not a dependency): the keywords
 * factsJsonSchema() uses. Returns "pointer: problem" strings.
 */
function validate(schema: JsonSchema, value: unknown, pointer = ''): string[] {
  const errors: string[] = [];
  const type = schema.type as string | undefined;
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (type) {
    const ok = type === 'integer' ? Number.isInteger(value) : type === kind;
    if (!ok) return [`${pointer}: expected ${type}, found ${kind}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) errors.push(`${pointer}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) errors.push(`${pointer}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) errors.push(`${pointer}: longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${pointer}: does not match pattern`);
    if (schema.format === 'uri' && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(value)) errors.push(`${pointer}: not a URI`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${pointer}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${pointer}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${pointer}: fewer than ${schema.minItems} items`);
    if (schema.items) value.forEach((v, i) => errors.push(...validate(schema.items as JsonSchema, v, `${pointer}/${i}`)));
  }
  if (kind === 'object') {
    const obj = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in obj)) errors.push(`${pointer}: missing required "${key}"`);
    for (const [key, v] of Object.entries(obj)) {
      if (schema.propertyNames) errors.push(...validate(schema.propertyNames as JsonSchema, key, `${pointer}/${key}(name)`));
      if (key in properties) errors.push(...validate(properties[key]!, v, `${pointer}/${key}`));
      else if (schema.additionalProperties === false) errors.push(`${pointer}: additional property "${key}"`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') errors.push(...validate(schema.additionalProperties as JsonSchema, v, `${pointer}/${key}`));
    }
  }
  if (schema.anyOf && !(schema.anyOf as JsonSchema[]).some((s) => validate(s, value, pointer).length === 0)) errors.push(`${pointer}: matches none of anyOf`);
  if (schema.oneOf && (schema.oneOf as JsonSchema[]).filter((s) => validate(s, value, pointer).length === 0).length !== 1) errors.push(`${pointer}: does not match exactly one of oneOf`);
  return errors;
}

const yamlOf = (file: string) => parseYaml(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as unknown;

describe('JSON Schema for editors', () => {
  const schema = factsJsonSchema();

  it('equals the committed schema/facts.schema.json', () => {
    const committed = readFileSync(path.join(ROOT, 'schema', 'facts.schema.json'), 'utf8');
    expect(`${JSON.stringify(schema, null, 2)}\n`, 'schema/facts.schema.json is out of date: run `node bin/policygen.js schema --out schema/facts.schema.json`').toBe(committed);
  });

  it('is draft 2020-12 and closes every object: additionalProperties false, or a typed value schema for localized texts and maps', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const open: string[] = [];
    let objects = 0;
    const walk = (node: unknown, pointer: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${pointer}/${i}`));
      if (!node || typeof node !== 'object') return;
      const s = node as JsonSchema;
      if (s.type === 'object') {
        objects++;
        const keys = Object.keys((s.properties ?? {}) as object);
        const localizedText = keys.length === 2 && keys.includes('zh-CN') && keys.includes('en');
        const map = keys.length === 0;
        if (localizedText || map) {
          // Further locales / numbering per locale: extra keys allowed, but only with typed values.
          const extra = s.additionalProperties as JsonSchema | undefined;
          if (!extra || typeof extra !== 'object' || !extra.type) open.push(`${pointer} (extra keys untyped)`);
        } else if (s.additionalProperties !== false) open.push(pointer);
        if (localizedText) expect(s.required, `${pointer}: both languages required`).toEqual(['zh-CN', 'en']);
      }
      for (const [k, v] of Object.entries(s)) walk(v, `${pointer}/${k}`);
    };
    walk(schema, '#');
    expect(objects).toBeGreaterThan(20);
    expect(open, 'objects that accept unknown keys (typos would go unnoticed in the editor)').toEqual([]);
  });

  it('lists the required fields', () => {
    const props = schema.properties as Record<string, JsonSchema>;
    expect([...(schema.required as string[])].sort()).toEqual(['children', 'controller', 'data_categories', 'jurisdictions', 'policy', 'products', 'purposes', 'rights', 'security']);
    expect([...(props.controller!.required as string[])].sort()).toEqual(['address', 'email', 'name']);
    const category = (props.data_categories!.items as JsonSchema);
    expect([...(category.required as string[])].sort()).toEqual(['examples', 'id', 'name', 'purposes', 'required', 'retention', 'source']);
    // Fields with defaults are optional in the file.
    expect(props.policy!.required ?? []).toEqual([]);
    expect(schema.required).not.toContain('recipients');
  });

  it.each(validFiles.map((f) => [f === BOM_CRLF ? 'valid/bom-crlf.yaml (generated)' : path.relative(ROOT, f), f]))('accepts %s', (_name, file) => {
    expect(validate(schema, yamlOf(file))).toEqual([]);
  });

  it('rejects an unknown field, a missing required field and values outside enums and patterns', () => {
    const example = yamlOf(EXAMPLE) as Record<string, any>;
    const variant = (change: (d: Record<string, any>) => void) => {
      const copy = structuredClone(example);
      change(copy);
      return validate(schema, copy);
    };
    expect(variant((d) => (d.controller.emial = 'x@example.com'))).toEqual(['/controller: additional property "emial"']);
    expect(variant((d) => (d.typo_section = {}))).toEqual([': additional property "typo_section"']);
    expect(variant((d) => delete d.controller.email)).toEqual(['/controller: missing required "email"']);
    expect(variant((d) => delete d.dpo.name.en)).toEqual(['/dpo/name: missing required "en"']);
    expect(variant((d) => (d.purposes[2].bases.pipl = 'legitimate_interests'))).toEqual(['/purposes/2/bases/pipl: "legitimate_interests" not in enum']);
    expect(variant((d) => (d.jurisdictions = ['pipl', 'hipaa']))).toEqual(['/jurisdictions/1: "hipaa" not in enum']);
    expect(variant((d) => (d.data_categories[3].retention.period = '30 dayz'))).toEqual(['/data_categories/3/retention/period: does not match pattern']);
    expect(variant((d) => (d.children.min_age = 25))).toEqual(['/children/min_age: above 21']);
  });

  it('flags in the editor the schema faults of the catalogue (reference faults need `policygen check`)', () => {
    const rejected = (name: string) => validate(schema, yamlOf(path.join(BROKEN, `${name}.yaml`)));
    expect(rejected('typo-field-retension')).toEqual(['/data_categories/2: missing required "retention"', '/data_categories/2: additional property "retension"']);
    for (const name of ['missing-controller-email', 'products-is-text', 'pipl-basis-not-in-law', 'old-legal-basis', 'unknown-jurisdiction', 'bad-retention-period', 'invalid-email', 'required-yes-no', 'country-lowercase', 'date-not-iso', 'url-without-scheme', 'localized-missing-en', 'locale-code-lowercase', 'recipient-contact-invalid']) {
      expect(rejected(name).length, name).toBeGreaterThan(0);
    }
    for (const name of ['unknown-purpose-reference', 'transfer-unknown-recipient', 'duplicate-purpose-id', 'legitimate-interest-missing']) {
      expect(rejected(name), name).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------

describe('hostile files', () => {
  const write = (name: string, content: string | Uint8Array) => {
    const file = path.join(tmp, name);
    writeFileSync(file, content);
    return file;
  };
  const example = readFileSync(EXAMPLE, 'utf8');

  it('refuses a 3 MB file with file-too-large (its size is checked before it is read)', async () => {
    const file = write('huge.yaml', `${example}\n# ${'x'.repeat(3 * 1024 * 1024)}\n`);
    const { facts, diagnostics } = await loadFacts(file);
    expect(facts).toBeUndefined();
    expect(diagnostics.map((d) => d.id)).toEqual(['file-too-large']);
    expect(diagnostics[0]!.message).toContain(String(LIMITS.maxFileBytes));
    expect(diagnostics[0]!.file).toBe(file);
  });

  it('accepts a file of exactly the size limit and refuses one byte more', async () => {
    const pad = (total: number) => `${example}#${'x'.repeat(total - Buffer.byteLength(example) - 2)}\n`;
    const atLimit = write('at-limit.yaml', pad(LIMITS.maxFileBytes));
    expect(readFileSync(atLimit).length).toBe(LIMITS.maxFileBytes);
    expect((await loadFacts(atLimit)).diagnostics).toEqual([]);
    const over = write('over-limit.yaml', pad(LIMITS.maxFileBytes + 1));
    expect((await loadFacts(over)).diagnostics.map((d) => d.id)).toEqual(['file-too-large']);
  });

  it('refuses 50-deep nesting with yaml-limit (block and flow), but not nesting within the limit', () => {
    const block = (depth: number) => `${example}\nextra:\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')} leaf\n`;
    const deep = parseFacts(block(50), 'deep.yaml');
    expect(deep.diagnostics.map((d) => d.id)).toEqual(['yaml-limit']);
    expect(deep.diagnostics[0]!.path).toMatch(/^extra\.k0\.k1\./);
    expect(deep.diagnostics[0]!.line).toBeGreaterThan(example.split('\n').length);

    const flow = parseFacts(`${example}\nextra: ${'['.repeat(50)}1${']'.repeat(50)}\n`, 'flow.yaml');
    expect(flow.diagnostics.map((d) => d.id)).toEqual(['yaml-limit']);

    // Within the limit the file is parsed, and the only complaint is the unknown field.
    const shallow = parseFacts(block(LIMITS.maxDepth - 2), 'shallow.yaml');
    expect(shallow.diagnostics.map((d) => `${d.id} ${d.path}`)).toEqual(['unknown-field extra']);
  });

  it('refuses pathologically deep nesting (10 000 brackets) with yaml-limit instead of a stack overflow', () => {
    let result: ReturnType<typeof parseFacts> | undefined;
    expect(() => (result = parseFacts(`policy: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 'brackets.yaml'))).not.toThrow();
    expect(result!.diagnostics.map((d) => d.id)).toEqual(['yaml-limit']);
    expect(result!.diagnostics[0]!.message).not.toMatch(/call stack/i);
  });

  it('refuses an alias bomb (billion laughs) with yaml-limit, before expanding it (no wall-clock bound: the alias limit stops it)', () => {
    const names = 'abcdefghi';
    let bomb = `a: &a [${Array(9).fill('"lol"').join(', ')}]\n`;
    for (let i = 1; i < names.length; i++) bomb += `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]\n`;
    for (const source of [bomb, `${example}\n${bomb.trimEnd().replace(/^/gm, 'x_')}\n`]) {
      const { facts, diagnostics } = parseFacts(source, 'bomb.yaml');
      expect(facts).toBeUndefined();
      expect(diagnostics.map((d) => d.id)).toContain('yaml-limit');
    }
  });

  it('a reference error among many ids names a few of them and how many there are, not all', () => {
    const many = Array.from({ length: 1500 }, (_, i) => `  - name: Vendor ${i} ${'x'.repeat(100)}\n    role: processor\n    service: { zh-CN: 云服务, en: hosting }\n    country: US\n    data: [payment]\n`).join('');
    const text = example.replace('recipients:\n', `recipients:\n${many}`).replace('recipients: [Stripe, Anthropic]', 'recipients: [Stripe, Nobody]');
    expect(text).toContain('[Stripe, Nobody]');
    const { diagnostics } = parseFacts(text, 'many.yaml');
    const d = diagnostics.find((x) => x.id === 'unknown-reference')!;
    expect(d.path).toBe('transfers[0].recipients[1]');
    expect(d.fix).toMatch(/such as Vendor 0 x+…, Vendor 1 /);
    // 1500 + the example's 3 recipients + its 2 SDKs named in both languages.
    expect(d.fix).toContain('(1507 in all)');
    expect(d.fix!.length).toBeLessThan(1000);
    expect(localize(d, 'zh-CN').fix).toContain('（共 1507 个）');
  });

  it('refuses lists longer than the limit', () => {
    const { diagnostics } = parseFacts(`${example}\nextra: [${Array(LIMITS.maxListLength + 1).fill('1').join(', ')}]\n`, 'long.yaml');
    expect(diagnostics.map((d) => `${d.id} ${d.path}`)).toEqual(['yaml-limit extra']);
  });

  it('refuses __proto__, constructor and prototype keys anywhere, and never pollutes Object.prototype', async () => {
    const sources = {
      'top.yaml': `__proto__:\n  polluted: top\n${example}`,
      'nested.yaml': example.replace('  main_establishment_country: CN\n', '  main_establishment_country: CN\n  __proto__:\n    polluted: nested\n'),
      'quoted.yaml': example.replace('children:\n', 'children:\n  "__proto__": { polluted: quoted }\n'),
      'in-list.yaml': example.replace('  - id: billing\n', '  - id: billing\n    __proto__: { polluted: list }\n'),
      'via-alias.yaml': `x_bad: &bad { polluted: alias }\n${example.replace('children:\n', 'children:\n  __proto__: *bad\n')}`,
      'constructor.yaml': example.replace('rights:\n', 'rights:\n  constructor:\n    prototype:\n      polluted: ctor\n'),
    };
    for (const [name, source] of Object.entries(sources)) {
      expect(source, `${name}: the edit did not apply`).not.toBe(example);
      const { facts, diagnostics } = await loadFacts(write(name, source));
      expect(facts, name).toBeUndefined();
      expect(diagnostics.map((d) => d.id), name).toContain('forbidden-key');
      const forbidden = diagnostics.find((d) => d.id === 'forbidden-key')!;
      expect(source.split('\n')[forbidden.line! - 1], `${name}: the diagnostic points at the key`).toMatch(/__proto__|constructor/);
      expect(({} as Record<string, unknown>).polluted, name).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), name).toBe(false);
    }
  });
});
