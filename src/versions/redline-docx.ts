/**
 * A redline as a Word file (redline.docx) in which every change is a real tracked change:
 * added words in `w:ins`, removed words in `w:del` (`w:delText`), whole added or removed
 * paragraphs with their paragraph mark tracked too, and added or removed table rows as row
 * revisions — each with author "policygen" and the newer version's date. Accepting every
 * change gives the newer text, rejecting every change the older one, and a lawyer can
 * accept or reject change by change (Word: Review → Accept/Reject; LibreOffice: Edit →
 * Track Changes → Manage).
 *
 * The changes are the HTML redline's (redline.ts, segment.ts): clauses matched by id,
 * blocks compared whole, changed blocks word by word with dates, numbers and durations as
 * whole tokens. A clause that moved is deleted where it was and inserted where it is, so
 * that rejecting restores the old order. The redline's title and the two versions it
 * compares are in the page header, outside the tracked text; new edits are tracked too.
 */
import { DeletedTextRun, Document, Header, InsertedTextRun, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, HeadingLevel, type ParagraphChild } from 'docx';
import type { Library } from '../library/library.js';
import { columnWidths, DOCX_NUMBERING, docxStyles, HEADER_SHADING, HEADINGS, packDocx, pageFooter, TABLE_BORDERS, TEXT_WIDTH } from '../publish/docx.js';
import { pageLabels } from '../publish/publish.js';
import type { Comparison } from './compare.js';
import { companyName } from './notice.js';
import { clauseBlocks, type Block, type RedlineBlock } from './redline.js';
import { redlineTitle, sideLabel } from './render.js';
import type { Part } from './segment.js';
import { localeText } from './text.js';

/** The author of every tracked change. */
export const REDLINE_AUTHOR = 'policygen';

interface Change {
  id: number;
  author: string;
  date: string;
}

/** Redline blocks → Word paragraphs and tables, numbering the tracked changes as it goes. */
class Writer {
  private id = 0;
  readonly out: (Paragraph | Table)[] = [];

  constructor(private readonly date: string) {}

  private change(): Change {
    return { id: ++this.id, author: REDLINE_AUTHOR, date: this.date };
  }

  private runs(parts: readonly Part[], bold = false): ParagraphChild[] {
    return parts
      .filter((p) => p.text !== '')
      .map((p) => {
        const options = { text: p.text, ...(bold ? { bold: true } : {}) };
        if (p.type === 'ins') return new InsertedTextRun({ ...options, ...this.change() });
        if (p.type === 'del') return new DeletedTextRun({ ...options, ...this.change() });
        return new TextRun(options);
      });
  }

  /** A whole added or removed paragraph has its paragraph mark tracked too, so rejecting (accepting) leaves no empty line. */
  private mark(status: RedlineBlock['status']): { run?: { insertion: Change } | { deletion: Change } } {
    if (status === 'ins') return { run: { insertion: this.change() } };
    if (status === 'del') return { run: { deletion: this.change() } };
    return {};
  }

