/**
 * diff(): compares two versions of a policy — released versions from the ledger, or the
 * working data file — and, with an output folder, writes for every locale the redline and
 * the change notice (Markdown, HTML, PDF) plus changes.json.
 */
import { createHash } from 'node:crypto';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { policyIdFromPath } from '../facts/load.js';
import { acquireLock, type LockEvent } from '../system/lock.js';
import { outputDirProblem } from '../system/outpath.js';
import { preparePolicy } from './prepare.js';
import { createStaging, sweepStaleStaging, type Staging } from '../system/staging.js';
import { say } from '../messages.js';
import { loadLibrary, type Library, type LibraryOptions } from '../library/library.js';
import { hasErrors, PolicygenError, type Diagnostic } from '../diagnostics.js';
import { findChromium } from '../render/browser.js';
import { pageLabels, pdfDiagnostic, publishPdfs } from '../publish/publish.js';
import { assetsInPlace, loadAssets, writeAssets } from '../render/assets.js';
import { compareSides, type Comparison } from '../versions/compare.js';
import type { FactChange } from '../versions/describe.js';
import type { LedgerEntry } from '../versions/ledger.js';
import { noticeDocument, redlineDocument, redlineTitle, sideLabel } from '../versions/render.js';
import { documentEntries } from '../versions/archive.js';
import { asDraft, documentIds, ofDocument, sideFromEntry, SINGLE, type Side } from '../versions/sides.js';
import type { Composed } from '../compose/compose.js';
import { draftLabel, readReleases } from '../versions/stamp.js';
import { comparisonMateriality, lawsAskingConsent, reconsentMissing, type Materiality, type MaterialityLaw } from '../versions/materiality.js';

/** `docx`: redline.docx, the redline as a Word file with tracked changes (src/versions/redline-docx.ts). */
export type DiffFormat = 'md' | 'html' | 'pdf' | 'docx';

export interface DiffOptions extends LibraryOptions {
  /** Older version (default: the newest release, or the one before `to`). */
  from?: number;
  /** Newer version, or 'working' for the data file as it is now (default). */
  to?: number | 'working';
  /** Write redlines, notices and changes.json here. */
  outDir?: string;
  /** Formats written (default md, html, pdf, docx). */
  formats?: readonly DiffFormat[];
  /** When PDFs were not asked for explicitly, a missing browser only skips them. */
  pdfOptional?: boolean;
  /** Effective date announced for the working data (it has none until released). */
  date?: string;
  /** Where the output folder of `build` is published (its policies at `<base>/<id>/`), for absolute links in notices and redlines. */
  baseUrl?: string;
  /**
   * Without `baseUrl`: the output folder `build` writes to (default "output"); the notices'
   * links are relative paths from where each notice is written to the pages in it.
   */
  site?: string;
  concurrency?: number;
  library?: Library;
  /** How long to wait for another run holding the output folder, in ms (default 10 minutes). */
  waitMs?: number;
  onLock?: (event: LockEvent) => void;
}

export interface DiffFile {
  path: string;
  locale?: string;
  sha256: string;
  bytes: number;
}

export interface DiffReport {
  ok: boolean;
  file: string;
  from?: { version: number; date: string };
  to?: { version?: number; date?: string; working: boolean };
  changes: FactChange[];
  /** Text changed beyond what the facts explain (templates or locale files). */
  wording: boolean;
  textChanged: boolean;
  /** The comparison itself (of the first document that changed), for callers that render more. */
  comparison?: Comparison;
  /** Each document that changed (every document of the single layout): its id and what changed in it. */
  documents?: { document: string; changes: number; textChanged: boolean; wording: boolean }[];
  files: DiffFile[];
  diagnostics: Diagnostic[];
  /** Per document that changed: its laws, each change's action and article under each of them, and the strongest action per law. */
  materiality?: (Materiality & { document: string; laws: MaterialityLaw[] })[];
}

/** One document's comparison, and the folder its redlines and notices go to (`''` for the single layout). */
interface DocumentComparison {
  document: string;
  dir: string;
  comparison: Comparison;
}

