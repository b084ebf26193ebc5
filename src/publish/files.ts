/**
 * The publisher's file list: a composed policy → every file `build` writes for it except its
 * PDFs (printed from the pages listed here) and the archive (src/versions). Pure: the same
 * policy gives the same paths and bytes, and nothing is read or written here, so `build`
 * (which stages and swaps them in), the incremental reuse of earlier output and the tests all
 * see one list. A new per-document output format is added here, once.
 */
import { CHINA_LIST_FILES, type ChinaList } from '../compose/lists.js';
import type { LocaleDocument } from '../compose/types.js';
import type { DocumentPlan } from '../facts/documents.js';
import type { LabelFacts } from '../jurisdictions/labels.js';
import type { Library } from '../library/library.js';
import { FRAGMENT_CSS, FRAGMENT_CSS_FILE, renderFragment } from '../render/fragment.js';
import { renderIndexPage, type IndexEntry } from '../render/html.js';
import { documentJson } from './document-json.js';
import { portableMarkdown } from './markdown.js';
import { labelFiles } from './labels/index.js';
import { companyName, pageLabels, policyPage } from './publish.js';

/** Output formats; `docx` (policy.docx, src/publish/docx.ts) only when asked for. */
export type Format = 'md' | 'html' | 'pdf' | 'docx';

/** One file of a policy's folder: its path inside the folder (forward slashes) and its bytes. */
export interface OutputFile {
  path: string;
  content: string | Uint8Array;
  /** The document it belongs to and its language; absent for the policy's own files (its index page). */
  document?: string;
  locale?: string;
  /** A page a PDF is printed from, and where that PDF goes (same folder). */
  pdf?: string;
}

/** What the file list needs of a prepared policy (src/pipeline/prepare.ts's PreparedPolicy fits). */
export interface PolicyForFiles {
  facts: {
    controller: { name: Record<string, string>; short_name?: Record<string, string> | undefined };
    policy: { locales: string[] };
  } & Partial<LabelFacts>;
  documents: readonly { plan: DocumentPlan; documents: LocaleDocument[] }[];
  /** China's lists: document id → locale → lists. */
  lists: ReadonlyMap<string, Record<string, ChinaList[]>>;
  /** Effective date, YYYY-MM-DD: the Word files' dates (never the clock), as the PDFs' fixed date. */
  date: string;
}

export interface FileOptions {
  formats: ReadonlySet<Format>;
  /** Documents whose working text differs from their newest release: the draft banner instead of a stamp. */
  drafts: ReadonlySet<string>;
  /**
   * Document id → the release its published text is (the newest in which that document
   * changed: its archive's versions/N; not for a one-off --date build): policy.json's
   * `version`, for documents that are not drafts.
   */
  versions?: ReadonlyMap<string, number>;
  /** build --base-url: the policy folder's absolute URL; the fragment's and policy.json's relative links are resolved against it. */
  baseUrl?: string;
}

/**
 * Each document's files in `<dir><locale>/` — policy.md, policy.docx (with `docx`), index.html (also the PDF's source),
 * China's lists as md/csv/html — and the policy's index page linking every document and language.
 */
