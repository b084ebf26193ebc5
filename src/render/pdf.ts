// HTML page on disk → A4 PDF with header (title + version stamp), bilingual page numbers,
// bookmarks and a structure tree; byte-identical for the same input and Chromium build.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HTTPRequest, Page } from 'puppeteer';
import { RenderTimeoutError, type PagePool } from './browser.js';

/** One language's page label: `${before}N${middle}M${after}` (N = page, M = total pages). */
export interface PageLabel {
  before: string;
  middle: string;
  after: string;
}

/** Every PDF carries both languages' page labels: `第 N 页 / 共 M 页 · Page N of M`. */
export const DEFAULT_PAGE_LABELS: readonly PageLabel[] = [
  { before: '第 ', middle: ' 页 / 共 ', after: ' 页' },
  { before: 'Page ', middle: ' of ', after: '' },
];

export interface PdfJob {
  /** Absolute path of the HTML page; loaded from file:// so its relative font URLs resolve. */
  htmlPath: string;
  /** BCP 47 language of the document (`zh-CN`, `en`); becomes the PDF's /Lang. */
  lang: string;
  /** Document title: left of the header, and the PDF's /Title. */
  title: string;
  /** Version stamp, right of the header, e.g. `v3 · 最后更新：2026年3月7日`. */
  stampLabel: string;
  /** Footer page labels, joined by ` · ` (default: Chinese then English). */
  footerPageLabels?: readonly PageLabel[];
  /** YYYY-MM-DD written as the PDF's creation and modification date, so output does not depend on the clock. */
  fixedDate: string;
}

export class PdfRenderError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PdfRenderError';
  }
}

// Page margins of a legal document; the header and footer are drawn inside top and bottom.
const MARGIN = { top: '20mm', bottom: '18mm', left: '16mm', right: '16mm' } as const;

// The header and footer are CSS page-margin boxes (`@page { @top-left { … } }`), not
// puppeteer's displayHeaderFooter templates. Templates are separate documents that need
// their own inlined base64 fonts (160–280 KB each, laid out again for every page and kept
// by the renderer: 135 ms per document and a renderer that grew by GBs over a batch).
// Margin boxes use the page's own Noto faces. Chromium ≥ 131 draws them.
const BOX_FONT_FAMILY = `'Noto Sans', 'Noto Sans SC'`;

/**
 * A CSS string literal holding `text` verbatim: quotes, backslashes, line ends and `<` are
 * hex-escaped (a trailing space ends each escape), so no value can close the string or the rule.
 */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\u0000-\u001f\u007f\u2028\u2029]/g, (ch) => `\\${ch.charCodeAt(0).toString(16)} `)}"`;
}

function pageLabelContent(label: PageLabel): string {
  return `${cssString(label.before)} counter(page) ${cssString(label.middle)} counter(pages) ${cssString(label.after)}`;
}

function labelText(label: PageLabel): string {
  return label.before + label.middle + label.after;
}

export interface PageBoxes {
  /** The `@page` rule: A4, the margins, and the header and footer margin boxes. */
  css: string;
  /** All text drawn in the header and footer (for loading the fonts that cover it). */
  text: string;
}

// A header title longer than this is cut with "…", so that it wraps onto two lines at most
// beside the stamp (about 50 Chinese or 100 Latin characters a line) in the top margin.
const HEADER_TITLE_MAX = 100;

function headerTitle(title: string): string {
  const chars = Array.from(title);
  return chars.length <= HEADER_TITLE_MAX ? title : chars.slice(0, HEADER_TITLE_MAX - 1).join('').trimEnd() + '…';
}

/**
 * The `@page` rule that draws the header (title left, wrapping beside the stamp right) and
 * the footer (page labels, centred).
 */