/**
 * The fact changes of every document, each once (a change read in two documents names the
 * clauses of both, each prefixed by its document's title).
 */
function mergedChanges(compared: readonly DocumentComparison[]): FactChange[] {
  if (compared.length === 1) return compared[0]!.comparison.changes;
  const out = new Map<string, FactChange>();
  for (const { comparison } of compared) {
    for (const change of comparison.changes) {
      const key = JSON.stringify(change.text);
      const refs = Object.fromEntries(Object.entries(change.clauseRefs).map(([locale, list]) => [locale, list.map((r) => `${comparison.to.documents.find((d) => d.locale === locale)?.title ?? ''} ${r}`.trim())]));
      const known = out.get(key);
      if (!known) out.set(key, { ...change, clauses: [...change.clauses], clauseRefs: refs, jurisdictions: [...change.jurisdictions] });
      else {
        for (const [locale, list] of Object.entries(refs)) known.clauseRefs[locale] = [...(known.clauseRefs[locale] ?? []), ...list];
        known.jurisdictions = [...new Set([...known.jurisdictions, ...change.jurisdictions])];
      }
    }
  }
  return [...out.values()].sort((a, b) => a.importance - b.importance);
}

const usage = (text: ReturnType<typeof say>): Diagnostic => ({ id: 'unknown-version', severity: 'error', ...text });