export async function policyFiles(policy: PolicyForFiles, library: Library, options: FileOptions): Promise<OutputFile[]> {
  const { formats, drafts } = options;
  const pages = formats.has('html') || formats.has('pdf'); // HTML is the PDF's source
  const files: OutputFile[] = [];
  // Word files only when asked for: the docx library is loaded then, not on every build.
  const docx = formats.has('docx') ? await import('./docx.js') : undefined;
  const entries: IndexEntry[] = [];
  for (const composed of policy.documents) {
    const docs = composed.documents;
    const depth = composed.plan.dir.split('/').filter(Boolean).length;
    const assets = `${'../'.repeat(2 + depth)}assets/`;
    for (const doc of docs) {
      const at = `${composed.plan.dir}${doc.locale}`;
      const mine = { document: composed.plan.id, locale: doc.locale };
      const company = companyName(policy.facts.controller, doc.locale);
      files.push({ path: `${at}/policy.md`, content: portableMarkdown(doc), ...mine });
      if (docx) files.push({ path: `${at}/policy.docx`, content: await docx.documentDocx(doc, { creator: company, date: policy.date, pageLabel: pageLabels(library, [doc.locale])[0]! }), ...mine });
      if (pages) {
        const html = policyPage(doc, docs, library, { assets, href: (locale) => `../${locale}/index.html`, draft: drafts.has(composed.plan.id), company });
        files.push({ path: `${at}/index.html`, content: html, ...mine, ...(formats.has('pdf') ? { pdf: `${at}/policy.pdf` } : {}) });
      }
      if (formats.has('html')) {
        // For sites with their own layout: the body without the page shell and its namespaced
        // stylesheet (src/render/fragment.ts), and the composed document as data (document-json.ts).
        const draft = drafts.has(composed.plan.id);
        const version = options.versions?.get(composed.plan.id);
        const hrefBase = options.baseUrl === undefined ? undefined : `${options.baseUrl}${at.split('/').map(encodeURIComponent).join('/')}/`;
        const contentsLabel = library.locales.get(doc.locale)!.i18n.t('document.contents') as string;
        files.push({ path: `${at}/policy.fragment.html`, content: renderFragment(doc, { contentsLabel, ...(draft ? { draftLabel: doc.stamp } : {}), ...(hrefBase ? { hrefBase } : {}) }), ...mine });
        files.push({ path: `${at}/${FRAGMENT_CSS_FILE}`, content: FRAGMENT_CSS, ...mine });
        files.push({ path: `${at}/policy.json`, content: documentJson(doc, { company, draft, ...(version === undefined ? {} : { version }), ...(hrefBase ? { hrefBase } : {}) }), ...mine });
      }
      // China's lists beside the policy page: Markdown, HTML (PDF from it), CSV for the app's settings screen.
      const lists = policy.lists.get(composed.plan.id)?.[doc.locale] ?? [];
      for (const list of lists) {
        const name = CHINA_LIST_FILES[list.id];
        files.push({ path: `${at}/${name}.md`, content: list.markdown, ...mine });
        files.push({ path: `${at}/${name}.csv`, content: list.csv, ...mine });
        if (pages) {
          const html = listPage(list, doc, library, assets, (locale) => `../${locale}/${name}.html`, docs, company);
          files.push({ path: `${at}/${name}.html`, content: html, ...mine, ...(formats.has('pdf') ? { pdf: `${at}/${name}.pdf` } : {}) });
        }
      }
      entries.push({
        ...(lists.length ? { links: lists.map((list) => ({ label: list.title, href: `${at}/${CHINA_LIST_FILES[list.id]}.html` })) } : {}),
        document: composed.plan.id,
        locale: doc.locale,
        name: library.locales.get(doc.locale)!.i18n.t('meta.name') as string,
        title: doc.title,
        stamp: doc.stamp,
        html: `${at}/index.html`,
        md: `${at}/policy.md`,
        ...(formats.has('pdf') ? { pdf: `${at}/policy.pdf` } : {}),
      });
    }
  }
  if (formats.has('html')) {
    const names = policy.facts.policy.locales.map((locale) => String(policy.facts.controller.name[locale]));
    files.push({ path: 'index.html', content: renderIndexPage([...new Set(names)].join(' · '), entries, '../assets/') });
  }
  // The app-store labels, once per policy in app/ (src/publish/labels/), when the facts describe an app.
  files.push(...labelFiles(policy.facts));
  return files;
}

/** The document a PDF job prints: the policy's own, or one of China's lists (titled as the list). */
export function pdfDocument(policy: PolicyForFiles, file: OutputFile): LocaleDocument | undefined {
  const doc = policy.documents.find((c) => c.plan.id === file.document)?.documents.find((d) => d.locale === file.locale);
  if (!doc || !file.pdf) return undefined;
  const list = (policy.lists.get(file.document!)?.[file.locale!] ?? []).find((l) => file.path.endsWith(`/${CHINA_LIST_FILES[l.id]}.html`));
  return list ? { ...doc, title: list.title } : doc;
}

/** A China list as a page of its own, with the policy's stamp and language switch. */
function listPage(list: ChinaList, policyDoc: LocaleDocument, library: Library, assets: string, href: (locale: string) => string, docs: readonly LocaleDocument[], company: string): string {
  const body = list.markdown.replace(/^# .*\n+/, '');
  const doc: LocaleDocument = { ...policyDoc, title: list.title, markdown: `# ${list.title}\n\n${policyDoc.stamp}\n\n${body}`, headings: [], refs: {} };
  return policyPage(doc, docs.map((d) => (d.locale === policyDoc.locale ? doc : d)), library, { assets, href, company });
}
