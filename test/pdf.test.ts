// PDF stage: render a bilingual fixture with the real browser, then read the PDF back.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserNotFoundError, BrowserTooOldError, chromiumMajor, findChromium, MIN_CHROMIUM_MAJOR, RenderTimeoutError, withBrowser } from '../src/render/browser.js';
import { browserRequired, describeWith } from './helpers/browser.js';
import { decodePng, luminances } from './helpers/png.js';
import { makeSite } from './helpers/pdf-site.js';
import { fontFaceCss, fontFiles } from '../src/render/fonts.js';
import { makePdfAccessible, pageBoxes, PdfRenderError, renderPdf, renumberStructIds, setOutlineTitles, stampPdfDates, xmpMetadata, type PdfJob } from '../src/render/pdf.js';
import {
  hasPoppler,
  normalizeSpace,
  outlineTitles,
  pdfFonts,
  pdfInfo,
  pdfjsWarnings,
  pdfLinks,
  pdfOutline,
  pdfPagePng,
  pdfText,
  pdfWords,
  popplerComplaints,
  rawPdfStrings,
  sha256,
  type OutlineItem,
} from './helpers/pdf-readback.js';

const MM = 72 / 25.4; // PDF points per millimetre

describe('fonts (no browser needed)', () => {
  it('lists existing woff2 files of both families, weights 400 and 700, in a stable order', () => {
    const files = fontFiles();
    expect(files.every((f) => f.name.endsWith('.woff2') && existsSync(f.absPath))).toBe(true);
    expect(new Set(files.map((f) => f.name)).size).toBe(files.length);
    for (const weight of [400, 700]) {
      expect(files.some((f) => f.name === `noto-sans-latin-${weight}-normal.woff2`)).toBe(true);
      expect(files.some((f) => f.name === `noto-sans-latin-ext-${weight}-normal.woff2`)).toBe(true);
      expect(files.filter((f) => f.name.startsWith('noto-sans-sc-') && f.name.endsWith(`-${weight}-normal.woff2`)).length).toBeGreaterThan(90);
    }
    expect(files.some((f) => f.name.includes('cyrillic-') && !f.name.startsWith('noto-sans-sc-'))).toBe(false);
    expect(fontFiles()).toEqual(files);
  });

  it('writes @font-face rules with the given prefix and no .woff fallback', () => {
    const css = fontFaceCss('../../assets/fonts/');
    const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]);
    expect(urls).toEqual(fontFiles().map((f) => `../../assets/fonts/${f.name}`));
    expect(css).not.toMatch(/\.woff\)/);
    expect(css).toContain(`font-family: 'Noto Sans SC';`);
    expect(css).toContain(`font-family: 'Noto Sans';`);
    expect(css).toMatch(/font-weight: 700;/);
  });
});

