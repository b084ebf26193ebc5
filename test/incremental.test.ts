/**
 * Incremental builds (issue 16, src/pipeline/reuse.ts): a rebuild takes over from the previous
 * output exactly the artifacts whose inputs did not change, and its output is byte for byte
 * the output of a clean build.
 *
 * One workspace (a copy of the example, and of templates/ and locales/ as its library root)
 * goes through one change at a time; after each, the expected set of rebuilt PDFs is worked
 * out from the change itself (the pages that show the changed text, the language whose
 * footer changed, every PDF for a browser, an asset or --date) and compared with what the
 * build reports, and the folder with a clean --force build of the same inputs. Nothing is timed.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdtempSync, symlinkSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { build, type BuildOptions, type BuildReport } from '../src/pipeline/build.js';
import { fontPackageVersions } from '../src/render/fonts.js';
import { describeWith } from './helpers/browser.js';
import { ROOT } from './helpers/cli.js';
import { copyLibraryRoot } from './helpers/library.js';
import { edit, exampleWorkspaces, replaced } from './helpers/workspace.js';

// An edited policy.css: the package's stylesheet plus `css`, fingerprinted as loadAssets() does.
const assetChange = vi.hoisted(() => ({ css: '' }));
vi.mock('../src/render/assets.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/render/assets.js')>();
  return {
    ...real,
    loadAssets: async () => {
      const assets = await real.loadAssets();
      if (!assetChange.css) return assets;
      const policyCss = assets.policyCss + assetChange.css;
      const stamp = createHash('sha256').update(`${fontPackageVersions().join('\n')}\0${assets.fontsCss}\0${policyCss}`).digest('hex');
      return { ...assets, policyCss, stamp };
    },
  };
});

const { scratch, workspace } = exampleWorkspaces('policygen-incremental-');

/** Every file below `dir` (dot-files of the output folder aside: lock, staging) with its sha256. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = join(entry.parentPath, entry.name);
    const rel = relative(dir, full).split('\\').join('/');
    if (rel.startsWith('.') || !statSync(full).isFile()) continue;
    out[rel] = createHash('sha256').update(readFileSync(full)).digest('hex');
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** The report's artifacts of the one policy: path → reused/built. */
function statuses(report: BuildReport): Record<string, string> {
  expect(report.ok, JSON.stringify(report.diagnostics.concat(report.policies.flatMap((p) => p.diagnostics)))).toBe(true);
  return Object.fromEntries(report.policies.flatMap((p) => p.artifacts.map((a) => [a.path, a.status!])));
}

const pdfsOf = (s: Record<string, string>) => Object.keys(s).filter((p) => p.endsWith('.pdf')).sort();
const builtPdfs = (s: Record<string, string>) => pdfsOf(s).filter((p) => s[p] === 'built');
/** The page a PDF is printed from: policy.pdf ← index.html, <list>.pdf ← <list>.html. */
const pageOf = (pdf: string) => (pdf.endsWith('/policy.pdf') ? pdf.replace(/policy\.pdf$/, 'index.html') : pdf.replace(/\.pdf$/, '.html'));
/** The PDFs whose page (in `out`) shows `text`. */
const pdfsShowing = (out: string, pdfs: readonly string[], text: string) => pdfs.filter((p) => readFileSync(join(out, ...pageOf(p).split('/')), 'utf8').includes(text));

