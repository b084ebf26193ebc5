// HTML page on disk → A4 PDF with header (title + version stamp), bilingual page numbers,
// bookmarks and a structure tree; byte-identical for the same input and Chromium build.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HTTPRequest, Page } from 'puppeteer';
import { RenderTimeoutError, type PagePool } from './browser.js';
import { facesCovering, inlineFontFaceCss, type FontFace } from './fonts.js';

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

// Header/footer templates are separate documents: they do not inherit the page's CSS, and
// a web font they declare is drawn only if it is already loaded when Chromium prints (else
// the system fallback shows, here DejaVu with empty boxes for Chinese). So the templates
// declare base64 fonts under their own family names, and the page loads the very same
// data: URLs first; Chromium then finds them in its memory cache. Own family names keep
// these faces from replacing the page's own "Noto Sans" / "Noto Sans SC".
const HF_FAMILIES: Record<string, string> = { 'Noto Sans': 'policygen-hf-latin', 'Noto Sans SC': 'policygen-hf-sc' };
const HF_FONT_FAMILY = `'policygen-hf-latin', 'policygen-hf-sc'`;
const DIGITS = '0123456789';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function hfFontCss(text: string): string {
  const faces: FontFace[] = facesCovering(text, [400]).map((face) => ({ ...face, family: HF_FAMILIES[face.family] ?? face.family }));
  return inlineFontFaceCss(faces);
}

function templateStyle(fontCss: string): string {
  // font-size in pt: template documents otherwise render at a tiny default scale.
  return `<style>${fontCss}
.hf { box-sizing: border-box; width: 100%; padding: 0 ${MARGIN.right} 0 ${MARGIN.left}; display: flex;
  gap: 6mm; justify-content: space-between; font-family: ${HF_FONT_FAMILY}; font-size: 7.5pt; color: #555;
  -webkit-print-color-adjust: exact; white-space: nowrap; }
.hf .grow { flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; }
.hf .center { flex: 1 1 auto; text-align: center; }
</style>`;
}

function pageLabelHtml(label: PageLabel): string {
  return `${escapeHtml(label.before)}<span class="pageNumber"></span>${escapeHtml(label.middle)}<span class="totalPages"></span>${escapeHtml(label.after)}`;
}

function labelText(label: PageLabel): string {
  return label.before + label.middle + label.after;
}

interface Templates {
  headerTemplate: string;
  footerTemplate: string;
  /** All text drawn in the header and footer (for loading the fonts that cover it). */
  text: string;
  /** @font-face rules for the page, so the templates' fonts are loaded before printing. */
  fontCss: string;
}

export function buildTemplates(job: Pick<PdfJob, 'lang' | 'title' | 'stampLabel' | 'footerPageLabels'>): Templates {
  const labels = job.footerPageLabels ?? DEFAULT_PAGE_LABELS;
  const headerText = `${job.title}${job.stampLabel}…`;
  const footerText = labels.map(labelText).join(' · ') + DIGITS;
  const headerCss = hfFontCss(headerText);
  const footerCss = hfFontCss(footerText);
  const lang = escapeHtml(job.lang);
  const headerTemplate = `${templateStyle(headerCss)}<div class="hf" lang="${lang}"><span class="grow">${escapeHtml(job.title)}</span><span>${escapeHtml(job.stampLabel)}</span></div>`;
  const footerTemplate = `${templateStyle(footerCss)}<div class="hf" lang="${lang}"><span class="center">${labels.map(pageLabelHtml).join(' · ')}</span></div>`;
  return { headerTemplate, footerTemplate, text: headerText + footerText, fontCss: headerCss + '\n' + footerCss };
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
 * which depend on how many nodes the renderer made before (page reuse, render order).
 * Renumber them by first appearance, same length, in place, so offsets stay valid.
 */
export function renumberStructIds(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const ids = new Map<string, string>();
  for (const match of text.matchAll(/\(node(\d+)\)/g)) {
    const digits = match[1]!;
    let replacement = ids.get(digits);
    if (!replacement) {
      replacement = String(ids.size + 1).padStart(digits.length, '0');
      if (replacement.length !== digits.length) continue; // more ids than digits: leave as is
      ids.set(digits, replacement);
    }
    const start = match.index + 5;
    for (let i = 0; i < replacement.length; i++) pdf[start + i] = replacement.charCodeAt(i);
  }
  return ids.size;
}

async function printPage(page: Page, job: PdfJob): Promise<Uint8Array> {
  const failed: string[] = [];
  const onFailed = (request: HTTPRequest): void => {
    failed.push(`${request.url()} (${request.failure()?.errorText ?? 'failed'})`);
  };
  page.on('requestfailed', onFailed);
  try {
    page.setDefaultTimeout(0); // the pool's time limit applies, and names the document
    await page.goto(pathToFileURL(job.htmlPath).href, { waitUntil: 'load' });
    const templates = buildTemplates(job);
    await page.addStyleTag({ content: templates.fontCss });
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
        await document.fonts.load(`400 10px ${family}`, text);
        await document.fonts.ready;
      },
      job.lang,
      job.title,
      HF_FONT_FAMILY,
      templates.text,
    );
    if (failed.length > 0) {
      throw new PdfRenderError(`${job.htmlPath}: resources failed to load (fonts or images would be missing):\n  ${failed.join('\n  ')}`);
    }
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: false,
      displayHeaderFooter: true,
      headerTemplate: templates.headerTemplate,
      footerTemplate: templates.footerTemplate,
      margin: MARGIN,
      outline: true,
      tagged: true,
      timeout: 0,
    });
  } finally {
    page.off('requestfailed', onFailed);
  }
}

/** Render one HTML page to PDF bytes with a page from the pool. */
export async function renderPdf(pool: PagePool, job: PdfJob): Promise<Uint8Array> {
  if (!path.isAbsolute(job.htmlPath)) throw new PdfRenderError(`htmlPath must be absolute, got "${job.htmlPath}"`);
  if (!existsSync(job.htmlPath)) throw new PdfRenderError(`HTML file not found: ${job.htmlPath}`);
  dateDigits(job.fixedDate); // fail before starting Chromium work

  let pdf: Uint8Array;
  try {
    pdf = await pool.use((page) => printPage(page, job), job.htmlPath);
  } catch (error) {
    if (error instanceof PdfRenderError || error instanceof RenderTimeoutError) throw error;
    throw new PdfRenderError(`Rendering ${job.htmlPath} to PDF failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  renumberStructIds(pdf);
  if (stampPdfDates(pdf, job.fixedDate) === 0) {
    throw new PdfRenderError(`${job.htmlPath}: no /CreationDate or /ModDate found in Chromium's PDF; cannot make it deterministic`);
  }
  return pdf;
}
