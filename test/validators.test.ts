/**
 * The published pages, checked by validators nobody here wrote, on the example and on a
 * history released twice (archive, archived pages, notices, redlines): the W3C Nu HTML
 * checker (vnu-jar) on every HTML page, and axe-core in headless Chromium at 1280 and
 * 390 px. Each reports 0 problems, and a page broken on purpose proves that each can fail.
 *
 * Beside them, what the validators do not look at: at 390 px no page scrolls sideways and
 * every table row is a card whose cells carry their column's header (the header row still
 * there for screen readers); the skip links land where they say; every page kind's <title>
 * ("<company> · <document> (version N)"); a 300-character word wraps on the page without
 * cutting the table's other words, and the PDF keeps its size.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AxePuppeteer } from '@axe-core/puppeteer';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { build } from '../src/pipeline/build.js';
import { release } from '../src/pipeline/release.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { launchArgs } from '../src/render/browser.js';
import { chromium, describeWith } from './helpers/browser.js';
import { library } from './helpers/library.js';
import { pdfInfo, pdfWords } from './helpers/pdf-readback.js';

const EXAMPLE = join(PACKAGE_ROOT, 'data', 'example.yaml');
/** The checker's jar, from the vnu-jar package (its main export is the jar's path). */
const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'));

const scratch = mkdtempSync(join(tmpdir(), 'policygen-validators-'));

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    // Pages only: the embeddable fragment (policy.fragment.html) is checked inside a host page by fragment.test.ts.
    .filter((e) => e.isFile() && e.name.endsWith('.html') && !e.name.endsWith('.fragment.html'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function editYaml(file: string, change: (data: Record<string, any>) => void): void {
  const data = parseYaml(readFileSync(file, 'utf8')) as Record<string, any>;
  change(data);
  writeFileSync(file, stringifyYaml(data));
}

interface Outputs {
  /** output/example: the example as built (china/ and global/, the China lists, index.html). */
  example: string;
  /** output/acme: the example released twice (v2 keeps account details longer), with its archive. */
  history: string;
}

let built: Promise<Outputs> | undefined;
/** Both outputs, built once for every suite here (Markdown and HTML; the PDFs are other tests'). */
function outputs(): Promise<Outputs> {
  built ??= (async () => {
    const out = join(scratch, 'out');
    const example = await build([EXAMPLE], { outDir: out, formats: ['md', 'html'] });
    expect(example.diagnostics).toEqual([]);
    const dir = join(scratch, 'history');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'acme.yaml');
    cpSync(EXAMPLE, file);
    const lib = await library();
    const first = await release(file, { date: '2026-03-07', library: lib, note: { 'zh-CN': '首次发布。', en: 'First release.' } });
    expect(first.status).toBe('released');
    editYaml(file, (d) => {
      d.data_categories[0].retention.period = '10 years';
    });
    const second = await release(file, { date: '2026-04-01', library: lib, note: { 'zh-CN': '延长了账号信息的保存期限。', en: 'We keep account details longer.' } });
    expect(second.status).toBe('released');
    const history = await build([file], { outDir: out, formats: ['md', 'html'] });
    expect(history.diagnostics).toEqual([]);
    return { example: join(out, 'example'), history: join(out, 'acme') };
  })();
  return built;
}

// ---------------------------------------------------------------------------------------
// The W3C Nu checker

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
}

