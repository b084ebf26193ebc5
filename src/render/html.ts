/**
 * Markdown → HTML page, through unified: remark-parse + remark-gfm → remark-rehype →
 * rehype-sanitize → clause anchors → rehype-stringify, then the page shell
 * (templates/page.html.hbs). Sanitising happens on the final tree of the policy text;
 * anchors and the shell are added afterwards by trusted code only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Element, Root } from 'hast';
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
    visit(tree, 'element', (node: Element, position, parent) => {
      if (/^h[2-6]$/.test(node.tagName)) {
        const heading = headings[index++];
        if (heading) node.properties = { ...node.properties, id: heading.id };
      } else if (node.tagName === 'table' && parent && typeof position === 'number') {
        // Wide tables scroll inside their own box on narrow screens instead of the page.
        parent.children[position] = { type: 'element', tagName: 'div', properties: { className: ['table-wrap'] }, children: [node] };
        return 'skip';
      }
      return undefined;
    });
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize, schema)
  .use(rehypeClauseAnchors)
  .use(rehypeStringify)
  .freeze();

function renderSection(markdown: string, headings: readonly Heading[]): string {
  const file = new VFile({ value: markdown, data: { headings } });
  return String(processor.processSync(file));
}

/**
 * Sections already rendered, by heading id and text. Markdown → HTML costs ~1 µs a byte
 * (micromark); clause text repeats across a batch of companies, across rebuilds in the
 * preview and between the pages of one build, so each section is rendered once.
 */
const sectionCache = new Map<string, string>();
const SECTION_CACHE_LIMIT = 4_000;

/**
 * The policy body as sanitised HTML with clause anchors. Pure: the result depends only on
 * the arguments (sections are rendered independently — a clause's text never spans a
 * heading — and joined, which is what rendering the whole document gives).
 */
export function markdownToHtml(markdown: string, headings: readonly Heading[], options: { cache?: boolean } = {}): string {
  const useCache = options.cache ?? true;
  const sections = markdown.split(/\n(?=#{2,6} )/);
  const out: string[] = [];
  let index = 0;
  for (const [i, section] of sections.entries()) {
    const opensWithHeading = /^#{2,6} /.test(section);
    const heading = opensWithHeading ? headings[index++] : undefined;
    if (i === 0 && !opensWithHeading && !section.trim()) continue;
    const key = `${heading?.id ?? ''}\u0000${section}`;
    let html = useCache ? sectionCache.get(key) : undefined;
    if (html === undefined) {
      html = renderSection(section, heading ? [heading] : []);
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

/** A complete, self-contained HTML page for one locale. Pure given its inputs. */
export function renderPage(doc: LocaleDocument, options: PageOptions): string {
  pageTemplate ??= template('page.html.hbs');
  // The document body without its h1 title and stamp paragraph: the shell renders those.
  const bodyMarkdown = doc.markdown.replace(/^# .*\n+.*\n+/, '');
  // The key-facts summary (the text before the first clause) goes above the contents, so
  // that it opens the page and the PDF's first page; its bold first line is its heading.
  const first = bodyMarkdown.search(/^#{2,6} /m);
  const preamble = first > 0 ? bodyMarkdown.slice(0, first).trim() : '';
  const summaryTitle = /^\*\*(.+)\*\*\n/.exec(preamble)?.[1];
  const summary = preamble ? markdownToHtml(summaryTitle ? preamble.slice(preamble.indexOf('\n') + 1) : preamble, []) : '';
  return pageTemplate({
    summary: summary || null,
    summaryTitle: summaryTitle ? unescapeText(summaryTitle) : null,
    lang: doc.locale,
    title: doc.title,
    stamp: doc.stamp,
    draft: options.draftLabel ?? null,
    assets: options.assets,
    alternates: options.alternates,
    contentsLabel: options.contentsLabel,
    toc: tocTree(doc.headings),
    body: markdownToHtml(first > 0 ? bodyMarkdown.slice(first) : bodyMarkdown, doc.headings),
  });
}

/** A heading's Markdown text as plain text (the page template escapes it for HTML). */
function unescapeText(markdown: string): string {
  return markdown.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

interface TocEntry {
  id: string;
  label: string;
  title: string;
  children: TocEntry[];
}

function tocTree(headings: readonly Heading[]): TocEntry[] {
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