export function pageBoxes(job: Pick<PdfJob, 'title' | 'stampLabel' | 'footerPageLabels'>): PageBoxes {
  const labels = job.footerPageLabels ?? DEFAULT_PAGE_LABELS;
  const title = headerTitle(job.title);
  const box = `font-family: ${BOX_FONT_FAMILY}; font-size: 7.5pt; font-weight: 400; font-style: normal; color: #555; line-height: 1.2;`;
  const footer = labels.map(pageLabelContent).join(` ${cssString(' · ')} `);
  const css = `@page {
  size: A4;
  margin: ${MARGIN.top} ${MARGIN.right} ${MARGIN.bottom} ${MARGIN.left};
  @top-left { content: ${cssString(title)}; ${box} vertical-align: middle; }
  @top-right { content: ${cssString(job.stampLabel)}; ${box} vertical-align: middle; white-space: nowrap; }
  @bottom-center { content: ${footer}; ${box} vertical-align: middle; white-space: nowrap; }
}`;
  return { css, text: `${title}${job.stampLabel}…${labels.map(labelText).join(' · ')}0123456789` };
}

/** Validate YYYY-MM-DD and return its digits (YYYYMMDD). */
function dateDigits(fixedDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(fixedDate);
  const date = new Date(`${fixedDate}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== fixedDate) {
    throw new PdfRenderError(`fixedDate must be a real date written YYYY-MM-DD, got "${fixedDate}"`);
  }
  return match[1]! + match[2]! + match[3]!;
}

/**
 * Overwrite /CreationDate and /ModDate in place with `fixedDate` at 00:00:00 UTC, keeping
 * each string's length so xref offsets stay valid. Chromium writes e.g.
 * `/CreationDate (D:20261123082117+00'00')`; the time zone part becomes `+00'00'`.
 * Returns the number of dates rewritten.
 */
export function stampPdfDates(pdf: Uint8Array, fixedDate: string): number {
  const ymd = dateDigits(fixedDate);
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const pattern = /\/(?:CreationDate|ModDate)\s*\(D:(\d{4,14})([^)]*)\)/g;
  let count = 0;
  for (const match of text.matchAll(pattern)) {
    const [whole, digits = '', zone = ''] = match;
    const stamp = (ymd + '000000').slice(0, digits.length);
    const utcZone = zone.replace(/\d/g, '0').replace('-', '+');
    const start = match.index + whole.indexOf('(D:') + 3;
    const replacement = stamp + utcZone;
    for (let i = 0; i < replacement.length; i++) pdf[start + i] = replacement.charCodeAt(i);
    count++;
  }
  return count;
}

/**
 * Tagged PDFs name table header cells `/ID (node00000087)` after Chromium's DOM node ids,
 * which depend on how many nodes the renderer made before (page reuse, render order), and
 * whose relative order can differ from one run to the next. Renumber them in the order of
 * the structure elements that carry them (the tree's order, which is the document's), same
 * length, in place, so offsets stay valid; then put the ID tree's entries back in key order
 * (each leaf keeps its entries, so its length does not change) and correct its /Limits.
 */
export function renumberStructIds(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const ids = new Map<string, string>();
  const assign = (digits: string): void => {
    if (ids.has(digits)) return;
    const replacement = String(ids.size + 1).padStart(digits.length, '0');
    if (replacement.length === digits.length) ids.set(digits, replacement); // more ids than digits: left as is
  };
  for (const match of text.matchAll(/\/ID \(node(\d+)\)/g)) assign(match[1]!);
  for (const match of text.matchAll(/\(node(\d+)\)/g)) assign(match[1]!);
  const write = (start: number, replacement: string): void => {
    for (let i = 0; i < replacement.length; i++) pdf[start + i] = replacement.charCodeAt(i);
  };
  for (const match of text.matchAll(/\(node(\d+)\)/g)) {
    const replacement = ids.get(match[1]!);
    if (replacement) write(match.index + 5, replacement);
  }
  // The ID tree's leaves: /Names [(key) ref (key) ref …], keys sorted, and /Limits [(first) (last)].
  const renamed = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  for (const leaf of renamed.matchAll(/\/Names \[((?:\s*\(node\d+\)\s+\d+\s+\d+\s+R)+)\s*\]/g)) {
    const body = leaf[1]!;
    const pairs = [...body.matchAll(/\((node\d+)\)\s+\d+\s+\d+\s+R/g)].map((m) => ({ key: m[1]!, text: m[0], at: m.index }));
    const gaps = pairs.map((pair, i) => body.slice(i === 0 ? 0 : pairs[i - 1]!.at + pairs[i - 1]!.text.length, pair.at));
    const sorted = [...pairs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const rebuilt = sorted.map((pair, i) => gaps[i] + pair.text).join('') + body.slice(pairs[pairs.length - 1]!.at + pairs[pairs.length - 1]!.text.length);
    if (rebuilt.length !== body.length) continue;
    write(leaf.index + leaf[0].indexOf(body), rebuilt);
    // Its /Limits, in the same dictionary (just before /Names).
    const before = renamed.lastIndexOf('<<', leaf.index);
    const limits = /\/Limits \[\((node\d+)\) \((node\d+)\)\]/.exec(renamed.slice(before, leaf.index));
    if (limits) {
      const at = before + limits.index;
      write(at + limits[0].indexOf(limits[1]!), sorted[0]!.key);
      write(at + limits[0].lastIndexOf(limits[2]!), sorted[sorted.length - 1]!.key);
    }
  }
  return ids.size;
}

// ---------------------------------------------------------------------------------------
// Bookmark titles.
//
// Chromium builds the outline from the structure tree: one bookmark per heading it tagged,
// nested by level, titled with the text Skia saw drawn for that heading. That text is each
// painted run appended as is, so (1) a heading that wraps loses the space at every line
// break ("allowedto"), and (2) a heading painted twice has its text twice. (2) happens to a
// heading that starts a page after an unforced break: its margin is truncated, its line
// box sits right at the page boundary, and when the font's content area is taller than the
// line-height (Noto Sans SC: 31 px in the h2's 30.24 px line) the text's paint rect pokes
// above the line box into the previous page. That page paints the heading too: Skia clips
// every glyph away (an empty `BT ET` in a marked-content sequence of the heading on that
// page) but still appends the runs' text to the title. Skia also stops appending past 1 KB.
//
// So the page reports the real heading texts and the outline items' /Title strings are
// replaced. The file is a single revision with a classic xref table (Skia writes no object
// or xref streams); the new titles are spliced into their objects and the xref offsets
// after them are shifted. That keeps every other byte, costs under a millisecond, and
// leaves no stale titles behind (an incremental update would keep the old ones in the file).

/**
 * Runs in the page (serialised by puppeteer: keep it self-contained). The texts of the
 * headings Chromium makes bookmarks of, in document order (the structure tree's order):
 * h1–h6 and role="heading" elements that are rendered in print, not aria-hidden, not
 * screen-reader-only boxes, and not empty. A heading's text is its textContent without
 * unrendered descendants, with <br> as a space and an image's alt text, ASCII whitespace
 * collapsed.
 */
function collectHeadingTitles(): string[] {
  const rendered = (el: Element): boolean => el.checkVisibility({ visibilityProperty: true });
  const isHeading = (el: Element): boolean => {
    const role = (el.getAttribute('role') ?? '').trim().toLowerCase().split(/\s+/)[0];
    return role ? role === 'heading' : /^h[1-6]$/.test(el.localName);
  };
  const textOf = (heading: Element): string => {
    let text = '';
    const walk = (node: Node): void => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === Node.TEXT_NODE) {
          text += (child as Text).data;
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          const el = child as Element;
          if (!rendered(el)) continue;
          if (el.localName === 'br') text += ' ';
          else if (el.localName === 'img') text += el.getAttribute('alt') ?? '';
          else walk(el);
        }
      }
    };
    walk(heading);
    return text.replace(/[\t\n\f\r ]+/g, ' ').trim();
  };
  const titles: string[] = [];
  for (const el of Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role]'))) {
    if (!isHeading(el) || el.closest('[aria-hidden="true"]') || !rendered(el)) continue;
    const box = el.getBoundingClientRect();
    // Chromium paints (and so tags) neither a 1×1 "visually hidden" box nor one parked off the page.
    if (box.width <= 1 || box.height <= 1 || box.right + window.scrollX <= 0 || box.bottom + window.scrollY <= 0) continue;
    const text = textOf(el);
    if (text !== '') titles.push(text);
  }
  return titles;
}

/** A PDF text string: literal for printable ASCII (as Skia writes it), else UTF-16BE hex with a BOM. */
function pdfTextString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, '\\$&')})`;
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

const LITERAL_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** Decode a PDF string token, `(…)` or `<…>`, to text (UTF-16BE with BOM, else Latin-1). */
function decodePdfString(token: string): string {
  let bytes: string;
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/g, '');
    bytes = '';
    for (let i = 0; i < hex.length; i += 2) bytes += String.fromCharCode(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
  } else {
    bytes = token.slice(1, -1).replace(/\\(\r\n|[\r\n]|[0-7]{1,3}|.)/gs, (_, e: string) => {
      if (e === '\r\n' || e === '\r' || e === '\n') return '';
      if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8) & 0xff);
      return LITERAL_ESCAPES[e] ?? e;
    });
  }
  if (!bytes.startsWith('\xfe\xff')) return bytes;
  let text = '';
  for (let i = 2; i + 1 < bytes.length; i += 2) text += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  return text;
}