describeWith({}, 'incremental builds: exactly what changed is rebuilt, and the output is a clean build’s', () => {
  const file = workspace(); // <scratch>/1/acme.yaml → policy id "acme"
  const root = copyLibraryRoot();
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const out = join(scratch, 'out');
  let options: BuildOptions = { outDir: out, root };
  let clean = 0;

  /** A clean build of the same inputs into a fresh folder, with --force. */
  async function cleanTree(): Promise<Record<string, string>> {
    const dir = join(scratch, `clean-${++clean}`);
    const report = await build([file], { ...options, outDir: dir, force: true });
    const s = statuses(report);
    expect(Object.values(s).every((v) => v === 'built')).toBe(true);
    const t = tree(dir);
    rmSync(dir, { recursive: true, force: true });
    return t;
  }

  let all: string[] = [];
  let before: Record<string, string> = {};

  it('cold build: everything built, PDFs and the policy keyed in the manifest', { timeout: 300_000 }, async () => {
    const s = statuses(await build([file], options));
    expect(Object.values(s).every((v) => v === 'built')).toBe(true);
    all = pdfsOf(s);
    expect(all).toHaveLength(10); // China: policy and three lists, global: policy; two languages each
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.policies.acme.key).toMatch(/^[0-9a-f]{64}$/);
    const artifacts = manifest.policies.acme.artifacts as { path: string; key?: string; status?: string }[];
    expect(artifacts.filter((a) => a.key).map((a) => a.path).sort()).toEqual(all);
    expect(artifacts.some((a) => 'status' in a)).toBe(false); // made or reused is the report's, not the output's
    before = tree(out);
  });

  it('a rebuild with nothing changed reuses every artifact and leaves the folder byte-identical', { timeout: 300_000 }, async () => {
    const s = statuses(await build([file], options));
    expect(Object.values(s).every((v) => v === 'reused')).toBe(true);
    expect(Object.keys(s).length).toBeGreaterThan(40);
    expect(tree(out)).toEqual(before);
  });

  it('--force rebuilds everything, to the same bytes', { timeout: 300_000 }, async () => {
    const s = statuses(await build([file], { ...options, force: true }));
    expect(Object.values(s).every((v) => v === 'built')).toBe(true);
    expect(tree(out)).toEqual(before);
  });

  /** Rebuilds after `change`; the rebuilt PDFs must be `expected(out)` exactly, and the folder a clean build's. */
  async function changeOne(change: () => void, expected: () => string[], compareClean = true): Promise<Record<string, string>> {
    change();
    const s = statuses(await build([file], options));
    const want = expected();
    expect(want.length).toBeGreaterThan(0);
    expect(builtPdfs(s)).toEqual([...want].sort());
    // Every other PDF is the previous output's file, taken over.
    for (const pdf of all.filter((p) => !want.includes(p))) expect(s[pdf]).toBe('reused');
    const now = tree(out);
    if (compareClean) expect(now).toEqual(await cleanTree());
    return s;
  }

  it('a fact of the China document (the PIPL officer’s e-mail): only the China PDFs showing it', { timeout: 300_000 }, async () => {
    await changeOne(
      () => edit(file, (d) => (d.pipo.email = 'officer@nimbusnotes.example')),
      () => pdfsShowing(out, all, 'officer@nimbusnotes.example'),
    );
    // Worked out by hand too: the China policy in both languages, no list, nothing global.
    expect(pdfsShowing(out, all, 'officer@nimbusnotes.example')).toEqual(['acme/china/en/policy.pdf', 'acme/china/zh-CN/policy.pdf']);
  });

  it('a fact of the global document (the EU representative’s e-mail): only the global PDFs', { timeout: 300_000 }, async () => {
    await changeOne(
      () => edit(file, (d) => (d.representatives.eu.email = 'eu-representative@nimbusnotes.example')),
      () => pdfsShowing(out, all, 'eu-representative@nimbusnotes.example'),
    );
    expect(pdfsShowing(out, all, 'eu-representative@nimbusnotes.example')).toEqual(['acme/global/en/policy.pdf', 'acme/global/zh-CN/policy.pdf']);
  });

  it('a template (a PIPL clause, shared by both languages): the China policy PDFs in both languages', { timeout: 300_000 }, async () => {
    const template = join(root, 'templates', 'clauses', 'pipl_complaints.md.hbs');
    await changeOne(
      () => writeFileSync(template, `${readFileSync(template, 'utf8').trimEnd()}\n\nIncrementalMarker7.\n`),
      () => pdfsShowing(out, all, 'IncrementalMarker7'),
    );
    expect(pdfsShowing(out, all, 'IncrementalMarker7')).toEqual(['acme/china/en/policy.pdf', 'acme/china/zh-CN/policy.pdf']);
  });

  it('a locale string of one language (the zh-CN page footer): every zh-CN PDF, no English one, no page changed', { timeout: 300_000 }, async () => {
    const locale = join(root, 'locales', 'zh-CN', 'policy.json');
    const pages = tree(out);
    await changeOne(
      () => writeFileSync(locale, replaced(readFileSync(locale, 'utf8'), 'zh-CN policy.json', [['"page_label": "第 {{page}} 页 / 共 {{pages}} 页"', '"page_label": "第 {{page}} 页，共 {{pages}} 页"']])),
      () => all.filter((p) => p.includes('/zh-CN/')),
    );
    const now = tree(out);
    // The footer is the PDF job's, not the page's: every HTML page is as it was.
    for (const path of Object.keys(now).filter((p) => p.endsWith('.html'))) expect(now[path], path).toBe(pages[path]);
  });

  it('an asset (policy.css): every PDF, and the assets folder', { timeout: 300_000 }, async () => {
    const css = tree(out)['assets/policy.css'];
    await changeOne(
      () => (assetChange.css = '\nh2 { letter-spacing: 0.02em; }\n'),
      () => all,
    );
    expect(tree(out)['assets/policy.css']).not.toBe(css);
  });

  it('the browser (another version): every PDF, and nothing else changes (the same real browser prints the same bytes)', { timeout: 300_000 }, async () => {
    const previous = tree(out);
    const manifestBefore = readFileSync(join(out, 'manifest.json'), 'utf8');
    await changeOne(
      () => (options = { ...options, browserVersion: 'Chromium 999.0.0.0 (stands for an upgrade)' }),
      () => all,
      false, // no clean build needed: every PDF was printed again, and the folder must be the previous one
    );
    // The same files; the manifest differs only in the PDFs' keys.
    const { 'manifest.json': _was, ...files } = previous;
    const { 'manifest.json': _is, ...now } = tree(out);
    expect(now).toEqual(files);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8').replace(/"key": "[0-9a-f]{64}"/g, '')).toBe(manifestBefore.replace(/"key": "[0-9a-f]{64}"/g, ''));
    const s = statuses(await build([file], options));
    expect(Object.values(s).every((v) => v === 'reused')).toBe(true);
  });

  it('--date: every PDF (every stamp and every PDF date)', { timeout: 300_000 }, async () => {
    await changeOne(
      () => (options = { ...options, date: '2026-04-01' }),
      () => pdfsShowing(out, all, '2026年4月1日').concat(pdfsShowing(out, all, 'April 1, 2026')),
    );
  });

  it('--base-url: every PDF (its page’s head changed)', { timeout: 300_000 }, async () => {
    await changeOne(
      () => (options = { ...options, baseUrl: 'https://nimbusnotes.example/privacy/' }),
      () => pdfsShowing(out, all, '<link rel="canonical" href="https://nimbusnotes.example/privacy/acme/'),
    );
  });

  it('a PDF deleted, a PDF truncated, a page edited in the previous output: those are made again, nothing else printed', { timeout: 300_000 }, async () => {
    const intact = tree(out);
    unlinkSync(join(out, 'acme', 'china', 'en', 'policy.pdf'));
    truncateSync(join(out, 'acme', 'global', 'zh-CN', 'policy.pdf'), 1000); // as a kill during a copy would leave it
    writeFileSync(join(out, 'acme', 'china', 'en', 'policy.md'), 'edited by hand\n');
    const s = statuses(await build([file], options));
    expect(builtPdfs(s)).toEqual(['acme/china/en/policy.pdf', 'acme/global/zh-CN/policy.pdf']);
    expect(s['acme/china/en/policy.md']).toBe('built'); // the folder was not taken over whole
    expect(tree(out)).toEqual(intact);
  });

  it('a manifest pointing outside the policy folder is not followed', { timeout: 300_000 }, async () => {
    const path = join(out, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    const pdf = manifest.policies.acme.artifacts.find((a: { path: string }) => a.path === 'acme/china/en/policy.pdf');
    pdf.path = 'acme/../acme/china/en/policy.pdf';
    writeFileSync(path, JSON.stringify(manifest));
    const s = statuses(await build([file], options));
    expect(builtPdfs(s)).toEqual(['acme/china/en/policy.pdf']);
  });
});

