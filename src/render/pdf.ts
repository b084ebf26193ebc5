// HTML page on disk → A4 PDF with header (title + version stamp), bilingual page numbers,
// bookmarks and a structure tree; byte-identical for the same input and Chromium build.
// This part drives Chromium (the page set up and read, then printed); the byte fix-ups of
// what it prints are in pdf-bytes.ts, run in a worker thread by pdf-thread.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HTTPRequest, Page } from 'puppeteer';
import { RenderTimeoutError, type PagePool } from './browser.js';
import { dateDigits, MARGIN, PdfRenderError, type PageLink, type PrintedPage } from './pdf-bytes.js';
import { finishPdfOffThread } from './pdf-thread.js';

export {
  finishPdf,
  makePdfAccessible,
  PdfRenderError,
  renumberStructIds,
  setOutlineTitles,
  stampPdfDates,
  xmpMetadata,
  type AccessibilityReport,
  type AccessibleMeta,
  type PageLink,
  type FinishJob,
  type PrintedPage,
} from './pdf-bytes.js';

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

/**
 * Runs in the page (serialised by puppeteer: keep it self-contained), in print media. The
 * links Chromium tags as Link elements, in document order: their text (aria-label, else the
 * rendered text), their absolute URL, the id they point to within the page, and for those
 * the heading of what they point to.
 */
function collectLinks(): PageLink[] {
  const rendered = (el: Element): boolean => el.checkVisibility({ visibilityProperty: true });
  const clean = (text: string): string => text.replace(/[\t\n\f\r ]+/g, ' ').trim();
  const textOf = (root: Element): string => {
    let text = '';
    const walk = (node: Node): void => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === Node.TEXT_NODE) text += (child as Text).data;
        else if (child.nodeType === Node.ELEMENT_NODE && rendered(child as Element)) {
          const el = child as Element;
          if (el.localName === 'img') text += el.getAttribute('alt') ?? '';
          else walk(el);
        }
      }
    };
    walk(root);
    return clean(text);
  };
  const targetText = (id: string): string => {
    const target = document.getElementById(id);
    if (!target) return '';
    const heading = /^h[1-6]$/.test(target.localName) ? target : target.querySelector('h1, h2, h3, h4, h5, h6');
    const text = heading ? textOf(heading) : textOf(target);
    return Array.from(text).length > 120 ? Array.from(text).slice(0, 119).join('') + '…' : text;
  };
  const links: PageLink[] = [];
  for (const el of Array.from(document.querySelectorAll('a[href], area[href], [role="link"]'))) {
    const role = (el.getAttribute('role') ?? '').trim().toLowerCase().split(/\s+/)[0];
    if ((role && role !== 'link') || el.closest('[aria-hidden="true"]') || !rendered(el)) continue;
    const label = el.getAttribute('aria-label');
    const text = label !== null && label.trim() !== '' ? clean(label) : textOf(el);
    const raw = el.getAttribute('href');
    const url = raw === null ? null : new URL(raw, document.baseURI);
    const samePage = !!url && url.hash !== '' && url.protocol === location.protocol && url.host === location.host && url.pathname === location.pathname && url.search === location.search;
    let fragment: string | null = null;
    if (samePage) {
      try {
        fragment = decodeURIComponent(url!.hash.slice(1));
      } catch {
        fragment = url!.hash.slice(1);
      }
    }
    links.push({ text, href: url ? url.href : '', fragment, target: fragment === null ? '' : targetText(fragment) });
  }
  return links;
}

/**
 * Runs in the page (serialised by puppeteer: keep it self-contained), in print media.
 *
 * Chromium does not draw the space at which a line wraps (white-space: normal removes it),
 * so a text read from the PDF's tags runs the last word of a line into the first of the
 * next ("XihuDistrict"). With `white-space: pre-wrap` the space stays, hanging at the line's
 * end, and is drawn (an invisible glyph): the text keeps it. pre-wrap would also keep the
 * white space that `normal` collapses, so each block whose inline content is plain text and
 * inline elements gets its white space collapsed here first, exactly as `normal` would
 * (runs to one space, none at the start or end of a line of blocks, none around <br>), and
 * then pre-wrap. What would render differently is left alone: a block whose text or inline
 * element keeps white space of its own, with generated content, `display: contents` or an
 * inside list marker, or with a line break between two East Asian characters (which CSS
 * may remove), or with a text decoration (a space hanging past the last word would carry
 * it). The blocks, atomic inlines and out-of-flow boxes inside a block that now keeps its
 * spaces are given `white-space: normal` back unless they keep theirs too, and so are its
 * inline elements with a background, border or decoration (an <ins>, a <del>): the space
 * at a wrap inside those is still lost. Returns how many blocks now keep their spaces.
 */