/** Text compared loosely: case (text-transform), whitespace, hyphens and invisible characters don't count. */
function looseText(text: string): string {
  return text.normalize('NFKC').toUpperCase().toLowerCase().replace(/[\s\u00ad\u200b-\u200d\u2060\ufeff\-\u2010\u2011]/g, '');
}

/**
 * Whether Chromium's title can be the mangled form of `heading`: it contains the heading's
 * text, ignoring what is lost at line wraps and repeats (or, when Skia cut it off after
 * 1 KB, starts the same way).
 */
function titleFitsHeading(chromiumTitle: string, heading: string): boolean {
  const chromium = looseText(chromiumTitle);
  const ours = looseText(heading);
  if (chromium.includes(ours)) return true;
  return Buffer.byteLength(chromiumTitle, 'utf8') >= 1024 && chromium.slice(0, 16) === ours.slice(0, 16);
}

interface Span {
  start: number;
  end: number;
}

interface PdfDict extends Span {
  entries: Map<string, Span>;
}

const PDF_WHITESPACE = '\0\t\n\f\r ';
const PDF_DELIMITERS = '()<>[]{}/%';

/** Just enough of a PDF reader to walk one revision's xref table, catalog and outline. */
class PdfReader {
  constructor(readonly text: string) {}

  fail(message: string): never {
    throw new PdfRenderError(`cannot fix the PDF outline's titles: ${message}`);
  }

