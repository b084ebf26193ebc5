// Read rendered PDFs back for tests: poppler-utils (pdftotext, pdffonts, pdfinfo, pdftoppm)
// and pdfjs-dist (outline, structure). Each wrapper returns parsed results, not raw output.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** True when poppler-utils is installed (setup.mjs --for-tests installs it as root on Debian). */
export function hasPoppler(): boolean {
  try {
    run('pdfinfo', ['-v']);
    return true;
  } catch {
    return false;
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface TextOptions {
  firstPage?: number;
  lastPage?: number;
  /** Crop box in PDF points (72 per inch) from the page's top-left corner. */
  crop?: { x: number; y: number; width: number; height: number };
  /** Keep the physical layout (`-layout`); default false (reading order). */
  layout?: boolean;
}

/** `pdftotext` as UTF-8; pages are separated by form feeds (\f). */
export function pdfText(pdfPath: string, opts: TextOptions = {}): string {
  const args = ['-enc', 'UTF-8'];
  if (opts.layout) args.push('-layout');
  if (opts.firstPage) args.push('-f', String(opts.firstPage));
  if (opts.lastPage) args.push('-l', String(opts.lastPage));
  if (opts.crop) {
    // -r 72 makes the crop box's pixels equal to PDF points.
    const { x, y, width, height } = opts.crop;
    args.push('-r', '72', '-x', String(Math.round(x)), '-y', String(Math.round(y)), '-W', String(Math.round(width)), '-H', String(Math.round(height)));
  }
  return run('pdftotext', [...args, pdfPath, '-']);
}

/** Collapse runs of whitespace to one space (pdftotext breaks lines where the PDF does). */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface PdfFont {
  name: string;
  type: string;
  encoding: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** `pdffonts`, one entry per font (optionally of some pages only). */
export function pdfFonts(pdfPath: string, pages?: { first: number; last: number }): PdfFont[] {
  const args = pages ? ['-f', String(pages.first), '-l', String(pages.last), pdfPath] : [pdfPath];
  const lines = run('pdffonts', args).split('\n');
  // Columns are fixed-width; their extents come from the dashes line under the header.
  const dashes = lines[1] ?? '';
  const columns: Array<[number, number]> = [];
  for (const m of dashes.matchAll(/-+/g)) columns.push([m.index, m.index + m[0].length]);
  if (columns.length < 6) throw new Error(`Unexpected pdffonts output:\n${lines.join('\n')}`);
  return lines.slice(2).filter((line) => line.trim() !== '').map((line) => {
    const cell = (i: number): string => line.slice(columns[i]![0], i + 1 < columns.length ? columns[i + 1]![0] : undefined).trim();
    return {
      name: cell(0),
      type: cell(1),
      encoding: cell(2),
      embedded: cell(3) === 'yes',
      subset: cell(4) === 'yes',
      unicode: cell(5) === 'yes',
    };
  });
}

export interface PdfInfo {
  /** Every `Key: value` line, as printed. */
  fields: Record<string, string>;
  pages: number;
  tagged: boolean;
  /** First page's size in points, and poppler's paper name if it recognised one ("A4"). */
  pageSize: { width: number; height: number; name: string | null };
}

/** `pdfinfo`, parsed. */
export function pdfInfo(pdfPath: string): PdfInfo {
  const fields: Record<string, string> = {};
  for (const line of run('pdfinfo', [pdfPath]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) fields[m[1]!.trim()] = m[2]!.trim();
  }
  const size = /^([\d.]+) x ([\d.]+) pts(?: \(([^)]+)\))?/.exec(fields['Page size'] ?? '');
  if (!size) throw new Error(`pdfinfo printed no page size for ${pdfPath}`);
  return {
    fields,
    pages: Number(fields['Pages']),
    tagged: fields['Tagged'] === 'yes',
    pageSize: { width: Number(size[1]), height: Number(size[2]), name: size[3] ?? null },
  };
}

/** Render one page to PNG with `pdftoppm`; returns the PNG's path. */
export function pdfPagePng(pdfPath: string, outPrefix: string, opts: { page?: number; dpi?: number } = {}): string {
  const page = opts.page ?? 1;
  run('pdftoppm', ['-png', '-r', String(opts.dpi ?? 60), '-f', String(page), '-l', String(page), '-singlefile', pdfPath, outPrefix]);
  return `${outPrefix}.png`;
}

export interface OutlineItem {
  title: string;
  /** Where the bookmark jumps: 1-based page number and the top of the view (`/XYZ left top`) in points, null when unknown. */
  page: number | null;
  top: number | null;
  children: OutlineItem[];
}

/** The PDF's bookmarks (document outline), read with pdfjs-dist; [] when it has none. */
export async function pdfOutline(pdf: string | Uint8Array): Promise<OutlineItem[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
  const data = typeof pdf === 'string' ? new Uint8Array(readFileSync(pdf)) : pdf.slice();
  const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
  try {
    type Ref = { num: number; gen: number };
    type Node = { title: string; dest: string | unknown[] | null; items: Node[] };
    const convert = async (items: Node[] | null): Promise<OutlineItem[]> =>
      Promise.all(
        (items ?? []).map(async (item) => {
          const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
          const target = dest?.[0] as Ref | number | undefined;
          const page = target == null ? null : typeof target === 'number' ? target + 1 : (await doc.getPageIndex(target)) + 1;
          const top = (dest?.[1] as { name?: string } | undefined)?.name === 'XYZ' && typeof dest?.[3] === 'number' ? dest[3] : null;
          return { title: item.title, page, top, children: await convert(item.items) };
        }),
      );
    return await convert((await doc.getOutline()) as Node[] | null);
  } finally {
    await doc.destroy();
  }
}

/**
 * What poppler's pdfinfo, pdftotext and pdffonts print on stderr for the file ("Syntax
 * Error: …" for a broken xref table or object, and the like); [] when all is well.
 */
export function popplerComplaints(pdfPath: string): string[] {
  const complaints: string[] = [];
  for (const [tool, args] of [
    ['pdfinfo', [pdfPath]],
    ['pdftotext', [pdfPath, '-']],
    ['pdffonts', [pdfPath]],
  ] as const) {
    const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw result.error;
    const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
    complaints.push(...lines.map((line) => `${tool}: ${line}`));
    if (result.status !== 0) complaints.push(`${tool}: exit status ${result.status}`);
  }
  return complaints;
}

/**
 * Warnings pdfjs-dist prints while it opens the file and reads its outline, every page's
 * text and structure tree (it prints a repaired xref table, a bad object, … as "Warning: …").
 */
export async function pdfjsWarnings(pdf: string | Uint8Array): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = typeof pdf === 'string' ? new Uint8Array(readFileSync(pdf)) : pdf.slice();
  const warnings: string[] = [];
  const log = console.log;
  const warn = console.warn;
  console.log = console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  try {
    const doc = await getDocument({ data, verbosity: 1, isEvalSupported: false, stopAtErrors: true }).promise;
    try {
      await doc.getOutline();
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        await page.getTextContent();
        await page.getStructTree();
      }
    } finally {
      await doc.destroy();
    }
  } finally {
    console.log = log;
    console.warn = warn;
  }
  return warnings;
}