describe('header/footer margin boxes and dates (no browser needed)', () => {
  /** Undo CSS escapes (`\\HEX ` and `\\c`) in a string literal's body. */
  const unescapeCss = (body: string): string =>
    body.replace(/\\([0-9a-f]{1,6}) ?|\\(.)/gi, (_, hex: string | undefined, ch: string | undefined) => (hex ? String.fromCodePoint(parseInt(hex, 16)) : ch!));
  /** The string literals of a margin box's `content`, decoded. */
  const contentStrings = (css: string, box: string): string[] => {
    const rule = new RegExp(`@${box} \\{ content: ((?:"(?:[^"\\\\]|\\\\.)*"|[^;"])*);`).exec(css);
    expect(rule, `@${box} in ${css}`).not.toBeNull();
    return [...rule![1]!.matchAll(/"((?:[^"\\]|\\.)*)"|counter\((\w+)\)/g)].map((m) => (m[2] ? `{${m[2]}}` : unescapeCss(m[1]!)));
  };

  it('keeps a hostile title and stamp inside their CSS strings, verbatim', () => {
    const title = '"; } body { display: none } @top-left { content: "x</style><script>alert(1)</script>\\\n';
    const stampLabel = "v3\u2028'\\\"";
    const { css } = pageBoxes({ title, stampLabel });
    expect(contentStrings(css, 'top-left')).toEqual([title]);
    expect(contentStrings(css, 'top-right')).toEqual([stampLabel]);
    expect(css).not.toMatch(/[<>\u2028]/);
    // One @page rule with three boxes: nothing the values contain opened another rule.
    expect(css.replace(/"(?:[^"\\]|\\.)*"/g, '""').match(/\{/g)).toHaveLength(4);
  });

  it('puts both page labels in the footer by default, with page counters', () => {
    const { css } = pageBoxes({ title: 't', stampLabel: 's' });
    expect(contentStrings(css, 'bottom-center').join('')).toBe('第 {page} 页 / 共 {pages} 页 · Page {page} of {pages}');
  });

  it('rewrites /CreationDate and /ModDate in place, keeping the length', () => {
    const original = "1 0 obj\n<</Producer (Skia/PDF m156)\n/CreationDate (D:20261123082117+05'30')\n/ModDate (D:20261123082117-08'00')>>\nendobj";
    const bytes = new TextEncoder().encode(original);
    expect(stampPdfDates(bytes, '2026-03-07')).toBe(2);
    const text = new TextDecoder().decode(bytes);
    expect(text.length).toBe(original.length);
    expect(rawPdfStrings(bytes, 'CreationDate')).toEqual(["D:20260307000000+00'00'"]);
    expect(rawPdfStrings(bytes, 'ModDate')).toEqual(["D:20260307000000+00'00'"]);
    expect(() => stampPdfDates(bytes, '2026-02-30')).toThrow(/YYYY-MM-DD/);
  });

  it('findChromium prefers PUPPETEER_EXECUTABLE_PATH and ignores it when it does not exist', () => {
    expect(findChromium({ PUPPETEER_EXECUTABLE_PATH: process.execPath })).toEqual({ path: process.execPath, source: 'env' });
    expect(findChromium({ PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' })?.source).not.toBe('env');
  });

  it('reads the major version Chromium reports, and refuses one too old for page-margin boxes', () => {
    expect(chromiumMajor('HeadlessChrome/156.0.8078.79')).toBe(156);
    expect(chromiumMajor('Chrome/120.0.6099.109')).toBe(120);
    expect(chromiumMajor('unknown')).toBeNull();
    expect(MIN_CHROMIUM_MAJOR).toBe(131);
    expect(new BrowserTooOldError('/usr/bin/chromium', 'HeadlessChrome/120.0.6099.109').message).toMatch(/HeadlessChrome\/120.*131 or newer[\s\S]*npx puppeteer browsers install chrome/);
  });

  it('explains how to get a browser', () => {
    const message = new BrowserNotFoundError().message;
    expect(message).toContain('PUPPETEER_EXECUTABLE_PATH');
    expect(message).toContain('apt-get install chromium');
    expect(message).toContain('npx puppeteer browsers install chrome');
  });
});

/**
 * A small PDF written the way Skia writes one: a single revision with a classic xref table,
 * the outline items followed by more objects (here the page's content stream and the
 * catalog), so that splicing titles in must move them. `titles` are raw PDF string tokens.
 */
function skiaLikePdf(titles: readonly [string, string, string]): Uint8Array {
  const objects = [
    `<</Producer (test)\n/CreationDate (D:20260307000000+00'00')>>`,
    `<</Type /Pages\n/Kids [3 0 R]\n/Count 1>>`,
    `<</Type /Page\n/Parent 2 0 R\n/MediaBox [0 0 200 200]\n/Contents 8 0 R>>`,
    `<</Type /Outlines\n/First 5 0 R\n/Last 7 0 R\n/Count 3>>`,
    `<</Title ${titles[0]}\n/Dest [3 0 R /XYZ 0 190 0]\n/Parent 4 0 R\n/First 6 0 R\n/Last 6 0 R\n/Count 1\n/Next 7 0 R>>`,
    `<</Title ${titles[1]}\n/Dest [3 0 R /XYZ 0 150 0]\n/Parent 5 0 R>>`,
    `<</Title ${titles[2]}\n/Dest [3 0 R /XYZ 0 100 0]\n/Parent 4 0 R\n/Prev 5 0 R>>`,
    `<</Length 15>> stream\n0 0 m 10 10 l S\nendstream`,
    `<</Type /Catalog\n/Pages 2 0 R\n/Outlines 4 0 R>>`,
  ];
  let text = '%PDF-1.4\n%\xd3\xeb\xe9\xe1\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<</Size ${objects.length + 1}\n/Root 9 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** A PDF text string as UTF-16BE hex, the way Skia writes non-ASCII titles. */
function utf16Hex(text: string): string {
  return `<FEFF${[...text].map((ch) => ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join('')}>`;
}

/** An outline without its titles: the hierarchy and where each bookmark jumps. */
function outlineShape(items: readonly OutlineItem[]): unknown[] {
  return items.map((item) => ({ page: item.page, top: item.top, children: outlineShape(item.children) }));
}

describe('bookmark titles (no browser needed)', () => {
  // What Chromium writes: a space lost at a line wrap, a heading painted twice, and a title
  // with characters a literal string must escape.
  const mangled = ['(3. Why we are allowedto)', utf16Hex('六、个人信息的跨境传输六、个人信息的跨境传输'), '(Q&A \\(draft\\) \\\\ notes)'] as const;
  const headings = ['3. Why we are allowed to', '六、个人信息的跨境传输', 'Q&A (draft) \\ notes'];

  it('replaces the titles in document order, keeping hierarchy and destinations, with a valid xref table', async () => {
    const original = skiaLikePdf(mangled);
    const fixed = setOutlineTitles(original, headings);
    const outline = await pdfOutline(fixed);
    expect(outlineTitles(outline)).toEqual(headings);
    expect(outline.map((item) => item.children.map((child) => child.title))).toEqual([['六、个人信息的跨境传输'], []]);
    expect(outlineShape(outline)).toEqual(outlineShape(await pdfOutline(original)));
    expect(fixed.length).toBe(original.length + 1 - 11 * 4);
    // Objects behind the splices moved, and the xref table moved with them.
    expect(await pdfjsWarnings(fixed)).toEqual([]);
    // poppler reads the spliced file too; CI (POLICYGEN_REQUIRE_BROWSER=1) insists on it.
    if (hasPoppler() || browserRequired) {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'policygen-outline-')), 'fixed.pdf');
      writeFileSync(file, fixed);
      expect(popplerComplaints(file)).toEqual([]);
      rmSync(path.dirname(file), { recursive: true, force: true });
    }
    // Titles already right: the very same bytes back.
    expect(setOutlineTitles(fixed, headings)).toBe(fixed);
  });

  it('refuses to relabel when the headings do not match the bookmarks', () => {
    const pdf = skiaLikePdf(mangled);
    expect(() => setOutlineTitles(pdf, headings.slice(1))).toThrow(PdfRenderError);
    expect(() => setOutlineTitles(pdf, headings.slice(1))).toThrow(/outline has 3 bookmarks but the page has 2 headings/);
    expect(() => setOutlineTitles(pdf, [headings[1]!, headings[0]!, headings[2]!])).toThrow(/bookmark 1 is "3. Why we are allowedto".*not the heading "六、个人信息的跨境传输"/);
  });

  it('refuses a PDF it cannot patch safely (an xref stream instead of a table)', () => {
    const text = Buffer.from(skiaLikePdf(mangled)).toString('latin1');
    const xrefStream = text.replace(/startxref\n\d+/, `startxref\n${text.indexOf('9 0 obj')}`);
    expect(() => setOutlineTitles(new Uint8Array(Buffer.from(xrefStream, 'latin1')), headings)).toThrow(/xref stream/);
  });
});

/**
 * Headings that Chromium's own bookmark titles get wrong: long ones that wrap (English,
 * Chinese, mixed), a <br>, and two pushed to the top of a page by an unforced break, where
 * Noto Sans SC (taller than the line-height of 1.4) makes the page before paint them too.
 * Plus headings only one medium shows, and flex `order` (bookmarks follow the DOM).
 */