export async function diff(file: string, options: DiffOptions = {}): Promise<DiffReport> {
  const report: DiffReport = { ok: false, file, changes: [], wording: false, textChanged: false, files: [], diagnostics: [] };
  let library: Library;
  try {
    library = options.library ?? (await loadLibrary(options));
  } catch (error) {
    if (!(error instanceof PolicygenError)) throw error;
    report.diagnostics.push(...error.diagnostics);
    return report;
  }
  const releases = await readReleases(file);
  report.diagnostics.push(...releases.diagnostics);
  if (hasErrors(releases.diagnostics)) return report;
  const { entries, newest } = releases;
  if (!newest) {
    report.diagnostics.push({ ...usage(say('versionChoice.noRelease', { file }, 'noLedger.fix')), file });
    return report;
  }

  // Which versions.
  const byVersion = new Map(entries.map((e) => [e.version, e]));
  const toEntry = options.to === undefined || options.to === 'working' ? undefined : byVersion.get(options.to);
  if (typeof options.to === 'number' && !toEntry) report.diagnostics.push(usage(say('versionChoice.missing', { version: options.to }, 'versionChoice.fixKnown', { newest: newest.version })));
  const fromNumber = options.from ?? (toEntry ? toEntry.version - 1 : newest.version);
  const fromEntry = byVersion.get(fromNumber);
  if (!fromEntry) report.diagnostics.push(usage(say(fromNumber < 1 ? 'versionChoice.first' : 'versionChoice.missing', { version: fromNumber < 1 ? (toEntry?.version ?? 1) : fromNumber }, 'versionChoice.fixFrom', { newest: newest.version })));
  else if (toEntry && fromEntry.version >= toEntry.version) report.diagnostics.push(usage(say('versionChoice.fromNotEarlier', { from: fromEntry.version, to: toEntry.version }, 'versionChoice.fixOrder')));
  if (hasErrors(report.diagnostics)) return report;

  // Each document compared on its own (a release may change only the China document).
  let working: { facts: Record<string, unknown>; documents: Composed[] } | undefined;
  if (!toEntry) {
    const prepared = await preparePolicy(file, library, options.date ?? newest.effective_date);
    report.diagnostics.push(...prepared.diagnostics.map((d) => ({ file: d.file ?? file, ...d })));
    if (!prepared.policy) return report;
    working = { facts: prepared.policy.facts as unknown as Record<string, unknown>, documents: prepared.policy.documents };
  }
  const ids = working ? working.documents.map((c) => c.plan.id) : documentIds(toEntry!.documents);
  const dirOf = (id: string) => working?.documents.find((c) => c.plan.id === id)?.plan.dir ?? (id === SINGLE ? '' : `${id}/`);
  const between = entries.filter((e) => e.version > fromEntry!.version && (!toEntry || e.version <= toEntry.version));
  const compared: DocumentComparison[] = [];
  for (const id of ids) {
    // The document as it stood at the older version is its newest release up to that version
    // (a release that changed only another document is no version of this one: the archive
    // has no page for it, and the notice's "previous version" must name the one it has).
    const upTo = entries.filter((e) => e.version <= fromEntry!.version);
    const own = ofDocument(fromEntry!.documents, id).length ? documentEntries(upTo, id).at(-1) : undefined;
    let from = sideFromEntry(own ?? fromEntry!, id);
    // A document the older version did not have: compared with what its readers read then,
    // when that version had one document (a change of layout).
    const older = documentIds(fromEntry!.documents);
    if (!from.documents.length && older.length === 1) from = { ...sideFromEntry(fromEntry!, older[0]!), document: id };
    if (!from.documents.length) continue;
    let to: Side;
    if (toEntry) to = sideFromEntry(toEntry, id);
    else {
      const documents = working!.documents.find((c) => c.plan.id === id)!.documents;
      // Without --date the working data has no date yet: it shows as a draft.
      to = {
        document: id,
        facts: working!.facts,
        documents: options.date ? documents : documents.map((d) => asDraft(d, draftLabel(library, d.locale))),
        ...(options.date ? { date: options.date } : {}),
      };
    }
    const comparison = compareSides(from, to, library, toEntry ? { wording: between.some((e: LedgerEntry) => e.kind === 'wording' || e.kind === 'facts_and_wording') } : {});
    if (ids.length === 1 || comparison.textChanged || comparison.changes.length) compared.push({ document: id, dir: dirOf(id), comparison });
  }
  const first = compared[0]?.comparison;
  const fromSide = sideFromEntry(fromEntry!);
  Object.assign(report, {
    from: { version: fromEntry!.version, date: fromEntry!.effective_date },
    to: { ...(toEntry ? { version: toEntry.version, date: toEntry.effective_date } : options.date ? { date: options.date } : {}), working: !toEntry },
    changes: mergedChanges(compared),
    wording: compared.some((c) => c.comparison.wording),
    textChanged: compared.some((c) => c.comparison.textChanged),
    documents: compared.map((c) => ({ document: c.document, changes: c.comparison.changes.length, textChanged: c.comparison.textChanged, wording: c.comparison.wording })),
    ...(first ? { comparison: first } : {}),
  });
  void fromSide;
  report.materiality = compared.map((c) => ({ document: c.document, ...comparisonMateriality(c.comparison, library) }));
  const newer = toEntry ? toEntry.facts : working!.facts;
  report.diagnostics.push(...reconsentMissing(lawsAskingConsent(report.materiality), newer, file));

  if (options.outDir) report.diagnostics.push(...(await publishDiff(compared, library, resolve(options.outDir), options, report)));
  report.ok = !hasErrors(report.diagnostics);
  return report;
}

/**
 * The notice's links to the policy, the previous version and the redline. With --base-url they
 * are absolute addresses in the published layout (`<base>/<id>/<dir>…`, as `build --base-url`
 * publishes it). Without, they are relative from the folder the notice is written to
 * (`<out>/<dir><locale>/`) to the pages in the output folder `build` writes (`--site`, default
 * "output"), so that they open from the diff's folder. The redline is the one written beside
 * the notice, unless it is a released version's, which is published in the archive.
 */
function links(comparison: Comparison, locale: string, dir: string, at: { outDir: string; id: string; site?: string; baseUrl?: string }): { policy: string; previous: string; redline: string } {
  const to = comparison.to.version;
  const paths = {
    policy: to === undefined ? `${dir}${locale}/index.html` : `${dir}versions/${to}/${locale}/index.html`,
    previous: `${dir}versions/${comparison.from.version}/${locale}/index.html`,
  };
  if (at.baseUrl) {
    const base = `${at.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(at.id)}/`;
    return { policy: `${base}${paths.policy}`, previous: `${base}${paths.previous}`, redline: to === undefined ? 'redline.html' : `${base}${dir}versions/${to}/${locale}/redline.html` };
  }
  const from = join(at.outDir, ...dir.split('/').filter(Boolean), locale);
  const site = resolve(at.site ?? 'output', at.id);
  const href = (path: string) => relative(from, join(site, ...path.split('/'))).split('\\').join('/');
  return { policy: href(paths.policy), previous: href(paths.previous), redline: 'redline.html' };
}

