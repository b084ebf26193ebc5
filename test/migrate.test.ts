// `policygen migrate`: data files of the older format (one legal_basis for every law,
// rights.response_days, transfers without an origin, MLPS as a certification) rewritten into
// the current model, keeping every comment; what only a person can decide left as located
// TODOs that `check` then reports one stage after another.
//
// test/fixtures/migrate/old-example.yaml is data/example.yaml as it was before the legal
// model changed (`git show 457e033:data/example.yaml`).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Lexer, parse as parseYaml } from 'yaml';
import { check } from '../src/pipeline/check.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { parseFacts } from '../src/facts/load.js';
import { migrate, mlpsLevel, TERRITORIES } from '../src/scaffold/migrate.js';
import { ROOT, runCli } from './helpers/cli.js';
import { library } from './helpers/library.js';

const OLD = path.join(ROOT, 'test', 'fixtures', 'migrate', 'old-example.yaml');
const OLD_TEXT = readFileSync(OLD, 'utf8');
const EXAMPLE = path.join(ROOT, 'data', 'example.yaml');

const scratch = mkdtempSync(path.join(os.tmpdir(), 'policygen-migrate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
/** `text` written as <fresh folder>/<name>. */
function place(text: string | Buffer, name = 'acme.yaml'): string {
  const dir = path.join(scratch, String(++counter));
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Every comment of a YAML text, as the YAML lexer sees them (so `#` inside values does not count). */
function comments(text: string): string[] {
  return [...new Lexer().lex(text)].filter((t) => t.startsWith('#')).map((t) => t.trim());
}

/** 1-based line and column of the nth (1-based) occurrence of `needle`. */
function at(text: string, needle: string, nth = 1): string {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    const column = lines[i]!.indexOf(needle);
    if (column >= 0 && ++seen === nth) return `${i + 1}:${column + 1}`;
  }
  throw new Error(`${needle} (occurrence ${nth}) not found`);
}

/** `id path line:column` of every diagnostic `check` reports on a file, errors only. */
async function checked(file: string): Promise<string[]> {
  const report = await check([file]);
  const all: Diagnostic[] = [...report.diagnostics, ...report.policies.flatMap((p) => p.diagnostics)];
  return all.filter((d) => d.severity === 'error').map((d) => `${d.id} ${d.path} ${d.line}:${d.column}`);
}

describe('the old example, not migrated', () => {
  it('check gives one field-replaced error per replaced field, at the old key', async () => {
    const report = await check([OLD]);
    const found = report.policies[0]!.diagnostics.filter((d) => d.id === 'field-replaced').map((d) => `${d.path} ${d.file}:${d.line}:${d.column}`);
    const where = (needle: string, nth = 1) => `${OLD}:${at(OLD_TEXT, needle, nth)}`;
    expect(found).toEqual([
      `purposes[0].legal_basis ${where('legal_basis: contract', 1)}`,
      `purposes[1].legal_basis ${where('legal_basis: consent')}`,
      `purposes[2].legal_basis ${where('legal_basis: contract', 2)}`,
      `purposes[3].legal_basis ${where('legal_basis: legal_obligation', 1)}`,
      `purposes[4].legal_basis ${where('legal_basis: legal_obligation', 2)}`,
      `purposes[5].legal_basis ${where('legal_basis: legitimate_interests')}`,
      // A missing key has no place of its own: the transfer it is missing from.
      `transfers[0].from ${OLD}:${at(OLD_TEXT, '  - country: US').replace(/:1$/, ':5')}`,
      `rights.response_days ${where('response_days: 15')}`,
    ]);
    for (const d of report.policies[0]!.diagnostics.filter((x) => x.id === 'field-replaced')) expect(d.fix).toContain(`policygen migrate ${OLD}`);
    // The only other complaint is the field the old format did not have at all.
    expect(report.policies[0]!.diagnostics.filter((d) => d.id !== 'field-replaced').map((d) => `${d.id} ${d.path}`)).toEqual(['missing-field ccpa.thresholds_met']);
  });
});

describe('migrate the old example', () => {
  const result = migrate(OLD_TEXT, 'old-example.yaml');

  it('keeps every comment of the original, and changes nothing else than the old fields', () => {
    const before = comments(OLD_TEXT);
    const after = comments(result.text);
    expect(before.length).toBeGreaterThan(5);
    const missing = before.filter((c) => after.filter((a) => a === c).length < before.filter((b) => b === c).length);
    expect(missing, 'comments lost').toEqual([]);
    // Every line of the original that held none of the replaced fields is still there, in order.
    const old = OLD_TEXT.split('\n').filter((l) => !/legal_basis:|response_days:|^ {2}- country: US$|MLPS|网络安全等级保护三级/.test(l));
    const now = result.text.split('\n');
    let j = 0;
    for (const line of old) {
      while (j < now.length && now[j] !== line) j++;
      expect(j, `line ${JSON.stringify(line)} lost or moved`).toBeLessThan(now.length);
    }
  });

  it('writes the new model: bases per enabled law, obligations to fill in, origins, PIPL deadline, MLPS level', () => {
    const data = parseYaml(result.text) as Record<string, any>;
    expect(data.purposes.map((p: any) => [p.id, p.bases])).toEqual([
      ['provide_service', { pipl: 'contract', gdpr: 'contract', lgpd: 'contract' }],
      ['ai_summaries', { pipl: 'consent', gdpr: 'consent', lgpd: 'consent' }],
      ['billing', { pipl: 'contract', gdpr: 'contract', lgpd: 'contract' }],
      ['tax_records', { pipl: 'legal_obligation', gdpr: 'legal_obligation', lgpd: 'legal_obligation' }],
      ['admin_verification', { pipl: 'legal_obligation', gdpr: 'legal_obligation', lgpd: 'legal_obligation' }],
      // PIPL has no legitimate interests: no pipl key, and a comment saying what to choose.
      ['security', { gdpr: 'legitimate_interests', lgpd: 'legitimate_interests' }],
    ]);
    for (const p of data.purposes) expect(p).not.toHaveProperty('legal_basis');
    expect(data.purposes[3].obligations).toEqual([{ law: { 'zh-CN': '待填写', en: 'TODO' }, jurisdiction: 'CN' }]);
    expect(result.text).toMatch(/# PIPL has no legitimate-interests basis \(Art\. 13\): choose a pipl basis \(consent, contract, legal_obligation/);
    expect(result.text).toMatch(/# 《个人信息保护法》没有“正当利益”这一依据/);
    expect(data.transfers[0].from).toEqual(['CN', 'EEA', 'GB', 'BR']);
    expect(data.rights).not.toHaveProperty('response_days');
    expect(data.pipl.response_days).toBe(15);
    expect(data.security.certifications).toEqual([{ 'zh-CN': 'ISO/IEC 27001', en: 'ISO/IEC 27001' }]);
    expect(data.security.mlps_level).toBe(3);
    expect(parseFacts(result.text, 'x.yaml').diagnostics.filter((d) => d.id === 'field-replaced')).toEqual([]);
  });

  it('says each change with its line, in English and Chinese', () => {
    expect(result.changes.map((c) => `${c.key} ${c.path}`)).toEqual([
      'bases purposes[0].bases',
      'bases purposes[1].bases',
      'bases purposes[2].bases',
      'bases purposes[3].bases',
      'obligations purposes[3].obligations',
      'bases purposes[4].bases',
      'obligations purposes[4].obligations',
      'basesNoPipl purposes[5].bases',
      'transferFrom transfers[0].from',
      'responseDays pipl.response_days',
      'mlps security.mlps_level',
    ]);
    const lines = result.text.split('\n');
    for (const c of result.changes) {
      expect(OLD_TEXT.split('\n')[c.line - 1], `${c.key}: original line`).toMatch(/legal_basis|country: US|response_days|等级保护/);
      expect(lines[c.newLine - 1], `${c.key}: line in the result`).toMatch(/bases:|obligations:|from:|response_days:|mlps_level:/);
    }
    expect(result.changes[0]!.message).toBe('purpose "provide_service": legal_basis: contract → bases: { pipl: contract, gdpr: contract, lgpd: contract }');
  });

  it('lists what only a person can decide, located in the result', () => {
    const where = (needle: string, nth = 1) => at(result.text, needle, nth);
    expect(result.todo.map((d) => `${d.id} ${d.path} ${d.line}:${d.column}`)).toEqual([
      `placeholder purposes[3].obligations[0].law ${where('zh-CN: 待填写', 1).replace(/:\d+$/, ':11')}`,
      `placeholder purposes[4].obligations[0].law ${where('zh-CN: 待填写', 2).replace(/:\d+$/, ':11')}`,
      `basis-missing purposes[5].bases ${where('bases: { gdpr: legitimate_interests')}`.replace(/:(\d+)$/, (_, c) => `:${Number(c) + 7}`),
      `deadline-in-text rights.account_deletion.zh-CN ${where('zh-CN: 在“设置 › 账号 › 注销账号”').replace(/:(\d+)$/, (_, c) => `:${Number(c) + 7}`)}`,
      `missing-field ccpa.thresholds_met ${where('sells_or_shares: false')}`,
    ]);
  });

  it('is idempotent: a second run changes nothing and gives the same bytes', () => {
    const again = migrate(result.text, 'old-example.yaml');
    expect(again.changed).toBe(false);
    expect(again.changes).toEqual([]);
    expect(again.text).toBe(result.text);
    // …and still lists the same work left.
    expect(again.todo.map((d) => `${d.id} ${d.path} ${d.line}`)).toEqual(result.todo.map((d) => `${d.id} ${d.path} ${d.line}`));
  });

  it('check then reports exactly the remaining items, stage by stage, with ids and locations', async () => {
    const file = place(result.text);
    let text = result.text;
    const where = (needle: string, nth = 1) => at(text, needle, nth);
    const line = (needle: string, nth = 1) => where(needle, nth).split(':')[0];
    // What the legal consistency check finds in the old model's facts (lines do not move below).
    const legal = () => [
      // A Chinese law is no legal obligation under the GDPR, the UK GDPR or the LGPD.
      `basis-foreign-law purposes[3].bases.gdpr ${line('bases: { pipl: legal_obligation', 1)}`,
      `basis-foreign-law purposes[3].bases.gdpr ${line('bases: { pipl: legal_obligation', 1)}`,
      `basis-foreign-law purposes[3].bases.lgpd ${line('bases: { pipl: legal_obligation', 1)}`,
      `basis-foreign-law purposes[4].bases.gdpr ${line('bases: { pipl: legal_obligation', 2)}`,
      `basis-foreign-law purposes[4].bases.gdpr ${line('bases: { pipl: legal_obligation', 2)}`,
      `basis-foreign-law purposes[4].bases.lgpd ${line('bases: { pipl: legal_obligation', 2)}`,
      // PIPL has no legitimate interests: the comment migrate wrote says what to choose.
      `basis-missing purposes[5].bases ${line('bases: { gdpr: legitimate_interests')}`,
      // Facts the old model could not state: the servers in China receive EEA/UK/BR data.
      `transfer-missing recipients[0].country ${line('    country: CN')}`,
      `transfer-missing recipients[0].country ${line('    country: CN')}`,
      `transfer-missing recipients[0].country ${line('    country: CN')}`,
      `age-conflict children.min_age ${line('min_age: 14')}`,
      `deadline-in-text rights.account_deletion.zh-CN ${line('我们在 15 日内完成注销')}`,
    ];
    // 1. The schema: the one fact the old format could not state.
    expect(await checked(file)).toEqual([`missing-field ccpa.thresholds_met ${where('sells_or_shares: false')}`]);

    // 2. A person states it; the placeholders migrate wrote come next, and with them (one run
    //    reports both) every legal consistency problem of the old model's facts.
    text = text.replace('  sells_or_shares: false', '  thresholds_met: true\n  sells_or_shares: false');
    writeFileSync(file, text);
    const second = await checked(file);
    expect(second.slice(0, 4)).toEqual([
      `placeholder purposes[3].obligations[0].law.zh-CN ${where('待填写', 1)}`,
      `placeholder purposes[3].obligations[0].law.en ${where('en: TODO', 1).replace(/:\d+$/, ':15')}`,
      `placeholder purposes[4].obligations[0].law.zh-CN ${where('待填写', 2)}`,
      `placeholder purposes[4].obligations[0].law.en ${where('en: TODO', 2).replace(/:\d+$/, ':15')}`,
    ]);
    expect(second.slice(4).map((f) => f.replace(/:\d+$/, ''))).toEqual(legal());

    // 3. The laws are named (Chinese ones): the placeholders are gone, the legal problems stay.
    text = text.replaceAll('          zh-CN: 待填写\n          en: TODO', '          zh-CN: 《中华人民共和国网络安全法》\n          en: the PRC Cybersecurity Law');
    writeFileSync(file, text);
    expect((await checked(file)).map((f) => f.replace(/:\d+$/, ''))).toEqual(legal());
  });
});

describe('each rewrite', () => {
  const base = (jurisdictions: string, purposes: string, extra = '') =>
    `jurisdictions: [${jurisdictions}]\ncontroller:\n  main_establishment_country: DE\npurposes:\n${purposes}${extra}`;
  const bases = (text: string) => (parseYaml(migrate(text).text) as { purposes: { bases: unknown }[] }).purposes.map((p) => p.bases);

  it('maps every old code to each enabled law, from that law\'s own list', () => {
    const purposes = ['consent', 'contract', 'legal_obligation', 'legitimate_interests', 'vital_interests', 'public_task'].map((b, i) => `  - id: p${i}\n    legal_basis: ${b}\n`).join('');
    expect(bases(base('pipl, gdpr, uk, ccpa, lgpd', purposes))).toEqual([
      { pipl: 'consent', gdpr: 'consent', lgpd: 'consent' },
      { pipl: 'contract', gdpr: 'contract', lgpd: 'contract' },
      { pipl: 'legal_obligation', gdpr: 'legal_obligation', lgpd: 'legal_obligation' },
      { gdpr: 'legitimate_interests', lgpd: 'legitimate_interests' },
      { pipl: 'emergency', gdpr: 'vital_interests', lgpd: 'vital_interests' },
      { gdpr: 'public_task', lgpd: 'public_administration' },
    ]);
    const text = migrate(base('pipl, gdpr', purposes)).text;
    expect(text).toContain('# PIPL has no public-task basis (Art. 13)');
    // The obligation's jurisdiction is the main establishment's country, to be checked.
    expect(text).toContain('obligations:\n      - law:\n          zh-CN: 待填写\n          en: TODO\n        jurisdiction: DE\n');
    // Only the UK GDPR: its own key; only CCPA: no law with bases, an empty mapping.
    expect(bases(base('uk', '  - id: a\n    legal_basis: consent\n'))).toEqual([{ uk: 'consent' }]);
    expect(bases(base('ccpa', '  - id: a\n    legal_basis: consent\n'))).toEqual([{}]);
  });

  it('keeps a comment on the legal_basis line and the comments around it', () => {
    const text = migrate(base('pipl', '  - id: a\n    # why: the contract\n    legal_basis: contract  # see the terms\n    description: { zh-CN: 甲, en: a }\n')).text;
    expect(text).toContain('    # why: the contract\n    bases: { pipl: contract }  # see the terms\n    description: { zh-CN: 甲, en: a }\n');
  });

  it('moves rights.response_days to pipl (or drops it, saying so, when pipl is not enabled)', () => {
    const file = (j: string, pipl: string) => `jurisdictions: [${j}]\npurposes: []\nrights:\n  channels: []\n  response_days: 10  # our promise\n${pipl}`;
    expect(migrate(file('pipl', 'pipl:\n  storage_in_china: true\n')).text).toBe('jurisdictions: [pipl]\npurposes: []\nrights:\n  channels: []\npipl:\n  response_days: 10  # our promise\n  storage_in_china: true\n');
    expect(migrate(file('pipl', '')).text).toBe('jurisdictions: [pipl]\npurposes: []\nrights:\n  channels: []\n\npipl:\n  response_days: 10  # our promise\n');
    const dropped = migrate(file('gdpr', ''));
    expect(dropped.text).toBe('jurisdictions: [gdpr]\npurposes: []\nrights:\n  channels: []\n');
    expect(dropped.changes.map((c) => c.key)).toEqual(['responseDaysDropped']);
  });

  it('gives transfers an origin: the enabled laws\' territories, except the destination\'s', () => {
    const text = 'jurisdictions: [pipl, gdpr, uk, ccpa]\ntransfers:\n  - country: DE\n    recipients: [A]\n  - { country: US, recipients: [B] }\n';
    expect(migrate(text).text).toBe('jurisdictions: [pipl, gdpr, uk, ccpa]\ntransfers:\n  - from: [CN, GB]\n    country: DE\n    recipients: [A]\n  - { from: [CN, EEA, GB], country: US, recipients: [B] }\n');
  });

  it('turns an MLPS "certification" into mlps_level, reading the level in either language', () => {
    expect([mlpsLevel(['网络安全等级保护三级']), mlpsLevel(['MLPS Level 2']), mlpsLevel(['等保 4 级']), mlpsLevel(['等级保护'])]).toEqual([3, 2, 4, undefined]);
    const only = 'jurisdictions: [pipl]\nsecurity:\n  measures: [x]\n  certifications:\n    - zh-CN: 网络安全等级保护二级  # filed 2024\n      en: MLPS Level 2\n';
    expect(migrate(only).text).toBe('jurisdictions: [pipl]\nsecurity:\n  measures: [x]\n  certifications: []\n  # filed 2024\n  mlps_level: 2\n');
    // No level to read: left in place, and listed for a person.
    const unreadable = migrate('jurisdictions: [pipl]\nsecurity:\n  certifications:\n    - zh-CN: 等级保护备案\n      en: MLPS filing\n');
    expect(unreadable.changed).toBe(false);
    expect(unreadable.todo.map((d) => `${d.id} ${d.path} ${d.line}`)).toEqual(['mlps-certification security.certifications[0] 4']);
  });

  it('keeps a byte-order mark and CRLF line endings', () => {
    const text = '\uFEFFjurisdictions: [pipl]\r\npurposes:\r\n  - id: a\r\n    legal_basis: consent\r\n';
    expect(migrate(text).text).toBe('\uFEFFjurisdictions: [pipl]\r\npurposes:\r\n  - id: a\r\n    bases: { pipl: consent }\r\n');
  });

  it('changes nothing in a file of the current model (data/example.yaml), and lists nothing', () => {
    const example = readFileSync(EXAMPLE, 'utf8');
    const result = migrate(example);
    expect(result).toMatchObject({ changed: false, changes: [], todo: [] });
    expect(result.text).toBe(example);
  });

  it('leaves YAML it cannot read alone', () => {
    expect(migrate('purposes: [\n')).toMatchObject({ unreadable: true, changed: false, text: 'purposes: [\n' });
  });

  it('uses the territories the jurisdiction modules define', async () => {
    const modules = (await library()).modules;
    for (const [law, territory] of Object.entries(TERRITORIES)) expect(modules.get(law as never)?.territory[0], law).toBe(territory);
  });
});

describe('policygen migrate (command)', () => {
  it('writes the migrated file, prints each change as file:line, lists the work left and exits 1', async () => {
    const file = place(OLD_TEXT);
    const r = await runCli(['migrate', file]);
    expect(r.code, r.stderr).toBe(1);
    const written = readFileSync(file, 'utf8');
    expect(written).toBe(migrate(OLD_TEXT).text);
    const bases = at(written, 'bases: { pipl: contract').split(':')[0];
    expect(r.stdout).toContain(`${file}:${bases}: purpose "provide_service": legal_basis: contract → bases: { pipl: contract, gdpr: contract, lgpd: contract }\n`);
    expect(r.stdout).toMatch(/11 change\(s\)/);
    expect(r.stderr).toContain(`[placeholder]`);
    expect(r.stderr).toContain(`[basis-missing]`);
    expect(r.stderr).toMatch(/5 thing\(s\) only you can decide or write/);
    expect(readFileSync(path.dirname(file) + '/acme.yaml', 'utf8')).toBe(written); // no temporary file left beside it
    expect(statSync(path.dirname(file)).isDirectory()).toBe(true);
  });

  it('--dry-run writes nothing and gives the lines of the file as it is; a second run does not touch the file', async () => {
    const file = place(OLD_TEXT);
    const r = await runCli(['migrate', '--dry-run', file]);
    expect(r.code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(OLD_TEXT);
    expect(r.stdout).toContain(`${file}:${at(OLD_TEXT, 'legal_basis: contract').split(':')[0]}: purpose "provide_service"`);

    await runCli(['migrate', file]);
    const before = statSync(file).mtimeMs;
    const bytes = readFileSync(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await runCli(['migrate', file]);
    expect(again.stdout).toMatch(/already in the current format, nothing to change/);
    expect(statSync(file).mtimeMs).toBe(before);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('exits 0 on a file that needs nothing and passes check; --json and --lang zh-CN', async () => {
    const dir = path.join(scratch, 'example');
    mkdirSync(dir);
    const file = path.join(dir, 'example.yaml');
    copyFileSync(EXAMPLE, file);
    const ok = await runCli(['migrate', file, '--json']);
    expect(ok.code, ok.stdout).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, command: 'migrate', changed: false, written: false, changes: [], todo: [] });

    const old = place(OLD_TEXT);
    const zh = await runCli(['migrate', '--dry-run', '--lang', 'zh-CN', old]);
    expect(zh.stdout).toContain('目的“provide_service”：legal_basis: contract → bases:');
    expect(zh.stderr).toContain('缺少必填的 ccpa.thresholds_met');
    const json = JSON.parse((await runCli(['migrate', '--dry-run', '--json', old])).stdout) as { ok: boolean; changes: { id: string; line: number; path: string }[]; todo: Diagnostic[] };
    expect(json.ok).toBe(false);
    expect(json.changes[0]).toMatchObject({ id: 'bases', path: 'purposes[0].bases', line: Number(at(OLD_TEXT, 'legal_basis: contract').split(':')[0]) });
    expect(json.todo.map((d) => d.id)).toEqual(['placeholder', 'placeholder', 'basis-missing', 'deadline-in-text', 'missing-field']);
  });

  it('usage errors exit 2; a missing file or broken YAML exits 1 with a located error', async () => {
    expect((await runCli(['migrate'])).code).toBe(2);
    expect((await runCli(['migrate', OLD, '--bogus'])).code).toBe(2);
    expect((await runCli(['migrate', path.join(scratch, 'nope.yaml')])).code).toBe(1);
    const broken = place('purposes:\n  - id: a\n    legal_basis: "consent\n');
    const r = await runCli(['migrate', broken]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[yaml-syntax\]/);
    expect(readFileSync(broken, 'utf8')).toBe('purposes:\n  - id: a\n    legal_basis: "consent\n');
  });
});
