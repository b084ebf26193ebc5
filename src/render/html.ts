/**
 * Markdown → HTML page, through unified: remark-parse + remark-gfm → remark-rehype →
 * rehype-sanitize → clause anchors → rehype-stringify, then the page shell
 * (templates/page.html.hbs). Sanitising happens on the final tree of the policy text;
 * anchors and the shell are added afterwards by trusted code only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Element, ElementContent, Root, Text } from 'hast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import type { Heading, LocaleDocument } from '../compose/compose.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { compileTemplate, HTML_TEMPLATE } from '../library/precompiled.js';

/** GitHub's sanitize schema, with links limited to http(s), mailto and in-page anchors. */
const schema: SanitizeSchema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
};

/** Gives clause headings their clause id as anchor (after sanitising, so ids are exact). */
function rehypeClauseAnchors() {
  return (tree: Root, file: VFile) => {
    const headings = (file.data as { headings?: Heading[] }).headings ?? [];
    let index = 0;
    visit(tree, 'element', (node: Element) => {
      if (/^h[2-6]$/.test(node.tagName)) {
        const heading = headings[index++];
        if (heading) node.properties = { ...node.properties, id: heading.id };
      }
    });
  };
}

/** The plain text of an element (a heading, a table header cell). */
export function elementText(node: Element | Root | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' || node.type === 'root') return node.children.map((c) => elementText(c as ElementContent)).join('');
  return '';
}

/**
 * Tables as a phone and a keyboard need them (a pure transform of the tree):
 *
 * - each table is wrapped in a box that scrolls sideways when the table is still too wide
 *   (a shadow at the hidden edge is the cue, see policy.css); the box is a labelled region
 *   (`role="region"`, `aria-label`) that the keyboard can reach (`tabindex="0"`), so its
 *   content can be scrolled without a mouse;
 * - every cell carries its column's header text (`data-label`): on narrow screens the
 *   stylesheet shows each row as a card whose cells are labelled with it.
 *
 * The region is named after the heading the table follows (with the table's first column
 * header when that heading has several tables), else after `label` (a list page's title; with
 * the first column header when `qualify` says a landmark has that name already: the key
 * facts), else after its first column header. Landmarks' names stay unique.
 */