const OUTLINE_FIXTURE = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>Outline fixture</title>
<link rel="stylesheet" href="fonts.css">
<style>
  body { font-family: 'Noto Sans SC', 'Noto Sans', sans-serif; font-size: 11pt; line-height: 1.6; margin: 0; }
  h1, h2, h3 { line-height: 1.4; }
  h1 { font-size: 20pt; margin: 0 0 12pt; }
  h2 { font-size: 16pt; margin: 24pt 0 8pt; }
  h3 { font-size: 13pt; margin: 14pt 0 6pt; }
  .print-only { display: none; }
  @media print { .screen-only { display: none; } .print-only { display: block; } }
  .page { break-before: page; }
  /* Leaves less room on its page than the heading after it needs. */
  .spacer { height: 252mm; }
  .reversed { display: flex; flex-direction: column; }
  .reversed h3:first-child { order: 2; }
</style>
</head>
<body>
<h1>Outline fixture · 大纲测试</h1>
<h2>3. How we use personal information, why we are allowed to use it, and how long we keep it for each of these purposes</h2>
<p>An English heading that wraps onto two lines.</p>
<h2>十五、对欧洲经济区和英国个人的补充说明以及对其他司法辖区内个人的补充说明和联系方式</h2>
<p>中文标题折行。</p>
<h3>4.1 云服务提供者 / Cloud providers that store personal information outside the country where it was collected</h3>
<h2>Line one<br>line two</h2>
<h2 class="screen-only">Only on screen</h2>
<h2 class="print-only">Only in print</h2>
<div class="reversed"><h3>Second in the DOM, first on the page</h3><h3>Third in the DOM</h3></div>
<section class="page">
<div class="spacer"></div>
<h2>六、个人信息的跨境传输</h2>
<p>这个标题被推到下一页的顶部。</p>
</section>
<section class="page">
<div class="spacer"></div>
<h2>8. Transfers to other countries</h2>
<p>This heading is pushed to the top of the next page too.</p>
</section>
</body>
</html>
`;

const OUTLINE_HEADINGS = [
  'Outline fixture · 大纲测试',
  '3. How we use personal information, why we are allowed to use it, and how long we keep it for each of these purposes',
  '十五、对欧洲经济区和英国个人的补充说明以及对其他司法辖区内个人的补充说明和联系方式',
  '4.1 云服务提供者 / Cloud providers that store personal information outside the country where it was collected',
  'Line one line two',
  'Only in print',
  'Second in the DOM, first on the page',
  'Third in the DOM',
  '六、个人信息的跨境传输',
  '8. Transfers to other countries',
];

describeWith({ poppler: true }, 'renderPdf with a real Chromium', () => {
  let tmp: string;
  let htmlPath: string;
  let pdfPath: string;
  let pdf: Uint8Array;
  const renders: Uint8Array[] = [];
  const job = (): PdfJob => ({
    htmlPath,
    lang: 'zh-CN',
    title: '示例科技隐私政策 · Privacy Policy',
    stampLabel: 'v3 · 最后更新：2026年3月7日',
    fixedDate: '2026-03-07',
  });

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'policygen-pdf-test-'));
    htmlPath = makeSite(path.join(tmp, 'site'));
    await withBrowser(async (pool) => {
      renders.push(await renderPdf(pool, job()));
      renders.push(await renderPdf(pool, job())); // same page reused
      renders.push(...(await Promise.all([renderPdf(pool, job()), renderPdf(pool, job())])));
    });
    pdf = renders[0]!;
    pdfPath = path.join(tmp, 'out.pdf');
    writeFileSync(pdfPath, pdf);
  });

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('contains the Chinese and English text', () => {
    const text = normalizeSpace(pdfText(pdfPath));
    for (const phrase of ['示例科技有限公司隐私政策', '我们收集的个人信息', '单独同意', 'Personal Information We Collect', 'separate consent in advance', '粗体中文与 bold English']) {
      expect(text).toContain(phrase);
    }
  });

  it('embeds the npm Noto fonts (CJK as CID TrueType) and no system or Type 3 font, header and footer included', () => {
    const fonts = pdfFonts(pdfPath);
    const cjk = fonts.filter((f) => /NotoSansSC/.test(f.name));
    expect(cjk.length).toBeGreaterThan(0);
    expect(cjk.every((f) => f.type === 'CID TrueType' && f.embedded)).toBe(true);
    expect(fonts.filter((f) => f.type.startsWith('Type 3'))).toEqual([]);
    // A template font that failed to load falls back to a system font (DejaVu here): catch it.
    expect(fonts.filter((f) => !/\+NotoSans(SC\w*)?-(Regular|Bold)$/.test(f.name)).map((f) => f.name)).toEqual([]);
    expect(fonts.every((f) => f.embedded && f.unicode)).toBe(true);
  });

  it('has A4 pages and a structure tree (tagged, with /Lang)', () => {
    const info = pdfInfo(pdfPath);
    expect(info.pages).toBeGreaterThanOrEqual(2); // the fixture's annex starts a new page
    expect(info.pageSize.name).toBe('A4');
    // Chromium rounds A4 to 595.92 × 841.92 pt; within 1 pt of 210 × 297 mm.
    expect(Math.abs(info.pageSize.width - 210 * MM)).toBeLessThan(1);
    expect(Math.abs(info.pageSize.height - 297 * MM)).toBeLessThan(1);
    expect(info.tagged).toBe(true);
    expect(Buffer.from(pdf).includes('/StructTreeRoot')).toBe(true);
    expect(rawPdfStrings(pdf, 'Lang')).toContain('zh-CN');
  });

  it('has bookmarks from the headings, nested by level', async () => {
    const outline = await pdfOutline(pdf);
    expect(outline.map((item) => item.title)).toEqual(['示例科技有限公司隐私政策']);
    const titles = outlineTitles(outline);
    for (const heading of ['1. 我们收集的个人信息', '1.1 敏感个人信息', '2. Personal Information We Collect', '2.1 Sensitive Personal Information', '4.1 云服务提供者 / Cloud Providers']) {
      expect(titles).toContain(heading);
    }
    const section1 = outline[0]!.children.find((item) => item.title.startsWith('1.'));
    expect(section1?.children.map((c) => c.title)).toEqual(['1.1 敏感个人信息']);
  });

  it('draws the title and stamp in the header and both page labels in the footer of every page', () => {
    const { pages, pageSize } = pdfInfo(pdfPath);
    for (let page = 1; page <= pages; page++) {
      const header = normalizeSpace(pdfText(pdfPath, { firstPage: page, lastPage: page, crop: { x: 0, y: 0, width: pageSize.width, height: 20 * MM } }));
      expect(header).toContain('示例科技隐私政策 · Privacy Policy');
      expect(header).toContain('v3 · 最后更新：2026年3月7日');
      const footerTop = pageSize.height - 18 * MM;
      const footer = normalizeSpace(pdfText(pdfPath, { firstPage: page, lastPage: page, crop: { x: 0, y: footerTop, width: pageSize.width, height: 18 * MM } }));
      expect(footer).toBe(`第 ${page} 页 / 共 ${pages} 页 · Page ${page} of ${pages}`);
    }
  });

  it('wraps a long title in the header beside the stamp, and shortens a huge one', async () => {
    const title = '北京某某信息技术有限公司及其在中国大陆和香港的全部关联公司隐私政策 · Long Company Name International Holdings Privacy Policy';
    const huge = '隐私政策'.repeat(100);
    const [longPdf, hugePdf] = await withBrowser((pool) =>
      Promise.all([renderPdf(pool, { ...job(), lang: 'en', title, stampLabel: 'v12 · Last updated: March 7, 2026' }), renderPdf(pool, { ...job(), lang: 'en', title: huge })]),
    );
    const longPath = path.join(tmp, 'long-title.pdf');
    writeFileSync(longPath, longPdf);
    const header = pdfWords(longPath, 1).filter((word) => word.yMax < 20 * MM);
    const stampStart = header.findIndex((word) => word.text === 'v12');
    expect(stampStart).toBeGreaterThan(0);
    const titleWords = header.slice(0, stampStart);
    expect(titleWords.map((word) => word.text).join('')).toBe(title.replace(/ /g, ''));
    const stampLeft = Math.min(...header.slice(stampStart).map((word) => word.xMin));
    expect(Math.max(...titleWords.map((word) => word.xMax))).toBeLessThan(stampLeft); // no overlap
    const tops = titleWords.map((word) => word.yMin).sort((a, b) => a - b);
    expect(tops.filter((top, i) => i > 0 && top - tops[i - 1]! > 4)).toHaveLength(1); // wrapped onto two lines
    const hugePath = path.join(tmp, 'huge-title.pdf');
    writeFileSync(hugePath, hugePdf);
    const hugeHeader = normalizeSpace(pdfText(hugePath, { firstPage: 1, lastPage: 1, crop: { x: 0, y: 0, width: 210 * MM, height: 20 * MM } }));
    // pdftotext reads the stamp after the title's first line.
    const stamp = 'v3·最后更新：2026年3月7日';
    expect(hugeHeader.replace(/ /g, '')).toContain(stamp);
    expect(hugeHeader.replace(/ /g, '').replace(stamp, '')).toBe(`${huge.slice(0, 99)}…`);
    expect(pdfInfo(hugePath).fields['Title']).toBe(huge); // the document title stays whole
  });

  it('renders page 1 to an image of an A4 page with text inside the margins', () => {
    const png = decodePng(pdfPagePng(pdfPath, path.join(tmp, 'page1'), { dpi: 60 }));
    // A4 (210 × 297 mm) at 60 dpi.
    expect([png.width, png.height]).toEqual([Math.round((210 / 25.4) * 60), Math.round((297 / 25.4) * 60)]);
    const dark = (box?: { x: number; y: number; width: number; height: number }) => {
      const values = luminances(png, box);
      return values.filter((v) => v < 128).length / values.length;
    };
    // Not blank and not a black page: text covers a small part of it.
    expect(dark()).toBeGreaterThan(0.005);
    expect(dark()).toBeLessThan(0.3);
    // The left and right margins (16 mm each; the outer 5 mm checked) stay empty.
    const strip = Math.round((5 / 25.4) * 60);
    expect(dark({ x: 0, y: 0, width: strip, height: png.height })).toBe(0);
    expect(dark({ x: png.width - strip, y: 0, width: strip, height: png.height })).toBe(0);
  });

  it('is byte-identical across renders: sequential, parallel, from a fresh browser, from another build dir', async () => {
    const elsewhere = makeSite(path.join(tmp, 'another-build-dir'));
    const fresh = await withBrowser(
      async (pool) => [await renderPdf(pool, job()), await renderPdf(pool, { ...job(), htmlPath: elsewhere })],
      { concurrency: 1 },
    );
    const hashes = new Set([...renders, ...fresh].map(sha256));
    expect(hashes.size).toBe(1);
    expect(rawPdfStrings(pdf, 'CreationDate')).toEqual(["D:20260307000000+00'00'"]);
    expect(rawPdfStrings(pdf, 'ModDate')).toEqual(["D:20260307000000+00'00'"]);
  });

  it('replaces a page (and its renderer) after pageUses tasks, with the same bytes from the fresh one', async () => {
    const pages: Page[] = [];
    const bytes: Uint8Array[] = [];
    await withBrowser(
      async (pool) => {
        for (let i = 0; i < 5; i++) {
          pages.push(await pool.use(async (page) => page));
          if (i === 1 || i === 2) bytes.push(await renderPdf(pool, job()));
        }
      },
      { concurrency: 1, pageUses: 3 },
    );
    // Tasks in order: use (page A), use (A), render (A's 3rd: A closes), use (B), render (B), use (B's 3rd: B closes), use (C).
    expect(pages[0]).toBe(pages[1]);
    expect(pages[2]).not.toBe(pages[1]);
    expect(pages[2]).toBe(pages[3]);
    expect(pages[4]).not.toBe(pages[3]);
    expect(pages[0]!.isClosed()).toBe(true);
    expect(new Set([...bytes, pdf].map(sha256)).size).toBe(1);
  });

  it('keeps in-page and web links, and drops links to local files (they would leak the build path)', async () => {
    const links = await pdfLinks(pdf);
    expect(links.filter((l) => l.internal).length).toBe(2); // the two #section links
    expect(links.filter((l) => !l.internal).map((l) => l.url)).toEqual(['https://example.com/privacy']);
    expect(Buffer.from(pdf).includes('file:')).toBe(false);
    expect(Buffer.from(pdf).includes(tmp)).toBe(false);
  });

  describe('bookmark titles', () => {
    let outlinePath: string;
    let outlinePdf: Uint8Array;
    let outlinePdfPath: string;
    const outlineRenders: Uint8Array[] = [];
    let chromiumOwn: Uint8Array; // page.pdf's output as is, for comparison

    beforeAll(async () => {
      outlinePath = path.join(path.dirname(htmlPath), 'outline.html');
      writeFileSync(outlinePath, OUTLINE_FIXTURE);
      await withBrowser(async (pool) => {
        outlineRenders.push(await renderPdf(pool, { ...job(), htmlPath: outlinePath }));
        outlineRenders.push(await renderPdf(pool, { ...job(), htmlPath: outlinePath }));
        outlineRenders.push(...(await Promise.all([renderPdf(pool, { ...job(), htmlPath: outlinePath }), renderPdf(pool, job())])));
        chromiumOwn = await pool.use(async (page) => {
          await page.goto(pathToFileURL(outlinePath).href, { waitUntil: 'load' });
          await page.addStyleTag({ content: '@page { size: A4; margin: 20mm 16mm 18mm 16mm; }' });
          await page.evaluate(() => document.fonts.ready);
          // renderPdf's page size and margins; its header and footer do not move the content.
          return page.pdf({ preferCSSPageSize: true, outline: true, tagged: true });
        });
      });
      outlinePdf = outlineRenders[0]!;
      outlinePdfPath = path.join(tmp, 'outline.pdf');
      writeFileSync(outlinePdfPath, outlinePdf);
    });

    it('the fixture shows what goes wrong in Chromium: spaces lost at wraps, headings at a page top doubled', async () => {
      const titles = outlineTitles(await pdfOutline(chromiumOwn));
      expect(titles).toContain('3. How we use personal information, why we are allowed to useit, and how long we keep it for each of these purposes');
      expect(titles).toContain('六、个人信息的跨境传输六、个人信息的跨境传输');
      expect(titles).toContain('8. Transfers to other countries8. Transfers to other countries');
    });

    it('titles every bookmark with its heading, exactly, in document order', async () => {
      expect(outlineTitles(await pdfOutline(outlinePdf))).toEqual(OUTLINE_HEADINGS);
    });

    it("keeps Chromium's hierarchy and destinations", async () => {
      const outline = await pdfOutline(outlinePdf);
      expect(outlineShape(outline)).toEqual(outlineShape(await pdfOutline(chromiumOwn)));
      expect(outline.map((item) => item.title)).toEqual(['Outline fixture · 大纲测试']);
      const pushed = outline[0]!.children.filter((item) => /^(六|8\.)/.test(item.title));
      expect(pushed.map((item) => item.page)).toEqual([3, 5]); // each at the top of the page after its spacer
      for (const item of pushed) expect(item.top!).toBeGreaterThan(297 * MM - 20 * MM - 10); // within a few points of the content top
    });

    it('leaves a file that poppler and pdfjs read without a complaint, with text, fonts and tags intact', async () => {
      expect(popplerComplaints(outlinePdfPath)).toEqual([]);
      expect(await pdfjsWarnings(outlinePdf)).toEqual([]);
      const text = normalizeSpace(pdfText(outlinePdfPath));
      expect(text).toContain('六、个人信息的跨境传输 这个标题被推到下一页的顶部。');
      expect(pdfFonts(outlinePdfPath).every((f) => f.embedded && f.unicode && /\+NotoSans(SC\w*)?-(Regular|Bold)$/.test(f.name))).toBe(true);
      expect(pdfInfo(outlinePdfPath).tagged).toBe(true);
      // Spliced, not appended: one revision, no stale titles left in the file.
      expect(Buffer.from(outlinePdf).toString('latin1').match(/startxref/g)).toHaveLength(1);
      expect(Buffer.from(outlinePdf).includes('allowed to useit')).toBe(false);
    });

    it('is byte-identical across renders, sequential and parallel', () => {
      expect(new Set(outlineRenders.slice(0, 3).map(sha256)).size).toBe(1);
      expect(sha256(outlineRenders[3]!)).toBe(sha256(pdf)); // the bilingual fixture, rendered alongside
    });
  });

  describe('spaces at line wraps', () => {
    // White space of every kind the page-side fix must leave looking the same: runs of
    // spaces and source line breaks, spaces around <br>, inline elements and their edges,
    // highlighted insertions, centred and right-aligned lines, a list written over several
    // source lines, a nested list, a table cell, an inline block, a nowrap cell, Chinese
    // with a source line break, preformatted text.
    const WRAPS_FIXTURE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Wraps</title>
<link rel="stylesheet" href="fonts.css">
<style>
  body { font-family: 'Noto Sans', 'Noto Sans SC', sans-serif; font-size: 11pt; line-height: 1.5; margin: 0; }
  ins { background: #e6f4ea; text-decoration: underline; } del { background: #fdecea; }
  .c { text-align: center; } .r { text-align: right; } .box { display: inline-block; border: 1px solid; padding: 0 4px; }
  td { border: 1px solid #999; padding: 4px; vertical-align: top; width: 30%; } .nowrap { white-space: nowrap; }
</style>
</head>
<body>
<p>This policy is issued by Yunjian Technology (Hangzhou) Co., Ltd., of 12/F, 398 Wensan Road, Xihu District, Hangzhou, Zhejiang, China. We decide why and how your personal information is processed, and we are responsible for it, wherever the line happens to wrap.</p>
<p>
   Source   white space:   runs of   spaces, a line
   break and <strong> a bold phrase </strong> <em>and emphasis </em> , all collapsed as usual, in a paragraph long enough to wrap several times across the page, and then some more words.<br>  After a line break with spaces around it,<br>
 and again.
</p>
<p>Changes: <ins>words that were added to the text</ins> <del>words that were taken out of it</del> and <ins> spaced </ins>insertions at the edge of a highlighted run, repeated so that a line wraps inside them: <ins>added added added added added added added added added added added added added</ins>.</p>
<p class="c">A centred paragraph whose lines wrap, so that the space hanging at the end of each of its lines must not shift that line sideways by half a space.</p>
<p class="r">A right-aligned paragraph whose lines wrap as well: the space hanging at the end of each line must not shift it by a space.</p>
<ul>
  <li>
    A list item written on several lines of source, with <a href="#x">a link inside it</a> and text after the link that wraps onto the next line.
  </li>
  <li>Item with a nested list after its text, long enough to wrap onto a second line in print, with a few more words
    <ul><li>Nested item</li></ul>
  </li>
</ul>
<table><tr><td>
  A table cell with text on its own source lines that wraps within the narrow column
</td><td class="nowrap">a cell that does not wrap</td><td>short <span class="box">inline block with spaces</span> after it, and more</td></tr></table>
<p>中文段落里有 English words 和中文，
中文在源码中换行，这一段不改。</p>
<pre>  preformatted   text   keeps   its   spaces  </pre>
<p id="x">Target.</p>
</body>
</html>`;
    let fixed: string;
    let raw: string;

    beforeAll(async () => {
      const page = path.join(path.dirname(htmlPath), 'wraps.html');
      writeFileSync(page, WRAPS_FIXTURE);
      const wrapsJob: PdfJob = { ...job(), htmlPath: page, lang: 'en', title: 'Wraps' };
      await withBrowser(async (pool) => {
        fixed = path.join(tmp, 'wraps.pdf');
        writeFileSync(fixed, await renderPdf(pool, wrapsJob));
        raw = path.join(tmp, 'wraps-raw.pdf');
        // Chromium's print of the same page: renderPdf's header, footer and margins, nothing else.
        const bytes = await pool.use(async (p) => {
          await p.goto(pathToFileURL(page).href, { waitUntil: 'load' });
          await p.addStyleTag({ content: pageBoxes(wrapsJob).css });
          await p.evaluate(async (title: string) => {
            document.title = title;
            await document.fonts.ready;
          }, wrapsJob.title);
          return p.pdf({ preferCSSPageSize: true, outline: true, tagged: true, printBackground: true });
        });
        writeFileSync(raw, bytes);
      });
    });

    it('leaves every page looking exactly as Chromium draws it', () => {
      const pages = pdfInfo(raw).pages;
      expect(pdfInfo(fixed).pages).toBe(pages);
      for (let page = 1; page <= pages; page++) {
        const a = decodePng(pdfPagePng(raw, path.join(tmp, `wraps-raw-${page}`), { page, dpi: 100 }));
        const b = decodePng(pdfPagePng(fixed, path.join(tmp, `wraps-fixed-${page}`), { page, dpi: 100 }));
        expect([b.width, b.height]).toEqual([a.width, a.height]);
        expect(Buffer.compare(Buffer.from(a.data), Buffer.from(b.data)), `page ${page}`).toBe(0);
      }
    });

    it('keeps the spaces at the wraps in the tag tree, where Chromium loses them', async () => {
      const { execFileSync } = await import('node:child_process');
      const struct = (file: string) => execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const words = new Set(WRAPS_FIXTURE.replace(/<[^>]+>/g, ' ').match(/[A-Za-z]+/g));
      const merged = (file: string) => (struct(file).match(/"[^"\n]*"/g) ?? []).flatMap((t) => (t.match(/[A-Za-z]+/g) ?? []).filter((w) => !words.has(w)));
      expect(merged(raw).length).toBeGreaterThan(10);
      // Right-aligned lines end at the margin: their hanging space falls outside what Skia draws.
      const lost = merged(fixed);
      expect(lost.length, lost.join(' ')).toBeLessThanOrEqual(3);
      const text = struct(fixed);
      expect(text).toContain('runs of spaces, a line break and ');
      expect(text).toContain('中文段落里有 English words 和中文，');
      expect(text).toContain('  preformatted   text   keeps   its   spaces  ');
    });
  });

  it('reports missing fonts, and a timeout that names the document', async () => {
    const bare = makeSite(path.join(tmp, 'no-fonts'), { withFonts: false });
    await withBrowser(async (pool) => {
      await expect(renderPdf(pool, { ...job(), htmlPath: bare })).rejects.toThrow(PdfRenderError);
      await expect(renderPdf(pool, { ...job(), htmlPath: bare })).rejects.toThrow(/failed to load[\s\S]*noto-sans/);
      // The pool is still usable after a failed job.
      expect(sha256(await renderPdf(pool, job()))).toBe(sha256(pdf));
    });
    await withBrowser(
      async (pool) => {
        const error = await renderPdf(pool, job()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RenderTimeoutError);
        expect((error as Error).message).toContain(htmlPath);
      },
      { timeoutMs: 5 },
    );
  });
});

