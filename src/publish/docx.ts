/**
 * A composed policy as a Word file (policy.docx): built from the document's Markdown AST
 * (remark-parse + remark-gfm, as the HTML is), not from the HTML, with the `docx` library.
 *
 * - Clause headings are Word's own heading styles (Heading1/2/3, with outline levels), so
 *   Word's navigation pane and LibreOffice's navigator list the clauses; their text is the
 *   policy's, numbers included ("一、…" / "（二）…" / "9. …" / "9.2 …"). The title is the
 *   Title style, the stamp the paragraph under it, as in the Markdown.
 * - Tables are real tables (`w:tbl`) whose first row is a header row repeated on every page.
 * - Cross-references ("[第十六部分](#contact)") are internal links to a bookmark on the clause
 *   heading; other links stay links.
 * - The language is the document's (`w:lang` zh-CN / en-US) and the fonts are the PDF's:
 *   Noto Sans, with Noto Sans SC declared as the East Asian font.
 *
 * Deterministic: the same document gives the same bytes. The `docx` library stamps the
 * clock into docProps/core.xml, gives hyperlinks random relationship ids and bookmarks
 * ids from a process-wide counter, and its zip writer the clock's time on every entry;
 * `packDocx` rewrites all of them from the document's own date.
 */
import {
  AlignmentType,
  BorderStyle,
  Bookmark,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  InternalHyperlink,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type INumberingOptions,
  type IStylesOptions,
  type ParagraphChild,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Heading as MdHeading, List, PhrasingContent, RootContent, Table as MdTable } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { LocaleDocument } from '../compose/types.js';
import type { PageLabel } from '../render/pdf.js';

/** What a Word file says about itself (docProps/core.xml). */
export interface DocxMeta {
  title: string;
  /** The company: the file's creator. */
  creator: string;
  /** YYYY-MM-DD: written as the file's created and modified date and its zip entries' dates (never the clock). */
  date: string;
  locale: string;
  description?: string;
}

/** A4 with 2.54 cm margins (the library's defaults): the width of the text, in twips. */
export const TEXT_WIDTH = 11906 - 2 * 1440;

/**
 * Column widths (twips, summing to the text width) in proportion to the longest text of each
 * column — a Chinese character counts twice — within bounds, so that a column of short
 * labels stays narrow and a column of descriptions gets the room.
 */
export function columnWidths(rows: readonly (readonly string[])[]): number[] {
  const columns = Math.max(0, ...rows.map((r) => r.length));
  if (!columns) return [];
  const width = (text: string) => [...text].reduce((n, ch) => n + (/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? 2 : 1), 0);
  const weights = Array.from({ length: columns }, (_, c) => Math.min(60, Math.max(10, ...rows.map((r) => width(r[c] ?? '') + 3))));
  const total = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  out[out.length - 1]! += TEXT_WIDTH - out.reduce((a, b) => a + b, 0);
  return out;
}

/** The footer of every page: "第 1 页 / 共 9 页", "Page 1 of 9" — the PDF's words, Word's page fields. */
export function pageFooter(label: PageLabel): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [label.before, PageNumber.CURRENT, label.middle, PageNumber.TOTAL_PAGES, label.after], size: 16, color: '6B7280' })],
      }),
    ],
  });
}

/** Word's language tag for a policy locale: `en` → en-US, `zh-CN` stays. */
export function wordLanguage(locale: string): string {
  return locale === 'en' ? 'en-US' : locale;
}

/** The PDF's fonts: Noto Sans for Latin text, Noto Sans SC declared as the East Asian font. */
export const DOCX_FONTS = { ascii: 'Noto Sans', hAnsi: 'Noto Sans', cs: 'Noto Sans', eastAsia: 'Noto Sans SC' } as const;

/** Styles of every policygen Word file: fonts, language, headings with outline levels, sizes. */
export function docxStyles(locale: string): IStylesOptions {
  const heading = (size: number, before: number, outlineLevel: number) => ({
    run: { font: DOCX_FONTS, size, bold: true, color: '1F2937' },
    paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true, outlineLevel },
  });
  return {
    default: {
      document: {
        run: { font: DOCX_FONTS, size: 21, language: { value: wordLanguage(locale), eastAsia: locale.startsWith('zh') ? wordLanguage(locale) : 'zh-CN' } },
        paragraph: { spacing: { after: 120, line: 300 } },
      },
      title: { run: { font: DOCX_FONTS, size: 36, bold: true, color: '111827' }, paragraph: { spacing: { after: 200 } } },
      heading1: heading(28, 360, 0),
      heading2: heading(24, 240, 1),
      heading3: heading(22, 200, 2),
      heading4: heading(21, 160, 3),
      heading5: heading(21, 160, 4),
      heading6: heading(21, 160, 5),
      listParagraph: { paragraph: { spacing: { after: 60 } } },
    },
  };
}

