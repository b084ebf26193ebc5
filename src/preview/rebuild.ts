/**
 * One preview build: the same preparePolicy() that `check` and `build` run (load →
 * validate → compose → coverage), then renderPage() for each language. The result is an
 * immutable snapshot the server answers requests from until the next save.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { preparePolicy, type PreparedPolicy } from '../pipeline/prepare.js';
import type { Heading, LocaleDocument } from '../compose/compose.js';
import { loadLibrary, type Library } from '../library/library.js';
import { hasErrors, PolicygenError, type Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';
import { markdownToHtml } from '../render/html.js';
import { companyName, languageLinks, policyPage } from '../publish/publish.js';
import { documentDate, readReleases, stampDocuments } from '../versions/stamp.js';
import type { Composed } from '../compose/compose.js';

/** The library as last loaded: either usable, or the reasons it is not. */
export interface LibraryState {
  library?: Library;
  diagnostics: Diagnostic[];
}

export async function loadLibraryState(root: string | undefined): Promise<LibraryState> {
  try {
    return { library: await loadLibrary(root ? { root } : {}), diagnostics: [] };
  } catch (error) {
    if (error instanceof PolicygenError) return { diagnostics: error.diagnostics };
    // A half-written outline.yaml or a folder that vanished mid-save: show it, keep serving.
    return { diagnostics: [unexpected(error, 'library')] };
  }
}

export interface ClauseBlock {
  /** Clause id (the heading's anchor in the published page). */
  id: string;
  /** The clause's HTML: its heading (without the id) and its text up to the next clause heading. */
  html: string;
}

export interface Snapshot {
  /** Identifies this build among all builds of all preview servers: `<server>.<seq>`. */
  version: string;
  seq: number;
  /** The data file as given (diagnostics name it the same way). */
  file: string;
  /** True when the policy composed without errors (warnings allowed). */
  ok: boolean;
  /** Every problem found: the same Diagnostic objects `check` and `build` report. */
  diagnostics: Diagnostic[];
  /** Present when ok. */
  policy?: PreparedPolicy;
  /** The document the preview shows (`--document`, else the first); present when ok. */
  shown?: Composed;
  /** The working data differs from the newest release in the ledger: pages show the draft label (as build). */
  draft: boolean;
  library?: Library;
  /** locale → the policy cut into clauses, for the side-by-side view. Present when ok. */
  clauses: Map<string, ClauseBlock[]>;
  /**
   * The published page of one language (renderPage), linking to /assets/ and /<locale>/;
   * rendered on first request, undefined for a language the policy lacks or while it has errors.
   */
  page(locale: string): string | undefined;
  /** Lines of the data file as read for this build, for source excerpts next to errors. */
  source?: string[];
  /** Milliseconds spent preparing and rendering. */
  ms: number;
}

/**
 * Rendering kept from one build to the next. Markdown → HTML is most of a rebuild's time,
 * and a save usually changes a few clauses of one language: clauses whose Markdown is
 * unchanged reuse their HTML, pages whose inputs are unchanged reuse theirs.
 */
export class RenderCache {
  private clauses = new Map<string, string>();
  private used = new Map<string, string>();
  private pages = new Map<string, { key: string; html: string }>();

  /** Starts a build: clauses not used by the previous build are forgotten. */
  next(): void {
    this.clauses = this.used;
    this.used = new Map();
  }

  clause(markdown: string, heading: Heading): string {
    const key = `${JSON.stringify(heading)}\0${markdown}`;
    let html = this.used.get(key) ?? this.clauses.get(key);
    if (html === undefined) html = markdownToHtml(markdown, [heading]);
    this.used.set(key, html);
    return html;
  }

  page(locale: string, key: string, render: () => string): string {
    const cached = this.pages.get(locale);
    if (cached?.key === key) return cached.html;
    const html = render();
    this.pages.set(locale, { key, html });
    return html;
  }
}

export interface BuildInput {
  version: string;
  seq: number;
  file: string;
  date?: string;
  /** Which document to show (default: the first of `policy.documents`). */
  document?: string;
  library: LibraryState;
  cache?: RenderCache;
}

