/**
 * The built example as a reader gets it: PDFs read back, HTML opened in headless
 * Chromium, and two builds compared byte for byte.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { build, type BuildReport } from '../src/pipeline/build.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { launchArgs } from '../src/render/browser.js';
import { chromium, describeWith } from './helpers/browser.js';
import { outlineTitles, pdfFonts, pdfInfo, pdfOutline, pdfText } from './helpers/pdf-readback.js';

const example = join(PACKAGE_ROOT, 'data', 'example.yaml');
/** The example (PIPL with four other laws) publishes a China document and a global document. */
const DOCUMENTS = ['china', 'global'] as const;
const TITLES = {
  china: { 'zh-CN': '隐私政策（中国大陆）', en: 'Privacy Policy (Mainland China)' },
  global: { 'zh-CN': '隐私政策（中国大陆以外地区）', en: 'Privacy Policy (Outside Mainland China)' },
} as const;
/** A page's <title>: the company as readers know it (its short name) and the document. */
const PAGE_TITLES = {
  china: { 'zh-CN': '云笺 · 隐私政策（中国大陆）', en: 'Nimbus Notes · Privacy Policy (Mainland China)' },
  global: { 'zh-CN': '云笺 · 隐私政策（中国大陆以外地区）', en: 'Nimbus Notes · Privacy Policy (Outside Mainland China)' },
} as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describeWith({}, 'built example (needs Chromium)', () => {
  let out: string;
  let report: BuildReport;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'policygen-out-'));
    report = await build([example], { outDir: out });
  });

  it('builds every format of both languages and lists them in the manifest', () => {
    expect(report.diagnostics).toEqual([]);
    expect(report.ok).toBe(true);
    const files = filesUnder(join(out, 'example'));
    // Each document's pages in each language (the China document's lists beside them are china-lists.test's).
    expect(files.filter((f) => f === 'index.html' || /^[^/]+\/[^/]+\/(?:index\.html|policy\.md|policy\.pdf)$/.test(f))).toEqual(
      ['index.html', ...DOCUMENTS.flatMap((doc) => ['en', 'zh-CN'].flatMap((locale) => ['index.html', 'policy.md', 'policy.pdf'].map((name) => `${doc}/${locale}/${name}`)))].sort(),
    );
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    // Compared sorted: the manifest lists each folder in localeCompare order, and app/PrivacyInfo.xcprivacy (Apple's name) is the one capitalised file.
    expect(manifest.policies.example.artifacts.map((a: { path: string }) => a.path).sort()).toEqual(files.map((f) => `example/${f}`));
  });

  describeWith({ poppler: true }, 'PDFs read back', () => {
    const names = { 'zh-CN': '云笺科技（杭州）有限公司', en: 'Yunjian Technology (Hangzhou) Co., Ltd.' };
    for (const [doc, locale] of DOCUMENTS.flatMap((d) => (['zh-CN', 'en'] as const).map((l) => [d, l] as const))) {
      it(`${doc}/${locale}: text, CJK font, A4 pages, outline, header and footer`, async () => {
        const pdf = join(out, 'example', doc, locale, 'policy.pdf');
        const text = pdfText(pdf).replace(/\s+/g, ' ');
        expect(text).toContain(names[locale]);
        expect(text).toContain(TITLES[doc][locale]);
        expect(text).toContain(locale === 'zh-CN' ? '最后更新：2026年3月7日' : 'Last updated: March 7, 2026');
        // The footer in the page's own language only.
        expect(text).toMatch(locale === 'zh-CN' ? /第 1 页 \/ 共 \d+ 页/ : /Page 1 of \d+/);
        expect(text).not.toMatch(locale === 'zh-CN' ? /Page 1 of/ : /第 1 页/);
        const fonts = pdfFonts(pdf);
        expect(fonts.some((f) => /NotoSansSC/.test(f.name) && f.type === 'CID TrueType' && f.embedded)).toBe(true);
        expect(fonts.filter((f) => f.type === 'Type 3')).toEqual([]);
        const info = pdfInfo(pdf);
        expect(info.pages).toBeGreaterThan(3);
        expect(info.pageSize.name).toMatch(/A4/);
        expect(info.tagged).toBe(true);
        const titles = outlineTitles(await pdfOutline(pdf));
        const headings = readFileSync(join(out, 'example', doc, locale, 'policy.md'), 'utf8').split('\n').filter((l) => /^#{2,6} /.test(l)).map((l) => l.replace(/^#+ /, '').replace(/ <a id="[^"]+"><\/a>$/, ''));
        for (const heading of headings) expect(titles).toContain(heading);
      });
    }
  });

  describe('HTML in headless Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await puppeteer.launch({ executablePath: chromium!.path, headless: true, args: [...launchArgs] });
    });
    afterAll(async () => browser?.close());

    async function open(file: string, width = 1200) {
      const page = await browser.newPage();
      await page.setViewport({ width, height: 900 });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(String(e)));
      page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      return { page, problems, requests };
    }

    for (const [doc, locale, other] of DOCUMENTS.flatMap((d) =>
      (
        [
          ['zh-CN', 'en'],
          ['en', 'zh-CN'],
        ] as const
      ).map(([l, o]) => [d, l, o] as const),
    )) {
      it(`${doc}/${locale}: lang, no errors, local requests only, table of contents resolves, language link works`, async () => {
        const { page, problems, requests } = await open(join(out, 'example', doc, locale, 'index.html'));
        expect(problems).toEqual([]);
        expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
        expect(await page.title()).toBe(PAGE_TITLES[doc][locale]);
        const toc = await page.$$eval('nav.toc a', (links) => links.map((a) => ({ href: a.getAttribute('href')!, target: Boolean(document.getElementById(a.getAttribute('href')!.slice(1))) })));
        const headingCount = readFileSync(join(out, 'example', doc, locale, 'policy.md'), 'utf8').split('\n').filter((l) => /^#{2,6} /.test(l)).length;
        expect(toc.length).toBe(headingCount);
        expect(toc.filter((l) => !l.target)).toEqual([]);
        // Cross-references in the text resolve too.
        const refs = await page.$$eval('main a[href^="#"]', (links) => links.map((a) => Boolean(document.getElementById(a.getAttribute('href')!.slice(1)))));
        expect(refs.length).toBeGreaterThan(3);
        expect(refs.every(Boolean)).toBe(true);
        // The Chinese and Latin fonts actually loaded from output/assets.
        expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans SC"', '隐私'))).toBe(true);
        await Promise.all([page.waitForNavigation(), page.click(`nav.languages a[hreflang="${other}"]`)]);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(other);
        expect(await page.title()).toBe(PAGE_TITLES[doc][other]);
        await page.close();
      });
    }

    it('fits a phone screen without sideways scrolling of the page', async () => {
      for (const doc of DOCUMENTS) {
        const { page } = await open(join(out, 'example', doc, 'en', 'index.html'), 375);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, doc).toBeLessThanOrEqual(0);
        await page.close();
      }
    });

    it('the index page links both languages of each document', async () => {
      const { page, problems } = await open(join(out, 'example', 'index.html'));
      expect(problems).toEqual([]);
      const links = await page.$$eval('a.policy-link', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(links.map((l) => l.split('/example/')[1])).toEqual(['china/zh-CN/index.html', 'china/en/index.html', 'global/zh-CN/index.html', 'global/en/index.html']);
      await page.close();
    });

    it('a <script> company name renders as text and runs nothing', async () => {
      const data = parseYaml(readFileSync(example, 'utf8'));
      const payload = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">';
      data.controller.name = { 'zh-CN': `${payload}公司`, en: payload };
      data.controller.short_name = { 'zh-CN': `${payload}公司`, en: payload };
      const dir = mkdtempSync(join(tmpdir(), 'policygen-hostile-'));
      const file = join(dir, 'hostile.yaml');
      writeFileSync(file, stringifyYaml(data));
      const hostile = await build([file], { outDir: join(dir, 'out'), formats: ['md', 'html'] });
      expect(hostile.ok).toBe(true);
      for (const at of DOCUMENTS.flatMap((doc) => ['zh-CN', 'en'].map((locale) => join(doc, locale)))) {
        const { page, problems } = await open(join(dir, 'out', 'hostile', at, 'index.html'));
        expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
        expect(await page.evaluate(() => document.querySelectorAll('script, main img').length)).toBe(0);
        expect(await page.evaluate(() => document.querySelector('main')!.textContent)).toContain(payload);
        expect(problems).toEqual([]);
        await page.close();
      }
    });
  });

  it('two builds are byte-identical (Markdown, HTML, PDF)', async () => {
    const second = mkdtempSync(join(tmpdir(), 'policygen-out2-'));
    const again = await build([example], { outDir: second, concurrency: 1 });
    expect(again.ok).toBe(true);
    const a = filesUnder(out);
    expect(filesUnder(second)).toEqual(a);
    const differing = a.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(second, f))));
    expect(differing).toEqual([]);
    // Every PDF compared, and the policies' are whole documents (the China lists' one-page PDFs are smaller).
    expect(a.filter((f) => f.endsWith('/policy.pdf'))).toHaveLength(4);
    expect(a.filter((f) => f.endsWith('/policy.pdf')).every((f) => statSync(join(out, f)).size > 50_000)).toBe(true);
  });
});