const BULLETS = ['•', '◦', '▪'];
const bulletLevels: ILevelsOptions[] = [0, 1, 2].map((level) => ({
  level,
  format: LevelFormat.BULLET,
  text: BULLETS[level]!,
  alignment: AlignmentType.LEFT,
  style: { paragraph: { indent: { left: 420 * (level + 1), hanging: 300 } } },
}));
const orderedLevels: ILevelsOptions[] = [0, 1, 2].map((level) => ({
  level,
  format: level === 1 ? LevelFormat.LOWER_LETTER : LevelFormat.DECIMAL,
  text: `%${level + 1}.`,
  alignment: AlignmentType.LEFT,
  style: { paragraph: { indent: { left: 420 * (level + 1), hanging: 360 } } },
}));

/** The lists of every policygen Word file: bullets, and numbered lists (each restarting at 1). */
export const DOCX_NUMBERING: INumberingOptions = {
  config: [
    { reference: 'bullets', levels: bulletLevels },
    { reference: 'ordered', levels: orderedLevels },
  ],
};

/** Word's heading style for a Markdown heading depth: `##` (a clause) → Heading1 … */
export const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'B8BEC6' } as const;
export const TABLE_BORDERS = { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER, insideHorizontal: CELL_BORDER, insideVertical: CELL_BORDER } as const;
export const HEADER_SHADING = { fill: 'F1F3F5', type: 'clear', color: 'auto' } as const;

/**
 * A bookmark name Word accepts for a clause id: letters, digits and underscores, starting
 * with a letter, at most 40 characters.
 */