/**
 * Writes the diff into a staging folder inside `outDir` and publishes it file by file in one
 * synchronous step, holding the folder's lock, as `build` does: an interrupted or failed
 * diff leaves the previous files exactly as they were.
 */
async function publishDiff(compared: readonly DocumentComparison[], library: Library, outDir: string, options: DiffOptions, report: DiffReport): Promise<Diagnostic[]> {
  const unusable = outputDirProblem(outDir);
  if (unusable) return [unusable];
  let unlock: () => Promise<void>;
  try {
    await mkdir(outDir, { recursive: true });
    unlock = await acquireLock(outDir, { ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}), ...(options.onLock ? { onEvent: options.onLock } : {}) });
  } catch (error) {
    if (error instanceof PolicygenError) return error.diagnostics;
    return [outputProblem(error, outDir)];
  }
  let staging: Staging | undefined;
  try {
    sweepStaleStaging(outDir);
    staging = await createStaging(outDir, { key: 'keptPrevious', params: { dir: outDir } }, { key: 'keptPublished', params: { dir: outDir } });
    const written = await writeDiff(compared, library, staging.dir, outDir, options, policyIdFromPath(report.file));
    const stagingDir = staging.dir;
    staging.commit([
      ...written.files.map((f) => ({ from: join(stagingDir, ...f.path.split('/')), to: join(outDir, ...f.path.split('/')) })),
      ...(written.assets ? [{ from: join(stagingDir, 'assets'), to: join(outDir, 'assets') }] : []),
    ]);
    report.files = written.files;
    return [];
  } catch (error) {
    if (error instanceof PublishFailure) return [error.diagnostic];
    // A folder that cannot be written is not a browser problem.
    if ((error as NodeJS.ErrnoException).code) return [outputProblem(error, outDir)];
    return [pdfDiagnostic(error)];
  } finally {
    staging?.dispose();
    await unlock();
  }
}

/** A PDF problem the publisher already turned into a diagnostic. */
class PublishFailure extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

function outputProblem(error: unknown, outDir: string): Diagnostic {
  const e = error as NodeJS.ErrnoException;
  return { id: 'output-error', severity: 'error', file: e.path ?? outDir, ...say('outputWrite.message', { code: e.code ?? '?', reason: e.message.split('\n')[0]! }, e.code === 'ENOSPC' ? 'outputWrite.fixSpace' : 'outputWrite.fix') };
}

