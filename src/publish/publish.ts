/**
 * The publisher: composed documents → pages and PDFs. One place for what every output
 * shares — the language switch, the PDF footer's page labels, a policy page as `build`
 * writes it, the PDF job of a document, running PDF jobs through one browser with one
 * retry, and the mapping of browser and disk errors to diagnostics — so that `build`,
 * `diff --out`, the preview and the archive publish alike.
 */
import { unescapeMarkdown } from '../compose/escape.js';
import type { LocaleDocument } from '../compose/types.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Library } from '../library/library.js';
import { say } from '../messages.js';
import { BrowserNotFoundError, BrowserTooOldError, MIN_CHROMIUM_MAJOR, withBrowser, type PagePool } from '../render/browser.js';
import { renderPage, type PageLink } from '../render/html.js';
import { renderPdf, type PageLabel, type PdfJob } from '../render/pdf.js';

/** The other languages of a document, as the page's language switch shows them. */
export function languageLinks(doc: LocaleDocument, docs: readonly LocaleDocument[], library: Library, href: (locale: string) => string): PageLink[] {
  return docs
    .filter((d) => d.locale !== doc.locale)
    .map((d) => {
      const i18n = library.locales.get(d.locale)!.i18n;
      const name = i18n.t('meta.name') as string;
      return { locale: d.locale, name, label: i18n.t('meta.other_language', { language: name }) as string, href: href(d.locale) };
    });
}

/** Page labels of every output language, for the PDF footer: 第 N 页 / 共 M 页 · Page N of M. */
export function pageLabels(library: Library, locales: readonly string[]): PageLabel[] {
  return locales.map((locale) => {
    const text = library.locales.get(locale)!.i18n.t('document.page_label', { page: '\u0001', pages: '\u0002' }) as string;
    const [before = '', rest = ''] = text.split('\u0001');
    const [middle = '', after = ''] = rest.split('\u0002');
    return { before, middle, after };
  });
}

/** The company as readers know it in a locale: the controller's short name, else its name. */
export function companyName(controller: { name: Record<string, string>; short_name?: Record<string, string> | undefined }, locale: string): string {
  return String(controller.short_name?.[locale] ?? controller.name[locale]);
}

/**
 * A page's `<title>`: "<company> · <document title>" ("云笺 · 隐私政策（中国大陆）"; the title
 * alone when it names the company already), with "(version N)" / "（第 N 版）" for a version
 * of it. `title` is the document's title as composed (Markdown).
 */
export function documentPageTitle(library: Library, locale: string, company: string, title: string, version?: number): string {
  const i18n = library.locales.get(locale)!.i18n;
  const plain = unescapeMarkdown(title);
  const named = plain.startsWith(company) ? plain : (i18n.t('document.page_title', { company, title: plain }) as string);
  return version === undefined ? named : (i18n.t('document.page_title_version', { title: named, version }) as string);
}

/**
 * One language of a policy as a complete page, exactly as `build` publishes it; its
 * `<title>` comes from documentPageTitle() (with the version on an archived version's page).
 */
export function policyPage(
  doc: LocaleDocument,
  docs: readonly LocaleDocument[],
  library: Library,
  options: { assets: string; href: (locale: string) => string; draft?: boolean; company: string; version?: number },
): string {
  const i18n = library.locales.get(doc.locale)!.i18n;
  return renderPage(doc, {
    assets: options.assets,
    alternates: languageLinks(doc, docs, library, options.href),
    contentsLabel: i18n.t('document.contents') as string,
    skipLabels: { contents: i18n.t('document.skip_contents') as string, text: i18n.t('document.skip_text') as string },
    pageTitle: documentPageTitle(library, doc.locale, options.company, doc.title, options.version),
    // versions: unreleased working data shows the draft banner instead of a stamp
    ...(options.draft ? { draftLabel: doc.stamp } : {}),
  });
}

/** What a policy's PDF needs besides its page: "<company> · <title>" in the header, the stamp, the footer labels, the fixed date. */
export interface PolicyForPdf {
  facts: { controller: { name: Record<string, string>; short_name?: Record<string, string> | undefined }; policy: { locales: string[] } };
  date: string;
}

/** The PDF job of one language of a policy, whose page is at `htmlPath`. */
export function policyPdfJob(policy: PolicyForPdf, doc: LocaleDocument, library: Library, htmlPath: string): PdfJob {
  const company = String(policy.facts.controller.short_name?.[doc.locale] ?? policy.facts.controller.name[doc.locale]);
  return {
    htmlPath,
    lang: doc.locale,
    // "<company> · <title>", unless the title names the company already (the children's rules).
    title: doc.title.startsWith(company) ? doc.title : `${company} · ${doc.title}`,
    stampLabel: doc.stamp,
    // The footer in the page's own language ("第 1 页 / 共 9 页", "Page 1 of 9").
    footerPageLabels: pageLabels(library, [doc.locale]),
    fixedDate: policy.date,
  };
}