describe('structure ids', () => {
  // Two table header cells, numbered by Chromium in either order from one run to the next;
  // the ID tree lists them sorted by those numbers, and a data cell names its header.
  const tagged = (first: string, second: string): Buffer => {
    const [low, high] = [first, second].sort();
    const refOf = (key: string) => (key === first ? '1 0 R' : '2 0 R');
    return Buffer.from(
      `1 0 obj\n<</S /TH /ID (node${first})>>\nendobj\n2 0 obj\n<</S /TH /ID (node${second})>>\nendobj\n` +
        `3 0 obj\n<</S /TD /A <</O /Table /Headers [(node${second})]>>>>\nendobj\n` +
        `4 0 obj\n<</Limits [(node${low}) (node${high})]\n/Names [(node${low}) ${refOf(low!)} (node${high}) ${refOf(high!)}]>>\nendobj\n`,
      'latin1',
    );
  };

  it('come out the same whatever order Chromium numbered the cells in, with the ID tree sorted', () => {
    const a = tagged('00000087', '00000112');
    const b = tagged('00000131', '00000090');
    expect(renumberStructIds(a)).toBe(2);
    expect(renumberStructIds(b)).toBe(2);
    expect(a.toString('latin1')).toBe(b.toString('latin1'));
    const text = a.toString('latin1');
    expect(text).toContain('1 0 obj\n<</S /TH /ID (node00000001)>>');
    expect(text).toContain('/Headers [(node00000002)]');
    expect(text).toContain('/Limits [(node00000001) (node00000002)]\n/Names [(node00000001) 1 0 R (node00000002) 2 0 R]');
  });
});

