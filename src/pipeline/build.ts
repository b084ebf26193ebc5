/**
 * build(): data files → output/<id>/… and output/manifest.json.
 *
 * Everything is rendered into a staging folder inside the output folder first; a policy's
 * folder is swapped in by rename only when all of its artifacts exist. A policy that fails
 * leaves its previous output untouched, and so does a build that fails as a whole.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Library, LibraryOptions } from '../library/library.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { policyIdFromPath } from '../facts/load.js';
import { findChromium, sweepStaleProfiles } from '../render/browser.js';
import { assetsInPlace, loadAssets, writeAssets } from '../render/assets.js';
import { pdfDocument, policyFiles, type Format, type OutputFile } from '../publish/files.js';
import { LABEL_FILES } from '../publish/labels/index.js';
import { policyPdfJob, publishPdfs, type PdfGroup } from '../publish/publish.js';
import type { PdfJob } from '../render/pdf.js';
import { archiveFiles, documentEntries, publishedVersions } from '../versions/archive.js';
import { headAlternates, sitemap, sitemapIndex, withAbsoluteHead } from '../versions/pages.js';
import { ledgerPath, readLedger } from '../versions/ledger.js';
import { documentDate, readReleases, stampDocuments } from '../versions/stamp.js';
import type { DocumentPlan } from '../facts/documents.js';
import { say } from '../messages.js';
import type { LockEvent } from '../system/lock.js';
import { outputDirProblem } from '../system/outpath.js';
import { createStaging, sweepStaleStaging, type Staging, type SweepResult } from '../system/staging.js';
import { lockOutput, outputError } from './output.js';
import { openInputs, preparePolicy, type PreparedPolicy } from './prepare.js';
import { browserEnvironment, browserIdentity, codeFingerprint, intact, packageTemplatesFingerprint, pdfKey, placeReused, policyKey, readPreviousManifest, reusablePath, sha256, systemFontsFingerprint, type ArtifactStatus, type BuildContext, type PreviousManifest } from './reuse.js';
import { inShard, type Shard } from './shard.js';

export { expandInputs, preparePolicy, type PreparedPolicy } from './prepare.js';

export type { Format };
/** The default formats; `docx` (Word files for legal review) is built only when asked for (`--format …,docx`). */
export const FORMATS: readonly Format[] = ['md', 'html', 'pdf'];

export interface BuildOptions extends LibraryOptions {
  /** Output folder (default "output"). */
  outDir?: string;
  /** Formats to write (default all three). */
  formats?: readonly Format[];
  /** Effective date YYYY-MM-DD overriding policy.effective_date. */
  date?: string;
  /** Pages rendered at once (default 2). */
  concurrency?: number;
  /** Called as each policy finishes (progress display). */
  onProgress?: (event: { done: number; total: number; file: string; ok: boolean }) => void;
  /** When PDFs were not asked for explicitly, a missing browser is a warning, not an error. */
  pdfOptional?: boolean;
  /** Time limit per PDF in ms (default 60 000); a hung browser fails after it. */
  pdfTimeoutMs?: number;
  /** How long to wait for another build holding the output folder, in ms (default 10 minutes). */
  waitMs?: number;
  /** Called when the lock is waited for or taken over (a line at once). */
  onLock?: (event: LockEvent) => void;
  /** Called when an interrupted run's staging folder was removed (and its publish finished). */
  onSweep?: (result: SweepResult) => void;
  /**
   * Where the output folder is published (http or https). With it, pages get absolute
   * canonical and hreflang links, feeds are absolute (and one per language), and
   * sitemaps are written; without it the output stays relative.
   */
  baseUrl?: string;
  /** Rebuild every artifact: take nothing over from the previous output (src/pipeline/reuse.ts). */
  force?: boolean;
  /**
   * What identifies the browser in PDF keys (default: its executable file's path and identity,
   * src/pipeline/reuse.ts's browserIdentity). Tests set it to stand for a browser upgrade.
   */
  browserVersion?: string;
  /** Build only the policies of this shard (src/pipeline/shard.ts): `build --shard k/n`. */
  shard?: Shard;
}

export interface Artifact {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  /** `archive`: released versions, notices, redlines and the feed (src/versions); `label`: the app-store labels (src/publish/labels/), the policy's, with no document or language. */
  format: Format | 'csv' | 'index' | 'archive' | 'label';
  /** The document it belongs to (`policy` in the single layout); absent for the policy's index page and anchor. */
  document?: string;
  locale?: string;
  sha256: string;
  bytes: number;
  /** A PDF's key: the sha256 of everything it depends on (src/pipeline/reuse.ts). The other files are keyed by their policy's key. */
  key?: string;
  /** `reused`: taken over from the previous output; `built`: made by this build. In the report, not the manifest. */
  status?: ArtifactStatus;
}