function keepSpacesAtLineWraps(): number {
  const collapses = (s: CSSStyleDeclaration): boolean => {
    const collapse = s.getPropertyValue('white-space-collapse');
    return collapse ? collapse === 'collapse' : s.whiteSpace === 'normal' || s.whiteSpace === 'nowrap';
  };
  const wraps = (s: CSSStyleDeclaration): boolean => {
    const mode = s.getPropertyValue('text-wrap-mode');
    return mode ? mode === 'wrap' : s.whiteSpace === 'normal';
  };
  /** Draws something a hanging space would extend: a background, border, outline, shadow or text decoration. */
  const decorated = (s: CSSStyleDeclaration): boolean =>
    s.textDecorationLine !== 'none' ||
    s.backgroundColor !== 'rgba(0, 0, 0, 0)' ||
    s.backgroundImage !== 'none' ||
    s.boxShadow !== 'none' ||
    s.outlineStyle !== 'none' ||
    ['Top', 'Right', 'Bottom', 'Left'].some((side) => s.getPropertyValue(`border-${side.toLowerCase()}-style`) !== 'none');
  /** A text decoration on the element or one it inherits the decoration of (it propagates to the text inside). */
  const underDecoration = (el: Element): boolean => {
    for (let at: Element | null = el; at; at = at.parentElement) if (getComputedStyle(at).textDecorationLine !== 'none') return true;
    return false;
  };
  const hasGenerated = (el: Element): boolean =>
    ['::before', '::after'].some((pseudo) => {
      const content = getComputedStyle(el, pseudo).content;
      return content !== 'none' && content !== 'normal';
    });
  const CONTAINERS = new Set(['block', 'list-item', 'table-cell', 'table-caption', 'inline-block', 'flow-root']);
  const REPLACED = new Set(['img', 'svg', 'video', 'canvas', 'iframe', 'input', 'select', 'textarea', 'button', 'object', 'embed', 'math']);
  const EAST_ASIAN = /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
  const SPACE = /[\t\n\f\r ]/;
  type Item = Text | 'break' | 'atom' | 'block';
  const kept = new Set<Element>();
  const boundaries = new Map<Element, Element[]>();
  const updates = new Map<Text, string>();
  for (const block of [document.body, ...Array.from(document.body.querySelectorAll('*'))]) {
    if (!(block instanceof HTMLElement) || REPLACED.has(block.localName)) continue;
    const style = getComputedStyle(block);
    if (!CONTAINERS.has(style.display) || !collapses(style) || !wraps(style) || hasGenerated(block)) continue;
    if (style.display === 'list-item' && style.listStylePosition === 'inside') continue;
    if (underDecoration(block)) continue;
    const items: Item[] = [];
    const edges: Element[] = [];
    const painted: Element[] = [];
    let plain = true;
    const walk = (node: Node): void => {
      for (let child = node.firstChild; child && plain; child = child.nextSibling) {
        if (child.nodeType === Node.TEXT_NODE) {
          items.push(child as Text);
          continue;
        }
        if (child.nodeType !== Node.ELEMENT_NODE) continue;
        const el = child as Element;
        const cs = getComputedStyle(el);
        if (cs.display === 'none') continue;
        if (el.localName === 'br') {
          items.push('break');
        } else if (cs.position === 'absolute' || cs.position === 'fixed' || cs.float !== 'none') {
          // Out of the flow: white space collapses across it as if it were not there.
          edges.push(el);
        } else if (cs.display === 'contents') {
          plain = false;
        } else if (!(el instanceof HTMLElement) || REPLACED.has(el.localName) || (cs.display.startsWith('inline') && cs.display !== 'inline')) {
          items.push('atom');
          edges.push(el);
        } else if (cs.display === 'inline') {
          if (decorated(cs)) painted.push(el);
          if (!collapses(cs) || hasGenerated(el)) plain = false;
          else walk(el);
        } else {
          items.push('block');
          edges.push(el);
        }
      }
    };
    walk(block);
    if (!plain) continue;
    // Collapse as `white-space: normal` does, run by run (a run ends at a block child or
    // a <br>): a run of white space becomes one space, kept in the text node where the run
    // began; none at a run's start or end.
    const next = new Map<Text, string>();
    let spaces = 0;
    let ok = true;
    let pending: Text | null = null; // where a collapsible space began, waiting for the next character
    let pendingBreak = false; // its white space held a line break
    let before = ''; // the character before it ('' at the start of a line)
    let lastChar = '';
    const emitPending = (into: Text, out: string): string => {
      spaces++;
      if (pending === into) return out + ' ';
      next.set(pending!, (next.get(pending!) ?? '') + ' ');
      return out;
    };
    for (const item of items) {
      if (item === 'block' || item === 'break') {
        pending = null;
        pendingBreak = false;
        lastChar = '';
        continue;
      }
      if (item === 'atom') {
        if (pending && lastChar !== '') {
          next.set(pending, (next.get(pending) ?? '') + ' ');
          spaces++;
        }
        pending = null;
        pendingBreak = false;
        lastChar = '\ufffc';
        continue;
      }
      let out = '';
      for (const ch of item.data) {
        if (SPACE.test(ch)) {
          if (!pending) {
            pending = item;
            before = lastChar;
          }
          if (ch === '\n' || ch === '\r') pendingBreak = true;
          continue;
        }
        if (pending && lastChar !== '') {
          if (pendingBreak && EAST_ASIAN.test(before) && EAST_ASIAN.test(ch)) ok = false;
          out = emitPending(item, out);
        }
        pending = null;
        pendingBreak = false;
        out += ch;
        lastChar = ch;
      }
      next.set(item, out);
    }
    if (!ok || spaces === 0) continue;
    for (const [text, data] of next) updates.set(text, data);
    kept.add(block);
    // A decorated inline (an <ins> with its background and underline) keeps white-space
    // normal: a space hanging at a wrap inside it would be painted with its decoration.
    boundaries.set(block, [...edges, ...painted]);
  }
  for (const [text, data] of updates) if (text.data !== data) text.data = data;
  for (const block of kept) (block as HTMLElement).style.setProperty('white-space', 'pre-wrap');
  for (const edges of boundaries.values()) {
    for (const el of edges) if (!kept.has(el) && el instanceof HTMLElement) el.style.setProperty('white-space', 'normal');
  }
  return kept.size;
}


