// PDF stage: render a bilingual fixture with the real browser, then read the PDF back.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserNotFoundError, findChromium, RenderTimeoutError, withBrowser } from '../src/render/browser.js';
import { fontFaceCss, fontFiles } from '../src/render/fonts.js';
import { buildTemplates, PdfRenderError, renderPdf, stampPdfDates, type PdfJob } from '../src/render/pdf.js';
import {
  hasPoppler,
  normalizeSpace,
  outlineTitles,
  pdfFonts,
  pdfInfo,
  pdfLinks,
  pdfOutline,
  pdfPagePng,
  pdfText,
  rawPdfStrings,
  sha256,
} from './helpers/pdf-readback.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/pdf/bilingual.html', import.meta.url));
const MM = 72 / 25.4; // PDF points per millimetre

/**
 * A site laid out like output/: `<root>/acme/zh-CN/index.html` (the fixture) with its
 * fonts.css, and the fonts in `<root>/assets/fonts/`, referenced as `../../assets/fonts/`.
 */
function makeSite(root: string, { withFonts = true } = {}): string {
  const pageDir = path.join(root, 'acme', 'zh-CN');
  const fontDir = path.join(root, 'assets', 'fonts');
  mkdirSync(pageDir, { recursive: true });
  mkdirSync(fontDir, { recursive: true });
  if (withFonts) for (const font of fontFiles()) copyFileSync(font.absPath, path.join(fontDir, font.name));
  writeFileSync(path.join(pageDir, 'fonts.css'), fontFaceCss('../../assets/fonts/'));
  const htmlPath = path.join(pageDir, 'index.html');
  copyFileSync(FIXTURE, htmlPath);
  return htmlPath;
}

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

describe('header/footer templates and dates (no browser needed)', () => {
  it('escapes HTML in the title and stamp', () => {
    const { headerTemplate } = buildTemplates({ lang: 'en', title: '<img src=x onerror=alert(1)> & "Q"', stampLabel: '<b>v3</b>' });
    expect(headerTemplate).not.toContain('<img');
    expect(headerTemplate).not.toContain('<b>');
    expect(headerTemplate).toContain('&#60;img src=x onerror=alert(1)&#62; &#38; &#34;Q&#34;');
  });

  it('puts both page labels in the footer by default', () => {
    const { footerTemplate } = buildTemplates({ lang: 'en', title: 't', stampLabel: 's' });
    const text = footerTemplate.replace(/<style>[\s\S]*<\/style>/, '').replace(/<span class="pageNumber"><\/span>/g, 'N').replace(/<span class="totalPages"><\/span>/g, 'M').replace(/<[^>]+>/g, '');
    expect(text).toBe('第 N 页 / 共 M 页 · Page N of M');
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

  it('explains how to get a browser', () => {
    const message = new BrowserNotFoundError().message;
    expect(message).toContain('PUPPETEER_EXECUTABLE_PATH');
    expect(message).toContain('apt-get install chromium');
    expect(message).toContain('npx puppeteer browsers install chrome');
  });
});

const chromium = findChromium();
const poppler = hasPoppler();
const skipReason = !chromium
  ? ' (SKIPPED: no Chromium found; set PUPPETEER_EXECUTABLE_PATH or run `node scripts/setup.mjs --for-tests`)'
  : !poppler
    ? ' (SKIPPED: poppler-utils missing; run `node scripts/setup.mjs --for-tests` or apt-get install poppler-utils)'
    : '';

// CI can insist on a browser (POLICYGEN_REQUIRE_BROWSER=1): then a missing one fails instead of skipping.
const skipPdf = skipReason !== '' && process.env.POLICYGEN_REQUIRE_BROWSER !== '1';
if (skipPdf) console.warn(`test/pdf.test.ts: PDF tests${skipReason}`);

describe.skipIf(skipPdf)(`renderPdf with a real Chromium${skipReason}`, () => {
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

  it('renders page 1 to an image (for a person to look at)', () => {
    const png = pdfPagePng(pdfPath, path.join(tmp, 'page1'), { dpi: 60 });
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
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

  it('keeps in-page and web links, and drops links to local files (they would leak the build path)', async () => {
    const links = await pdfLinks(pdf);
    expect(links.filter((l) => l.internal).length).toBe(2); // the two #section links
    expect(links.filter((l) => !l.internal).map((l) => l.url)).toEqual(['https://example.com/privacy']);
    expect(Buffer.from(pdf).includes('file:')).toBe(false);
    expect(Buffer.from(pdf).includes(tmp)).toBe(false);
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