export function labelTables(tree: Root, label?: string, qualify = false): void {
  const found: { table: Element; parent: Root | Element; heading: string | undefined }[] = [];
  let heading: string | undefined;
  visit(tree, 'element', (node: Element, _index, parent) => {
    if (/^h[1-6]$/.test(node.tagName)) heading = elementText(node).trim();
    else if (node.tagName === 'table' && parent) {
      found.push({ table: node, parent, heading });
      return 'skip';
    }
    return undefined;
  });
  const perHeading = new Map<string | undefined, number>();
  for (const { heading: h } of found) perHeading.set(h, (perHeading.get(h) ?? 0) + 1);
  for (const { table, parent, heading: h } of found) {
    const headers = columnHeaders(table);
    const first = headers.find(Boolean);
    const named = h ?? label;
    const several = perHeading.get(h)! > 1 || (h === undefined && qualify);
    const name = named ? (several && first ? `${named} · ${first}` : named) : (first ?? '');
    for (const row of rowsOf(table)) {
      let column = 0;
      for (const cell of row.children) {
        if (cell.type !== 'element' || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
        const header = headers[column++];
        if (cell.tagName === 'td' && header) cell.properties = { ...cell.properties, dataLabel: header };
      }
    }
    const at = parent.children.indexOf(table);
    const wrap: Element = { type: 'element', tagName: 'div', properties: { className: ['table-wrap'], role: 'region', tabIndex: 0, ...(name ? { ariaLabel: name } : {}) }, children: [table] };
    parent.children[at] = wrap;
  }
}

/** The header text of each column (from the table's first row of `th`). */
function columnHeaders(table: Element): string[] {
  const head = rowsOf(table).find((row) => row.children.some((c) => c.type === 'element' && c.tagName === 'th'));
  if (!head) return [];
  return head.children.flatMap((c) => (c.type === 'element' && (c.tagName === 'th' || c.tagName === 'td') ? [elementText(c).replace(/\s+/g, ' ').trim()] : []));
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  visit(table, 'element', (node: Element) => {
    if (node.tagName === 'tr') {
      rows.push(node);
      return 'skip';
    }
    return undefined;
  });
  return rows;
}

/** Runs longer than this (code points, no space, no CJK character) may break anywhere… */
const LONG_RUN = 30;
/** …and addresses (a URL, an email address) longer than this. */
const LONG_ADDRESS = 20;
const RUNS = new RegExp(`([^\\s\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}]{${LONG_ADDRESS + 1},})`, 'u');
const isLong = (run: string) => [...run].length > LONG_RUN || /:\/\/|@|^www\./.test(run);

/**
 * A text cut into its long runs (more than 30 characters with no space and no CJK character —
 * a hash, a word typed without spaces —, or a URL or email address of more than 20) and the
 * text around them; joined, the pieces are the text. The page wraps long runs in
 * `<span class="long-run">`, which may break anywhere (policy.css). Text outside tables may break anywhere already; in a table that
 * would let Chromium squeeze every column below its longest word ("Categ|ory"), so only the
 * long runs may: a 300-character word neither runs off the page nor makes Chromium shrink
 * the printed PDF to fit it, and the table keeps its layout. (A `<wbr>` would do the same
 * for layout, but Chromium reads it as a space in accessible names: "https:/ /www.".)
 */
export function splitLongRuns(text: string): { text: string; long: boolean }[] {
  // Odd parts are the runs of more than 20 characters (the capture group), even parts the text around them.
  const pieces: { text: string; long: boolean }[] = [];
  for (const [i, part] of text.split(RUNS).entries()) {
    const long = i % 2 === 1 && isLong(part);
    const last = pieces[pieces.length - 1];
    if (!part) continue;
    if (last && !last.long && !long) last.text += part;
    else pieces.push({ text: part, long });
  }
  return pieces;
}

/** Long runs (splitLongRuns) in `<span class="long-run">` (text only; attributes keep their values). */
function rehypeLongRuns() {
  return (tree: Root) => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || typeof index !== 'number') return undefined;
      const pieces = splitLongRuns(node.value);
      if (!pieces.some((p) => p.long)) return undefined;
      const children: ElementContent[] = pieces.map((p) =>
        p.long ? ({ type: 'element', tagName: 'span', properties: { className: ['long-run'] }, children: [{ type: 'text', value: p.text }] } as Element) : ({ type: 'text', value: p.text } as Text),
      );
      parent.children.splice(index, 1, ...children);
      // Continue after the pieces (the spans' own text is not split again).
      return index + children.length;
    });
  };
}

/**
 * Ids and links for HTML that lives inside someone else's page (the embeddable fragment):
 * every id gets `idPrefix` and so does every in-page link (`#contact` → `#policygen-contact`),
 * so the two still meet; relative links (another document, a China list) are resolved
 * against `hrefBase` when there is one. Trusted code, after sanitising.
 */
function rehypeRewrite() {
  return (tree: Root, file: VFile) => {
    const { idPrefix, hrefBase } = file.data as { idPrefix?: string; hrefBase?: string };
    if (!idPrefix && !hrefBase) return;
    visit(tree, 'element', (node: Element) => {
      const props = node.properties;
      if (idPrefix && typeof props.id === 'string') props.id = `${idPrefix}${props.id}`;
      // References to ids (a footnote's) follow them.
      for (const name of ['ariaDescribedBy', 'ariaLabelledBy'] as const) {
        const value = props[name];
        if (idPrefix && value !== undefined && value !== null) props[name] = (Array.isArray(value) ? value : String(value).split(/\s+/)).map((id) => `${idPrefix}${String(id)}`);
      }
      const href = props.href;
      if (typeof href !== 'string') return;
      if (href.startsWith('#')) {
        if (idPrefix) props.href = `#${idPrefix}${href.slice(1)}`;
      } else if (hrefBase && !/^[a-z][a-z0-9+.-]*:/i.test(href)) props.href = new URL(href, hrefBase).href;
    });
  };
}

