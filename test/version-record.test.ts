/**
 * Version records (issue 17): policy-version.json (newest and per release) and
 * versions/versions.json, validated against their published JSON Schemas with ajv (a
 * validator we did not write), every address resolving to the file whose sha256 is given,
 * and `policygen version-at` on, before and after each effective date, per document where
 * the documents' dates differ.
 *
 * The history: v1 on 2026-03-07 (both documents), v2 on 2026-04-01 changing the China
 * document only (PIPL reply deadline), v3 on 2026-05-01 changing the global document only
 * (the EU representative's email). So on 2026-04-15 the China text is version 2 and the
 * global text still version 1.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/pipeline/build.js';
import { release } from '../src/pipeline/release.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { readLedger, type LedgerEntry } from '../src/versions/ledger.js';
import { ACTIONS, MATERIALITY_LAWS } from '../src/versions/materiality.js';
import { versionAt, versionRecordFiles, versionsIndex, type PolicyVersionRecord, type VersionsIndex } from '../src/versions/version-record.js';
import { runCli } from './helpers/cli.js';
import { library } from './helpers/library.js';
import { exampleWorkspaces, replaced } from './helpers/workspace.js';

const { workspace } = exampleWorkspaces('policygen-version-record-');
const BASE = 'https://acme.example/privacy';
const schema = (name: string) => JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schema', name), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validRecord = ajv.compile(schema('policy-version.schema.json'));
const validIndex = ajv.compile(schema('versions.schema.json'));
const read = (...parts: string[]) => readFileSync(join(...parts), 'utf8');
const json = <T>(...parts: string[]) => JSON.parse(read(...parts)) as T;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let file: string;
let out: string;
let based: string;
let entries: LedgerEntry[];

beforeAll(async () => {
  const lib = await library();
  file = workspace();
  expect((await release(file, { date: '2026-03-07', library: lib, note: { 'zh-CN': '首次发布。', en: 'First release.' } })).status).toBe('released');
  // The PIPL reply deadline is printed in the China document only.
  writeFileSync(file, replaced(read(file), 'data file', [['response_days: 15 ', 'response_days: 10 ']]));
  expect((await release(file, { date: '2026-04-01', library: lib, note: { 'zh-CN': '缩短了答复个人信息权利请求的期限。', en: 'We now reply to privacy requests sooner.' } })).status).toBe('released');
  // The EU representative is named for GDPR readers only.
  writeFileSync(file, replaced(read(file), 'data file', [['email: eu-rep@nimbusnotes.example', 'email: eu-office@nimbusnotes.example']]));
  expect((await release(file, { date: '2026-05-01', library: lib, note: { 'zh-CN': '更新了欧盟代表的联系邮箱。', en: 'New email address for our EU representative.' } })).status).toBe('released');
  entries = (await readLedger(file)).entries;
  out = join(dirname(file), 'out');
  based = join(dirname(file), 'out-base');
  expect((await build([file], { outDir: out, formats: ['md', 'html'] })).ok).toBe(true);
  expect((await build([file], { outDir: based, formats: ['md', 'html'], baseUrl: BASE })).ok).toBe(true);
}, 240_000);

const RECORDS = ['policy-version.json', 'versions/1/policy-version.json', 'versions/2/policy-version.json', 'versions/3/policy-version.json'];

describe('policy-version.json and versions.json', () => {
  it('validate against their published schemas, with and without --base-url; a broken record does not', () => {
    for (const root of [out, based]) {
      for (const path of RECORDS) {
        const record = json(root, 'acme', path);
        expect(validRecord(record), `${path}: ${ajv.errorsText(validRecord.errors)}`).toBe(true);
      }
      const index = json(root, 'acme', 'versions', 'versions.json');
      expect(validIndex(index), ajv.errorsText(validIndex.errors)).toBe(true);
    }
    // Each schema can fail: a hash that is not one, a missing field, an unknown action, an unknown key.
    const record = json<PolicyVersionRecord>(out, 'acme', 'versions', '2', 'policy-version.json');
    for (const broken of [
      { ...record, hash: 'abc' },
      { ...record, documents: [] },
      { ...record, actions: { ...record.actions, pipl: 'ask-nicely' } },
      { ...record, released: '2026-04-01' },
      { ...record, effective_date: '2026-13-01' },
    ]) {
      expect(validRecord(broken)).toBe(false);
    }
    const index = json<VersionsIndex>(out, 'acme', 'versions', 'versions.json');
    expect(validIndex({ ...index, releases: index.releases.map(({ in_force_until: _u, ...r }) => r) })).toBe(false);
    expect(validIndex({ ...index, format: 'policygen-versions/2' })).toBe(false);
  });

  it('the schema names exactly the actions and laws materiality.ts gives', () => {
    const defs = schema('policy-version.schema.json').$defs as Record<string, { enum: string[] }>;
    expect(defs.action!.enum).toEqual([...ACTIONS]);
    expect(defs.law!.enum).toEqual([...MATERIALITY_LAWS]);
  });

  it('release 3 lists every document and locale: China as version 2 (unchanged since 2026-04-01), global as version 3', () => {
    const record = json<PolicyVersionRecord>(out, 'acme', 'versions', '3', 'policy-version.json');
    expect(record.version).toBe(3);
    expect(record.effective_date).toBe('2026-05-01');
    expect(record.hash).toBe(entries[2]!.hash);
    expect(record.previous).toEqual({ version: 2, effective_date: '2026-04-01', hash: entries[1]!.hash, record: '../2/policy-version.json' });
    expect(record.note).toEqual({ 'zh-CN': '更新了欧盟代表的联系邮箱。', en: 'New email address for our EU representative.' });
    expect(record.documents.map((d) => [d.document, d.version, d.effective_date, d.changed, d.locales.map((l) => l.locale)])).toEqual([
      ['china', 2, '2026-04-01', false, ['zh-CN', 'en']],
      ['global', 3, '2026-05-01', true, ['zh-CN', 'en']],
    ]);
    expect(record.documents[0]!.locales[0]!.title).toBe('隐私政策（中国大陆）');
    expect(record.documents[1]!.locales[1]!.url).toBe('../../global/versions/3/en/index.html');
    // Version 1 has no previous version and no changes; every enabled law: no action.
    const first = json<PolicyVersionRecord>(out, 'acme', 'versions', '1', 'policy-version.json');
    expect(first.previous).toBeNull();
    expect(first.changes).toEqual([]);
    expect(first.actions).toEqual({ pipl: 'none', gdpr: 'none', uk: 'none', ccpa: 'none', lgpd: 'none' });
  });

  it('each release carries its changes with their materiality per law, in both languages', () => {
    const second = json<PolicyVersionRecord>(out, 'acme', 'versions', '2', 'policy-version.json');
    expect(second.changes).toEqual([
      {
        path: 'pipl.response_days',
        kind: 'changed',
        summary: { 'zh-CN': '答复请求的期限（天）：15 → 10', en: 'Days within which we answer a request: 15 → 10' },
        laws: { pipl: { action: 'inform', article: 'PIPL Art. 17 para. 2' }, gdpr: { action: 'none' }, uk: { action: 'none' }, ccpa: { action: 'none' }, lgpd: { action: 'none' } },
      },
    ]);
    expect(second.actions).toEqual({ pipl: 'inform', gdpr: 'none', uk: 'none', ccpa: 'none', lgpd: 'none' });
    const third = json<PolicyVersionRecord>(out, 'acme', 'versions', '3', 'policy-version.json');
    expect(third.changes.map((c) => [c.path, c.summary.en])).toEqual([['representatives.eu.email', "EU representative's email: eu-rep@nimbusnotes.example → eu-office@nimbusnotes.example"]]);
  });

  it('every address resolves from the file that holds it to the archived file whose sha256 is given; with --base-url they are absolute and lead to the same files', () => {
    const checked: string[] = [];
    const follow = (root: string, holder: string, address: string): string => {
      const target = address.startsWith(`${BASE}/`) ? join(root, address.slice(BASE.length + 1)) : resolve(dirname(join(root, 'acme', holder)), address);
      expect(existsSync(target), `${holder}: ${address}`).toBe(true);
      return target;
    };
    for (const [root, absolute] of [[out, false], [based, true]] as const) {
      for (const path of RECORDS) {
        const record = json<PolicyVersionRecord>(root, 'acme', path);
        for (const doc of record.documents) {
          for (const l of doc.locales) {
            expect(l.url.startsWith(`${BASE}/acme/`)).toBe(absolute);
            follow(root, path, l.url);
            expect(sha256(readFileSync(follow(root, path, l.markdown_url)))).toBe(l.sha256);
            checked.push(`${path} ${l.markdown_url.replace(`${BASE}/acme/`, '')}`);
          }
        }
        if (record.previous) expect(json<PolicyVersionRecord>(follow(root, path, record.previous.record)).version).toBe(record.previous.version);
      }
      const index = json<VersionsIndex>(root, 'acme', 'versions', 'versions.json');
      for (const r of index.releases) expect(json<PolicyVersionRecord>(follow(root, 'versions/versions.json', r.record)).hash).toBe(r.hash);
      for (const d of index.documents) for (const v of d.versions) for (const l of v.locales) expect(sha256(readFileSync(follow(root, 'versions/versions.json', l.markdown_url)))).toBe(l.sha256);
    }
    expect(checked).toContain('versions/3/policy-version.json ../../china/versions/2/zh-CN/policy.md');
    // The current record is release 3's, only its addresses start from the policy folder.
    const current = json<PolicyVersionRecord>(out, 'acme', 'policy-version.json');
    const third = json<PolicyVersionRecord>(out, 'acme', 'versions', '3', 'policy-version.json');
    const fromRoot = (address: string, holder: string) => resolve(dirname(join(out, 'acme', holder)), address);
    expect(current.documents.flatMap((d) => d.locales.map((l) => fromRoot(l.url, 'policy-version.json')))).toEqual(third.documents.flatMap((d) => d.locales.map((l) => fromRoot(l.url, 'versions/3/policy-version.json'))));
    expect({ ...current, documents: [], previous: null }).toEqual({ ...third, documents: [], previous: null });
    expect(json<PolicyVersionRecord>(based, 'acme', 'policy-version.json')).toEqual(json<PolicyVersionRecord>(based, 'acme', 'versions', '3', 'policy-version.json'));
  });

  it('versions.json: each release until the next one’s date, each document’s own versions', () => {
    const index = json<VersionsIndex>(out, 'acme', 'versions', 'versions.json');
    expect(index.head).toBe(entries[2]!.hash);
    expect(index.releases.map((r) => [r.version, r.effective_date, r.in_force_until, r.documents])).toEqual([
      [1, '2026-03-07', '2026-04-01', { china: 1, global: 1 }],
      [2, '2026-04-01', '2026-05-01', { china: 2, global: 1 }],
      [3, '2026-05-01', null, { china: 2, global: 3 }],
    ]);
    expect(index.documents.map((d) => [d.document, d.versions.map((v) => [v.version, v.effective_date, v.in_force_until])])).toEqual([
      ['china', [[1, '2026-03-07', '2026-04-01'], [2, '2026-04-01', null]]],
      ['global', [[1, '2026-03-07', '2026-05-01'], [3, '2026-05-01', null]]],
    ]);
  });

  it('the same ledger gives byte-identical files: two builds, and the pure function twice', async () => {
    const again = join(dirname(file), 'out-again');
    expect((await build([file], { outDir: again, formats: ['md'] })).ok).toBe(true);
    for (const path of [...RECORDS, 'versions/versions.json']) expect(read(again, 'acme', path), path).toBe(read(out, 'acme', path));
    const lib = await library();
    expect(versionRecordFiles(entries, { library: lib })).toEqual(versionRecordFiles(structuredClone(entries), { library: lib }));
    // And they are what build published.
    for (const f of versionRecordFiles(entries, { library: lib })) expect(f.content, f.path).toBe(read(out, 'acme', f.path));
  });
});

/** Date → the release, China's and global's version in force (null: none). */
const TABLE: Array<[string, number | null, number | null, number | null]> = [
  ['2026-03-06', null, null, null], // the day before v1
  ['2026-03-07', 1, 1, 1], // v1's date
  ['2026-03-31', 1, 1, 1], // between
  ['2026-04-01', 2, 2, 1], // v2's date: China changed, global did not
  ['2026-04-30', 2, 2, 1],
  ['2026-05-01', 3, 2, 3], // v3's date: global changed
  ['2031-01-01', 3, 2, 3], // long after
];

