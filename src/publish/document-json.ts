/**
 * The composed document as data (`policy.json`), for sites that render a policy themselves:
 * its title, stamp, key facts, contents and every clause with its number, heading, anchor,
 * level, HTML and children. The HTML is the page's own (markdownToHtml: sanitised the same,
 * the same ids, tables labelled the same), one clause at a time, without the clause's heading
 * (the heading is data: `number`, `title`, `heading`). Cross-references inside it link to
 * `#<anchor>`, so a site that gives each clause's heading its `anchor` as id keeps them working
 * — the same ids as our page and policy.md.
 *
 * Published schema: schema/policy-document.schema.json. Keys come in a fixed order (the order
 * of the object literals below) and `documentJson` serialises them the same way every time.
 */
import type { Heading, LocaleDocument } from '../compose/types.js';
import { markdownToHtml, pageParts, unescapeText } from '../render/html.js';

/** Changes when a field changes meaning or disappears (adding an optional field does not). */
export const DOCUMENT_JSON_FORMAT = 'policygen-document/1';

export interface ContentsEntry {
  id: string;
  anchor: string;
  level: number;
  number: string;
  title: string;
  children: ContentsEntry[];
}

export interface ClauseJson {
  /** The clause id (templates/outline.yaml, or a custom section's). */
  id: string;
  /** The id its heading has on our page and in policy.md; cross-references link to `#<anchor>`. */
  anchor: string;
  /** 1 for a section, 2 for a clause inside it… (its heading is h<level + 1>). */
  level: number;
  /** As shown before the title: "三、", "（二）", "3.", "9.2". */
  number: string;
  /** How other clauses refer to it: "第三条", "Section 3". */
  reference: string;
  /** The heading text without the number (plain text). */
  title: string;
  /** The heading as the page shows it: "三、我们如何使用个人信息", "3. How we use personal information". */
  heading: string;
  /** The clause's text as sanitised HTML, without its heading and without its children. */
  html: string;
  children: ClauseJson[];
}

export interface DocumentJson {
  format: typeof DOCUMENT_JSON_FORMAT;
  /** Which document of the company's policy: `policy`, `china`, `global`, `children`… */
  document: string;
  locale: string;
  /** The company as readers know it (its short name). */
  company: string;
  title: string;
  /** "最后更新：2026年3月7日" / "Last updated: March 7, 2026", or the draft label for working data not released. */
  stamp: string;
  /** The effective date as the stamp writes it. */
  date: string;
  /** True when the working data differs from the newest release (the stamp is the draft label). */
  draft: boolean;
  /** The release this text is, when it is a released version. */
  version?: number;
  keyFacts: { title: string; html: string } | null;
  contents: ContentsEntry[];
  clauses: ClauseJson[];
}

export interface DocumentJsonOptions {
  company: string;
  draft: boolean;
  version?: number;
  /** Resolve relative links against this absolute URL (the document's folder, build --base-url). */
  hrefBase?: string;
}

/** A heading as the page shows it: the number, a space unless it ends in "、" or "）", the title. */
export function headingText(h: Pick<Heading, 'label' | 'title'>): string {
  return `${h.label}${/[、）]$/.test(h.label) ? '' : ' '}${unescapeText(h.title)}`;
}

/** Nests entries of a flat list in outline order by level. */
function nest<T extends { level: number; children: T[] }>(flat: readonly T[]): T[] {
  const root: T[] = [];
  const stack: T[] = [];
  for (const entry of flat) {
    while (stack.length && stack[stack.length - 1]!.level >= entry.level) stack.pop();
    (stack.length ? stack[stack.length - 1]!.children : root).push(entry);
    stack.push(entry);
  }
  return root;
}

/** The composed document as data (see the file's comment). Pure. */
export function documentData(doc: LocaleDocument, options: DocumentJsonOptions): DocumentJson {
  const rewrite = options.hrefBase ? { hrefBase: options.hrefBase } : {};
  const { summaryTitle, summary, bodyMarkdown } = pageParts(doc, rewrite);
  // The clauses' Markdown as markdownToHtml cuts it (one heading each), so each renders as on the page.
  const sections = bodyMarkdown.split(/\n(?=#{2,6} )/).filter((s) => /^#{2,6} /.test(s));
  const clauses = doc.headings.map((h, i): ClauseJson => {
    const html = markdownToHtml(sections[i] ?? '', [h], rewrite).replace(/^<h([2-6])\b[^>]*>[\s\S]*?<\/h\1>\n?/, '');
    return { id: h.id, anchor: h.id, level: h.level, number: h.label, reference: h.refText, title: unescapeText(h.title), heading: headingText(h), html, children: [] };
  });
  const contents = doc.headings.map((h): ContentsEntry => ({ id: h.id, anchor: h.id, level: h.level, number: h.label, title: unescapeText(h.title), children: [] }));
  return {
    format: DOCUMENT_JSON_FORMAT,
    document: doc.document,
    locale: doc.locale,
    company: options.company,
    title: unescapeText(doc.title),
    stamp: doc.stamp,
    date: doc.dateText,
    draft: options.draft,
    ...(options.version !== undefined && !options.draft ? { version: options.version } : {}),
    keyFacts: summary ? { title: summaryTitle ?? '', html: summary } : null,
    contents: nest(contents),
    clauses: nest(clauses),
  };
}

/** policy.json's text: documentData() as indented JSON, keys in their fixed order, a final newline. */
export function documentJson(doc: LocaleDocument, options: DocumentJsonOptions): string {
  return `${JSON.stringify(documentData(doc, options), null, 2)}\n`;
}