export async function buildSnapshot(input: BuildInput): Promise<Snapshot> {
  const started = performance.now();
  const cache = input.cache ?? new RenderCache();
  const base = { version: input.version, seq: input.seq, file: input.file, draft: false, clauses: new Map<string, ClauseBlock[]>(), page: () => undefined };
  const { library } = input.library;
  if (!library) {
    return { ...base, ok: false, diagnostics: input.library.diagnostics, ms: performance.now() - started };
  }
  let diagnostics: Diagnostic[];
  let policy: PreparedPolicy | undefined;
  let shown: Composed | undefined;
  let draft = false;
  try {
    // As build does: with a release ledger beside the data file, the stamp is the newest
    // release's date (unless --date), and working data that renders differently from that
    // release shows the draft label. A broken ledger is an error like any other.
    const releases = await readReleases(input.file);
    if (hasErrors(releases.diagnostics)) diagnostics = releases.diagnostics;
    else {
      ({ policy, diagnostics } = await preparePolicy(input.file, library, input.date ?? releases.newest?.effective_date, input.date ? undefined : (document) => documentDate(releases.entries, document)));
      if (policy) {
        shown = policy.documents.find((c) => c.plan.id === input.document) ?? policy.documents[0]!;
        const stamped = stampDocuments(shown.documents, releases.newest, library, Boolean(input.date));
        shown.documents = stamped.documents;
        draft = stamped.draft;
      }
    }
  } catch (error) {
    diagnostics = [unexpected(error, 'compose', input.file)];
  }
  if (!policy || hasErrors(diagnostics)) {
    const source = await readFile(input.file, 'utf8').then(
      (text) => text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/),
      () => undefined,
    );
    return { ...base, ok: false, diagnostics, library, ...(source ? { source } : {}), ms: performance.now() - started };
  }
  const docs = shown!.documents;
  const pages = new Map<string, string>();
  const page = (locale: string): string | undefined => {
    const doc = docs.find((d) => d.locale === locale);
    if (!doc) return undefined;
    let html = pages.get(locale);
    if (html === undefined) {
      const contentsLabel = library.locales.get(doc.locale)!.i18n.t('document.contents') as string;
      const company = companyName(policy.facts.controller, doc.locale);
      const key = JSON.stringify([doc, languageLinks(doc, docs, library, (l) => `/${l}/`), contentsLabel, draft, company]);
      html = cache.page(locale, key, () => policyPage(doc, docs, library, { assets: '/assets/', href: (l) => `/${l}/`, draft, company }));
      pages.set(locale, html);
    }
    return html;
  };
  const clauses = new Map<string, ClauseBlock[]>();
  cache.next();
  try {
    for (const doc of docs) clauses.set(doc.locale, renderClauses(doc, cache) ?? clauseBlocks(page(doc.locale)!, doc));
  } catch (error) {
    return { ...base, ok: false, diagnostics: [...diagnostics, unexpected(error, 'render', input.file)], library, ms: performance.now() - started };
  }
  return { ...base, ok: true, diagnostics, policy, shown: shown!, draft, library, clauses, page, ms: performance.now() - started };
}

/**
 * The clauses of a document rendered one by one, through the same markdownToHtml as the
 * published page (test/preview.test.ts checks the result equals the page cut at its
 * headings). Undefined when the Markdown cannot be cut at the headings.
 */
export function renderClauses(doc: LocaleDocument, cache: RenderCache): ClauseBlock[] | undefined {
  const lines = doc.markdown.split('\n');
  const starts: number[] = [];
  let from = 0;
  for (const h of doc.headings) {
    const prefix = `${'#'.repeat(h.level + 1)} ${h.label}`;
    const at = lines.findIndex((line, i) => i >= from && line.startsWith(prefix));
    if (at < 0) return undefined;
    starts.push(at);
    from = at + 1;
  }
  return doc.headings.map((h, k) => {
    const markdown = lines.slice(starts[k], starts[k + 1] ?? lines.length).join('\n').trim();
    return { id: h.id, html: withoutAnchor(cache.clause(markdown, h)) };
  });
}

/**
 * Cuts the <main> of a published page into one block per clause, at the clause headings
 * (the only headings that carry ids there: trusted code adds them after sanitising).
 */
export function clauseBlocks(page: string, doc: LocaleDocument): ClauseBlock[] {
  const start = page.indexOf('<main id="main">');
  const end = page.lastIndexOf('</main>');
  if (start < 0 || end < start) throw new Error(`${doc.locale} page has no <main>`);
  const main = page.slice(start + '<main id="main">'.length, end);
  const heads = [...main.matchAll(/<h([2-6]) id="([^"]+)">/g)];
  const ids = heads.map((m) => m[2]!);
  const expected = doc.headings.map((h) => h.id);
  if (ids.join('\n') !== expected.join('\n')) throw new Error(`${doc.locale} page headings [${ids.join(', ')}] are not the clauses [${expected.join(', ')}]`);
  return heads.map((m, i) => {
    const to = i + 1 < heads.length ? heads[i + 1]!.index! : main.length;
    return { id: m[2]!, html: withoutAnchor(main.slice(m.index!, to)) };
  });
}

/** The side-by-side row carries the anchor (cross-references jump to the row); ids must stay unique. */
function withoutAnchor(html: string): string {
  return html.trim().replace(/^<h([2-6]) id="[^"]+">/, '<h$1>');
}

/** A copy of a snapshot under a new version (a stylesheet changed: same pages, browsers reload). */
export function restamp(snapshot: Snapshot, version: string, seq: number): Snapshot {
  return { ...snapshot, version, seq };
}

/** The name of a language in itself ("English", "简体中文"), from its locale file. */
export function languageName(library: Library | undefined, locale: string): string {
  const name = library?.locales.get(locale)?.i18n.t('meta.name');
  return typeof name === 'string' && name ? name : locale;
}

function unexpected(error: unknown, what: 'library' | 'compose' | 'render', file?: string): Diagnostic {
  const detail = error instanceof Error ? error.message.split('\n')[0] ?? String(error) : String(error);
  return {
    id: 'template-error',
    severity: 'error',
    ...(file ? { file } : {}),
    ...say(`previewUnexpected.${what}`, { detail, file: file ?? '' }, 'previewUnexpected.fix', {}),
  };
}