  blocks(blocks: readonly RedlineBlock[], level: number): void {
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.kind === 'row') {
        const rows: RedlineBlock[] = [];
        while (i < blocks.length && blocks[i]!.kind === 'row') rows.push(blocks[i++]!);
        i--;
        this.table(rows);
        continue;
      }
      const cell = b.cells[0] ?? [];
      const mark = this.mark(b.status);
      if (b.kind === 'title') this.out.push(new Paragraph({ heading: HeadingLevel.TITLE, ...mark, children: this.runs(cell) }));
      else if (b.kind === 'h') this.out.push(new Paragraph({ heading: HEADINGS[Math.min(Math.max(level, 1), 6) - 1]!, ...mark, children: this.runs(cell) }));
      else if (b.kind === 'li') this.out.push(new Paragraph({ numbering: { reference: 'bullets', level: Math.min(b.depth ?? 0, 2) }, ...mark, children: this.runs(cell) }));
      else this.out.push(new Paragraph({ ...mark, children: this.runs(cell) }));
    }
  }

  private table(rows: readonly RedlineBlock[]): void {
    const widths = columnWidths(rows.map((row) => row.cells.map((parts) => parts.map((p) => p.text).join(''))));
    this.out.push(
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: widths,
        borders: TABLE_BORDERS,
        rows: rows.map((row, r) => {
          const revision = row.status === 'ins' ? { insertion: this.change() } : row.status === 'del' ? { deletion: this.change() } : {};
          return new TableRow({
            ...(row.header && r === 0 ? { tableHeader: true } : {}),
            cantSplit: true,
            ...revision,
            children: row.cells.map(
              (parts, c) =>
                new TableCell({
                  width: { size: widths[c] ?? 0, type: WidthType.DXA },
                  ...(row.header ? { shading: HEADER_SHADING } : {}),
                  margins: { top: 40, bottom: 40, left: 80, right: 80 },
                  children: [new Paragraph({ spacing: { after: 0 }, children: this.runs(parts, row.header) })],
                }),
            ),
          });
        }),
      }),
    );
    // Word needs a paragraph between two tables, and after a table that ends a cell or the document.
    this.out.push(new Paragraph({ spacing: { after: 0 }, children: [] }));
  }
}

const whole = (blocks: readonly Block[], status: 'ins' | 'del'): RedlineBlock[] =>
  blocks.map((b) => ({ kind: b.kind, ...(b.header ? { header: true } : {}), ...(b.depth ? { depth: b.depth } : {}), status, cells: b.cells.map((text) => [{ type: status, text }]) }));

/**
 * One locale's redline of a comparison as the bytes of a .docx file with tracked changes;
 * undefined when the comparison has no redline in that locale.
 */
export async function redlineDocx(comparison: Comparison, locale: string, library: Library): Promise<Uint8Array | undefined> {
  const redline = comparison.redlines.find((r) => r.locale === locale);
  if (!redline) return undefined;
  const { from, to } = comparison;
  // The newer version's date; working data not yet given one shows as of the older version's.
  const date = to.date ?? from.date ?? '2000-01-01';
  const writer = new Writer(`${date}T00:00:00Z`);
  const before = from.documents.find((d) => d.locale === locale);
  const after = to.documents.find((d) => d.locale === locale);
  const oldBlocks = before ? clauseBlocks(before) : new Map<string, Block[]>();
  const newBlocks = after ? clauseBlocks(after) : new Map<string, Block[]>();
  writer.blocks(redline.preamble, 1);
  for (const clause of redline.clauses) {
    const level = (clause.after ?? clause.before)?.level ?? 1;
    if (clause.status === 'moved-away') writer.blocks(whole(oldBlocks.get(clause.id) ?? [], 'del'), clause.before?.level ?? level);
    else if (clause.status === 'moved') writer.blocks(whole(newBlocks.get(clause.id) ?? [], 'ins'), level);
    else writer.blocks(clause.blocks, level);
  }
  const lt = localeText(library, locale);
  const title = redlineTitle(comparison, locale, library);
  const between = lt.t('versions.redline.between', { from: sideLabel(from, library, locale), to: sideLabel(to, library, locale) });
  const small = (text: string) => new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text, size: 16, color: '4B5563' })] });
  const document = new Document({
    title,
    creator: companyName(to.facts, locale),
    lastModifiedBy: REDLINE_AUTHOR,
    revision: 1,
    description: between,
    styles: docxStyles(locale),
    numbering: DOCX_NUMBERING,
    features: { trackRevisions: true },
    sections: [{ headers: { default: new Header({ children: [small(title), small(between)] }) }, footers: { default: pageFooter(pageLabels(library, [locale])[0]!) }, children: writer.out }],
  });
  return packDocx(document, date);
}