describe('incremental builds of a batch (Markdown and HTML)', () => {
  it('one data file changed: the other policy is taken over whole, the changed one is composed again; the folder is a clean build’s', { timeout: 300_000 }, async () => {
    const a = workspace();
    const b = join(a, '..', 'beta.yaml');
    writeFileSync(b, readFileSync(a, 'utf8'));
    const dir = join(a, '..');
    const out = join(scratch, 'batch');
    const options: BuildOptions = { outDir: out, formats: ['md', 'html'] };
    await build([dir], options);
    edit(b, (d) => (d.pipo.email = 'beta-officer@nimbusnotes.example'));
    const report = await build([dir], options);
    expect(report.ok).toBe(true);
    const byPolicy = Object.fromEntries(report.policies.map((p) => [p.id, [...new Set(p.artifacts.map((x) => x.status))]]));
    expect(byPolicy).toEqual({ acme: ['reused'], beta: ['built'] });
    const cleanDir = join(scratch, 'batch-clean');
    await build([dir], { ...options, outDir: cleanDir, force: true });
    expect(tree(out)).toEqual(tree(cleanDir));
  });
});

describe('a policy taken over whole', () => {
  it('reports the warnings its build gave (kept in the manifest), as a clean build reports them', { timeout: 300_000 }, async () => {
    const file = workspace();
    edit(file, (d) => (d.custom_sections[0].body.en = `${d.custom_sections[0].body.en}\nAs section 3 explains, you can ask for a copy.\n`));
    const out = join(scratch, 'warned');
    const options: BuildOptions = { outDir: out, formats: ['md', 'html'] };
    const first = await build([file], options);
    expect(first.ok).toBe(true);
    const warnings = first.policies[0]!.diagnostics;
    expect(warnings.map((d) => [d.id, d.severity, d.file])).toEqual([['section-number-in-text', 'warning', file]]);
    const again = await build([file], options);
    expect(again.policies[0]!.artifacts.every((a) => a.status === 'reused')).toBe(true);
    expect(again.policies[0]!.diagnostics).toEqual(warnings);
    const clean = await build([file], { ...options, force: true });
    expect(clean.policies[0]!.diagnostics).toEqual(warnings);
  });
});