/** vnu on the files, errors only: every message it prints, as `file:line: message`. */
function vnu(files: readonly string[]): string[] {
  const run = spawnSync('java', ['-jar', VNU_JAR, '--errors-only', '--format', 'json', '--stdout', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
  if (run.error) throw run.error;
  let report: { messages: VnuMessage[] };
  try {
    report = JSON.parse(run.stdout) as { messages: VnuMessage[] };
  } catch {
    throw new Error(`vnu printed no JSON (exit ${run.status}): ${run.stdout.slice(0, 500)} ${run.stderr.slice(0, 500)}`);
  }
  return report.messages.map((m) => `${m.url ? relative(scratch, decodeURIComponent(new URL(m.url).pathname)) : '?'}:${m.lastLine ?? '?'}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}`);
}

describeWith({ browser: false, java: true }, 'the W3C Nu checker (vnu-jar, needs Java)', () => {
  let files: string[];
  beforeAll(async () => {
    const { example, history } = await outputs();
    files = [...htmlFiles(example), ...htmlFiles(history)];
  }, 120_000);

  it('reports 0 errors on every HTML page of the example and of a history released twice', () => {
    // Every page kind is among them, so 0 errors is not 0 pages.
    const rel = files.map((f) => relative(scratch, f));
    for (const kind of [
      /^out\/example\/index\.html$/,
      /^out\/example\/(china|global)\/(zh-CN|en)\/index\.html$/,
      /^out\/example\/china\/(zh-CN|en)\/(collection|sharing|permissions)-list\.html$/,
      /^out\/acme\/(china|global)\/versions\/index\.html$/,
      /^out\/acme\/(china|global)\/versions\/[12]\/(zh-CN|en)\/index\.html$/,
      /^out\/acme\/(china|global)\/versions\/[12]\/(zh-CN|en)\/notice\.html$/,
      /^out\/acme\/(china|global)\/versions\/2\/(zh-CN|en)\/redline\.html$/,
    ]) {
      expect(rel.some((f) => kind.test(f)), String(kind)).toBe(true);
    }
    expect(files.length).toBe(11 + 33);
    expect(vnu(files)).toEqual([]);
  }, 300_000);

  it('can fail: an image without alt text and a duplicate id in a real page are errors', () => {
    const page = readFileSync(files.find((f) => f.endsWith(join('example', 'global', 'en', 'index.html')))!, 'utf8');
    const broken = join(scratch, 'broken-vnu.html');
    writeFileSync(broken, page.replace('<main id="main">', '<main id="main">\n<p id="table-of-contents"><img src="logo.png"></p>'));
    const messages = vnu([broken]);
    expect(messages.some((m) => /\balt\b/.test(m)), messages.join('\n')).toBe(true);
    expect(messages.some((m) => /Duplicate ID “table-of-contents”/.test(m)), messages.join('\n')).toBe(true);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------
// Chromium: axe-core, phones, keyboards, titles

const WIDTHS = [1280, 390] as const;

/** The pages axe checks: each kind, in both documents and languages where they differ. */
const AXE_PAGES: Array<[output: keyof Outputs, at: string]> = [
  ['example', 'china/zh-CN/index.html'],
  ['example', 'china/en/index.html'],
  ['example', 'global/zh-CN/index.html'],
  ['example', 'global/en/index.html'],
  ['example', 'china/zh-CN/collection-list.html'],
  ['example', 'china/en/sharing-list.html'],
  ['example', 'index.html'],
  ['history', 'china/versions/index.html'],
  ['history', 'china/versions/1/zh-CN/index.html'],
  ['history', 'global/versions/2/en/index.html'],
  ['history', 'china/versions/2/zh-CN/notice.html'],
  ['history', 'global/versions/2/en/notice.html'],
  ['history', 'china/versions/2/zh-CN/redline.html'],
  ['history', 'global/versions/2/en/redline.html'],
];

describeWith({}, 'pages in Chromium (axe-core at 1280 and 390 px, phones, keyboards, titles)', () => {
  let browser: Browser;
  let out: Outputs;
  beforeAll(async () => {
    out = await outputs();
    browser = await puppeteer.launch({ executablePath: chromium!.path, headless: true, args: [...launchArgs] });
  }, 120_000);
  afterAll(async () => browser?.close());

  async function open(file: string, width: number, css?: string): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewport({ width, height: 844 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    if (css) await page.addStyleTag({ content: css });
    await page.evaluate(() => document.fonts.ready);
    return page;
  }

  /** axe's violations (all rules it runs by default), one line each: id, impact, where. */
  async function axe(page: Page): Promise<string[]> {
    const result = await new AxePuppeteer(page).analyze();
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  for (const [output, at] of AXE_PAGES) {
    it(`axe-core: ${output}/${at} has no violations at 1280 and 390 px`, async () => {
      for (const width of WIDTHS) {
        const page = await open(join(out[output], at), width);
        expect(await axe(page), `${at} at ${width} px`).toEqual([]);
        await page.close();
      }
    }, 120_000);
  }

  it('axe-core can fail: the badge in its old green (3.44:1) and table boxes that scroll but cannot be focused', async () => {
    const index = await open(join(out.history, 'china', 'versions', 'index.html'), 1280, '.version-list .current { background: #2f9e44 !important; }');
    expect((await axe(index)).filter((v) => v.startsWith('color-contrast'))).toHaveLength(1);
    await index.close();
    const policy = await open(join(out.example, 'global', 'en', 'index.html'), 1280, '.table-wrap table { min-width: 1600px; }');
    expect(await axe(policy)).toEqual([]);
    await policy.evaluate(() => document.querySelectorAll('.table-wrap').forEach((wrap) => wrap.removeAttribute('tabindex')));
    expect((await axe(policy)).filter((v) => v.startsWith('scrollable-region-focusable'))).toHaveLength(1);
    await policy.close();
  }, 120_000);

  /** Pages with tables at 390 px: every kind that has them. */
  const PHONE_PAGES: Array<[output: keyof Outputs, at: string]> = [
    ['example', 'china/zh-CN/index.html'],
    ['example', 'global/en/index.html'],
    ['example', 'china/en/sharing-list.html'],
    ['example', 'china/zh-CN/collection-list.html'],
    ['example', 'index.html'],
    ['history', 'china/versions/index.html'],
    ['history', 'global/versions/1/zh-CN/index.html'],
    ['history', 'global/versions/2/en/notice.html'],
    ['history', 'global/versions/2/en/redline.html'],
    ['history', 'china/versions/2/zh-CN/redline.html'],
  ];

  it('at 390 px nothing scrolls sideways: every table row is a card, each cell showing its column header', async () => {
    let cards = 0;
    for (const [output, at] of PHONE_PAGES) {
      const page = await open(join(out[output], at), 390);
      const seen = await page.evaluate(() => {
        const wraps = [...document.querySelectorAll<HTMLElement>('.table-wrap')];
        const cells = [...document.querySelectorAll<HTMLElement>('.table-wrap td')];
        return {
          pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          // A table box wider inside than outside would hide columns.
          hidden: wraps.filter((w) => w.scrollWidth > w.clientWidth).map((w) => w.getAttribute('aria-label')),
          rows: [...document.querySelectorAll('.table-wrap tbody tr')].filter((tr) => getComputedStyle(tr).display === 'block').length,
          allRows: document.querySelectorAll('.table-wrap tbody tr').length,
          // The label drawn above each cell is its column's header.
          labels: cells.map((td) => {
            const table = td.closest('table')!;
            const header = table.querySelectorAll('thead th')[[...td.parentElement!.children].indexOf(td)]?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
            return { header, label: td.dataset.label ?? '', drawn: getComputedStyle(td, '::before').content };
          }),
        };
      });
      expect(seen.pageOverflow, at).toBeLessThanOrEqual(0);
      expect(seen.hidden, at).toEqual([]);
      expect(seen.rows, at).toBe(seen.allRows);
      for (const { header, label, drawn } of seen.labels) {
        expect(label, at).toBe(header);
        if (header) expect(drawn, at).toContain(JSON.stringify(header).slice(1, -1));
      }
      cards += seen.rows;
      await page.close();
    }
    // The policy pages, lists and redlines have many rows; the index and notices none.
    expect(cards).toBeGreaterThan(50);
  }, 180_000);

  it('a card keeps the table for screen readers: column headers announced once, the drawn label not read again', async () => {
    const page = await open(join(out.example, 'global', 'en', 'index.html'), 390);
    const wraps = await page.$$('.table-wrap');
    const recipients = wraps[await page.evaluate(() => [...document.querySelectorAll('.table-wrap')].findIndex((w) => w.getAttribute('aria-label')?.endsWith('· Recipient')))]!;
    const tree = await page.accessibility.snapshot({ root: recipients, interestingOnly: false });
    const all: Array<{ role: string; name?: string }> = [];
    const walk = (node: { role: string; name?: string; children?: unknown[] } | null) => {
      if (!node) return;
      all.push(node);
      for (const child of (node.children ?? []) as Array<typeof node>) walk(child);
    };
    walk(tree);
    expect(tree?.role).toBe('region');
    expect(tree?.name).toBe('7. Who receives personal information · Recipient');
    expect(all.some((n) => n.role === 'table')).toBe(true);
    expect(all.filter((n) => n.role === 'columnheader').map((n) => n.name)).toEqual(['Recipient', 'Role', 'What they do', 'Location', 'Data involved']);
    const cells = all.filter((n) => n.role === 'cell');
    expect(cells.length).toBeGreaterThan(5);
    expect(cells.filter((c) => /^(Recipient|Role|What they do|Location|Data involved)/.test(c.name ?? ''))).toEqual([]);
    await page.close();
  }, 60_000);

  it('at 1280 px tables are tables, in boxes the keyboard reaches, each named and named once', async () => {
    for (const at of ['china/zh-CN/index.html', 'global/en/index.html']) {
      const page = await open(join(out.example, at), 1280);
      const boxes = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.table-wrap')].map((w) => ({
          role: w.getAttribute('role'),
          tabIndex: w.tabIndex,
          name: w.getAttribute('aria-label') ?? '',
          display: getComputedStyle(w.querySelector('table')!).display,
          label: getComputedStyle(w.querySelector('td')!, '::before').content,
        })),
      );
      expect(boxes.length).toBeGreaterThan(5);
      for (const box of boxes) expect(box, at).toMatchObject({ role: 'region', tabIndex: 0, display: 'table', label: 'none' });
      const names = boxes.map((b) => b.name);
      expect(names.every(Boolean), at).toBe(true);
      // Unique among themselves and beside the key-facts section's own name.
      const keyFacts = await page.evaluate(() => document.getElementById('key-facts-title')!.textContent!);
      expect(new Set([...names, keyFacts]).size, at).toBe(names.length + 1);
      await page.close();
    }
  }, 60_000);

  /** Tab from the top of a page; returns the focused element's text and where it is. */
  async function tab(page: Page): Promise<{ text: string; href: string | null; inToc: boolean; inMain: boolean; visible: boolean }> {
    await page.keyboard.press('Tab');
    return page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      return {
        text: el.textContent?.trim() ?? '',
        href: el.getAttribute('href'),
        inToc: Boolean(el.closest('#table-of-contents')),
        inMain: Boolean(el.closest('main')),
        visible: box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth && box.width > 0,
      };
    });
  }

  it('the skip links go where they say: to the contents, and to the text', async () => {
    const cases = [
      { at: 'china/zh-CN/index.html', contents: '跳至目录', text: '跳至正文' },
      { at: 'global/en/index.html', contents: 'Skip to contents', text: 'Skip to main content' },
    ];
    for (const { at, contents, text } of cases) {
      for (const width of WIDTHS) {
        let page = await open(join(out.example, at), width);
        const first = await tab(page);
        expect(first).toMatchObject({ text: contents, href: '#table-of-contents', visible: true });
        await page.keyboard.press('Enter');
        expect(await tab(page)).toMatchObject({ inToc: true });
        await page.close();

        page = await open(join(out.example, at), width);
        await tab(page);
        expect(await tab(page)).toMatchObject({ text, href: '#main', visible: true });
        await page.keyboard.press('Enter');
        expect(await tab(page)).toMatchObject({ inToc: false, inMain: true });
        await page.close();
      }
    }
    // A page without contents (a China list) has the one link to its text.
    const page = await open(join(out.example, 'china', 'en', 'collection-list.html'), 390);
    expect(await tab(page)).toMatchObject({ text: 'Skip to main content', href: '#main', visible: true });
    await page.keyboard.press('Enter');
    expect(await tab(page)).toMatchObject({ inMain: true });
    await page.close();
  }, 120_000);

  it('every page kind is titled "<company> · <document> (version N)", the version on archived pages only', () => {
    const title = (output: keyof Outputs, at: string) => /<title>([^<]*)<\/title>/.exec(readFileSync(join(out[output], at), 'utf8'))![1]!.replace(/&#x27;/g, "'");
    expect(title('example', 'china/zh-CN/index.html')).toBe('云笺 · 隐私政策（中国大陆）');
    expect(title('example', 'global/en/index.html')).toBe('Nimbus Notes · Privacy Policy (Outside Mainland China)');
    expect(title('example', 'china/zh-CN/sharing-list.html')).toBe('云笺 · 第三方共享清单');
    expect(title('example', 'china/en/collection-list.html')).toBe('Nimbus Notes · List of personal information we collect');
    expect(title('history', 'china/zh-CN/index.html')).toBe('云笺 · 隐私政策（中国大陆）');
    expect(title('history', 'china/versions/2/zh-CN/index.html')).toBe('云笺 · 隐私政策（中国大陆）（第 2 版）');
    expect(title('history', 'global/versions/1/en/index.html')).toBe('Nimbus Notes · Privacy Policy (Outside Mainland China) (version 1)');
    expect(title('history', 'china/versions/2/zh-CN/notice.html')).toBe('云笺 · 隐私政策（中国大陆）（第 2 版）更新通知');
    expect(title('history', 'global/versions/1/en/notice.html')).toBe('Nimbus Notes · Privacy Policy (Outside Mainland China) (version 1): change notice');
    expect(title('history', 'global/versions/2/en/redline.html')).toBe('Nimbus Notes · Privacy Policy (Outside Mainland China) (version 2): what changed');
    expect(title('history', 'china/versions/2/zh-CN/redline.html')).toBe('云笺 · 隐私政策（中国大陆）（第 2 版）修订对照');
    expect(title('history', 'china/versions/index.html')).toBe('云笺 · 隐私政策（中国大陆）历史版本 / Nimbus Notes · Privacy Policy (Mainland China): all versions');
    // And every other page: the company in the page's language, the version exactly where the page is one.
    for (const [output, dir] of Object.entries(out) as Array<[keyof Outputs, string]>) {
      for (const file of htmlFiles(dir)) {
        const at = relative(dir, file).split('\\').join('/');
        const text = title(output, at);
        const version = /versions\/(\d+)\//.exec(at)?.[1];
        const lang = /(?:^|\/)(zh-CN|en)\//.exec(at)?.[1];
        if (lang) expect(text.startsWith(lang === 'zh-CN' ? '云笺 · ' : 'Nimbus Notes · '), at).toBe(true);
        if (version) expect(text, at).toContain(lang === 'zh-CN' ? `（第 ${version} 版）` : `(version ${version})`);
        else expect(text, at).not.toMatch(/\(version \d+\)|（第 \d+ 版）/);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------
// A 300-character word

/** 300 letters and no space: a word no line can hold. */
const WORD = 'Nimbusnotesdatafield'.repeat(15);

describeWith({ poppler: true }, 'a 300-character word in a fact (needs Chromium and poppler)', () => {
  let out: string;
  let browser: Browser;
  beforeAll(async () => {
    const dir = join(scratch, 'long-word');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'longword.yaml');
    cpSync(EXAMPLE, file);
    // In a table cell (the examples of a data category) and in running text (what refusing means).
    editYaml(file, (d) => {
      d.data_categories[0].examples = { 'zh-CN': `电子邮箱地址、${WORD}`, en: `email address, ${WORD}` };
      d.data_categories[0].consequence_if_refused = { 'zh-CN': `无法使用 ${WORD} 服务`, en: `you cannot use the ${WORD} service` };
    });
    const report = await build([file], { outDir: join(dir, 'out'), formats: ['md', 'html', 'pdf'] });
    expect(report.diagnostics).toEqual([]);
    out = join(dir, 'out', 'longword');
    browser = await puppeteer.launch({ executablePath: chromium!.path, headless: true, args: [...launchArgs] });
  }, 300_000);
  afterAll(async () => browser?.close());

  it('wraps on the page at 390 and 1280 px, and no other word of a table is cut to make room', async () => {
    for (const at of ['global/en/index.html', 'china/zh-CN/index.html']) {
      for (const width of WIDTHS) {
        const page = await browser.newPage();
        await page.setViewport({ width, height: 844 });
        await page.goto(pathToFileURL(join(out, at)).href, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        const seen = await page.evaluate((word) => {
          const cut: string[] = [];
          // Words of up to 20 letters in table cells: on one line each (a long run, such as a URL, may break anywhere).
          for (const cell of document.querySelectorAll('td, th')) {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
              if (node.parentElement?.closest('.long-run')) continue;
              for (const m of node.data.matchAll(/[A-Za-z]{2,20}(?![A-Za-z])/g)) {
                if (m.index > 0 && /[A-Za-z]/.test(node.data[m.index - 1]!)) continue;
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) cut.push(m[0]);
              }
            }
          }
          return {
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            hidden: [...document.querySelectorAll<HTMLElement>('.table-wrap')].filter((w) => w.scrollWidth > w.clientWidth).length,
            whole: (document.querySelector('main')!.textContent ?? '').split(word).length - 1,
            cut,
          };
        }, WORD);
        expect(seen.overflow, `${at} at ${width}`).toBeLessThanOrEqual(0);
        expect(seen.hidden, `${at} at ${width}`).toBe(0);
        expect(seen.whole, `${at} at ${width}`).toBeGreaterThanOrEqual(2);
        expect(seen.cut, `${at} at ${width}`).toEqual([]);
        await page.close();
      }
    }
  }, 120_000);

  it('leaves the PDF at its size: the text on the pages holding the word spans the printable A4 width, and no further', () => {
    const mm = (n: number) => (n / 25.4) * 72;
    const [width, height] = [mm(210), mm(297)];
    for (const at of ['global/en/policy.pdf', 'china/zh-CN/policy.pdf']) {
      const pdf = join(out, at);
      const pages = pdfInfo(pdf).pages;
      let checked = 0;
      for (let n = 1; n <= pages; n++) {
        // The page's text between the running header and footer (margins 20 mm and 18 mm).
        const words = pdfWords(pdf, n).filter((w) => w.yMin > mm(20) && w.yMax < height - mm(18));
        if (!words.some((w) => w.text.includes('Nimbusnotesdata'))) continue;
        // From the left margin to the right one (16 mm each): Chromium shrinking the page to
        // fit a 300-character line would pull the right edge in; a line running off the page
        // would push it out.
        const left = Math.min(...words.map((w) => w.xMin));
        const right = Math.max(...words.map((w) => w.xMax));
        expect(left, `${at} page ${n}`).toBeGreaterThan(mm(16) - 1);
        expect(right, `${at} page ${n}`).toBeLessThan(width - mm(16) + 1);
        expect(right - left, `${at} page ${n}`).toBeGreaterThan(0.95 * (width - mm(32)));
        checked++;
      }
      expect(checked, at).toBeGreaterThan(0);
    }
  });
});