  skipSpace(pos: number): number {
    const s = this.text;
    for (;;) {
      while (pos < s.length && PDF_WHITESPACE.includes(s[pos]!)) pos++;
      if (s[pos] !== '%') return pos;
      while (pos < s.length && s[pos] !== '\n' && s[pos] !== '\r') pos++;
    }
  }

  private match(re: RegExp, pos: number): RegExpExecArray | null {
    re.lastIndex = pos;
    return re.exec(this.text);
  }

  private skipName(pos: number): number {
    const s = this.text;
    pos++; // '/'
    while (pos < s.length && !PDF_WHITESPACE.includes(s[pos]!) && !PDF_DELIMITERS.includes(s[pos]!)) pos++;
    return pos;
  }

  /** End of the value starting at or after `pos` (after skipping white space). */
  skipValue(pos: number): number {
    const s = this.text;
    pos = this.skipSpace(pos);
    const c = s[pos];
    if (c === '<' && s[pos + 1] === '<') return this.readDict(pos).end;
    if (c === '<') {
      const end = s.indexOf('>', pos);
      if (end < 0) this.fail(`unterminated hex string at byte ${pos}`);
      return end + 1;
    }
    if (c === '(') {
      let depth = 0;
      for (let i = pos; i < s.length; i++) {
        const ch = s[i];
        if (ch === '\\') i++;
        else if (ch === '(') depth++;
        else if (ch === ')' && --depth === 0) return i + 1;
      }
      this.fail(`unterminated string at byte ${pos}`);
    }
    if (c === '[') {
      pos++;
      for (;;) {
        pos = this.skipSpace(pos);
        if (pos >= s.length) this.fail('unterminated array');
        if (s[pos] === ']') return pos + 1;
        pos = this.skipValue(pos);
      }
    }
    if (c === '/') return this.skipName(pos);
    const ref = this.match(/\d+\s+\d+\s+R(?![^\0\t\n\f\r ()<>[\]{}/%])/y, pos);
    if (ref) return pos + ref[0].length;
    const token = this.match(/[+-]?(?:\d+\.?\d*|\.\d+)|true|false|null/y, pos);
    if (token) return pos + token[0].length;
    this.fail(`unexpected ${JSON.stringify(s.slice(pos, pos + 12))} at byte ${pos}`);
  }