export interface PdfLink {
  page: number;
  /** External target (http:, mailto:, file: …), or null for a link within the document. */
  url: string | null;
  /** True when the link jumps to a place in this PDF. */
  internal: boolean;
}

/** Every link annotation, read with pdfjs-dist. */
export async function pdfLinks(pdf: string | Uint8Array): Promise<PdfLink[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = typeof pdf === 'string' ? new Uint8Array(readFileSync(pdf)) : pdf.slice();
  const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
  try {
    const links: PdfLink[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const annotations = (await (await doc.getPage(n)).getAnnotations()) as Array<{ subtype: string; url?: string; unsafeUrl?: string; dest?: unknown }>;
      for (const a of annotations) {
        if (a.subtype !== 'Link') continue;
        const url = a.url ?? a.unsafeUrl ?? null;
        links.push({ page: n, url, internal: url === null && a.dest != null });
      }
    }
    return links;
  } finally {
    await doc.destroy();
  }
}

/** All titles of an outline, depth first. */
export function outlineTitles(items: readonly OutlineItem[]): string[] {
  return items.flatMap((item) => [item.title, ...outlineTitles(item.children)]);
}

/** Values of a PDF string-valued key in the raw bytes, e.g. `/CreationDate (D:…)` → `D:…`. */
export function rawPdfStrings(pdf: Uint8Array, key: string): string[] {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return [...text.matchAll(new RegExp(`/${key}\\s*\\(([^)]*)\\)`, 'g'))].map((m) => m[1]!);
}

export interface PdfWord {
  text: string;
  /** Box in PDF points from the page's top-left corner. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** The words of one page with their boxes (`pdftotext -bbox`). */
export function pdfWords(pdfPath: string, page: number): PdfWord[] {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), pdfPath, '-']);
  const decode = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: decode(m[5]!),
  }));
}