async function writeDiff(compared: readonly DocumentComparison[], library: Library, stagingDir: string, outDir: string, options: DiffOptions, id: string): Promise<{ files: DiffFile[]; assets: boolean }> {
  const formats = new Set(options.formats ?? ['md', 'html', 'pdf', 'docx']);
  // The docx library is loaded only when Word files are written.
  const docx = formats.has('docx') ? await import('../versions/redline-docx.js') : undefined;
  const written: DiffFile[] = [];
  let newAssets = false;
  const put = async (path: string, content: string | Uint8Array, locale?: string) => {
    const full = join(stagingDir, path);
    await mkdir(join(full, '..'), { recursive: true });
    await writeFile(full, content);
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    written.push({ path, ...(locale ? { locale } : {}), sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
  };
  const pdfJobs: { html: string; locale: string; title: string; stamp: string; out: string }[] = [];
  const needHtml = formats.has('html') || formats.has('pdf');
  if (needHtml) {
    const assets = await loadAssets();
    // The staged pages find kept assets through a link; new ones are staged and published with the files.
    if (await assetsInPlace(join(outDir, 'assets'), assets)) await symlink(join(outDir, 'assets'), join(stagingDir, 'assets'), 'junction');
    else {
      await writeAssets(join(stagingDir, 'assets'), assets);
      newAssets = formats.has('html');
    }
  }

  const single = compared.length === 1 && compared[0]!.dir === '';
  // With each document's materiality per law (the same record diff --json and policy-version.json carry).
  const changesJson = (c: Comparison) => ({ from: { version: c.from.version, date: c.from.date }, to: { version: c.to.version ?? null, date: c.to.date ?? null }, wording: c.wording, changes: c.changes, materiality: comparisonMateriality(c, library) });
  await put(
    'changes.json',
    `${JSON.stringify(single ? changesJson(compared[0]!.comparison) : { documents: compared.map((c) => ({ document: c.document, ...changesJson(c.comparison) })) }, null, 2)}\n`,
  );
  let fixedDate = '';
  for (const { dir, comparison } of compared) {
    const { from, to } = comparison;
    fixedDate ||= to.date ?? from.date!;
    const assets = `${'../'.repeat(1 + dir.split('/').filter(Boolean).length)}assets/`;
    for (const locale of comparison.locales) {
      const notice = noticeDocument(
        {
          locale,
          comparison,
          ...(to.version !== undefined ? { version: to.version } : {}),
          ...(to.date ? { date: to.date } : {}),
          previous: { version: from.version!, date: from.date! },
          ...(to.entry?.note?.[locale] ? { note: to.entry.note[locale] } : {}),
          links: links(comparison, locale, dir, { outDir, id, ...(options.site ? { site: options.site } : {}), ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) }),
          facts: to.facts,
          ...(comparison.to.document !== SINGLE ? { documentTitle: to.documents.find((d) => d.locale === locale)?.title ?? '' } : {}),
        },
        library,
        assets,
      );
      const at = `${dir}${locale}`;
      if (formats.has('md')) await put(`${at}/notice.md`, notice.markdown, locale);
      const redline = redlineDocument(comparison, locale, library, assets);
      if (needHtml) {
        await put(`${at}/notice.html`, notice.html, locale);
        if (redline) await put(`${at}/redline.html`, redline, locale);
      }
      // The same changes as Word tracked changes, to accept or reject one by one.
      const word = docx ? await docx.redlineDocx(comparison, locale, library) : undefined;
      if (word) await put(`${at}/redline.docx`, word, locale);
      const stamp = sideLabel(to, library, locale);
      pdfJobs.push({ html: `${at}/notice.html`, locale, title: notice.title, stamp, out: `${at}/notice.pdf` });
      // The redline has its own title (not the notice's), in its /Title and running header.
      if (redline) pdfJobs.push({ html: `${at}/redline.html`, locale, title: redlineTitle(comparison, locale, library), stamp: `${sideLabel(from, library, locale)} → ${stamp}`, out: `${at}/redline.pdf` });
    }
  }

  if (formats.has('pdf') && !(options.pdfOptional && !findChromium())) {
    // Through the publisher: one browser, one retry, and the same diagnostics as build.
    const outOf = new Map(pdfJobs.map((job) => [join(stagingDir, job.html), job.out]));
    const run = await publishPdfs(
      [
        {
          key: 'notices',
          // The footer in each PDF's own language ("第 1 页 / 共 2 页", "Page 1 of 2"), as the policies' PDFs.
          jobs: pdfJobs.map((job) => ({ htmlPath: join(stagingDir, job.html), lang: job.locale, title: job.title, stampLabel: job.stamp, footerPageLabels: pageLabels(library, [job.locale]), fixedDate })),
          write: (job, pdf) => put(outOf.get(job.htmlPath)!, pdf, job.lang),
        },
      ],
      { concurrency: options.concurrency ?? 2 },
    );
    const problem = run.fatal ?? run.failed.get('notices');
    if (problem) throw new PublishFailure(problem);
  }
  // Without html, the HTML was only the PDFs' source: it stays in the staging folder.
  const files = formats.has('html') ? written : written.filter((f) => !f.path.endsWith('.html'));
  return { files: files.sort((a, b) => a.path.localeCompare(b.path)), assets: newAssets };
}