export interface PolicyResult {
  id: string;
  file: string;
  ok: boolean;
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
  /** The key of the policy's whole folder (absent when its data file changed during the build: nothing is reused from it then). */
  key?: string;
}

export interface BuildReport {
  ok: boolean;
  outDir: string;
  policies: PolicyResult[];
  /** Problems not tied to one data file (templates, locales, browser). */
  diagnostics: Diagnostic[];
  /** With `shard`: the ids of the policies this shard took, of how many data files in all. */
  shard?: Shard & { policies: string[]; total: number };
}

export async function build(inputs: readonly string[], options: BuildOptions = {}): Promise<BuildReport> {
  const outDir = resolve(options.outDir ?? 'output');
  const formats = new Set(options.formats ?? FORMATS);
  // The output folder's address, ending in one '/'.
  const base = options.baseUrl === undefined ? undefined : `${options.baseUrl.replace(/\/+$/, '')}/`;
  const report: BuildReport = { ok: false, outDir, policies: [], diagnostics: [] };

  const { files: allFiles, library, diagnostics: inputProblems } = await openInputs(inputs, options);
  // --shard k/n: this run's share of the data files, by a hash of each policy id.
  const files = options.shard ? inShard(allFiles, policyIdFromPath, options.shard) : allFiles;
  if (options.shard) report.shard = { ...options.shard, policies: files.map(policyIdFromPath), total: allFiles.length };
  report.diagnostics.push(...inputProblems);
  if (!library) return report;

  const unusable = outputDirProblem(outDir);
  if (unusable) {
    report.diagnostics.push(unusable);
    return report;
  }
  const locked = await lockOutput(outDir, options);
  if ('diagnostics' in locked) {
    report.diagnostics.push(...locked.diagnostics);
    return report;
  }
  const { release } = locked;
  let staging: Staging | undefined;
  try {
    // What an interrupted run left here: its staging folder goes (its publish finished first if it had begun).
    const swept = sweepStaleStaging(outDir);
    sweepStaleProfiles(); // and Chromium profiles (with their browsers) of runs killed with kill -9
    if (swept.removed.length) options.onSweep?.(swept);
    staging = await createStaging(outDir, { key: 'keptPrevious', params: { dir: outDir } }, { key: 'keptPublished', params: { dir: outDir } });
    const stagingDir = staging.dir;
    const assets = await loadAssets();
    const keepAssets = await assetsInPlace(join(outDir, 'assets'), assets);
    // The staged pages (which the PDFs are printed from) find the kept assets through a link.
    if (keepAssets) await symlink(join(outDir, 'assets'), join(stagingDir, 'assets'), 'junction');
    else await writeAssets(join(stagingDir, 'assets'), assets);

    // Incremental builds (src/pipeline/reuse.ts): what every artifact depends on, and the
    // previous output's manifest to compare with (none with --force).
    const previous = options.force ? undefined : await readPreviousManifest(outDir);
    const context = buildContext(options, formats, base, library.fingerprint, assets.stamp);
    const reusedPolicies = new Set<string>(); // taken over whole, without composing
    const pdfKeys = new Map<string, { key: string; status: ArtifactStatus }>(); // artifact path → its PDF's key

    // 1. Markdown and HTML for every valid data file.
    // What stage 2 and 3 need of each policy staged in stage 1: its PDF jobs and its
    // documents' plans. Not the composed policy and its files: a batch of thousands would
    // hold them all until the last PDF is printed.
    const prepared: StagedPolicy[] = [];
    let done = 0;
    for (const file of files) {
      // A policy whose inputs are all as the previous output recorded them, and whose files
      // there are intact, is taken over whole: its files are linked into staging.
      const inputs = await policyInputs(file);
      const key = inputs && policyKey(context, policyIdFromPath(file), inputs.data, inputs.ledger);
      const earlier = previous?.policies[policyIdFromPath(file)];
      if (key && earlier?.key === key && (await reuseFolder(outDir, stagingDir, policyIdFromPath(file), earlier))) {
        const warnings = (earlier.warnings ?? []) as Diagnostic[];
        report.policies.push({
          id: policyIdFromPath(file),
          file,
          ok: true,
          key,
          artifacts: (earlier.artifacts as Artifact[]).map((a) => ({ ...a, status: 'reused' as const })),
          // The warnings its build gave, as a clean build would give them again.
          diagnostics: warnings.map((d) => (d.file !== undefined && d.file.split('\\').join('/') === earlier.file ? { ...d, file } : d)),
        });
        reusedPolicies.add(policyIdFromPath(file));
        options.onProgress?.({ done: ++done, total: files.length, file, ok: true });
        continue;
      }
      // Versions (issue 4): with a release ledger beside the data file, the stamp is the
      // newest release's date (unless --date), and working data that renders differently
      // from that release is published as a draft. A broken ledger stops this policy.
      const releases = await readReleases(file);
      // A ledger that has lost versions the published archive shows is not published over it.
      const lost = await lostVersions(file, releases.entries, outDir);
      if (lost) releases.diagnostics.push(lost);
      // Each document is stamped with the date it last changed (a release that changed only
      // the China document leaves the global one's date alone), unless --date.
      const { policy, diagnostics } = hasErrors(releases.diagnostics)
        ? { policy: undefined, diagnostics: releases.diagnostics }
        : await preparePolicy(file, library, options.date ?? releases.newest?.effective_date, options.date ? undefined : (document) => documentDate(releases.entries, document));
      const result: PolicyResult = { id: policyIdFromPath(file), file, ok: false, artifacts: [], diagnostics };
      // Keyed by the bytes composed: a data file or ledger edited meanwhile gets no key (nothing reused from it later).
      const after = key && (await policyInputs(file));
      if (key && after && sha256(after.data) === sha256(inputs.data) && (after.ledger === null) === (inputs.ledger === null) && (after.ledger === null || sha256(after.ledger) === sha256(inputs.ledger!))) result.key = key;
      report.policies.push(result);
      if (!policy) {
        options.onProgress?.({ done: ++done, total: files.length, file, ok: false });
        continue;
      }
      const drafts = new Set<string>();
      for (const composed of policy.documents) {
        const stamped = stampDocuments(composed.documents, releases.newest, library, Boolean(options.date));
        composed.documents = stamped.documents;
        if (stamped.draft) drafts.add(composed.plan.id);
      }
      const policyUrl = base === undefined ? undefined : `${base}${encodeURIComponent(policy.id)}/`;
      // policy.json names the release each document's text is (not in a one-off --date build); the fragment's links are absolute with --base-url.
      const versions = new Map<string, number>();
      if (!options.date) for (const composed of policy.documents) {
        const newest = documentEntries(releases.entries, composed.plan.id).at(-1);
        if (newest) versions.set(composed.plan.id, newest.version);
      }
      const outputs = await policyFiles(policy, library, { formats, drafts, versions, ...(policyUrl === undefined ? {} : { baseUrl: policyUrl }) });
      await writeFiles(join(stagingDir, policy.id), outputs);
      // The archive of released versions and the Atom feeds go into the same staged folder.
      if (releases.entries.length) await writeFiles(join(stagingDir, policy.id), archiveFiles(releases.entries, library, dirOf(policy), policyUrl));
      // --base-url: absolute head links on every page, and the policy's sitemap.
      if (policyUrl !== undefined && formats.has('html')) await publishAbsolute(join(stagingDir, policy.id), policyUrl, policy.facts.policy.locales);
      prepared.push({
        id: policy.id,
        file: policy.file,
        plans: policy.documents.map((c) => c.plan),
        pdfs: outputs.filter((f) => f.pdf !== undefined).map((f) => ({ path: `${policy.id}/${f.pdf!}`, job: policyPdfJob(policy, pdfDocument(policy, f)!, library, join(stagingDir, policy.id, ...f.path.split('/'))) })),
      });
      if (!formats.has('pdf')) {
        result.ok = true;
        options.onProgress?.({ done: ++done, total: files.length, file, ok: true });
      }
    }

    // 2. PDFs through one browser, a bounded page pool. A browser that crashes or hangs
    //    gets one retry with a fresh browser, for the documents it did not finish.
    if (formats.has('pdf') && prepared.length) {
      if (!findChromium() && options.pdfOptional) {
        report.diagnostics.push({ id: 'browser-not-found', severity: 'warning', ...say('browserNotFound.messageFull', {}, 'browserNotFound.fixSkipped') });
        for (const policy of prepared) markOk(report, policy.id);
      } else {
        // A PDF whose key (its staged page, its job, assets, browser, fonts, code) is the one
        // the previous output recorded, and whose file there is intact, is linked, not printed.
        const groups: PdfGroup<StagedPolicy>[] = [];
        for (const policy of prepared) {
          const jobs: PdfJob[] = [];
          for (const { path, job } of policy.pdfs) {
            const key = pdfKey(context.code, context.pdf!, await readFile(job.htmlPath), job); // context.pdf: PDFs were asked for
            const earlier = previous?.policies[policy.id]?.artifacts?.find((a) => a.path === path);
            if (earlier?.key === key && reusablePath(policy.id, path) && (await intact(outDir, earlier))) {
              await placeReused(join(outDir, ...path.split('/')), join(stagingDir, ...path.split('/')));
              pdfKeys.set(path, { key, status: 'reused' });
            } else {
              jobs.push(job);
              pdfKeys.set(path, { key, status: 'built' });
            }
          }
          if (jobs.length) groups.push({ key: policy, jobs, write: (job, pdf) => writeFile(job.htmlPath.endsWith(`${sep}index.html`) ? join(job.htmlPath, '..', 'policy.pdf') : job.htmlPath.replace(/\.html$/, '.pdf'), pdf) });
          else {
            markOk(report, policy.id);
            options.onProgress?.({ done: ++done, total: files.length, file: policy.file, ok: true });
          }
        }
        // No PDF to print: no browser started.
        const run = !groups.length ? { failed: new Map<StagedPolicy, Diagnostic>() } : await publishPdfs(
          groups,
          {
            ...(options.concurrency ? { concurrency: options.concurrency } : {}),
            ...(options.pdfTimeoutMs ? { timeoutMs: options.pdfTimeoutMs } : {}),
            // Progress as each policy's PDFs are written, not when the batch ends.
            onGroupDone: (policy) => {
              markOk(report, policy.id);
              options.onProgress?.({ done: ++done, total: files.length, file: policy.file, ok: true });
            },
          },
        );
        if ('fatal' in run && run.fatal) report.diagnostics.push(run.fatal);
        for (const [policy, diagnostic] of run.failed) {
          report.policies.find((r) => r.id === policy.id)!.diagnostics.push({ ...diagnostic, file: diagnostic.id === 'pdf-failed' ? policy.file : (diagnostic.file ?? policy.file) });
          options.onProgress?.({ done: ++done, total: files.length, file: policy.file, ok: false });
        }
      }
    }

    // 3. Swap finished policies into place; failed ones keep their previous output.
    const finished = report.policies.filter((r) => r.ok);
    for (const result of finished) {
      if (reusedPolicies.has(result.id)) continue; // its artifacts are the previous manifest's, all reused
      result.artifacts = (await listArtifacts(join(stagingDir, result.id), result.id, prepared.find((p) => p.id === result.id)?.plans ?? [])).map((a) => {
        const pdf = pdfKeys.get(a.path);
        return pdf ? { ...a, key: pdf.key, status: pdf.status } : { ...a, status: 'built' as const };
      });
    }
    if (finished.length) {
      await stageManifest(outDir, stagingDir, finished);
      const withIndex = base !== undefined && formats.has('html') && (await stageSitemapIndex(outDir, stagingDir, base, finished.map((r) => r.id)));
      // One synchronous step: the previous folders go aside, the staged ones into place, the manifest last.
      staging.commit([
        ...(keepAssets ? [] : [{ from: join(stagingDir, 'assets'), to: join(outDir, 'assets') }]),
        ...finished.map((r) => ({ from: join(stagingDir, r.id), to: join(outDir, r.id) })),
        ...(withIndex ? [{ from: join(stagingDir, 'sitemap.xml'), to: join(outDir, 'sitemap.xml') }] : []),
        { from: join(stagingDir, 'manifest.json'), to: join(outDir, 'manifest.json') },
      ]);
    }
  } catch (error) {
    // Disk full, permissions, a file where a folder should be: nothing was swapped in
    // unless this happened during the swap itself, which replaces whole folders only.
    if (!(error as NodeJS.ErrnoException).code) throw error;
    report.diagnostics.push(outputError(error, outDir));
    for (const result of report.policies) result.ok = false;
  } finally {
    staging?.dispose();
    await release();
  }
  report.ok = !hasErrors(report.diagnostics) && report.policies.every((r) => r.ok);
  return report;
}

