// The PDF Chromium printed, made final, on its bytes alone (no browser): structure ids
// renumbered and dates fixed for byte-identical output, bookmark titles from the page's
// real headings, and the PDF/UA fix-ups (artifacts, role map, link texts, metadata). Pure
// functions of the bytes and what the page reported; pdf-thread.ts runs them off the main
// thread.
import { deflateSync, inflateSync } from 'node:zlib';

// Page margins of a legal document; the header and footer are drawn inside top and bottom
// (pdf.ts's @page rule), and text beyond them is a header or footer artifact (below).
export const MARGIN = { top: '20mm', bottom: '18mm', left: '16mm', right: '16mm' } as const;
export class PdfRenderError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PdfRenderError';
  }
}


/** Validate YYYY-MM-DD and return its digits (YYYYMMDD). */
export function dateDigits(fixedDate: string): string {
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
const SPACE = 1;
const DELIMITER = 2;
/**
 * Character classes by code: SPACE, DELIMITER, else 0 (regular). The files are read as
 * latin1 strings, one char per byte, so every code is below 256.
 */
const CHAR_CLASS = (() => {
  const table = new Uint8Array(256);
  for (const ch of PDF_WHITESPACE) table[ch.charCodeAt(0)] = SPACE;
  for (const ch of PDF_DELIMITERS) table[ch.charCodeAt(0)] = DELIMITER;
  return table;
})();
const PERCENT = 0x25;
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** Whether the char at `pos` is regular (neither white space nor a delimiter); false past the end. */
const isRegular = (s: string, pos: number): boolean => pos < s.length && CHAR_CLASS[s.charCodeAt(pos)] === 0;

/** The position after white space and comments from `pos`, stopping at `end`. */
function skipSpace(s: string, pos: number, end = s.length): number {
  for (;;) {
    while (pos < end && CHAR_CLASS[s.charCodeAt(pos)] === SPACE) pos++;
    if (pos >= end || s.charCodeAt(pos) !== PERCENT) return pos;
    while (pos < end && s.charCodeAt(pos) !== 0x0a && s.charCodeAt(pos) !== 0x0d) pos++;
  }
}

/** The end of the regular characters from `pos` (a name's text, a number, a keyword), stopping at `end`. */
function regularEnd(s: string, pos: number, end = s.length): number {
  while (pos < end && CHAR_CLASS[s.charCodeAt(pos)] === 0) pos++;
  return pos;
}

/** Just enough of a PDF reader to walk one revision's xref table, catalog and outline. */
class PdfReader {
  constructor(
    readonly text: string,
    /** What failed, in front of every message. */
    private readonly task = "cannot fix the PDF outline's titles",
  ) {}

  fail(message: string): never {
    throw new PdfRenderError(`${this.task}: ${message}`);
  }

  skipSpace(pos: number): number {
    return skipSpace(this.text, pos);
  }

  private match(re: RegExp, pos: number): RegExpExecArray | null {
    re.lastIndex = pos;
    return re.exec(this.text);
  }

  private skipName(pos: number): number {
    return regularEnd(this.text, pos + 1); // after the '/'
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
      const end = ValueParser.literalEnd(s, pos);
      if (end < 0) this.fail(`unterminated string at byte ${pos}`);
      return end;
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

interface Revision {
  xrefStart: number;
  startxrefAt: number;
  /** The `startxref N` match at startxrefAt. */
  startxref: RegExpExecArray;
  entries: Map<number, XrefEntry>;
  trailer: PdfDict;
}

/** The value of the `count` decimal digits at `pos`; -1 when there are not that many. */
function digitsAt(s: string, pos: number, count: number): number {
  let value = 0;
  for (let i = pos; i < pos + count; i++) {
    const code = s.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + (code - 0x30);
  }
  return value;
}

/** The xref table and trailer of the file's only revision (the kind Skia writes). */
function readRevision(reader: PdfReader): Revision {
  const text = reader.text;
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
      // `oooooooooo ggggg n` (or f)
      const offset = digitsAt(text, pos, 10);
      const gen = digitsAt(text, pos + 11, 5);
      const kind = text[pos + 17];
      if (offset < 0 || text[pos + 10] !== ' ' || gen < 0 || text[pos + 16] !== ' ' || (kind !== 'n' && kind !== 'f')) reader.fail(`bad xref entry at byte ${pos}`);
      if (kind === 'n') entries.set(first + i, { num: first + i, gen, offset, linePos: pos });
    }
  }
  const trailer = reader.readDict(pos + 'trailer'.length);
  for (const key of ['Prev', 'XRefStm', 'Encrypt']) if (trailer.entries.has(key)) reader.fail(`the trailer has /${key}`);
  return { xrefStart, startxrefAt, startxref, entries, trailer };
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
  const { xrefStart, startxrefAt, startxref, entries, trailer } = readRevision(reader);

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

// ---------------------------------------------------------------------------------------
// PDF/UA-1 (ISO 14289-1), the parts a machine can check.
//
// Chromium tags the page (structure tree, marked content, /Lang, /MarkInfo, DisplayDocTitle)
// but leaves out what PDF/UA asks beyond that, and some of its tagging is not what the
// standard structure types mean. After the outline titles, the file is rewritten once:
//
// - an XMP metadata stream with pdfuaid:part 1, dc:title, dc:language and the dates of the
//   Info dictionary (from fixedDate), referenced by the catalog's /Metadata;
// - a /RoleMap for the structure types PDF 1.7 does not define (Chromium writes /Strong);
// - the content drawn outside every marked-content sequence (the @page margin boxes: the
//   running header and footer) wrapped in `/Artifact <</Type /Pagination /Subtype
//   /Header|/Footer>> BDC … EMC`;
// - a table header that Chromium repeats on a continuation page is tagged once: the copy's
//   marked content becomes a pagination artifact, and leaves the TH (and the parent tree);
// - list items hold Lbl and LBody: what Chromium puts directly in an LI moves into an LBody;
// - every link annotation gets /Contents: the link's text as the page has it, matched to
//   the structure tree's Link elements in order (and checked against each annotation's
//   URI or destination), else the URI or the destination's heading;
// - the header says %PDF-1.7, the version PDF/UA-1 is built on.
//
// Objects that change are written again, new ones are appended, the others keep their bytes;
// the xref table is written anew. Same input, same bytes.

/** A PDF object as parsed: numbers, strings and keywords keep their source text. */
type PdfValue =
  | { t: 'num'; v: string }
  | { t: 'kw'; v: string }
  | { t: 'name'; v: string }
  | { t: 'str'; v: string }
  | { t: 'ref'; num: number; gen: number }
  | { t: 'array'; v: PdfValue[] }
  | { t: 'dict'; v: Map<string, PdfValue> };

const pdfName = (v: string): PdfValue => ({ t: 'name', v });
const pdfRef = (num: number): PdfValue => ({ t: 'ref', num, gen: 0 });
const pdfNum = (n: number): PdfValue => ({ t: 'num', v: String(n) });
const pdfNull: PdfValue = { t: 'kw', v: 'null' };
const pdfDict = (entries: Array<[string, PdfValue]>): PdfValue & { t: 'dict' } => ({ t: 'dict', v: new Map(entries) });

function serializePdf(value: PdfValue): string {
  switch (value.t) {
    case 'num':
    case 'kw':
    case 'str':
      return value.v;
    case 'name':
      return `/${value.v}`;
    case 'ref':
      return `${value.num} ${value.gen} R`;
    case 'array':
      return `[${value.v.map(serializePdf).join(' ')}]`;
    case 'dict':
      return `<<${[...value.v].map(([key, v]) => `/${key} ${serializePdf(v)}`).join('\n')}>>`;
  }
}

/** The end of the number `[+-]?(\d+\.?\d*|\.\d+)` at `pos`; -1 when none starts there. */
function numberEnd(s: string, pos: number): number {
  let i = pos;
  if (s.charCodeAt(i) === 0x2b || s.charCodeAt(i) === 0x2d) i++;
  const digits = i;
  while (isDigit(s.charCodeAt(i))) i++;
  if (i === digits && !(s.charCodeAt(i) === 0x2e && isDigit(s.charCodeAt(i + 1)))) return -1;
  if (s.charCodeAt(i) === 0x2e) i++;
  while (isDigit(s.charCodeAt(i))) i++;
  return i;
}
const REF_REST = /\s+(\d+)\s+R/y;
const KEYWORD = /true|false|null/y;

/** Parses PDF values (objects in the file, operands in a content stream). */
class ValueParser {
  constructor(
    private readonly s: string,
    public pos: number,
    private readonly fail: (message: string) => never,
  ) {}

  space(): void {
    this.pos = skipSpace(this.s, this.pos);
  }

  private name(): string {
    const start = ++this.pos;
    this.pos = regularEnd(this.s, start);
    return this.s.slice(start, this.pos);
  }

  /** End of the literal string starting at `pos` (its `(`). */
  static literalEnd(s: string, pos: number): number {
    let depth = 0;
    for (let i = pos; i < s.length; i++) {
      const ch = s[i];
      if (ch === '\\') i++;
      else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) return i + 1;
    }
    return -1;
  }

  /** Move past the next value, as value() reads it, without building it (no Map for a dictionary). */
  skip(): void {
    this.space();
    const s = this.s;
    const c = s.charCodeAt(this.pos);
    if (c === 0x3c /* < */ && s.charCodeAt(this.pos + 1) === 0x3c) {
      this.pos += 2;
      for (;;) {
        this.space();
        if (s.startsWith('>>', this.pos)) {
          this.pos += 2;
          return;
        }
        if (s[this.pos] !== '/') this.fail(`expected a name at byte ${this.pos}`);
        this.name();
        this.skip();
      }
    }
    if (c === 0x5b /* [ */) {
      this.pos++;
      for (;;) {
        this.space();
        if (s[this.pos] === ']') {
          this.pos++;
          return;
        }
        if (this.pos >= s.length) this.fail('unterminated array');
        this.skip();
      }
    }
    this.value();
  }

  value(): PdfValue {
    this.space();
    const s = this.s;
    const start = this.pos;
    const c = s[start];
    if (c === '<' && s[start + 1] === '<') {
      this.pos += 2;
      const entries = new Map<string, PdfValue>();
      for (;;) {
        this.space();
        if (s.startsWith('>>', this.pos)) {
          this.pos += 2;
          return { t: 'dict', v: entries };
        }
        if (s[this.pos] !== '/') this.fail(`expected a name at byte ${this.pos}`);
        const key = this.name();
        entries.set(key, this.value());
      }
    }
    if (c === '[') {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.space();
        if (s[this.pos] === ']') {
          this.pos++;
          return { t: 'array', v: items };
        }
        if (this.pos >= s.length) this.fail('unterminated array');
        items.push(this.value());
      }
    }
    if (c === '(') {
      const end = ValueParser.literalEnd(s, start);
      if (end < 0) this.fail(`unterminated string at byte ${start}`);
      this.pos = end;
      return { t: 'str', v: s.slice(start, end) };
    }
    if (c === '<') {
      const end = s.indexOf('>', start);
      if (end < 0) this.fail(`unterminated hex string at byte ${start}`);
      this.pos = end + 1;
      return { t: 'str', v: s.slice(start, end + 1) };
    }
    if (c === '/') return { t: 'name', v: this.name() };
    const end = numberEnd(s, start);
    if (end >= 0) {
      const n = s.slice(start, end);
      this.pos = end;
      if (isDigit(s.charCodeAt(start)) && !n.includes('.')) {
        REF_REST.lastIndex = end;
        const r = REF_REST.exec(s);
        if (r && !isRegular(s, REF_REST.lastIndex)) {
          this.pos = REF_REST.lastIndex;
          return { t: 'ref', num: Number(n), gen: Number(r[1]) };
        }
      }
      return { t: 'num', v: n };
    }
    KEYWORD.lastIndex = start;
    const k = KEYWORD.exec(s);
    if (k && !isRegular(s, start + k[0].length)) {
      this.pos = start + k[0].length;
      return { t: 'kw', v: k[0] };
    }
    this.fail(`unexpected ${JSON.stringify(s.slice(start, start + 12))} at byte ${start}`);
  }
}