  /** The dictionary at or after `pos`: where it starts (`<<`) and ends, and each key's value span. */
  readDict(pos: number): PdfDict {
    const s = this.text;
    pos = this.skipSpace(pos);
    if (!s.startsWith('<<', pos)) this.fail(`expected a dictionary at byte ${pos}`);
    const start = pos;
    const entries = new Map<string, Span>();
    pos += 2;
    for (;;) {
      pos = this.skipSpace(pos);
      if (s.startsWith('>>', pos)) return { start, end: pos + 2, entries };
      if (s[pos] !== '/') this.fail(`expected a name at byte ${pos}`);
      const keyEnd = this.skipName(pos);
      const key = s.slice(pos + 1, keyEnd);
      const valueStart = this.skipSpace(keyEnd);
      pos = this.skipValue(valueStart);
      entries.set(key, { start: valueStart, end: pos });
    }
  }

  ref(dict: PdfDict, key: string): number | null {
    const span = dict.entries.get(key);
    if (!span) return null;
    const m = /^(\d+)\s+\d+\s+R$/.exec(this.text.slice(span.start, span.end));
    if (!m) this.fail(`/${key} is not an indirect reference`);
    return Number(m[1]);
  }
}

interface XrefEntry {
  num: number;
  gen: number;
  offset: number;
  /** Byte position of the entry's 20-byte line. */
  linePos: number;
}

/**
 * Replace the /Title of every outline item, in document order (depth first: an item, its
 * children, then its next sibling), with `titles`. Everything else — hierarchy,
 * destinations, /SE links to the structure tree, /Count — stays as Chromium wrote it.
 * Throws a PdfRenderError when the counts differ or a title does not fit its heading
 * (rather than mislabel a bookmark), or when the file is not the single-revision,
 * classic-xref kind Chromium writes.
 */