/**
 * A tagged two-page PDF written the way Skia writes one: a running header and footer drawn
 * outside marked content, a table header cell repeated on page 2, a /Strong element, a list
 * item with Lbl and its text directly in the LI, and a link annotation without /Contents.
 * `extra` replaces page 2's content (e.g. with an inline image).
 */
function skiaTaggedPdf(page2?: string): Uint8Array {
  const text = (x: number, y: number, size: number, s: string): string => `BT\n/F1 ${size} Tf\n1 0 0 1 ${x} ${y} Tm\n(${s}) Tj\nET`;
  const marked = (tag: string, mcid: number, body: string): string => `/${tag} <</MCID ${mcid} >>BDC\n${body}\nEMC`;
  const content1 = [
    text(50, 810, 9, 'Running header'),
    marked('TH', 0, text(50, 700, 12, 'Category')),
    marked('P', 1, text(50, 680, 12, 'We are ')),
    marked('Strong', 2, text(100, 680, 12, 'Nimbus Notes')),
    marked('Lbl', 3, text(50, 660, 12, '1.')),
    marked('NonStruct', 4, text(70, 660, 12, 'First item, see ')),
    marked('Link', 5, text(160, 660, 12, 'our privacy page')),
    text(280, 20, 9, 'Page 1 of 2'),
  ].join('\n');
  const content2 = page2 ?? [text(50, 810, 9, 'Running header'), marked('TH', 0, text(50, 780, 12, 'Category')), marked('P', 1, text(50, 760, 12, 'More text')), text(280, 20, 9, 'Page 2 of 2')].join('\n');
  const stream = (body: string): string => `<</Length ${body.length}>> stream\n${body}\nendstream`;
  const objects: Record<number, string> = {
    1: `<</Producer (Skia/PDF m156)\n/Creator (test)\n/Title (Synthetic policy)\n/CreationDate (D:20260307000000+00'00')\n/ModDate (D:20260307000000+00'00')>>`,
    2: `<</Type /Pages\n/Kids [3 0 R 4 0 R]\n/Count 2>>`,
    3: `<</Type /Page\n/Parent 2 0 R\n/MediaBox [0 0 595 842]\n/Resources <</Font <</F1 5 0 R>>>>\n/Contents 6 0 R\n/StructParents 0\n/Annots [8 0 R]\n/Tabs /S>>`,
    4: `<</Type /Page\n/Parent 2 0 R\n/MediaBox [0 0 595 842]\n/Resources <</Font <</F1 5 0 R>>>>\n/Contents 7 0 R\n/StructParents 1\n/Tabs /S>>`,
    5: `<</Type /Font\n/Subtype /Type1\n/BaseFont /Helvetica\n/Encoding /WinAnsiEncoding>>`,
    6: stream(content1),
    7: stream(content2),
    8: `<</Type /Annot\n/Subtype /Link\n/F 4\n/Border [0 0 0]\n/Rect [160 655 260 672]\n/A <</Type /Action\n/S /URI\n/URI (https://example.com/privacy)>>\n/StructParent 2>>`,
    9: `<</Type /StructTreeRoot\n/K 10 0 R\n/ParentTreeNextKey 3\n/ParentTree 20 0 R>>`,
    10: `<</Type /StructElem\n/S /Document\n/P 9 0 R\n/K [11 0 R 14 0 R 16 0 R 21 0 R]>>`,
    11: `<</Type /StructElem\n/S /Table\n/P 10 0 R\n/K [12 0 R]>>`,
    12: `<</Type /StructElem\n/S /TR\n/P 11 0 R\n/K [13 0 R]>>`,
    13: `<</Type /StructElem\n/S /TH\n/P 12 0 R\n/Pg 3 0 R\n/K [0 <</Type /MCR\n/MCID 0\n/Pg 4 0 R>>]>>`,
    14: `<</Type /StructElem\n/S /P\n/P 10 0 R\n/Pg 3 0 R\n/K [1 15 0 R]>>`,
    15: `<</Type /StructElem\n/S /Strong\n/P 14 0 R\n/Pg 3 0 R\n/K 2>>`,
    16: `<</Type /StructElem\n/S /L\n/P 10 0 R\n/K [17 0 R]>>`,
    17: `<</Type /StructElem\n/S /LI\n/P 16 0 R\n/K [18 0 R 19 0 R 22 0 R]>>`,
    18: `<</Type /StructElem\n/S /Lbl\n/P 17 0 R\n/Pg 3 0 R\n/K 3>>`,
    19: `<</Type /StructElem\n/S /NonStruct\n/P 17 0 R\n/Pg 3 0 R\n/K 4>>`,
    20: `<</Type /ParentTree\n/Nums [0 23 0 R 1 24 0 R 2 22 0 R]>>`,
    21: `<</Type /StructElem\n/S /P\n/P 10 0 R\n/Pg 4 0 R\n/K 1>>`,
    22: `<</Type /StructElem\n/S /Link\n/P 17 0 R\n/Pg 3 0 R\n/K [5 <</Type /OBJR\n/Obj 8 0 R\n/Pg 3 0 R>>]>>`,
    23: `[13 0 R 14 0 R 15 0 R 18 0 R 19 0 R 22 0 R]`,
    24: `[13 0 R 21 0 R]`,
    25: `<</Type /Catalog\n/Pages 2 0 R\n/MarkInfo <</Type /MarkInfo\n/Marked true>>\n/StructTreeRoot 9 0 R\n/Lang (en)>>`,
  };
  let file = '%PDF-1.4\n%\xd3\xeb\xe9\xe1\n';
  const offsets: number[] = [];
  for (let n = 1; n <= 25; n++) {
    offsets.push(file.length);
    file += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const xref = file.length;
  file += `xref\n0 26\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  file += `trailer\n<</Size 26\n/Root 25 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
  return new Uint8Array(Buffer.from(file, 'latin1'));
}

/** pdf.js's view of a page: its structure tree (roles, role map applied) and which text is an artifact. */
async function pdfjsPages(pdf: Uint8Array): Promise<Array<{ roles: string; artifacts: string[]; tagged: string[]; untagged: string[]; links: string[] }>> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      type Node = { role?: string; type?: string; children?: Node[] };
      const show = (node: Node): string => (node.role ? `${node.role}(${(node.children ?? []).map(show).filter(Boolean).join(' ')})` : '');
      const roles = show((await page.getStructTree()) as Node);
      const open: string[] = [];
      const artifacts: string[] = [];
      const tagged: string[] = [];
      const untagged: string[] = [];
      for (const item of (await page.getTextContent({ includeMarkedContent: true })).items as Array<{ type?: string; tag?: string; str?: string }>) {
        if (item.type?.startsWith('beginMarkedContent')) open.push(item.tag ?? '');
        else if (item.type === 'endMarkedContent') open.pop();
        else if (item.str?.trim()) (open.length === 0 ? untagged : open.includes('Artifact') ? artifacts : tagged).push(item.str);
      }
      const links = ((await page.getAnnotations()) as Array<{ subtype: string; contentsObj?: { str?: string } }>).filter((a) => a.subtype === 'Link').map((a) => a.contentsObj?.str ?? '');
      pages.push({ roles, artifacts, tagged, untagged, links });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** pdf.js's warnings, but for the one about the fixture's standard font, which it does not embed. */
async function pdfjsComplaints(pdf: Uint8Array): Promise<string[]> {
  return (await pdfjsWarnings(pdf)).filter((warning) => !/standardFontDataUrl/.test(warning));
}

describe('PDF/UA fix-ups (no browser needed)', () => {
  const meta = { title: 'Nimbus Notes · Privacy Policy', lang: 'en', fixedDate: '2026-03-07' };
  const links = [{ text: 'our privacy page', href: 'https://example.com/privacy', fragment: null, target: '' }];

  it('the input is what Chromium writes: no metadata, header and footer untagged, /Strong unmapped, the header cell twice, LI without LBody', async () => {
    const pages = await pdfjsPages(skiaTaggedPdf());
    expect(pages[0]!.untagged).toEqual(['Running header', 'Page 1 of 2']);
    expect(pages[0]!.roles).toContain('LI(Lbl() NonStruct() Link())');
    expect(pages[1]!.roles).toContain('TH()');
    expect(pages[0]!.links).toEqual(['']);
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: skiaTaggedPdf(), verbosity: 0 }).promise;
    expect((await doc.getMetadata()).metadata).toBeNull();
    await doc.destroy();
  });

  it('adds XMP metadata, marks the header and footer as artifacts, maps /Strong, wraps list bodies, tags a repeated header once, and gives links /Contents', async () => {
    const { pdf, report } = makePdfAccessible(skiaTaggedPdf(), { ...meta, links });
    expect(report).toEqual({
      artifacts: { Header: 2, Footer: 2, other: 0 },
      unreadPages: 0,
      roleMap: { Strong: 'Span' },
      listBodies: 1,
      repeatedHeaders: 1,
      linkContents: { total: 1, matched: 1 },
    });
    const pages = await pdfjsPages(pdf);
    expect(pages.map((p) => p.untagged)).toEqual([[], []]);
    expect(pages.map((p) => p.artifacts)).toEqual([
      ['Running header', 'Page 1 of 2'],
      ['Running header', 'Category', 'Page 2 of 2'],
    ]);
    expect(pages[0]!.tagged).toEqual(['Category', 'We are', 'Nimbus Notes', '1.', 'First item, see', 'our privacy page']);
    expect(pages[0]!.roles).toContain('P(Span())');
    expect(pages[0]!.roles).toContain('LI(Lbl() LBody(NonStruct() Link()))');
    expect(pages[1]!.roles).not.toContain('TH');
    expect(pages[0]!.links).toEqual(['our privacy page']);

    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: pdf.slice(), verbosity: 0 }).promise;
    const metadata = (await doc.getMetadata()).metadata!;
    expect([metadata.get('pdfuaid:part'), metadata.get('dc:title'), metadata.get('dc:language'), metadata.get('xmp:createdate')]).toEqual(['1', meta.title, 'en', '2026-03-07T00:00:00Z']);
    expect(await doc.getViewerPreferences()).toEqual({ DisplayDocTitle: true });
    await doc.destroy();
    const text = Buffer.from(pdf).toString('latin1');
    expect(text.startsWith('%PDF-1.7\n')).toBe(true);
    expect(text).toContain('/RoleMap <</Strong /Span>>');
    expect(await pdfjsComplaints(pdf)).toEqual([]);
    if (hasPoppler() || browserRequired) {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'policygen-pdfua-unit-')), 'fixed.pdf');
      writeFileSync(file, pdf);
      expect(popplerComplaints(file)).toEqual([]);
      const { execFileSync } = await import('node:child_process');
      const struct = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(struct.match(/"Category"/g)).toHaveLength(1);
      expect(struct).toContain('"Nimbus Notes"');
      rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('is deterministic, and writes the same bytes for the same input', () => {
    const a = makePdfAccessible(skiaTaggedPdf(), { ...meta, links }).pdf;
    const b = makePdfAccessible(skiaTaggedPdf(), { ...meta, links }).pdf;
    expect(sha256(a)).toBe(sha256(b));
  });

  it("takes a link's /Contents from its URL when the page's links do not line up with the tags", async () => {
    const wrong = [{ text: 'somewhere else', href: 'https://example.com/other', fragment: null, target: '' }];
    const { pdf, report } = makePdfAccessible(skiaTaggedPdf(), { ...meta, links: wrong });
    expect(report.linkContents).toEqual({ total: 1, matched: 0 });
    expect((await pdfjsPages(pdf))[0]!.links).toEqual(['https://example.com/privacy']);
  });

  it('leaves a content stream it does not read (an inline image) as it was, and still fixes the rest', async () => {
    const page2 = 'q 10 0 0 10 50 50 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q';
    const { pdf, report } = makePdfAccessible(skiaTaggedPdf(page2), { ...meta, links });
    expect(report.unreadPages).toBe(1);
    expect(report.artifacts).toEqual({ Header: 1, Footer: 1, other: 0 });
    expect(Buffer.from(pdf).toString('latin1')).toContain(page2);
    expect(await pdfjsComplaints(pdf)).toEqual([]);
  });

  it('writes XMP that escapes the title', () => {
    const xmp = xmpMetadata({ title: 'A & B <"C">', lang: 'zh-CN', fixedDate: '2026-03-07' });
    expect(xmp).toContain('<rdf:li xml:lang="x-default">A &#38; B &#60;&#34;C&#34;&#62;</rdf:li>');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).not.toContain('pdf:Producer');
  });
});