async function printPage(page: Page, job: PdfJob): Promise<PrintedPage> {
  const failed: string[] = [];
  const onFailed = (request: HTTPRequest): void => {
    failed.push(`${request.url()} (${request.failure()?.errorText ?? 'failed'})`);
  };
  page.on('requestfailed', onFailed);
  try {
    page.setDefaultTimeout(0); // the pool's time limit applies, and names the document
    // Print media before the page loads: the page is styled and laid out under print media
    // from the start, not first for the screen and then again for the print-media reads
    // below. Both commands go out at once (one round trip); the page is read only after
    // both are done.
    await Promise.all([page.emulateMediaType('print'), page.goto(pathToFileURL(job.htmlPath).href, { waitUntil: 'load' })]);
    const boxes = pageBoxes(job);
    // One round trip to the loaded page, in this order: the margin boxes' stylesheet (the
    // <style> element page.addStyleTag would add, without its isolated world and element
    // handle), the language and title, local links, the fonts the margin boxes use; then,
    // laid out for print, the spaces at line wraps kept, and the heading and link texts
    // read after that.
    const setUp = async (css: string, lang: string, title: string, family: string, text: string): Promise<void> => {
      const style = document.createElement('style');
      style.appendChild(document.createTextNode(css));
      document.head.appendChild(style);
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
    };
    const args = [boxes.css, job.lang, job.title, BOX_FONT_FAMILY, boxes.text].map((a) => JSON.stringify(a)).join(', ');
    const inPage = `(async () => { await (${setUp})(${args}); return [(${keepSpacesAtLineWraps})(), (${collectHeadingTitles})(), (${collectLinks})()]; })()`;
    const [, headings, links] = (await page.evaluate(inPage)) as [number, string[], PageLink[]];
    if (failed.length > 0) {
      throw new PdfRenderError(`${job.htmlPath}: resources failed to load (fonts or images would be missing):\n  ${failed.join('\n  ')}`);
    }
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: false,
      outline: true,
      tagged: true,
      timeout: 0,
      // Awaited above, in the page's own world: puppeteer's check would open an isolated
      // world in every document for it (a round trip and a context each time).
      waitForFonts: false,
    });
    return { pdf, headings, links };
  } finally {
    page.off('requestfailed', onFailed);
  }
}

/**
 * Print one HTML page with a page from the pool: Chromium's PDF bytes as they come, and
 * what the page said about its headings and links (finishPdf makes them final).
 */
export async function printPdf(pool: PagePool, job: PdfJob): Promise<PrintedPage> {
  if (!path.isAbsolute(job.htmlPath)) throw new PdfRenderError(`htmlPath must be absolute, got "${job.htmlPath}"`);
  if (!existsSync(job.htmlPath)) throw new PdfRenderError(`HTML file not found: ${job.htmlPath}`);
  dateDigits(job.fixedDate); // fail before starting Chromium work
  try {
    return await pool.use((page) => printPage(page, job), job.htmlPath);
  } catch (error) {
    if (error instanceof PdfRenderError || error instanceof RenderTimeoutError) throw error;
    throw new PdfRenderError(`Rendering ${job.htmlPath} to PDF failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Render one HTML page to PDF bytes with a page from the pool. */
export async function renderPdf(pool: PagePool, job: PdfJob): Promise<Uint8Array> {
  const printed = await printPdf(pool, job);
  // The byte fix-ups take Node a while (tens of ms for a long policy): in a worker thread
  // when there is one, so that this thread keeps driving the browser meanwhile.
  return finishPdfOffThread(printed, job);
}