/** A policy staged in stage 1, as far as printing its PDFs and listing its artifacts need it. */
interface StagedPolicy {
  id: string;
  file: string;
  plans: DocumentPlan[];
  /** Each PDF: its path in the output (`<id>/…/policy.pdf`) and the job that prints it from its staged page. */
  pdfs: Array<{ path: string; job: PdfJob }>;
}

/** What every artifact of this build depends on besides its policy's own files (src/pipeline/reuse.ts). */
function buildContext(options: BuildOptions, formats: ReadonlySet<Format>, base: string | undefined, library: string, assets: string): BuildContext {
  const chromium = formats.has('pdf') ? findChromium() : null;
  return {
    code: codeFingerprint(),
    library,
    templates: packageTemplatesFingerprint(),
    options: { formats: [...formats], date: options.date, baseUrl: base },
    ...(formats.has('pdf')
      ? { pdf: { assets, browser: options.browserVersion ?? (chromium ? browserIdentity(chromium.path) : 'none'), systemFonts: systemFontsFingerprint(), environment: browserEnvironment() } }
      : {}),
  };
}

/** The bytes a policy's key is made of: its data file and its ledger (null: none). Undefined when either cannot be read. */
async function policyInputs(file: string): Promise<{ data: Buffer; ledger: Buffer | null } | undefined> {
  try {
    const data = await readFile(file);
    const ledger = await readFile(ledgerPath(file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    return { data, ledger };
  } catch {
    return undefined;
  }
}

/** Links every file the previous manifest lists for policy `id` into staging, if each is still intact; false (nothing to use) otherwise. */
async function reuseFolder(outDir: string, stagingDir: string, id: string, earlier: NonNullable<PreviousManifest['policies'][string]>): Promise<boolean> {
  const artifacts = earlier.artifacts;
  if (!Array.isArray(artifacts) || !artifacts.length) return false;
  for (const a of artifacts) if (!reusablePath(id, a.path) || !(await intact(outDir, a))) return false;
  for (const a of artifacts) await placeReused(join(outDir, ...a.path.split('/')), join(stagingDir, ...a.path.split('/')));
  return true;
}

function markOk(report: BuildReport, id: string): void {
  const result = report.policies.find((r) => r.id === id);
  if (result) result.ok = true;
}

/** Where each document's archive goes: its folder in the current layout, else its own id (a document the layout no longer has). */
function dirOf(policy: PreparedPolicy): (document: string) => string {
  return (document) => policy.documents.find((c) => c.plan.id === document)?.plan.dir ?? (document === 'policy' ? '' : `${document}/`);
}

/** Files of a policy (the publisher's, src/publish/files.ts; the archive's, src/versions) written into its staged folder. */
async function writeFiles(dir: string, files: readonly { path: string; content: string | Uint8Array }[]): Promise<void> {
  for (const file of files) {
    const full = join(dir, ...file.path.split('/'));
    await mkdir(join(full, '..'), { recursive: true });
    await writeFile(full, file.content);
  }
}

/** Every HTML file under `dir`, as paths relative to it with forward slashes, sorted. */
async function htmlPages(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      // The embeddable fragment (policy.fragment.html) is not a page: no head, not in the sitemap.
      else if (entry.name.endsWith('.html') && !entry.name.endsWith('.fragment.html')) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

/**
 * build --base-url: every page of a staged policy folder gets absolute canonical and hreflang
 * links in its head, and the folder gets `sitemap.xml` listing every page once with its
 * language alternates. One sitemap per policy, because each policy's folder is swapped in
 * whole and owns its files; the output folder's sitemap.xml is an index of them.
 */
async function publishAbsolute(dir: string, policyUrl: string, locales: readonly string[]): Promise<void> {
  const pages: { url: string; alternates: { locale: string; href: string }[] }[] = [];
  for (const path of await htmlPages(dir)) {
    const url = `${policyUrl}${path.split('/').map(encodeURIComponent).join('/')}`;
    const html = withAbsoluteHead(await readFile(join(dir, ...path.split('/')), 'utf8'), url, locales);
    await writeFile(join(dir, ...path.split('/')), html);
    pages.push({ url, alternates: headAlternates(html) });
  }
  await writeFile(join(dir, 'sitemap.xml'), sitemap(pages));
}

/**
 * The output folder's sitemap.xml: an index of every policy's sitemap the output folder will
 * hold (those built now, and those of earlier builds kept beside them). False when there is none.
 */
async function stageSitemapIndex(outDir: string, stagingDir: string, base: string, built: readonly string[]): Promise<boolean> {
  const ids = new Set<string>();
  for (const id of built) if (await exists(join(stagingDir, id, 'sitemap.xml'))) ids.add(id);
  for (const entry of await readdir(outDir, { withFileTypes: true })) {
    if (entry.isDirectory() && !built.includes(entry.name) && !entry.name.startsWith('.') && (await exists(join(outDir, entry.name, 'sitemap.xml')))) ids.add(entry.name);
  }
  if (!ids.size) return false;
  await writeFile(join(stagingDir, 'sitemap.xml'), sitemapIndex([...ids].sort().map((id) => `${base}${encodeURIComponent(id)}/sitemap.xml`)));
  return true;
}

async function exists(path: string): Promise<boolean> {
  try {
    await readFile(path);
    return true;
  } catch {
    return false;
  }
}

/** Every file of a staged policy folder, with its hash, for the manifest and --json: its format, document and locale. */
async function listArtifacts(dir: string, id: string, plans: readonly DocumentPlan[]): Promise<Artifact[]> {
  const out: Artifact[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else {
        const bytes = await readFile(full);
        const rel = relative(dir, full).split('\\').join('/');
        // The document whose folder holds the file ('' is the single layout's).
        const plan = [...plans].sort((a, b) => b.dir.length - a.dir.length).find((p) => rel.startsWith(p.dir));
        const inDoc = plan ? rel.slice(plan.dir.length) : rel;
        const [first, name] = inDoc.split('/');
        const archived = inDoc.startsWith('versions/') || /^feed(\.[A-Za-z0-9-]+)?\.xml$/.test(inDoc); // versions: the archive (feed.xml, and feed.<locale>.xml with --base-url)
        const top = rel === 'index.html' || rel === 'sitemap.xml'; // the policy's index page; its sitemap with --base-url
        const label = (Object.values(LABEL_FILES) as string[]).includes(rel);
        const extension = (name ?? '').split('.').pop();
        const format: Artifact['format'] = archived ? 'archive' : top ? 'index' : label ? 'label' : extension === 'md' || extension === 'pdf' || extension === 'csv' || extension === 'docx' ? extension : 'html';
        out.push({
          path: `${id}/${rel}`,
          format,
          ...(plan && !top && !label && !rel.startsWith('versions/ledger.json') ? { document: plan.id } : {}),
          ...(top || archived || label ? {} : { locale: first }),
          sha256: createHash('sha256').update(bytes).digest('hex'),
          bytes: bytes.length,
        });
      }
    }
  };
  await walk(dir);
  return out;
}

interface Manifest {
  generator: string;
  /** `key`: the policy's key; `warnings`: what its build reported, shown again when a later build takes the folder over. */
  policies: Record<string, { file: string; key?: string; artifacts: Artifact[]; warnings?: Diagnostic[] }>;
}

/** The new manifest (the current one with the finished policies replaced), written into the staging folder. */
async function stageManifest(outDir: string, stagingDir: string, finished: PolicyResult[]): Promise<void> {
  let manifest: Manifest = { generator: 'policygen', policies: {} };
  try {
    manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    // No manifest yet, or an unreadable one: start afresh.
  }
  for (const r of finished) {
    manifest.policies[r.id] = {
      file: r.file.split('\\').join('/'),
      ...(r.key ? { key: r.key } : {}),
      // Whether this build made or reused a file is the report's, not the output's: a warm rebuild's manifest is a clean build's.
      artifacts: r.artifacts.map(({ status: _status, ...a }) => a),
      ...(r.diagnostics.length ? { warnings: r.diagnostics } : {}),
    };
  }
  const sorted: Manifest = { generator: 'policygen', policies: Object.fromEntries(Object.entries(manifest.policies).sort(([a], [b]) => a.localeCompare(b))) };
  await writeFile(join(stagingDir, 'manifest.json'), `${JSON.stringify(sorted, null, 2)}\n`);
}

/** ledger-truncated when the output folder already publishes more versions of this policy than its ledger holds. */
async function lostVersions(file: string, entries: readonly { version: number; hash: string }[], outDir: string): Promise<Diagnostic | undefined> {
  const ledger = await readLedger(file);
  if (!ledger.exists) return undefined;
  const published = await publishedVersions(outDir, policyIdFromPath(file));
  if (published.count <= entries.length) return undefined;
  return {
    id: 'ledger-truncated',
    severity: 'error',
    file: ledger.file,
    ...say('ledgerTruncated.message', { versions: entries.length, published: published.count, where: published.where }, 'ledgerTruncated.fix', { file: ledger.file }),
  };
}
