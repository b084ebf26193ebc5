// The `policygen` command end to end: a child process per call (bin/policygen.js → dist/),
// NO_COLOR=1, exit codes, stdout/stderr, files on disk. PDF only in the last test.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../src/diagnostics.js';
import { writeFixtures } from './fixtures/broken/make-fixtures.mjs';
import { itWith } from './helpers/browser.js';
import { ROOT, runCli, sha256, tree } from './helpers/cli.js';

const EXAMPLE = path.join(ROOT, 'data', 'example.yaml');

const scratch = mkdtempSync(path.join(os.tmpdir(), 'policygen-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** The broken-data catalogue, made from data/example.yaml (test/fixtures/broken/make-fixtures.mjs). */
const GENERATED = writeFixtures(path.join(scratch, 'generated'));
/** A broken file whose fault and fix the CLI output must show. */
const BROKEN_REL = path.join(GENERATED, 'broken', 'unknown-purpose-reference.yaml');
const BROKEN_NEEDLE = 'provide_services';
let counter = 0;
/** A fresh empty folder for one test. */
const tmpDir = (label: string) => {
  const dir = path.join(scratch, `${++counter}-${label}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** line:column of the first occurrence of `needle` in a file, counted independently of policygen. */
function positionOf(file: string, needle: string): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${needle} not in ${file}`);
  return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
}

/** Folders or files left behind by an interrupted build. */
const leftovers = (outDir: string) => readdirSync(outDir).filter((n) => n.startsWith('.staging-') || n === '.policygen.lock');

const ANSI = /\u001b\[/;

describe('usage', () => {
  it('--help lists the build, check and schema commands and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['build', 'check', 'schema']) expect(r.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    expect(r.stdout).toMatch(/Exit codes/);
    expect(r.stderr).toBe('');
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('build --help shows --out, --format and --json', async () => {
    const r = await runCli(['build', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--out', '--format', '--json', '--date']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toMatch(/md,html,pdf/);
  });

  it('an unknown flag exits 2 with a message, and builds nothing', async () => {
    const cwd = tmpDir('unknown-flag');
    const r = await runCli(['build', EXAMPLE, '--bogus'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--bogus'/);
    expect(r.stderr).toMatch(/--help/);
    expect(r.stdout).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('an unknown command exits 2 with a message', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(r.stdout).toBe('');
  });

  it('a bad --format exits 2, names the bad value and the allowed ones, and writes nothing', async () => {
    const out = path.join(tmpDir('bad-format'), 'out');
    const r = await runCli(['build', EXAMPLE, '--out', out, '--format', 'pdf,rtf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pdf,rtf');
    expect(r.stderr).toMatch(/md, html, pdf, docx/);
    expect(existsSync(out)).toBe(false);
  });

  it('a bad --date exits 2: malformed, impossible month, impossible day', async () => {
    for (const date of ['07/03/2026', '2026-13-01', '2026-02-30']) {
      const out = path.join(tmpDir('bad-date'), 'out');
      const r = await runCli(['build', EXAMPLE, '--out', out, '--format', 'md', '--date', date]);
      expect(r.code, `--date ${date} was accepted:\n${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/YYYY-MM-DD/);
      expect(existsSync(out), `--date ${date} built output`).toBe(false);
    }
  });
});

// Issue 15, item 6: messages that said the wrong thing.
describe('messages say the right thing', () => {
  it('a date that does not exist is called that, not a format error (build and release, both languages)', async () => {
    const cwd = tmpDir('no-such-date');
    copyFileSync(EXAMPLE, path.join(cwd, 'acme.yaml'));
    let r = await runCli(['release', 'acme.yaml', '--date', '2026-06-31'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2026-06-31 does not exist: June 2026 has 30 days');
    expect(r.stderr).not.toContain('write the date as');
    r = await runCli(['build', 'acme.yaml', '--date', '2026-13-01'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2026-13-01 does not exist: there is no month 13');
    r = await runCli(['--lang', 'zh-CN', 'release', 'acme.yaml', '--date', '2026-02-30'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2026-02-30 不存在：2026 年 2 月 只有 28 天');
    r = await runCli(['release', 'acme.yaml', '--date', '31.06.2026'], { cwd });
    expect(r.stderr).toContain('write the date as YYYY-MM-DD');
    expect(existsSync(path.join(cwd, 'acme.ledger.jsonl'))).toBe(false);
  });

  it('--lang with a language messages do not exist in is refused (exit 2), naming the supported ones', async () => {
    const r = await runCli(['--lang', 'fr', 'check', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('messages are not available in "fr"; supported languages: en, zh-CN');
    expect((await runCli(['--lang', 'zh_CN', '--version'])).code).toBe(0);
  });

  it('build --json with an unknown flag prints a JSON error document', async () => {
    const r = await runCli(['build', '--json', '--frob']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, command: 'build', diagnostics: [{ id: 'usage', severity: 'error', message: "unknown option '--frob'" }] });
  });

  it('init --company in Chinese fills zh-CN with it and leaves a TODO in en', async () => {
    const cwd = tmpDir('init-zh');
    const r = await runCli(['init', 'acme.yaml', '--company', '测试', '-j', 'pipl'], { cwd });
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(cwd, 'acme.yaml'), 'utf8');
    const name = /^controller:\n(?:.*\n)*?  name:\n    zh-CN: (.*)\n    en: (.*)$/m.exec(text);
    expect(name?.[1]).toBe('"测试"');
    expect(name?.[2]).toMatch(/^"?TODO/);
    expect(name?.[2]).toContain('测试'); // says whose English name to write
  });

  it('check refuses a file with no effective_date and no ledger, as build would (missing-date), still listing coverage', async () => {
    const dir = tmpDir('check-undated');
    const file = path.join(dir, 'undated.yaml');
    writeFileSync(file, readFileSync(EXAMPLE, 'utf8').replace(/^ {2}effective_date: .*\n/m, ''));
    const r = await runCli(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[missing-date]');
    expect(r.stdout).toContain('required disclosures');
    expect((await runCli(['check', file, '--date', '2026-05-01'])).code).toBe(0);
  });
});

describe('check', () => {
  it('passes data/example.yaml with exit 0', async () => {
    const r = await runCli(['check', 'data/example.yaml']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^data\/example\.yaml: ok \(\d+ clauses, zh-CN, en\b/m);
  });

  it('reports a broken file with exit 1, file:line:column of the fault and the fix, without colour', async () => {
    const { line, column } = positionOf(path.resolve(ROOT, BROKEN_REL), BROKEN_NEEDLE);
    const r = await runCli(['check', BROKEN_REL]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${BROKEN_REL}:${line}:${column}:`);
    expect(r.stderr).toContain('[unknown-reference]');
    expect(r.stderr).toContain('data_categories[3].purposes[1]');
    expect(r.stderr).toContain('fix: did you mean "provide_service"?');
    expect(r.stderr).not.toMatch(ANSI);
    expect(r.stdout).not.toContain(': ok');
  });

  it('reports every fault of a file with many, each at its own line', async () => {
    const file = path.join(GENERATED, 'broken', 'many-errors.yaml');
    const r = await runCli(['check', '--json', file]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { policies: { diagnostics: { line: number }[] }[] };
    const lines = report.policies[0]!.diagnostics.map((d) => d.line);
    for (const needle of ['hipaa', 'privacy(at)', 'phone_number:', 'pipl: agreement', '30 dayz', 'min_age: fourteen']) {
      expect(lines, needle).toContain(positionOf(file, needle).line);
    }
  });

  it('--json prints one JSON document whose diagnostics carry id, file, line, column, path, message and fix', async () => {
    const { line, column } = positionOf(path.resolve(ROOT, BROKEN_REL), BROKEN_NEEDLE);
    const r = await runCli(['check', '--json', BROKEN_REL]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; command: string; policies: { file: string; ok: boolean; diagnostics: Record<string, unknown>[] }[] };
    expect(report.ok).toBe(false);
    expect(report.command).toBe('check');
    expect(report.policies).toHaveLength(1);
    const [d, ...rest] = report.policies[0]!.diagnostics;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ id: 'unknown-reference', severity: 'error', file: BROKEN_REL, line, column, path: 'data_categories[3].purposes[1]' });
    expect(Object.keys(CATALOGUE)).toContain(d!.id);
    expect(typeof d!.message).toBe('string');
    expect(d!.message).toContain('provide_services');
    expect(d!.fix).toBe('did you mean "provide_service"?');
    // Diagnostics are in the JSON, not also printed for people.
    expect(r.stderr).not.toContain('provide_services');
  });

  it('--json on a good file reports ok with exit 0', async () => {
    const r = await runCli(['check', '--json', 'data/example.yaml']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; policies: { ok: boolean; diagnostics: unknown[]; locales: string[] }[] };
    expect(report.ok).toBe(true);
    expect(report.policies[0]).toMatchObject({ ok: true, diagnostics: [], locales: ['zh-CN', 'en'] });
  });

  it('a file that does not exist exits 1 with file-not-found', async () => {
    const r = await runCli(['check', 'no/such/file.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no/such/file.yaml');
    expect(r.stderr).toContain('[file-not-found]');
  });
});

describe('build', () => {
  it('builds Markdown and HTML for both languages, the index page and the manifest', async () => {
    const out = path.join(tmpDir('build'), 'out');
    const r = await runCli(['build', 'data/example.yaml', '--out', out, '--format', 'md,html']);
    expect(r.code, r.stderr).toBe(0);
    const files = Object.keys(tree(out));
    // The example (PIPL with other laws) publishes a China document and a global document.
    // (Beside them, the China document's lists: test/china-lists.test.ts.)
    expect(files.filter((f) => f === 'example/index.html' || /^example\/[^/]+\/[^/]+\/(?:index\.html|policy\.md)$/.test(f))).toEqual([
      'example/china/en/index.html',
      'example/china/en/policy.md',
      'example/china/zh-CN/index.html',
      'example/china/zh-CN/policy.md',
      'example/global/en/index.html',
      'example/global/en/policy.md',
      'example/global/zh-CN/index.html',
      'example/global/zh-CN/policy.md',
      'example/index.html',
    ]);
    expect(files).toContain('manifest.json');
    expect(files).toContain('assets/policy.css');
    expect(files.some((f) => f.endsWith('.pdf'))).toBe(false);
    expect(leftovers(out)).toEqual([]);
    expect(readFileSync(path.join(out, 'example/china/zh-CN/policy.md'), 'utf8')).toMatch(/[\u4e00-\u9fff]/);
    expect(readFileSync(path.join(out, 'example/global/en/policy.md'), 'utf8')).toContain('Yunjian Technology (Hangzhou) Co., Ltd.');
    expect(r.stdout).toContain(`built example → ${files.filter((f) => f.startsWith('example/')).length} files`);
  });

  it('--json: every artifact is listed with the sha256 and size of the file on disk, as in manifest.json', async () => {
    const out = path.join(tmpDir('build-json'), 'out');
    const r = await runCli(['build', 'data/example.yaml', '--out', out, '--format', 'md,html', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; command: string; outDir: string; policies: { id: string; ok: boolean; artifacts: { path: string; sha256: string; bytes: number; format: string; locale?: string; status?: string }[] }[] };
    expect(report).toMatchObject({ ok: true, command: 'build', outDir: out });
    const artifacts = report.policies[0]!.artifacts;
    expect(artifacts.map((a) => a.path).sort()).toEqual(Object.keys(tree(path.join(out, 'example'))).map((p) => `example/${p}`).sort());
    for (const a of artifacts) {
      const bytes = readFileSync(path.join(out, a.path));
      expect(a.sha256, a.path).toBe(sha256(bytes));
      expect(a.bytes, a.path).toBe(bytes.length);
    }
    expect(artifacts.find((a) => a.path === 'example/china/zh-CN/policy.md')).toMatchObject({ format: 'md', document: 'china', locale: 'zh-CN' });
    expect(artifacts.find((a) => a.path === 'example/global/en/index.html')).toMatchObject({ format: 'html', document: 'global', locale: 'en' });
    expect(artifacts.find((a) => a.path === 'example/index.html')).toMatchObject({ format: 'index' });
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { policies: Record<string, { artifacts: unknown }> };
    expect(Object.keys(manifest.policies)).toEqual(['example']);
    // The report also says whether each file was made now or taken over from the previous output (incremental builds); the manifest does not.
    expect(artifacts.every((a) => a.status === 'built')).toBe(true);
    expect(manifest.policies.example!.artifacts).toEqual(artifacts.map(({ status: _status, ...a }) => a));
  });

  it('a failed build leaves the previous output byte-identical and no staging folder', async () => {
    const dir = tmpDir('failed-build');
    const out = path.join(dir, 'out');
    const first = await runCli(['build', EXAMPLE, '--out', out, '--format', 'md,html']);
    expect(first.code, first.stderr).toBe(0);
    const before = tree(out);
    expect(Object.keys(before)).toContain('example/global/en/policy.md');

    // Same policy id ("example"), broken content.
    mkdirSync(path.join(dir, 'bad'));
    const bad = path.join(dir, 'bad', 'example.yaml');
    copyFileSync(path.resolve(ROOT, BROKEN_REL), bad);
    const second = await runCli(['build', bad, '--out', out, '--format', 'md,html']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`${bad}:${positionOf(bad, BROKEN_NEEDLE).line}:`);
    expect(tree(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it('--date changes the "last updated" stamp in both languages', async () => {
    const dated = path.join(tmpDir('date'), 'out');
    const plain = path.join(tmpDir('no-date'), 'out');
    const r = await runCli(['build', 'data/example.yaml', '--out', dated, '--format', 'md,html', '--date', '2026-05-01']);
    expect(r.code, r.stderr).toBe(0);
    expect((await runCli(['build', 'data/example.yaml', '--out', plain, '--format', 'md,html'])).code).toBe(0);

    const read = (root: string, rel: string) => readFileSync(path.join(root, 'example', rel), 'utf8');
    for (const rel of ['china/zh-CN/policy.md', 'china/zh-CN/index.html', 'global/zh-CN/policy.md', 'global/zh-CN/index.html']) {
      expect(read(dated, rel), rel).toContain('最后更新：2026年5月1日');
      expect(read(plain, rel), rel).toContain('最后更新：2026年3月7日');
      expect(read(dated, rel), rel).not.toContain('2026年3月7日');
    }
    for (const rel of ['china/en/policy.md', 'china/en/index.html', 'global/en/policy.md', 'global/en/index.html']) {
      expect(read(dated, rel), rel).toContain('Last updated: May 1, 2026');
      expect(read(plain, rel), rel).toContain('Last updated: March 7, 2026');
      expect(read(dated, rel), rel).not.toContain('March 7, 2026');
    }
  });

  it('a data file without effective_date needs --date: exit 1 with missing-date, then 0 with --date', async () => {
    const dir = tmpDir('missing-date');
    const file = path.join(dir, 'undated.yaml');
    const source = readFileSync(EXAMPLE, 'utf8');
    const undated = source.replace(/^ {2}effective_date: .*\n/m, '');
    expect(undated).not.toBe(source);
    writeFileSync(file, undated);
    const out = path.join(dir, 'out');

    const r = await runCli(['build', file, '--out', out, '--format', 'md,html']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[missing-date]');
    expect(r.stderr).toContain('--date');
    expect(existsSync(path.join(out, 'undated'))).toBe(false);

    const ok = await runCli(['build', file, '--out', out, '--format', 'md,html', '--date', '2026-05-01']);
    expect(ok.code, ok.stderr).toBe(0);
    for (const doc of ['china', 'global']) expect(readFileSync(path.join(out, 'undated', doc, 'en', 'policy.md'), 'utf8')).toContain('Last updated: May 1, 2026');
  });

  it('a folder with one good and one bad file: the good one is built, the bad one reported, exit 1', async () => {
    const dir = tmpDir('folder');
    const data = path.join(dir, 'data');
    mkdirSync(data);
    copyFileSync(EXAMPLE, path.join(data, 'good.yaml'));
    copyFileSync(path.resolve(ROOT, BROKEN_REL), path.join(data, 'bad.yaml'));
    writeFileSync(path.join(data, 'notes.txt'), 'not a data file');
    const out = path.join(dir, 'out');

    const r = await runCli(['build', 'data', '--out', out, '--format', 'md,html'], { cwd: dir });
    expect(r.code).toBe(1);
    const good = Object.keys(tree(path.join(out, 'good')));
    expect(good.filter((f) => f === 'index.html' || f.endsWith('/policy.md'))).toEqual(['china/en/policy.md', 'china/zh-CN/policy.md', 'global/en/policy.md', 'global/zh-CN/policy.md', 'index.html']);
    expect(existsSync(path.join(out, 'bad'))).toBe(false);
    expect(existsSync(path.join(out, 'notes'))).toBe(false);
    expect(r.stderr).toContain(`${path.join('data', 'bad.yaml')}:${positionOf(path.join(data, 'bad.yaml'), BROKEN_NEEDLE).line}:`);
    expect(r.stdout).toMatch(/built good →/);
    expect(r.stderr).toMatch(/1 built, 1 failed/);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { policies: Record<string, unknown> };
    expect(Object.keys(manifest.policies)).toEqual(['good']);
    expect(leftovers(out)).toEqual([]);
  });
});

describe('schema', () => {
  it('prints the JSON Schema, the same that --out writes and that is committed', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);

    const file = path.join(tmpDir('schema'), 'nested', 'facts.schema.json');
    const written = await runCli(['schema', '--out', file]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(r.stdout);
    expect(r.stdout, 'schema/facts.schema.json is out of date: run `node bin/policygen.js schema --out schema/facts.schema.json`').toBe(
      readFileSync(path.join(ROOT, 'schema', 'facts.schema.json'), 'utf8'),
    );
  });
});

describe('PDF', () => {
  itWith({}, 'builds a PDF per language (needs Chromium)', async () => {
    const out = path.join(tmpDir('pdf'), 'out');
    const r = await runCli(['build', 'data/example.yaml', '--out', out, '--format', 'pdf', '--json'], { timeoutMs: 300_000 });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { policies: { artifacts: { path: string; sha256: string; format: string }[] }[] };
    const pdfs = report.policies[0]!.artifacts.filter((a) => a.format === 'pdf');
    // A PDF per language of each document (the China document's lists have theirs too).
    expect(pdfs.map((a) => a.path).filter((p) => p.endsWith('/policy.pdf')).sort()).toEqual(['example/china/en/policy.pdf', 'example/china/zh-CN/policy.pdf', 'example/global/en/policy.pdf', 'example/global/zh-CN/policy.pdf']);
    for (const a of pdfs) {
      const bytes = readFileSync(path.join(out, a.path));
      expect(bytes.subarray(0, 5).toString('latin1'), a.path).toBe('%PDF-');
      expect(statSync(path.join(out, a.path)).size).toBeGreaterThan(10_000);
      expect(sha256(bytes)).toBe(a.sha256);
    }
    expect(leftovers(out)).toEqual([]);
  });
});