/** A group of PDF jobs that succeeds or fails together (a policy's languages; a diff's notices). */
export interface PdfGroup<K> {
  key: K;
  jobs: readonly PdfJob[];
  /** Receives each PDF as it is rendered (write it to the staging folder). */
  write(job: PdfJob, pdf: Uint8Array): Promise<void>;
}

export interface PdfRunOptions<K> {
  concurrency?: number;
  /** Time limit per PDF in ms. */
  timeoutMs?: number;
  /** Use this browser instead of searching for one. */
  executablePath?: string;
  /** Called as each group's PDFs are all written (progress as they finish). */
  onGroupDone?: (key: K) => void;
}

export interface PdfRunResult<K> {
  done: Set<K>;
  /** Groups that failed, each with its diagnostic (`pdf-failed`, or `output-error` for a disk that refused a file). */
  failed: Map<K, Diagnostic>;
  /** A problem that stopped every group (no browser, a browser too old). */
  fatal?: Diagnostic;
}

/**
 * Renders the groups' PDFs through one browser and a bounded page pool. A browser that
 * crashes or hangs gets one retry with a fresh browser, for the groups it did not finish.
 */
export async function publishPdfs<K>(groups: readonly PdfGroup<K>[], options: PdfRunOptions<K> = {}): Promise<PdfRunResult<K>> {
  const result: PdfRunResult<K> = { done: new Set(), failed: new Map() };
  let pending = [...groups];
  const errors = new Map<K, unknown>();
  for (let attempt = 1; attempt <= 2 && pending.length; attempt++) {
    errors.clear();
    try {
      await withBrowser(
        (pool) =>
          Promise.all(
            pending.map(async (group) => {
              try {
                await renderGroup(pool, group);
                result.done.add(group.key);
                options.onGroupDone?.(group.key);
              } catch (error) {
                errors.set(group.key, error);
              }
            }),
          ),
        {
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
          ...(options.executablePath ? { executablePath: options.executablePath } : {}),
        },
      );
    } catch (error) {
      if (error instanceof BrowserNotFoundError || error instanceof BrowserTooOldError) {
        result.fatal = pdfDiagnostic(error);
        return result;
      }
      for (const group of pending) if (!result.done.has(group.key) && !errors.has(group.key)) errors.set(group.key, error);
    }
    pending = pending.filter((g) => !result.done.has(g.key));
    // A disk that refuses a file will refuse it again: no retry for that group.
    for (const group of pending) {
      const error = errors.get(group.key);
      if (isDiskError(error) || attempt === 2) result.failed.set(group.key, pdfDiagnostic(error, attempt));
    }
    pending = pending.filter((g) => !result.failed.has(g.key));
  }
  return result;
}

async function renderGroup<K>(pool: PagePool, group: PdfGroup<K>): Promise<void> {
  await Promise.all(group.jobs.map(async (job) => group.write(job, await renderPdf(pool, job))));
}

function isDiskError(error: unknown): error is NodeJS.ErrnoException {
  return !!error && typeof error === 'object' && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!);
}

/**
 * The one mapping of a browser or disk error to a diagnostic, wherever a PDF is made: no
 * browser, a browser too old, a disk that refused a file (full disk included), a time limit
 * and a crash each keep their own id and fix.
 */
export function pdfDiagnostic(error: unknown, attempts = 1): Diagnostic {
  const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (error instanceof BrowserNotFoundError) {
    return { id: 'browser-not-found', severity: 'error', ...say(error.envPath ? 'browserNotFound.messagePath' : 'browserNotFound.message', { path: error.envPath ?? '' }, 'pdfNoBrowser.fix', {}) };
  }
  if (error instanceof BrowserTooOldError) {
    return { id: 'browser-too-old', severity: 'error', ...say('browserTooOld.message', { path: error.executablePath, version: error.version, min: MIN_CHROMIUM_MAJOR }, 'pdfNoBrowser.fix', {}) };
  }
  if (isDiskError(error)) {
    return {
      id: 'output-error',
      severity: 'error',
      ...(error.path ? { file: error.path } : {}),
      ...say('outputWrite.message', { code: error.code ?? '?', reason }, error.code === 'ENOSPC' ? 'outputWrite.fixSpace' : 'outputWrite.fix'),
    };
  }
  return { id: 'pdf-failed', severity: 'error', ...say(attempts > 1 ? 'pdfFailed.twice' : 'pdfFailed.once', { reason }, 'pdfFailed.fix') };
}