export function setOutlineTitles(pdf: Uint8Array, titles: readonly string[]): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const reader: PdfReader = new PdfReader(text);

  // The xref table and trailer of the (only) revision.
  const startxrefAt = text.lastIndexOf('startxref');
  const startxref = startxrefAt < 0 ? null : /^startxref\s+(\d+)/.exec(text.slice(startxrefAt, startxrefAt + 40));
  if (!startxref) reader.fail('no startxref');
  const xrefStart = Number(startxref[1]);
  if (!text.startsWith('xref', xrefStart)) reader.fail('the file has an xref stream, not an xref table');
  const entries = new Map<number, XrefEntry>();
  let pos = xrefStart + 4;
  for (;;) {
    pos = reader.skipSpace(pos);
    if (text.startsWith('trailer', pos)) break;
    const section = /^(\d+)\s+(\d+)[ \t]*(?:\r\n|\r|\n)/.exec(text.slice(pos, pos + 40));
    if (!section) reader.fail(`bad xref subsection at byte ${pos}`);
    pos += section[0].length;
    const first = Number(section[1]);
    const count = Number(section[2]);
    for (let i = 0; i < count; i++, pos += 20) {
      const line = /^(\d{10}) (\d{5}) ([nf])/.exec(text.slice(pos, pos + 20));
      if (!line) reader.fail(`bad xref entry at byte ${pos}`);
      if (line[3] === 'n') entries.set(first + i, { num: first + i, gen: Number(line[2]), offset: Number(line[1]), linePos: pos });
    }
  }
  const trailer = reader.readDict(pos + 'trailer'.length);
  for (const key of ['Prev', 'XRefStm', 'Encrypt']) if (trailer.entries.has(key)) reader.fail(`the trailer has /${key}`);

  const objectDict = (num: number): PdfDict => {
    const entry = entries.get(num);
    if (!entry) reader.fail(`object ${num} is not in the xref table`);
    const header = /^(\d+)\s+(\d+)\s+obj\b/.exec(text.slice(entry.offset, entry.offset + 32));
    if (!header || Number(header[1]) !== num) reader.fail(`the xref offset of object ${num} does not point at it`);
    return reader.readDict(entry.offset + header[0].length);
  };

  // Outline items in document order.
  const root = reader.ref(trailer, 'Root') ?? reader.fail('the trailer has no /Root');
  const outlinesRef = reader.ref(objectDict(root), 'Outlines');
  const items: PdfDict[] = [];
  const seen = new Set<number>();
  const visit = (first: number | null): void => {
    for (let num = first; num !== null; ) {
      if (seen.has(num)) reader.fail(`outline item ${num} is linked twice`);
      seen.add(num);
      const item = objectDict(num);
      items.push(item);
      visit(reader.ref(item, 'First'));
      num = reader.ref(item, 'Next');
    }
  };
  if (outlinesRef !== null) visit(reader.ref(objectDict(outlinesRef), 'First'));

  const chromiumTitles = items.map((item) => {
    const title = item.entries.get('Title');
    return title ? decodePdfString(text.slice(title.start, title.end)) : '';
  });
  if (items.length !== titles.length) {
    throw new PdfRenderError(
      `the PDF outline has ${items.length} bookmarks but the page has ${titles.length} headings; not relabelling them.\n` +
        `  bookmarks: ${JSON.stringify(chromiumTitles)}\n  headings:  ${JSON.stringify(titles)}`,
    );
  }
  chromiumTitles.forEach((chromiumTitle, i) => {
    if (!titleFitsHeading(chromiumTitle, titles[i]!)) {
      throw new PdfRenderError(`bookmark ${i + 1} is ${JSON.stringify(chromiumTitle)} in Chromium's outline, which is not the heading ${JSON.stringify(titles[i])}; not relabelling it`);
    }
  });

  // Splice the new titles in (an item without /Title gets one), then shift the xref offsets
  // of everything behind each splice.
  const splices = items
    .map((item, i) => {
      const value = pdfTextString(titles[i]!);
      const title = item.entries.get('Title');
      return title ? { start: title.start, end: title.end, value } : { start: item.start + 2, end: item.start + 2, value: `/Title ${value}\n` };
    })
    .filter((splice) => text.slice(splice.start, splice.end) !== splice.value)
    .sort((a, b) => a.start - b.start);
  if (splices.length === 0) return pdf;
  if (splices.at(-1)!.start >= xrefStart) reader.fail('an outline item lies behind the xref table');
  const shiftAt = (offset: number): number => {
    let shift = 0;
    for (const splice of splices) if (splice.start < offset) shift += splice.value.length - (splice.end - splice.start);
    return shift;
  };
  const growth = shiftAt(Infinity);

  const table = Buffer.from(text.slice(xrefStart, startxrefAt), 'latin1');
  for (const entry of entries.values()) table.write(String(entry.offset + shiftAt(entry.offset)).padStart(10, '0'), entry.linePos - xrefStart, 'latin1');
  const parts: Array<Uint8Array | string> = [];
  let from = 0;
  for (const splice of splices) {
    parts.push(pdf.subarray(from, splice.start), splice.value);
    from = splice.end;
  }
  const numberEnd = startxrefAt + startxref[0].length;
  const numberStart = numberEnd - startxref[1]!.length;
  parts.push(pdf.subarray(from, xrefStart), table, pdf.subarray(startxrefAt, numberStart), String(xrefStart + growth), pdf.subarray(numberEnd));
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(typeof part === 'string' ? Buffer.from(part, 'latin1') : part, at);
    at += part.length;
  }

  // Every offset must still land on its object: cheap, and a broken file must never ship.
  const result = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  for (const entry of entries.values()) {
    const offset = entry.offset + shiftAt(entry.offset);
    if (!result.toString('latin1', offset, offset + 24).startsWith(`${entry.num} ${entry.gen} obj`)) reader.fail(`internal error: object ${entry.num} moved`);
  }
  if (result.toString('latin1', xrefStart + growth, xrefStart + growth + 4) !== 'xref') reader.fail('internal error: the xref table moved');
  return out;
}