describe('the version in force on a date', () => {
  it('versionAt: the newest version whose effective date is on or before the date, per document', () => {
    const index = versionsIndex(entries);
    for (const [date, release, china, global] of TABLE) {
      const answer = versionAt(index, date);
      expect([date, answer.release?.version ?? null, ...answer.documents.map((d) => d.version?.version ?? null)]).toEqual([date, release, china, global]);
      expect(versionAt(index, date, 'global').documents.map((d) => [d.document, d.version?.version ?? null])).toEqual([['global', global]]);
    }
  });

  it('a document withdrawn in a later release is in force until then, and not after; a release replaced on its own date never is', () => {
    // A fourth release without the global document, and a fifth on the same day as the fourth.
    const withdrawn = { ...entries[2]!, version: 4, effective_date: '2026-06-01', documents: entries[2]!.documents.filter((d) => d.document === 'china') };
    const sameDay = { ...withdrawn, version: 5 };
    const index = versionsIndex([...entries, withdrawn, sameDay]);
    expect(index.documents.find((d) => d.document === 'global')!.versions.map((v) => [v.version, v.in_force_until])).toEqual([[1, '2026-05-01'], [3, '2026-06-01']]);
    expect(versionAt(index, '2026-05-31', 'global').documents[0]!.version?.version).toBe(3);
    expect(versionAt(index, '2026-06-01', 'global').documents[0]!.version).toBeNull();
    expect(versionAt(index, '2026-06-01').release?.version).toBe(5);
    expect(index.releases.find((r) => r.version === 4)!.in_force_until).toBe('2026-06-01');
  });

  it('policygen version-at answers the same from versions.json and from the data file, exit 0 or 4', async () => {
    const sources = [join(out, 'acme', 'versions', 'versions.json'), file];
    for (const [date, release, china, global] of TABLE) {
      for (const source of sources) {
        const r = await runCli(['version-at', source, '--date', date, '--json']);
        expect(r.code, `${source} ${date}: ${r.stderr}`).toBe(release === null ? 4 : 0);
        const answer = JSON.parse(r.stdout) as { in_force: boolean; release: { version: number } | null; documents: Array<{ document: string; version: { version: number } | null }> };
        expect([date, answer.in_force, answer.release?.version ?? null, ...answer.documents.map((d) => d.version?.version ?? null)]).toEqual([date, release !== null, release, china, global]);
      }
    }
    // One document: its own answer and exit code.
    const china = await runCli(['version-at', file, '--date', '2026-04-15', '--document', 'china', '--json']);
    expect(china.code).toBe(0);
    expect(JSON.parse(china.stdout).documents).toMatchObject([{ document: 'china', version: { version: 2, effective_date: '2026-04-01', in_force_until: null } }]);
  }, 120_000);

  it('says it in both languages, and "no version in force" before the first', async () => {
    const index = join(out, 'acme', 'versions', 'versions.json');
    const en = await runCli(['version-at', file, '--date', '2026-04-15', '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.stdout).toBe(
      'acme on April 15, 2026: version 2, in force from April 1, 2026 to April 30, 2026\n' +
        '  china: version 2, in force from April 1, 2026 (its newest version)\n' +
        '  global: version 1, in force from March 7, 2026 to April 30, 2026\n',
    );
    const zh = await runCli(['version-at', file, '--date', '2026-04-15', '--document', 'global', '--lang', 'zh-CN']);
    expect(zh.stdout).toBe('acme：文件 global 在2026年4月15日有效的版本是第 1 版（自2026年3月7日起生效，至2026年4月30日止）\n');
    const before = await runCli(['version-at', index, '--date', '2026-03-06', '--lang', 'zh-CN']);
    expect(before.code).toBe(4);
    expect(before.stdout).toBe(`${index}：在2026年3月6日尚无有效版本；首个版本（第 1 版）自2026年3月7日起生效\n`);
    const beforeEn = await runCli(['version-at', file, '--date', '2026-03-06', '--document', 'china', '--lang', 'en']);
    expect(beforeEn.code).toBe(4);
    expect(beforeEn.stdout).toBe('acme, china, on March 6, 2026: no version in force; its first, version 1, took effect on March 7, 2026\n');
    // The exit codes are in the help.
    expect((await runCli(['version-at', '--help'])).stdout).toContain('4  no version was in force');
  }, 60_000);

  it('a bad date or an unknown document is a usage error (exit 2); a file that is not versions.json is exit 1', async () => {
    for (const date of ['2026-02-30', '2026-4-1', 'tomorrow']) {
      const r = await runCli(['version-at', file, '--date', date, '--json']);
      expect(r.code, date).toBe(2);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, diagnostics: [{ id: 'usage' }] });
    }
    expect((await runCli(['version-at', file])).code).toBe(2); // --date is required
    const unknown = await runCli(['version-at', file, '--date', '2026-04-15', '--document', 'europe']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('has no document "europe"; its documents: china, global');
    const bogus = join(dirname(file), 'bogus.json');
    writeFileSync(bogus, JSON.stringify({ format: 'policygen-versions/1', releases: 'none' }));
    const r = await runCli(['version-at', bogus, '--date', '2026-04-15', '--json']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout, r.stderr).not.toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, diagnostics: [{ id: 'ledger-invalid' }] });
    // A data file with no ledger.
    const fresh = join(dirname(file), 'fresh.yaml');
    cpSync(file, fresh);
    const none = await runCli(['version-at', fresh, '--date', '2026-04-15']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('has no release ledger');
  }, 60_000);
});