export function bookmarkName(id: string): string {
  const name = `c_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
  return name.slice(0, 40);
}

/** The text of an mdast node and its children. */
function toString(node: { value?: unknown; children?: unknown[] }): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map((child) => toString(child as { value?: unknown; children?: unknown[] })).join('');
}

interface Inline {
  bold?: boolean;
  italics?: boolean;
  link?: boolean;
}

/** A run of text in the given style (a link's text in Word's Hyperlink character style). */
function textRun(text: string, style: Inline): TextRun {
  return new TextRun({ text, ...(style.bold ? { bold: true } : {}), ...(style.italics ? { italics: true } : {}), ...(style.link ? { style: 'Hyperlink' } : {}) });
}

/** The policy's Markdown as Word paragraphs and tables. */
function blocks(doc: Pick<LocaleDocument, 'markdown' | 'headings'>): (Paragraph | Table)[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(doc.markdown);
  const out: (Paragraph | Table)[] = [];
  let heading = 0; // clause headings seen, matched with doc.headings in order (as in policy.md)
  let lists = 0; // each numbered list restarts at 1
  const runs = (nodes: readonly PhrasingContent[], style: Inline = {}): ParagraphChild[] =>
    nodes.flatMap((node): ParagraphChild[] => {
      switch (node.type) {
        case 'text':
          return [textRun(node.value.replace(/\s*\n\s*/g, ' '), style)];
        case 'inlineCode':
          return [textRun(node.value, style)];
        case 'strong':
          return runs(node.children, { ...style, bold: true });
        case 'emphasis':
          return runs(node.children, { ...style, italics: true });
        case 'delete':
          return runs(node.children, style);
        case 'break':
          return [new TextRun({ text: '', break: 1 })];
        case 'link': {
          // A link's text in the Hyperlink character style; a clause reference links to the clause's bookmark.
          const text = runs(node.children, { ...style, link: true }) as TextRun[];
          if (node.url.startsWith('#')) return [new InternalHyperlink({ anchor: bookmarkName(node.url.slice(1)), children: text })];
          return [new ExternalHyperlink({ link: node.url, children: text })];
        }
        case 'html':
          return [textRun(node.value, style)];
        default:
          return 'children' in node ? runs(node.children as PhrasingContent[], style) : [];
      }
    });
  const list = (node: List, depth: number, instance: number) => {
    for (const item of node.children) {
      let first = true;
      for (const child of item.children) {
        if (child.type === 'list') list(child, depth + 1, child.ordered ? ++lists : 0);
        else if (child.type === 'paragraph') {
          out.push(
            new Paragraph({
              children: runs(child.children),
              ...(first ? { numbering: node.ordered ? { reference: 'ordered', level: Math.min(depth, 2), instance } : { reference: 'bullets', level: Math.min(depth, 2) } } : { indent: { left: 420 * (Math.min(depth, 2) + 1) } }),
            }),
          );
          first = false;
        } else block(child);
      }
    }
  };
  const table = (node: MdTable): Table => {
    const widths = columnWidths(node.children.map((row) => row.children.map((cell) => toString(cell))));
    return new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      borders: TABLE_BORDERS,
      rows: node.children.map(
        (row, r) =>
          new TableRow({
            tableHeader: r === 0,
            cantSplit: true,
            children: row.children.map(
              (cell, c) =>
                new TableCell({
                  width: { size: widths[c] ?? 0, type: WidthType.DXA },
                  ...(r === 0 ? { shading: HEADER_SHADING } : {}),
                  margins: { top: 40, bottom: 40, left: 80, right: 80 },
                  children: [new Paragraph({ spacing: { after: 0 }, children: runs(cell.children, r === 0 ? { bold: true } : {}) })],
                }),
            ),
          }),
      ),
    });
  };
  const block = (node: RootContent) => {
    switch (node.type) {
      case 'heading':
        out.push(headingParagraph(node, doc.headings[node.depth > 1 ? heading++ : -1]?.id));
        return;
      case 'paragraph':
        out.push(new Paragraph({ children: runs(node.children) }));
        return;
      case 'list':
        list(node, 0, node.ordered ? ++lists : 0);
        return;
      case 'table':
        out.push(table(node));
        out.push(new Paragraph({ spacing: { after: 0 }, children: [] }));
        return;
      case 'blockquote':
        for (const child of node.children) block(child);
        return;
      case 'code':
      case 'html':
        out.push(new Paragraph({ children: [new TextRun(node.value)] }));
        return;
      default:
        return;
    }
  };
  const headingParagraph = (node: MdHeading, id: string | undefined): Paragraph => {
    const children = runs(node.children);
    if (node.depth === 1) return new Paragraph({ heading: HeadingLevel.TITLE, children });
    return new Paragraph({ heading: HEADINGS[Math.min(node.depth - 2, 5)]!, children: id ? [new Bookmark({ id: bookmarkName(id), children })] : children });
  };
  for (const node of tree.children) block(node);
  return out;
}

/** A composed policy (one document, one language) as the bytes of a .docx file. */
export async function documentDocx(doc: Pick<LocaleDocument, 'locale' | 'title' | 'stamp' | 'markdown' | 'headings'>, meta: Omit<DocxMeta, 'title' | 'locale'> & { pageLabel?: PageLabel }): Promise<Uint8Array> {
  const document = new Document({
    title: doc.title,
    creator: meta.creator,
    lastModifiedBy: 'policygen',
    revision: 1,
    description: meta.description ?? doc.stamp,
    styles: docxStyles(doc.locale),
    numbering: DOCX_NUMBERING,
    features: { updateFields: false },
    sections: [{ ...(meta.pageLabel ? { footers: { default: pageFooter(meta.pageLabel) } } : {}), children: blocks(doc) }],
  });
  return packDocx(document, meta.date);
}

/**
 * A Word document's bytes, the same for the same content: dates in core.xml and on the zip's
 * entries from `date` (a validated YYYY-MM-DD: the policy's or the release's) instead of the clock, random relationship ids and
 * process-wide bookmark ids renumbered in order of appearance.
 */
export async function packDocx(document: Document, date: string): Promise<Uint8Array> {
  const zipped = await Packer.toBuffer(document);
  const files = unzipSync(new Uint8Array(zipped.buffer, zipped.byteOffset, zipped.byteLength));
  const text = new Map<string, string>();
  for (const [path, bytes] of Object.entries(files)) if (/\.(xml|rels)$/.test(path)) text.set(path, strFromU8(bytes));
  // 1. The clock in core.xml.
  const core = text.get('docProps/core.xml');
  if (core) text.set('docProps/core.xml', core.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${date}T00:00:00Z$2`));
  // 2. Random relationship ids (nanoid, for hyperlinks and parts): renumbered in order of
  //    first appearance across the package, each in every file that names it.
  const random = new Map<string, string>();
  const paths = [...text.keys()].sort();
  for (const path of paths) {
    for (const match of text.get(path)!.matchAll(/\b(?:Id|r:id)="(rId[a-z0-9_-]{21})"/g)) {
      if (!random.has(match[1]!)) random.set(match[1]!, `rIdP${random.size + 1}`);
    }
  }
  if (random.size) {
    const pattern = new RegExp(`"(${[...random.keys()].map((k) => k.replace(/[-]/g, '\\-')).join('|')})"`, 'g');
    for (const path of paths) text.set(path, text.get(path)!.replace(pattern, (_, id: string) => `"${random.get(id)}"`));
  }
  // 3. Bookmark ids from a counter shared by every document the process made: 1, 2, 3… here.
  for (const path of paths.filter((p) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(p))) {
    const ids = new Map<string, number>();
    text.set(
      path,
      text.get(path)!.replace(/<w:bookmark(Start|End)\b([^>]*?)\bw:id="(\d+)"/g, (whole, kind: string, rest: string, id: string) => {
        if (!ids.has(id)) ids.set(id, ids.size + 1);
        return `<w:bookmark${kind}${rest}w:id="${ids.get(id)}"`;
      }),
    );
  }
  for (const [path, value] of text) files[path] = strToU8(value);
  // 4. Every entry dated from the document's date (a zip stores local time: built from local fields, it reads back the same anywhere).
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const mtime = new Date(Math.max(y, 1980), m - 1, d, 12, 0, 0);
  const entries = Object.fromEntries(Object.entries(files).map(([path, bytes]) => [path, [bytes, { mtime }] as [Uint8Array, { mtime: Date }]]));
  return zipSync(entries, { level: 6 });
}