interface PrintedPage {
  pdf: Uint8Array;
  /** Texts of the headings Chromium makes bookmarks of, in document order. */
  headings: string[];
}

async function printPage(page: Page, job: PdfJob): Promise<PrintedPage> {
  const failed: string[] = [];
  const onFailed = (request: HTTPRequest): void => {
    failed.push(`${request.url()} (${request.failure()?.errorText ?? 'failed'})`);
  };
  page.on('requestfailed', onFailed);
  try {
    page.setDefaultTimeout(0); // the pool's time limit applies, and names the document
    await page.goto(pathToFileURL(job.htmlPath).href, { waitUntil: 'load' });
    const boxes = pageBoxes(job);
    await page.addStyleTag({ content: boxes.css });
    await page.evaluate(
      async (lang: string, title: string, family: string, text: string) => {
        document.documentElement.lang = lang;
        document.title = title;
        // A link to another local file (e.g. the other language's page) would become an
        // absolute file:///… URI in the PDF: useless to a reader, leaks the build path, and
        // breaks byte-identical output between build directories. Keep its text, drop the link.
        // Links within the page stay: Chromium turns them into internal destinations.
        for (const link of Array.from(document.querySelectorAll('a[href]'))) {
          const url = new URL(link.getAttribute('href') ?? '', document.baseURI);
          const samePage = url.protocol === location.protocol && url.pathname === location.pathname;
          if (url.protocol === 'file:' && !samePage) link.removeAttribute('href');
        }
        // A font that fails to load is reported below, from the failed request, with its URL.
        await document.fonts.load(`400 10px ${family}`, text).catch(() => {});
        await document.fonts.ready;
      },
      job.lang,
      job.title,
      BOX_FONT_FAMILY,
      boxes.text,
    );
    if (failed.length > 0) {
      throw new PdfRenderError(`${job.htmlPath}: resources failed to load (fonts or images would be missing):\n  ${failed.join('\n  ')}`);
    }
    // Which headings print is a question for print media (a stylesheet may hide some there).
    await page.emulateMediaType('print');
    const headings = await page.evaluate(collectHeadingTitles);
    await page.emulateMediaType(); // back to none: page.pdf switches to print itself
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: false,
      outline: true,
      tagged: true,
      timeout: 0,
    });
    return { pdf, headings };
  } finally {
    page.off('requestfailed', onFailed);
  }
}

/** Render one HTML page to PDF bytes with a page from the pool. */
export async function renderPdf(pool: PagePool, job: PdfJob): Promise<Uint8Array> {
  if (!path.isAbsolute(job.htmlPath)) throw new PdfRenderError(`htmlPath must be absolute, got "${job.htmlPath}"`);
  if (!existsSync(job.htmlPath)) throw new PdfRenderError(`HTML file not found: ${job.htmlPath}`);
  dateDigits(job.fixedDate); // fail before starting Chromium work

  let printed: PrintedPage;
  try {
    printed = await pool.use((page) => printPage(page, job), job.htmlPath);
  } catch (error) {
    if (error instanceof PdfRenderError || error instanceof RenderTimeoutError) throw error;
    throw new PdfRenderError(`Rendering ${job.htmlPath} to PDF failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  // In place first, on Chromium's bytes; the titles last (they change the length).
  renumberStructIds(printed.pdf);
  if (stampPdfDates(printed.pdf, job.fixedDate) === 0) {
    throw new PdfRenderError(`${job.htmlPath}: no /CreationDate or /ModDate found in Chromium's PDF; cannot make it deterministic`);
  }
  try {
    return setOutlineTitles(printed.pdf, printed.headings);
  } catch (error) {
    if (error instanceof PdfRenderError) throw new PdfRenderError(`${job.htmlPath}: ${error.message}`, { cause: error });
    throw error;
  }
}