/** labelTables() as a rehype step; the label for tables no heading names comes with the file. */
function rehypeTables() {
  return (tree: Root, file: VFile) => {
    const data = file.data as { tableLabel?: string; qualifyTableLabel?: boolean };
    labelTables(tree, data.tableLabel, data.qualifyTableLabel);
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize, schema)
  .use(rehypeClauseAnchors)
  .use(rehypeTables)
  .use(rehypeLongRuns)
  .use(rehypeRewrite)
  .use(rehypeStringify)
  .freeze();

function renderSection(markdown: string, headings: readonly Heading[], tableLabel: string | undefined, qualifyTableLabel: boolean, rewrite: Pick<MarkdownToHtmlOptions, 'idPrefix' | 'hrefBase'>): string {
  const file = new VFile({ value: markdown, data: { headings, qualifyTableLabel, ...(tableLabel ? { tableLabel } : {}), ...rewrite } });
  return String(processor.processSync(file));
}

/**
 * Sections already rendered, by heading id and text. Markdown → HTML costs ~1 µs a byte
 * (micromark); clause text repeats across a batch of companies, across rebuilds in the
 * preview and between the pages of one build, so each section is rendered once.
 */
const sectionCache = new Map<string, string>();
const SECTION_CACHE_LIMIT = 4_000;

export interface MarkdownToHtmlOptions {
  /** Reuse sections rendered before (default true). */
  cache?: boolean;
  /** The name of a table that no heading precedes (see labelTables). */
  tableLabel?: string;
  /** `tableLabel` names a landmark already (the key-facts section): the table's region adds its first column header. */
  qualifyTableLabel?: boolean;
  /** Put before every id and in-page link (the embeddable fragment: `policygen-`); default none. */
  idPrefix?: string;
  /** Resolve relative links against this absolute URL; default: leave them relative. */
  hrefBase?: string;
}

/**
 * The policy body as sanitised HTML with clause anchors. Pure: the result depends only on
 * the arguments (sections are rendered independently — a clause's text never spans a
 * heading — and joined, which is what rendering the whole document gives).
 */
export function markdownToHtml(markdown: string, headings: readonly Heading[], options: MarkdownToHtmlOptions = {}): string {
  const useCache = options.cache ?? true;
  const sections = markdown.split(/\n(?=#{2,6} )/);
  const out: string[] = [];
  let index = 0;
  for (const [i, section] of sections.entries()) {
    const opensWithHeading = /^#{2,6} /.test(section);
    const heading = opensWithHeading ? headings[index++] : undefined;
    if (i === 0 && !opensWithHeading && !section.trim()) continue;
    // Only a table before any heading is named after `tableLabel`.
    const label = opensWithHeading ? undefined : options.tableLabel;
    const qualify = Boolean(label && options.qualifyTableLabel);
    const rewrite = { ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}), ...(options.hrefBase ? { hrefBase: options.hrefBase } : {}) };
    const key = `${heading?.id ?? ''}\u0000${label ?? ''}\u0000${qualify ? 1 : 0}\u0000${options.idPrefix ?? ''}\u0000${options.hrefBase ?? ''}\u0000${section}`;
    let html = useCache ? sectionCache.get(key) : undefined;
    if (html === undefined) {
      html = renderSection(section, heading ? [heading] : [], label, qualify, rewrite);
      if (useCache) {
        if (sectionCache.size >= SECTION_CACHE_LIMIT) sectionCache.delete(sectionCache.keys().next().value!);
        sectionCache.set(key, html);
      }
    }
    out.push(html);
  }
  return out.join('\n');
}

export interface PageLink {
  locale: string;
  /** Language name in its own language: "English", "简体中文". */
  name: string;
  /** The label inviting to switch: "Read in English". */
  label: string;
  href: string;
}

export interface PageOptions {
  /** Relative URL of the shared assets folder, e.g. "../../assets/". */
  assets: string;
  /** Other language versions of the same policy. */
  alternates: PageLink[];
  contentsLabel: string;
  /**
   * The skip links a keyboard meets first: to the contents ("跳至目录" / "Skip to contents",
   * on pages that have them) and to the text ("跳至正文" / "Skip to main content"). Without
   * them the page has no skip links.
   */
  skipLabels?: { contents: string; text: string };
  /** The page's `<title>` ("<company> · <document title>", see policyPage); default: the document title. */
  pageTitle?: string;
  /** Shown instead of a stamp when the working data is not released. */
  draftLabel?: string;
}

const pageHandlebars = Handlebars.create();
let pageTemplate: HandlebarsTemplateDelegate | undefined;
let indexTemplate: HandlebarsTemplateDelegate | undefined;

function template(name: string): HandlebarsTemplateDelegate {
  // HTML shell: Handlebars' default HTML escaping applies to everything except `body`.
  return compileTemplate(pageHandlebars, readFileSync(join(PACKAGE_ROOT, 'templates', name), 'utf8'), HTML_TEMPLATE);
}

/** What a policy page shows below its title and stamp, each piece rendered (the page, the embeddable fragment). */
export interface PageParts {
  /** The key-facts summary's heading (plain text) and its HTML, when the document has one. */
  summaryTitle?: string;
  summary: string;
  /** The clauses: the Markdown after the summary, and its HTML. */
  bodyMarkdown: string;
  body: string;
}

/**
 * The parts of a policy page: the key-facts summary (the text before the first clause, its
 * bold first line its heading) and the clauses, as sanitised HTML. `rewrite` as in
 * markdownToHtml (ids and links of a fragment).
 */
export function pageParts(doc: Pick<LocaleDocument, 'markdown' | 'headings' | 'title'>, rewrite: Pick<MarkdownToHtmlOptions, 'idPrefix' | 'hrefBase'> = {}): PageParts {
  // The document body without its h1 title and stamp paragraph: the shell renders those.
  const bodyMarkdown = doc.markdown.replace(/^# .*\n+.*\n+/, '');
  // The key-facts summary (the text before the first clause) goes above the contents, so
  // that it opens the page and the PDF's first page; its bold first line is its heading.
  const first = bodyMarkdown.search(/^#{2,6} /m);
  const preamble = first > 0 ? bodyMarkdown.slice(0, first).trim() : '';
  const summaryTitle = /^\*\*(.+)\*\*\n/.exec(preamble)?.[1];
  const summary = preamble ? markdownToHtml(summaryTitle ? preamble.slice(preamble.indexOf('\n') + 1) : preamble, [], { ...rewrite, ...(summaryTitle ? { tableLabel: unescapeText(summaryTitle), qualifyTableLabel: true } : {}) }) : '';
  const clauses = first > 0 ? bodyMarkdown.slice(first) : bodyMarkdown;
  // Tables before any heading (a China list's) are named after the page.
  const body = markdownToHtml(clauses, doc.headings, { ...rewrite, tableLabel: unescapeText(doc.title) });
  return { ...(summaryTitle ? { summaryTitle: unescapeText(summaryTitle) } : {}), summary, bodyMarkdown: clauses, body };
}

/** A complete, self-contained HTML page for one locale. Pure given its inputs. */
export function renderPage(doc: LocaleDocument, options: PageOptions): string {
  pageTemplate ??= template('page.html.hbs');
  const { summaryTitle, summary, body } = pageParts(doc);
  const toc = tocTree(doc.headings);
  return pageTemplate({
    summary: summary || null,
    summaryTitle: summaryTitle ?? null,
    lang: doc.locale,
    pageTitle: options.pageTitle ?? unescapeText(doc.title),
    skipContents: toc.length ? (options.skipLabels?.contents ?? null) : null,
    skipText: options.skipLabels?.text ?? null,
    title: doc.title,
    stamp: doc.stamp,
    draft: options.draftLabel ?? null,
    assets: options.assets,
    alternates: options.alternates,
    contentsLabel: options.contentsLabel,
    toc,
    body,
  });
}

/** A heading's Markdown text as plain text (the page template escapes it for HTML). */
export function unescapeText(markdown: string): string {
  return markdown.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

export interface TocEntry {
  id: string;
  label: string;
  title: string;
  children: TocEntry[];
}

export function tocTree(headings: readonly Heading[]): TocEntry[] {
  const root: TocEntry[] = [];
  const stack: { level: number; list: TocEntry[] }[] = [{ level: 0, list: root }];
  for (const h of headings) {
    while (stack.length > 1 && stack[stack.length - 1]!.level >= h.level) stack.pop();
    const entry: TocEntry = { id: h.id, label: h.label, title: h.title, children: [] };
    stack[stack.length - 1]!.list.push(entry);
    stack.push({ level: h.level, list: entry.children });
  }
  return root;
}

export interface IndexEntry {
  /** The document (`policy` in the single layout). */
  document?: string;
  locale: string;
  name: string;
  title: string;
  stamp: string;
  html: string;
  pdf?: string;
  md: string;
  /** Further pages of this document in this language (China's lists, the versions), linked under it. */
  links?: { label: string; href: string }[];
}

/** output/<id>/index.html: both languages, linked, with their stamps. */
export function renderIndexPage(companyName: string, entries: IndexEntry[], assets: string): string {
  indexTemplate ??= template('index.html.hbs');
  const titles = [...new Set(entries.map((e) => e.title))];
  return indexTemplate({ companyName, titles, entries, assets, lang: entries[0]?.locale ?? 'en' });
}