interface ObjectSlot {
  gen: number;
  /** Where `N G obj` starts, and where the next object (or the xref table) starts. */
  start: number;
  end: number;
}

/**
 * A single-revision PDF with a classic xref table, as objects: read them, change them, add
 * some, and write the file again. Unchanged objects keep their bytes.
 */
class PdfFile {
  readonly reader: PdfReader;
  private readonly slots = new Map<number, ObjectSlot>();
  private readonly order: number[];
  private readonly values = new Map<number, PdfValue>();
  /** Where an object's stream data starts, for objects that are streams. */
  private readonly streamStarts = new Map<number, number>();
  /** New stream data of changed or added streams (as it is to be stored, i.e. filtered). */
  private readonly streamData = new Map<number, Uint8Array>();
  private readonly dirty = new Set<number>();
  private readonly added: number[] = [];
  private size: number;
  readonly trailer: Map<string, PdfValue>;
  private readonly firstObject: number;

  constructor(readonly bytes: Uint8Array) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    this.reader = new PdfReader(text, 'cannot make the PDF accessible');
    const { xrefStart, entries, trailer } = readRevision(this.reader);
    const sorted = [...entries.values()].sort((a, b) => a.offset - b.offset);
    sorted.forEach((entry, i) => {
      this.slots.set(entry.num, { gen: entry.gen, start: entry.offset, end: i + 1 < sorted.length ? sorted[i + 1]!.offset : xrefStart });
    });
    this.order = sorted.map((entry) => entry.num);
    this.firstObject = sorted[0]?.offset ?? xrefStart;
    const parsedTrailer = new ValueParser(text, trailer.start, (m) => this.fail(m)).value();
    if (parsedTrailer.t !== 'dict') this.fail('the trailer is not a dictionary');
    this.trailer = parsedTrailer.v;
    const size = this.trailer.get('Size');
    this.size = Math.max(size?.t === 'num' ? Number(size.v) : 0, ...this.order.map((n) => n + 1));
  }

  get text(): string {
    return this.reader.text;
  }

  fail(message: string): never {
    return this.reader.fail(message);
  }

  has(num: number): boolean {
    return this.values.has(num) || this.slots.has(num);
  }

  /** The object `num` (parsed once; changes to the returned value are kept: call touch()). */
  get(num: number): PdfValue {
    const cached = this.values.get(num);
    if (cached) return cached;
    const slot = this.slots.get(num);
    if (!slot) this.fail(`object ${num} is not in the xref table`);
    const header = /^(\d+)\s+(\d+)\s+obj\b/.exec(this.text.slice(slot.start, slot.start + 32));
    if (!header || Number(header[1]) !== num) this.fail(`the xref offset of object ${num} does not point at it`);
    const parser = new ValueParser(this.text, slot.start + header[0].length, (m) => this.fail(m));
    const value = parser.value();
    parser.space();
    if (this.text.startsWith('stream', parser.pos)) {
      let at = parser.pos + 'stream'.length;
      if (this.text[at] === '\r') at++;
      if (this.text[at] === '\n') at++;
      this.streamStarts.set(num, at);
    }
    this.values.set(num, value);
    return value;
  }

  /** `value`, or the object it refers to. */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return value?.t === 'ref' && this.has(value.num) ? this.get(value.num) : value;
  }

  dict(value: PdfValue | undefined): Map<string, PdfValue> | undefined {
    const v = this.resolve(value);
    return v?.t === 'dict' ? v.v : undefined;
  }

  /** An object's stream data as stored, and its dictionary; undefined when it is not a stream. */
  stream(num: number): { dict: Map<string, PdfValue>; data: Uint8Array } | undefined {
    const value = this.get(num);
    const start = this.streamStarts.get(num);
    if (start === undefined || value.t !== 'dict') return undefined;
    const length = this.resolve(value.v.get('Length'));
    if (length?.t !== 'num') this.fail(`stream ${num} has no /Length`);
    return { dict: value.v, data: this.streamData.get(num) ?? this.bytes.subarray(start, start + Number(length.v)) };
  }

  /** Stream data with its filter undone (FlateDecode or none); undefined for other filters. */
  decodedStream(num: number): string | undefined {
    const stream = this.stream(num);
    if (!stream) return undefined;
    const filter = this.resolve(stream.dict.get('Filter'));
    const filters = filter === undefined ? [] : filter.t === 'array' ? filter.v : [filter];
    if (filters.length > 1 || stream.dict.has('DecodeParms')) return undefined;
    if (filters.length === 0) return Buffer.from(stream.data).toString('latin1');
    if (filters[0]!.t !== 'name' || filters[0]!.v !== 'FlateDecode') return undefined;
    return inflateSync(stream.data).toString('latin1');
  }

  /** Replace a stream's data with `text` (latin1), compressed with Flate. */
  setStreamText(num: number, text: string): void {
    const value = this.get(num);
    if (value.t !== 'dict') this.fail(`object ${num} is not a stream`);
    const data = deflateSync(Buffer.from(text, 'latin1'));
    value.v.delete('DecodeParms');
    value.v.set('Filter', pdfName('FlateDecode'));
    value.v.set('Length', pdfNum(data.length));
    this.streamData.set(num, data);
    this.dirty.add(num);
  }

  /** Mark an object as changed (its parsed value was edited in place). */
  touch(num: number): void {
    this.get(num);
    this.dirty.add(num);
  }

  add(value: PdfValue, data?: Uint8Array): number {
    const num = this.size++;
    if (data) {
      if (value.t !== 'dict') this.fail('a stream needs a dictionary');
      value.v.set('Length', pdfNum(data.length));
      this.streamData.set(num, data);
      this.streamStarts.set(num, 0);
    }
    this.values.set(num, value);
    this.added.push(num);
    return num;
  }

  private objectBytes(num: number, gen: number): Uint8Array {
    const value = this.values.get(num)!;
    const data = this.streamData.get(num);
    const head = `${num} ${gen} obj\n${serializePdf(value)}`;
    if (!data) return Buffer.from(`${head}\nendobj\n`, 'latin1');
    return Buffer.concat([Buffer.from(`${head} stream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
  }

  /** The file with every change: `version` in the header when it is older. */
  toBytes(version: string): Uint8Array {
    const parts: Uint8Array[] = [];
    let length = 0;
    const push = (part: Uint8Array): void => {
      parts.push(part);
      length += part.length;
    };
    const header = Buffer.from(this.bytes.subarray(0, this.firstObject));
    const declared = /^%PDF-(\d+\.\d+)/.exec(header.toString('latin1', 0, 16));
    if (declared && declared[1]!.length === version.length && declared[1]! < version) header.write(version, 5, 'latin1');
    push(header);
    const offsets = new Map<number, { offset: number; gen: number }>();
    for (const num of this.order) {
      const slot = this.slots.get(num)!;
      offsets.set(num, { offset: length, gen: slot.gen });
      push(this.dirty.has(num) ? this.objectBytes(num, slot.gen) : this.bytes.subarray(slot.start, slot.end));
    }
    for (const num of this.added) {
      offsets.set(num, { offset: length, gen: 0 });
      push(this.objectBytes(num, 0));
    }
    const xrefAt = length;
    const lines = [`xref\n0 ${this.size}\n0000000000 65535 f \n`];
    for (let num = 1; num < this.size; num++) {
      const entry = offsets.get(num);
      lines.push(entry ? `${String(entry.offset).padStart(10, '0')} ${String(entry.gen).padStart(5, '0')} n \n` : '0000000000 65535 f \n');
    }
    this.trailer.set('Size', pdfNum(this.size));
    lines.push(`trailer\n${serializePdf({ t: 'dict', v: this.trailer })}\nstartxref\n${xrefAt}\n%%EOF\n`);
    push(Buffer.from(lines.join(''), 'latin1'));
    // A plain Uint8Array, as Chromium's bytes are (pdf.js, for one, refuses a Buffer).
    const out = new Uint8Array(length);
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

// Content streams.

/**
 * A content stream's operators, a column per field: a page has thousands of them, and
 * numbers in typed arrays are no work for the garbage collector (an object each were).
 */
class ContentOps {
  length = 0;
  /** The operator (one of OPERATORS' strings when it is a standard one). */
  readonly op: string[] = [];
  /** Where its first operand (or the operator) starts, where the operator starts, and where it ends. */
  start: Int32Array;
  at: Int32Array;
  end: Int32Array;
  /** How many operands it has. */
  count: Int32Array;

  constructor(capacity: number) {
    this.start = new Int32Array(capacity);
    this.at = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.count = new Int32Array(capacity);
  }

  push(op: string, start: number, at: number, end: number, count: number): void {
    if (this.length === this.start.length) {
      const grow = (column: Int32Array): Int32Array => {
        const bigger = new Int32Array(column.length * 2);
        bigger.set(column);
        return bigger;
      };
      this.start = grow(this.start);
      this.at = grow(this.at);
      this.end = grow(this.end);
      this.count = grow(this.count);
    }
    const i = this.length++;
    this.op.push(op);
    this.start[i] = start;
    this.at[i] = at;
    this.end[i] = end;
    this.count[i] = count;
  }
}

/**
 * The end of the content stream token that starts at `i` (not white space): an operand
 * (number, name, string, array, dictionary) or an operator.
 */
function tokenEnd(s: string, i: number, stop: number, fail: (message: string) => never): number {
  const code = s.charCodeAt(i);
  if (CHAR_CLASS[code] === 0 || code === 0x2f /* / */) return regularEnd(s, i + 1, stop); // a number, an operator or a name
  if (code === 0x3c /* < */ && s.charCodeAt(i + 1) !== 0x3c) {
    const end = s.indexOf('>', i);
    if (end < 0) fail(`unterminated hex string at byte ${i}`);
    return end + 1;
  }
  if (code === 0x28 /* ( */) {
    const end = ValueParser.literalEnd(s, i);
    if (end < 0) fail(`unterminated string at byte ${i}`);
    return end;
  }
  if (code === 0x3c || code === 0x5b /* [ */) {
    const parser = new ValueParser(s, i, fail);
    parser.skip();
    return parser.pos;
  }
  fail(`unexpected ${JSON.stringify(s[i])} in a content stream at byte ${i}`);
}

/** Whether the token starting at `i` is an operator: regular characters, and not a number (a digit, a sign or a point first). */
function isOperator(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  return CHAR_CLASS[code] === 0 && !isDigit(code) && code !== 0x2b && code !== 0x2d && code !== 0x2e;
}

/** Content stream operators (ISO 32000-1, Annex A) by operatorKey, so that the ops of a page share their strings. */
const OPERATORS = new Map(
  `b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf TJ Tj TL Tm Tr Ts Tw Tz v w W W* y ' "`
    .split(' ')
    .map((op) => [operatorKey(op, 0, op.length), op]),
);

/** A number for the token s[start, end) of up to 3 characters (each below 256, none 0): its codes, one per byte. */
function operatorKey(s: string, start: number, end: number): number {
  let key = 0;
  for (let i = start; i < end; i++) key = key * 256 + s.charCodeAt(i);
  return key;
}

/** The operator s[start, end), as one of OPERATORS' strings when it is a standard one. */
function operatorName(s: string, start: number, end: number): string {
  const known = end - start <= 3 ? OPERATORS.get(operatorKey(s, start, end)) : undefined;
  return known ?? s.slice(start, end);
}

/** A content stream's operators; null when it holds an inline image (not parsed here). */
function contentOps(s: string, fail: (message: string) => never): ContentOps | null {
  const ops = new ContentOps(Math.ceil(s.length / 8) + 16); // Chromium's pages: 12 bytes an operator
  const n = s.length;
  let count = 0;
  let first = 0;
  for (let i = skipSpace(s, 0, n); i < n; ) {
    const start = i;
    i = tokenEnd(s, start, n, fail);
    if (isOperator(s, start)) {
      const op = operatorName(s, start, i);
      if (op === 'BI' || op === 'ID') return null;
      ops.push(op, count ? first : start, start, i, count);
      count = 0;
    } else if (count++ === 0) {
      first = start;
    }
    i = skipSpace(s, i, n);
  }
  return ops;
}

/** The operands of the `index`th operator, as written. */
function operandsOf(s: string, ops: ContentOps, index: number, fail: (message: string) => never): string[] {
  const stop = ops.at[index]!;
  const operands: string[] = [];
  for (let i = skipSpace(s, ops.start[index]!, stop); i < stop; i = skipSpace(s, i, stop)) {
    const start = i;
    i = tokenEnd(s, start, stop, fail);
    operands.push(s.slice(start, i));
  }
  return operands;
}

/** A marked-content sequence of a page. */
interface MarkedSequence {
  tag: string;
  mcid: number | null;
  /** Nesting depth when it opened (1: not inside another sequence). */
  depth: number;
  /** The BDC operator (with its operands). */
  open: Span;
  /** Its operators: indexes of the BDC and of the EMC that ends it. */
  from: number;
  to: number;
}

type ArtifactKind = 'Header' | 'Footer' | null;

interface ContentAnalysis {
  ops: ContentOps;
  /** By MCID: Skia may mark several sequences with the same one. */
  sequences: Map<number, MarkedSequence[]>;
  /** Graphics objects drawn outside every marked-content sequence. */
  untagged: Array<{ start: number; end: number; kind: ArtifactKind }>;
}

const PATH_CONSTRUCTION = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
const PATH_PAINTING = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const TEXT_SHOWING = new Set(['Tj', 'TJ', "'", '"']);
type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const MM_TO_PT = 72 / 25.4;

/**
 * The marked-content sequences of a page's content and what it draws outside all of them.
 * A text object outside them is a header (above the page's top margin), a footer (below
 * the bottom margin) or neither; paths, images and shadings outside them are neither.
 */
function analyseContent(s: string, mediaBox: readonly number[], fail: (message: string) => never): ContentAnalysis | null {
  const ops = contentOps(s, fail);
  if (!ops) return null;
  const top = mediaBox[3]! - parseFloat(MARGIN.top) * MM_TO_PT;
  const bottom = mediaBox[1]! + parseFloat(MARGIN.bottom) * MM_TO_PT;
  const sequences = new Map<number, MarkedSequence[]>();
  const untagged: ContentAnalysis['untagged'] = [];
  const open: MarkedSequence[] = [];
  const saved: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let text: { start: number; y: number | null; tagged: boolean } | null = null;
  let path: number | null = null;
  const operands = (index: number): string[] => operandsOf(s, ops, index, fail);
  const numbers = (index: number): number[] => operands(index).map(Number);
  for (let index = 0; index < ops.length; index++) {
    const op = ops.op[index]!;
    const count = ops.count[index]!;
    switch (op) {
      case 'q':
        saved.push(ctm);
        break;
      case 'Q':
        ctm = saved.pop() ?? ctm;
        break;
      case 'cm':
        if (count === 6) ctm = multiply(numbers(index) as Matrix, ctm);
        break;
      case 'BDC':
      case 'BMC': {
        const [tag = '/', properties = ''] = operands(index);
        const mcid = op === 'BDC' && properties.startsWith('<<') ? /\/MCID\s+(\d+)/.exec(properties) : null;
        const sequence: MarkedSequence = { tag: tag.slice(1), mcid: mcid ? Number(mcid[1]) : null, depth: open.length + 1, open: { start: ops.start[index]!, end: ops.end[index]! }, from: index, to: ops.length };
        if (sequence.mcid !== null) {
          if (!sequences.has(sequence.mcid)) sequences.set(sequence.mcid, []);
          sequences.get(sequence.mcid)!.push(sequence);
        }
        open.push(sequence);
        if (text) text.tagged = true;
        break;
      }
      case 'EMC': {
        const closed = open.pop();
        if (closed) closed.to = index;
        break;
      }
      case 'BT':
        tlm = IDENTITY;
        text = open.length === 0 ? { start: ops.start[index]!, y: null, tagged: false } : null;
        break;
      case 'ET':
        if (text && !text.tagged && open.length === 0 && text.y !== null) {
          untagged.push({ start: text.start, end: ops.end[index]!, kind: text.y > top ? 'Header' : text.y < bottom ? 'Footer' : null });
        }
        text = null;
        break;
      case 'Tm':
        if (text && text.y === null && count === 6) tlm = numbers(index) as Matrix;
        break;
      case 'Td':
      case 'TD':
        // Only the position of an untagged text object's first string matters here.
        if (text && text.y === null && count === 2) {
          const [tx, ty] = numbers(index) as [number, number];
          tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
        }
        break;
      default:
        if (TEXT_SHOWING.has(op)) {
          if (text && text.y === null) text.y = multiply(tlm, ctm)[5];
        } else if (PATH_CONSTRUCTION.has(op)) {
          if (open.length === 0 && path === null && !text) path = ops.start[index]!;
        } else if (PATH_PAINTING.has(op) || op === 'n') {
          if (path !== null && op !== 'n' && open.length === 0) untagged.push({ start: path, end: ops.end[index]!, kind: null });
          path = null;
        } else if ((op === 'Do' || op === 'sh') && open.length === 0) {
          untagged.push({ start: ops.start[index]!, end: ops.end[index]!, kind: null });
        }
    }
  }
  return { ops, sequences, untagged };
}

/** `s` with each edit's span replaced by its text (edits must not overlap). */
function applyEdits(s: string, edits: Array<{ start: number; end: number; text: string }>): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let from = 0;
  for (const edit of sorted) {
    out += s.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  return out + s.slice(from);
}

// The structure tree.

/** PDF 1.7's standard structure types (ISO 32000-1, 14.8.4). */
const STANDARD_STRUCTURE_TYPES = new Set(
  (
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody ' +
    'Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'
  ).split(' '),
);

/** What a PDF 2.0 (or unknown) structure type means in PDF 1.7; others map to NonStruct. */
const ROLE_MAP: Record<string, string> = {
  Strong: 'Span',
  Em: 'Span',
  Sub: 'Span',
  Mark: 'Span',
  Title: 'P',
  FENote: 'Note',
  Aside: 'Div',
  DocumentFragment: 'Div',
  Artifact: 'NonStruct',
};

/** A child of a structure element: another element, marked content on a page, or an annotation. */
type Kid = { kind: 'elem'; num: number } | { kind: 'mcid'; mcid: number; page: number | null } | { kind: 'objr'; obj: number };

interface StructElem {
  num: number;
  dict: Map<string, PdfValue>;
  type: string;
  kids: Kid[];
  /** The value in /K that stands for each kid. */
  values: Map<Kid, PdfValue>;
  /** False when /K holds something else too (then its kids are left as they are). */
  complete: boolean;
}

/** What the page says about its links, in document order (see collectLinks). */
export interface PageLink {
  text: string;
  /** The absolute URL, or the id of the element a link within the page points to. */
  href: string;
  fragment: string | null;
  /** For a link within the page: the heading (or text) of what it points to. */
  target: string;
}

export interface AccessibleMeta {
  title: string;
  lang: string;
  fixedDate: string;
  links?: readonly PageLink[];
}

export interface AccessibilityReport {
  /** Graphics objects outside all marked content now wrapped as artifacts (header, footer, other). */
  artifacts: { Header: number; Footer: number; other: number };
  /** Pages whose content could not be read (another filter, an inline image); left as they were. */
  unreadPages: number;
  roleMap: Record<string, string>;
  /** LBody elements made for list items. */
  listBodies: number;
  /** Repeated table-header cells whose copies became artifacts. */
  repeatedHeaders: number;
  /** Link annotations given /Contents; `matched` of them from the link's own text in the page. */
  linkContents: { total: number; matched: number };
}

function pdfTextValue(text: string): PdfValue {
  return { t: 'str', v: pdfTextString(text) };
}

function xmlEscape(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * The XMP packet: PDF/UA identifier, title, language, format, and the Info dictionary's
 * producer, creator tool and dates (which stampPdfDates set to fixedDate at midnight UTC).
 */
export function xmpMetadata(meta: { title: string; lang: string; fixedDate: string; producer?: string; creatorTool?: string }): string {
  const date = `${meta.fixedDate}T00:00:00Z`;
  const optional = (tag: string, value: string | undefined): string => (value ? `\n   <${tag}>${xmlEscape(value)}</${tag}>` : '');
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <pdfuaid:part>1</pdfuaid:part>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>${xmlEscape(meta.lang)}</rdf:li></rdf:Bag></dc:language>${optional('pdf:Producer', meta.producer)}${optional('xmp:CreatorTool', meta.creatorTool)}
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`;
}

/**
 * Make a tagged Chromium PDF meet the machine-checkable parts of PDF/UA-1 (see above).
 * Deterministic; throws a PdfRenderError when the file is not the kind Skia writes.
 */
export function makePdfAccessible(pdf: Uint8Array, meta: AccessibleMeta): { pdf: Uint8Array; report: AccessibilityReport } {
  dateDigits(meta.fixedDate);
  const file = new PdfFile(pdf);
  const fail: (message: string) => never = (message) => file.fail(message);
  const isTrue = (value: PdfValue | undefined): boolean => value?.t === 'kw' && value.v === 'true';
  const report: AccessibilityReport = {
    artifacts: { Header: 0, Footer: 0, other: 0 },
    unreadPages: 0,
    roleMap: {},
    listBodies: 0,
    repeatedHeaders: 0,
    linkContents: { total: 0, matched: 0 },
  };
  const rootRef = file.trailer.get('Root');
  if (rootRef?.t !== 'ref') fail('the trailer has no /Root');
  const catalog = file.dict(rootRef) ?? fail('the catalog is not a dictionary');

  // Pages in order, with their media box.
  const pages: Array<{ num: number; dict: Map<string, PdfValue>; mediaBox: number[] }> = [];
  const walkPages = (value: PdfValue | undefined, inherited: number[] | null, seen: Set<number>): void => {
    if (value?.t !== 'ref' || seen.has(value.num)) return;
    seen.add(value.num);
    const node = file.dict(value);
    if (!node) return;
    const box = file.resolve(node.get('MediaBox'));
    const mediaBox = box?.t === 'array' ? box.v.map((v) => Number((file.resolve(v) as { v?: string })?.v)) : inherited;
    const kids = file.resolve(node.get('Kids'));
    if (kids?.t === 'array') for (const kid of kids.v) walkPages(kid, mediaBox, seen);
    else pages.push({ num: value.num, dict: node, mediaBox: mediaBox ?? [0, 0, 595.28, 841.89] });
  };
  walkPages(catalog.get('Pages'), null, new Set());
  const pageIndex = new Map(pages.map((page, i) => [page.num, i]));

  // Each page's content: what is marked, and what is drawn outside marked content.
  interface PageContent {
    streams: Array<{ num: number; text: string; analysis: ContentAnalysis }>;
    edits: Map<number, Array<{ start: number; end: number; text: string }>>;
  }
  const contents = new Map<number, PageContent>();
  for (const page of pages) {
    const value = page.dict.get('Contents');
    const refs = value?.t === 'ref' ? [value] : value?.t === 'array' ? value.v : [];
    const streams: PageContent['streams'] = [];
    for (const ref of refs) {
      let text: string | undefined;
      let analysis: ContentAnalysis | null = null;
      try {
        text = ref.t === 'ref' ? file.decodedStream(ref.num) : undefined;
        analysis = text === undefined ? null : analyseContent(text, page.mediaBox, fail);
      } catch {
        analysis = null; // a stream that does not inflate or parse: left as it is
      }
      if (!analysis || ref.t !== 'ref') {
        streams.length = 0;
        report.unreadPages++;
        break;
      }
      streams.push({ num: ref.num, text: text!, analysis });
    }
    contents.set(page.num, { streams, edits: new Map() });
  }
  /** The strings (glyph codes) a sequence's text operators show. */
  const shownText = (num: number, sequence: MarkedSequence): string => {
    const stream = [...contents.values()].flatMap((page) => page.streams).find((candidate) => candidate.num === num)!;
    const shown: string[] = [];
    for (let i = sequence.from + 1; i < sequence.to; i++) {
      if (TEXT_SHOWING.has(stream.analysis.ops.op[i]!)) shown.push(...operandsOf(stream.text, stream.analysis.ops, i, fail).filter((o) => /^[(<[]/.test(o)));
    }
    return shown.join(' ');
  };
  /** The marked-content sequences of `mcid` on `page`, in every content stream of the page. */
  const sequencesOf = (page: number | null, mcid: number): Array<{ stream: number; sequence: MarkedSequence }> =>
    (contents.get(page ?? -1)?.streams ?? []).flatMap((stream) => (stream.analysis.sequences.get(mcid) ?? []).map((sequence) => ({ stream: stream.num, sequence })));
  const edit = (page: number, stream: number, start: number, end: number, text: string): void => {
    const edits = contents.get(page)!.edits;
    if (!edits.has(stream)) edits.set(stream, []);
    edits.get(stream)!.push({ start, end, text });
  };

  // Header, footer and anything else drawn outside marked content: artifacts.
  for (const page of pages) {
    for (const stream of contents.get(page.num)!.streams) {
      const runs: Array<{ start: number; end: number; kind: ArtifactKind }> = [];
      for (const object of stream.analysis.untagged) {
        const last = runs.at(-1);
        if (last && last.kind === object.kind && stream.text.slice(last.end, object.start).trim() === '') last.end = object.end;
        else runs.push({ ...object });
        report.artifacts[object.kind ?? 'other']++;
      }
      for (const run of runs) {
        const open = run.kind ? `/Artifact <</Type /Pagination /Subtype /${run.kind}>> BDC\n` : '/Artifact BMC\n';
        edit(page.num, stream.num, run.start, run.start, open);
        edit(page.num, stream.num, run.end, run.end, '\nEMC');
      }
    }
  }

  const treeRoot = file.dict(catalog.get('StructTreeRoot'));
  const rootValue = catalog.get('StructTreeRoot');
  if (treeRoot && rootValue?.t === 'ref') {
    // Elements, depth first in document order.
    const elems = new Map<number, StructElem>();
    const order: number[] = [];
    const kidsOf = (dict: Map<string, PdfValue>): Pick<StructElem, 'kids' | 'values' | 'complete'> => {
      const k = dict.get('K');
      const list = k === undefined ? [] : k.t === 'array' ? k.v : [k];
      const pg = dict.get('Pg');
      const elemPage = pg?.t === 'ref' ? pg.num : null;
      const kids: Kid[] = [];
      const values = new Map<Kid, PdfValue>();
      const add = (kid: Kid, value: PdfValue): void => {
        kids.push(kid);
        values.set(kid, value);
      };
      for (const item of list) {
        if (item.t === 'num') {
          add({ kind: 'mcid', mcid: Number(item.v), page: elemPage }, item);
          continue;
        }
        const target = file.dict(item);
        const type = target?.get('Type');
        const mcid = file.resolve(target?.get('MCID'));
        const obj = target?.get('Obj');
        const page = target?.get('Pg');
        if (type?.t === 'name' && type.v === 'MCR' && mcid?.t === 'num') add({ kind: 'mcid', mcid: Number(mcid.v), page: page?.t === 'ref' ? page.num : elemPage }, item);
        else if (type?.t === 'name' && type.v === 'OBJR' && obj?.t === 'ref') add({ kind: 'objr', obj: obj.num }, item);
        else if (item.t === 'ref' && target?.has('S')) add({ kind: 'elem', num: item.num }, item);
      }
      return { kids, values, complete: kids.length === list.length };
    };
    const visit = (num: number): void => {
      if (elems.has(num)) return;
      const dict = file.dict(pdfRef(num));
      const type = dict?.get('S');
      if (!dict || type?.t !== 'name') return;
      const elem: StructElem = { num, dict, type: type.v, ...kidsOf(dict) };
      elems.set(num, elem);
      order.push(num);
      for (const kid of elem.kids) if (kid.kind === 'elem') visit(kid.num);
    };
    const top = treeRoot.get('K');
    for (const item of top === undefined ? [] : top.t === 'array' ? top.v : [top]) if (item.t === 'ref') visit(item.num);
    const setKids = (elem: StructElem, kids: Kid[]): void => {
      elem.kids = kids;
      elem.dict.set('K', { t: 'array', v: kids.map((kid) => elem.values.get(kid)!) });
      file.touch(elem.num);
    };

    // The parent tree: key → value slot (a page's array of elements by MCID, or an annotation's element).
    const slots = new Map<number, { holder: PdfValue[]; index: number; owner: number }>();
    const walkNumberTree = (value: PdfValue | undefined, seen: Set<number>): void => {
      if (value?.t !== 'ref' || seen.has(value.num)) return;
      seen.add(value.num);
      const node = file.dict(value);
      if (!node) return;
      const nums = node.get('Nums');
      if (nums?.t === 'array') for (let i = 0; i + 1 < nums.v.length; i += 2) slots.set(Number((nums.v[i] as { v?: string }).v), { holder: nums.v, index: i + 1, owner: value.num });
      const kids = file.resolve(node.get('Kids'));
      if (kids?.t === 'array') for (const kid of kids.v) walkNumberTree(kid, seen);
    };
    walkNumberTree(treeRoot.get('ParentTree'), new Set());
    const pageArray = (page: number | null): { items: PdfValue[]; owner: number } | undefined => {
      const key = page === null ? undefined : file.dict(pdfRef(page))?.get('StructParents');
      const slot = key?.t === 'num' ? slots.get(Number(key.v)) : undefined;
      if (!slot) return undefined;
      const value = slot.holder[slot.index]!;
      if (value.t === 'array') return { items: value.v, owner: slot.owner };
      const array = file.resolve(value);
      return array?.t === 'array' && value.t === 'ref' ? { items: array.v, owner: value.num } : undefined;
    };
    /** Point the parent tree's entry for `kid` at `elem` (null: no element). */
    const setParent = (kid: Kid, elem: number | null): void => {
      if (kid.kind === 'mcid') {
        const array = pageArray(kid.page);
        if (!array || kid.mcid >= array.items.length) return;
        array.items[kid.mcid] = elem === null ? pdfNull : pdfRef(elem);
        file.touch(array.owner);
      } else if (kid.kind === 'objr') {
        const key = file.dict(pdfRef(kid.obj))?.get('StructParent');
        const slot = key?.t === 'num' ? slots.get(Number(key.v)) : undefined;
        if (!slot || elem === null) return;
        slot.holder[slot.index] = pdfRef(elem);
        file.touch(slot.owner);
      } else if (elem !== null) {
        elems.get(kid.num)!.dict.set('P', pdfRef(elem));
        file.touch(kid.num);
      }
    };

    // A table header cell repeated on continuation pages: keep the first page's, make the copies artifacts.
    for (const num of order) {
      const th = elems.get(num)!;
      if (th.type !== 'TH') continue;
      const content: Array<{ owner: StructElem; kid: Kid & { kind: 'mcid' } }> = [];
      const collect = (elem: StructElem): void => {
        for (const kid of elem.kids) {
          if (kid.kind === 'mcid') content.push({ owner: elem, kid });
          else if (kid.kind === 'elem') collect(elems.get(kid.num)!);
        }
      };
      collect(th);
      const byPage = new Map<number, typeof content>();
      for (const item of content) {
        const index = pageIndex.get(item.kid.page ?? -1);
        if (index === undefined) continue;
        if (!byPage.has(index)) byPage.set(index, []);
        byPage.get(index)!.push(item);
      }
      if (byPage.size < 2) continue;
      const [firstPage, ...later] = [...byPage.keys()].sort((a, b) => a - b);
      // The text the cell shows on a page (what else it draws, e.g. the lines of the
      // table's grid, can differ); null when some of it is nested in other marked content.
      const shown = (items: typeof content): string | null => {
        const parts: string[] = [];
        for (const item of items) {
          const found = sequencesOf(item.kid.page, item.kid.mcid);
          if (found.length === 0 || found.some(({ sequence }) => sequence.depth !== 1)) return null;
          const text = found.map(({ stream, sequence }) => shownText(stream, sequence)).join(' ');
          if (text) parts.push(text);
        }
        return parts.join('\n');
      };
      const original = shown(byPage.get(firstPage!)!);
      if (!original?.trim() || content.some((item) => !item.owner.complete)) continue;
      let repeated = false;
      for (const index of later) {
        const items = byPage.get(index)!;
        if (shown(items) !== original) continue;
        repeated = true;
        for (const item of items) {
          for (const found of sequencesOf(item.kid.page, item.kid.mcid)) {
            edit(item.kid.page!, found.stream, found.sequence.open.start, found.sequence.open.end, '/Artifact <</Type /Pagination>> BDC');
          }
          setParent(item.kid, null);
          setKids(item.owner, item.owner.kids.filter((kid) => kid !== item.kid));
        }
      }
      if (repeated) report.repeatedHeaders++;
    }

    // List items: Lbl, then one LBody with everything else.
    for (const num of [...order]) {
      const li = elems.get(num)!;
      if (li.type !== 'LI') continue;
      const isLabel = (kid: Kid): boolean => kid.kind === 'elem' && elems.get(kid.num)!.type === 'Lbl';
      const isBody = (kid: Kid): boolean => kid.kind === 'elem' && elems.get(kid.num)!.type === 'LBody';
      const body = li.kids.filter((kid) => !isLabel(kid) && !isBody(kid));
      // Nothing to do, an LBody already there (left as it is), or /K not understood.
      if (body.length === 0 || li.kids.some(isBody) || !li.complete) continue;
      const lbodyDict = pdfDict([
        ['Type', pdfName('StructElem')],
        ['S', pdfName('LBody')],
        ['P', pdfRef(num)],
        ['K', { t: 'array', v: body.map((kid) => li.values.get(kid)!) }],
      ]);
      const pg = li.dict.get('Pg');
      if (pg && body.some((kid) => kid.kind === 'mcid')) lbodyDict.v.set('Pg', pg);
      const lbody = file.add(lbodyDict);
      elems.set(lbody, { num: lbody, dict: lbodyDict.v, type: 'LBody', kids: body, values: new Map(body.map((kid) => [kid, li.values.get(kid)!])), complete: true });
      for (const kid of body) setParent(kid, lbody);
      const bodyKid: Kid = { kind: 'elem', num: lbody };
      li.values.set(bodyKid, pdfRef(lbody));
      setKids(li, [...li.kids.filter(isLabel), bodyKid]);
      report.listBodies++;
    }

    // A role map for the types PDF 1.7 does not define.
    const roleMapValue = file.resolve(treeRoot.get('RoleMap'));
    const roleMap = roleMapValue?.t === 'dict' ? roleMapValue.v : new Map<string, PdfValue>();
    for (const elem of elems.values()) {
      if (STANDARD_STRUCTURE_TYPES.has(elem.type) || roleMap.has(elem.type)) continue;
      const standard = ROLE_MAP[elem.type] ?? 'NonStruct';
      roleMap.set(elem.type, pdfName(standard));
      report.roleMap[elem.type] = standard;
    }
    if (Object.keys(report.roleMap).length > 0) {
      if (roleMapValue?.t === 'dict' && treeRoot.get('RoleMap')?.t === 'ref') file.touch((treeRoot.get('RoleMap') as { num: number }).num);
      else treeRoot.set('RoleMap', { t: 'dict', v: roleMap });
      file.touch(rootValue.num);
    }

    // Link annotations: /Contents from the link's text.
    const linkElems = order.map((n) => elems.get(n)!).filter((elem) => elem.type === 'Link');
    const domLinks = meta.links ?? [];
    const annotationTarget = (annot: Map<string, PdfValue>): { uri: string } | { dest: string } | null => {
      const action = file.dict(annot.get('A'));
      const uri = action ? file.resolve(action.get('URI')) : undefined;
      if (uri?.t === 'str') return { uri: decodePdfString(uri.v) };
      const dest = file.resolve(annot.get('Dest') ?? action?.get('D'));
      if (dest?.t === 'name') return { dest: decodeName(dest.v) };
      if (dest?.t === 'str') return { dest: decodePdfString(dest.v) };
      return null;
    };
    const fits = (target: ReturnType<typeof annotationTarget>, link: PageLink): boolean =>
      target === null || ('uri' in target ? link.fragment === null && target.uri === link.href : link.fragment === target.dest);
    const matched = new Map<number, string>();
    if (linkElems.length === domLinks.length) {
      const pairs = linkElems.flatMap((elem, i) => elem.kids.filter((kid) => kid.kind === 'objr').map((kid) => ({ annot: (kid as { obj: number }).obj, link: domLinks[i]! })));
      if (pairs.every(({ annot, link }) => fits(annotationTarget(file.dict(pdfRef(annot)) ?? new Map()), link))) {
        for (const { annot, link } of pairs) if (/[\p{L}\p{N}]/u.test(link.text)) matched.set(annot, link.text);
      }
    }
    const fallback = (target: ReturnType<typeof annotationTarget>): string | null => {
      if (target === null) return null;
      if ('uri' in target) {
        const texts = new Set(domLinks.filter((link) => link.fragment === null && link.href === target.uri).map((link) => link.text));
        const [only] = texts;
        return texts.size === 1 && /[\p{L}\p{N}]/u.test(only!) ? only! : target.uri.replace(/^mailto:/, '');
      }
      const link = domLinks.find((l) => l.fragment === target.dest);
      return link?.target || target.dest;
    };
    for (const page of pages) {
      const annots = file.resolve(page.dict.get('Annots'));
      if (annots?.t !== 'array') continue;
      for (const item of annots.v) {
        if (item.t !== 'ref') continue;
        const annot = file.dict(item);
        const subtype = annot?.get('Subtype');
        if (!annot || subtype?.t !== 'name' || subtype.v !== 'Link' || annot.has('Contents')) continue;
        const text = matched.get(item.num) ?? fallback(annotationTarget(annot));
        if (!text) continue;
        annot.set('Contents', pdfTextValue(text));
        file.touch(item.num);
        report.linkContents.total++;
        if (matched.has(item.num)) report.linkContents.matched++;
      }
    }
  }

  // Content streams with their edits.
  for (const [, page] of contents) {
    for (const stream of page.streams) {
      const edits = page.edits.get(stream.num);
      if (edits?.length) file.setStreamText(stream.num, applyEdits(stream.text, edits));
    }
  }

  // Document-level entries: metadata, marked, language, title shown.
  const info = file.dict(file.trailer.get('Info'));
  const infoText = (key: string): string | undefined => {
    const value = info ? file.resolve(info.get(key)) : undefined;
    return value?.t === 'str' ? decodePdfString(value.v) : undefined;
  };
  const xmp = Buffer.from(xmpMetadata({ title: meta.title, lang: meta.lang, fixedDate: meta.fixedDate, producer: infoText('Producer'), creatorTool: infoText('Creator') }), 'utf8');
  const metadata = file.add(pdfDict([['Type', pdfName('Metadata')], ['Subtype', pdfName('XML')]]), xmp);
  catalog.set('Metadata', pdfRef(metadata));
  const markInfo = file.dict(catalog.get('MarkInfo'));
  if (!markInfo || !isTrue(markInfo.get('Marked'))) catalog.set('MarkInfo', pdfDict([['Marked', { t: 'kw', v: 'true' }]]));
  if (!catalog.has('Lang')) catalog.set('Lang', pdfTextValue(meta.lang));
  const preferences = file.dict(catalog.get('ViewerPreferences'));
  if (!preferences || !isTrue(preferences.get('DisplayDocTitle'))) catalog.set('ViewerPreferences', pdfDict([['DisplayDocTitle', { t: 'kw', v: 'true' }]]));
  file.touch(rootRef.num);
  return { pdf: file.toBytes('1.7'), report };
}

/** A name's text: `#xx` escapes undone, UTF-8. */
function decodeName(name: string): string {
  const bytes = Buffer.from(name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return bytes.toString('utf8');
}

/** What Chromium printed, and what the page said about its headings and links. */
export interface PrintedPage {
  pdf: Uint8Array;
  /** Texts of the headings Chromium makes bookmarks of, in document order. */
  headings: string[];
  /** The links Chromium tags, in document order. */
  links: PageLink[];
}

/** What finishing a printed page needs of its job (src/render/pdf.ts's PdfJob). */
export interface FinishJob {
  /** The page printed: named in errors. */
  htmlPath: string;
  /** The PDF's /Title. */
  title: string;
  /** The PDF's /Lang. */
  lang: string;
  /** YYYY-MM-DD: the PDF's creation and modification date. */
  fixedDate: string;
}

/**
 * Chromium's PDF bytes made final: structure ids renumbered and dates fixed (in place, on
 * Chromium's bytes), then the bookmark titles and the PDF/UA fix-ups (they change the
 * length). Pure: the same printed page gives the same bytes, in any thread.
 */
export function finishPdf(printed: PrintedPage, job: FinishJob): Uint8Array {
  renumberStructIds(printed.pdf);
  if (stampPdfDates(printed.pdf, job.fixedDate) === 0) {
    throw new PdfRenderError(`${job.htmlPath}: no /CreationDate or /ModDate found in Chromium's PDF; cannot make it deterministic`);
  }
  try {
    const titled = setOutlineTitles(printed.pdf, printed.headings);
    return makePdfAccessible(titled, { title: job.title, lang: job.lang, fixedDate: job.fixedDate, links: printed.links }).pdf;
  } catch (error) {
    if (error instanceof PdfRenderError) throw new PdfRenderError(`${job.htmlPath}: ${error.message}`, { cause: error });
    throw error;
  }
}