describeWith({}, 'a killed incremental build', () => {
  it('kill -9 while PDFs already linked from the previous output wait for one to be printed: the output is untouched, the next build finishes it', { timeout: 600_000 }, async () => {
    const data = workspace();
    const out = join(scratch, 'killed');
    const tmp = mkdtempSync(join(tmpdir(), 'policygen-incremental-kill-'));
    // The CLI as compiled now, in a folder of its own: the tool's code is part of every key,
    // and a compile in the working tree between these runs would rightly rebuild everything.
    const cli = join(scratch, 'cli');
    for (const name of ['bin', 'dist', 'templates', 'locales', 'package.json']) cpSync(join(ROOT, name), join(cli, name), { recursive: true, preserveTimestamps: true });
    symlinkSync(join(ROOT, 'node_modules'), join(cli, 'node_modules'), 'junction');
    const run = (args: string[]) =>
      spawn(process.execPath, [join(cli, 'bin', 'policygen.js'), 'build', data, '--out', out, ...args], { env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    const finish = (child: ReturnType<typeof run>) =>
      new Promise<{ code: number | null; stdout: string }>((resolve) => {
        let stdout = '';
        child.stdout!.on('data', (b: Buffer) => (stdout += b));
        child.stderr!.resume();
        child.on('close', (code) => resolve({ code, stdout }));
      });
    expect((await finish(run([]))).code).toBe(0);
    const built = tree(out);
    unlinkSync(join(out, 'acme', 'china', 'en', 'policy.pdf'));
    const missing = tree(out);

    // Killed once the staging folder holds a PDF linked from the previous output (a second name for its inode).
    const child = run([]);
    const closed = finish(child);
    const linkedInStaging = () =>
      readdirSync(out)
        .filter((n) => n.startsWith('.staging-'))
        .some((n) => existsSync(join(out, n, 'acme', 'global', 'en', 'policy.pdf')) && lstatSync(join(out, n, 'acme', 'global', 'en', 'policy.pdf')).nlink === 2);
    let exited = false;
    child.on('exit', () => (exited = true));
    while (!linkedInStaging() && !exited) await sleep(10);
    expect(exited, 'the build ended before it was seen linking a PDF').toBe(false);
    child.kill('SIGKILL');
    await closed;
    expect(tree(out)).toEqual(missing); // nothing published, nothing half-reused; the previous files are as they were
    expect(lstatSync(join(out, 'acme', 'global', 'en', 'policy.pdf')).nlink).toBe(2); // still linked from the dead run's staging folder

    const next = await finish(run(['--json']));
    expect(next.code).toBe(0);
    const artifacts = (JSON.parse(next.stdout) as { policies: { artifacts: { path: string; status: string }[] }[] }).policies[0]!.artifacts;
    expect(artifacts.filter((x) => x.path.endsWith('.pdf') && x.status === 'built').map((x) => x.path)).toEqual(['acme/china/en/policy.pdf']);
    expect(tree(out)).toEqual(built);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(lstatSync(join(out, 'acme', 'global', 'en', 'policy.pdf')).nlink).toBe(1); // the staging folder and its links are gone
    rmSync(tmp, { recursive: true, force: true });
  });
});
