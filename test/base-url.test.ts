/**
 * build --base-url (issue 14): canonical and hreflang links, sitemap.xml, absolute feeds
 * (one per language), and change notices whose links resolve from wherever they are written.
 * A release-twice history is built with and without a base URL.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { build } from '../src/pipeline/build.js';
import { diff } from '../src/pipeline/diff.js';
import { release } from '../src/pipeline/release.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { launchArgs } from '../src/render/browser.js';
import { chromium, describeWith } from './helpers/browser.js';
import { runCli } from './helpers/cli.js';
import { library } from './helpers/library.js';

const BASE = 'https://acme.example/privacy/';
const scratch = mkdtempSync(join(tmpdir(), 'policygen-base-url-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const file = join(scratch, 'acme.yaml');
const plain = join(scratch, 'plain');
const based = join(scratch, 'based');
const noticesRelative = join(scratch, 'notices-relative');
const noticesAbsolute = join(scratch, 'notices-absolute');

/** Every file below `dir`, relative to it with forward slashes. */
function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** The address of a file of the `based` output folder, and back. */
const urlOf = (path: string) => `${BASE}${path}`;
const fileOf = (url: string) => (url.startsWith(BASE) ? join(based, ...decodeURI(url.slice(BASE.length).split('#')[0]!).split('/')) : undefined);

/** The links of a notice: Markdown `[text](<href>)` or HTML `<a href>`. */
function noticeLinks(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.md')) return [...text.matchAll(/\]\(<([^>]+)>\)/g)].map((m) => m[1]!);
  const body = text.slice(text.indexOf('<body'));
  return [...body.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** Links of a notice that do not resolve to a file: relative ones from the notice's folder, absolute ones in the `based` output folder. */
function deadLinks(path: string): string[] {
  const dead: string[] = [];
  for (const href of noticeLinks(path)) {
    if (href.startsWith('#') || href.startsWith('mailto:')) continue;
    const target = /^https?:/.test(href) ? fileOf(href) : join(dirname(path), ...href.split('#')[0]!.split('/'));
    if (!target || !existsSync(target)) dead.push(href);
  }
  return dead;
}

/** The `<link>`s of a page's head, as [rel, hreflang, href]. */
function headLinks(html: string): { rel: string; hreflang?: string; href: string }[] {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<link ([^>]+)>/g)].map((m) => {
    const attrs = Object.fromEntries([...m[1]!.matchAll(/([a-z:]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
    return { rel: attrs.rel!, ...(attrs.hreflang ? { hreflang: attrs.hreflang } : {}), href: attrs.href! };
  });
}

/** Problems with a page's canonical and hreflang links, published at `url`. */
function headProblems(html: string, url: string, locales: readonly string[]): string[] {
  const problems: string[] = [];
  const links = headLinks(html);
  const canonical = links.filter((l) => l.rel === 'canonical');
  if (canonical.length !== 1 || canonical[0]!.href !== url) problems.push(`canonical ${JSON.stringify(canonical)} is not ${url}`);
  const alternates = links.filter((l) => l.rel === 'alternate' && l.hreflang);
  for (const a of alternates) if (!a.href.startsWith(BASE)) problems.push(`hreflang ${a.hreflang} not absolute: ${a.href}`);
  if (alternates.length) {
    const lang = /<html lang="([^"]+)"/.exec(html)![1]!;
    if (!alternates.some((a) => a.hreflang === lang && a.href === url)) problems.push(`no hreflang for itself (${lang})`);
    const first = alternates.find((a) => a.hreflang === locales[0]);
    const xDefault = alternates.filter((a) => a.hreflang === 'x-default');
    if (xDefault.length !== 1 || xDefault[0]!.href !== first?.href) problems.push(`x-default ${JSON.stringify(xDefault)} is not the ${locales[0]} page`);
    for (const a of alternates) if (!existsSync(fileOf(a.href) ?? '')) problems.push(`hreflang ${a.hreflang} leads nowhere: ${a.href}`);
  }
  return problems;
}

const LOCALES = ['zh-CN', 'en'] as const;

beforeAll(async () => {
  const lib = await library();
  cpSync(join(PACKAGE_ROOT, 'data', 'example.yaml'), file);
  expect((await release(file, { date: '2026-03-07', library: lib, note: { 'zh-CN': '首次发布。', en: 'First release.' } })).status).toBe('released');
  const data = parseYaml(readFileSync(file, 'utf8')) as { data_categories: { retention: { period: string } }[] };
  data.data_categories[0]!.retention.period = data.data_categories[0]!.retention.period === '10 years' ? '11 years' : '10 years';
  writeFileSync(file, stringifyYaml(data));
  expect((await release(file, { date: '2026-04-01', library: lib, note: { 'zh-CN': '延长了部分个人信息的保存期限。', en: 'We now keep some personal information longer.' } })).status).toBe('released');
  expect((await build([file], { outDir: plain, formats: ['md', 'html'] })).ok).toBe(true);
  expect((await build([file], { outDir: based, formats: ['md', 'html'], baseUrl: BASE })).ok).toBe(true);
  expect((await diff(file, { from: 1, to: 2, outDir: noticesRelative, formats: ['md', 'html'], site: plain })).ok).toBe(true);
  expect((await diff(file, { from: 1, to: 2, outDir: noticesAbsolute, formats: ['md', 'html'], baseUrl: BASE })).ok).toBe(true);
}, 120_000);

describe('build --base-url', () => {
  it('without a base URL nothing is absolute and nothing is added; with one, the same files plus the feeds per language and the sitemaps', () => {
    const plainFiles = walk(plain);
    expect(plainFiles.filter((f) => /sitemap|feed\.[a-zA-Z-]+\.xml/.test(f))).toEqual([]);
    for (const f of plainFiles.filter((f) => f.endsWith('.html') || f.endsWith('.xml'))) {
      const text = readFileSync(join(plain, f), 'utf8');
      expect(text, f).not.toContain('rel="canonical"');
      expect(text, f).not.toContain('acme.example/privacy');
      expect(text, f).not.toContain('xml:base');
    }
    const added = walk(based).filter((f) => !plainFiles.includes(f));
    expect(added).toEqual(['acme/china/feed.en.xml', 'acme/china/feed.zh-CN.xml', 'acme/global/feed.en.xml', 'acme/global/feed.zh-CN.xml', 'acme/sitemap.xml', 'sitemap.xml']);
    // Markdown, CSV and the ledger anchor are the same bytes.
    for (const f of plainFiles.filter((f) => /\.(md|csv)$/.test(f) || f.endsWith('ledger.json'))) expect(readFileSync(join(based, f), 'utf8'), f).toBe(readFileSync(join(plain, f), 'utf8'));
  });

  it('every page has its canonical address; policy, list and archived pages list every language with x-default the first', () => {
    const pages = walk(based).filter((f) => f.endsWith('.html') && !f.endsWith('.fragment.html')); // the embeddable fragments are not pages
    expect(pages.length).toBe(33); // 2 documents × (2 languages × (policy + 3 China lists for china) + 2 versions × 2 languages × (page, notice, redline for v2) + list of versions) + the index page
    for (const page of pages) expect(headProblems(readFileSync(join(based, page), 'utf8'), urlOf(page), LOCALES), page).toEqual([]);
    const policy = headLinks(readFileSync(join(based, 'acme/china/en/index.html'), 'utf8'));
    expect(policy.filter((l) => l.rel !== 'stylesheet')).toEqual([
      { rel: 'canonical', href: `${BASE}acme/china/en/index.html` },
      { rel: 'alternate', hreflang: 'zh-CN', href: `${BASE}acme/china/zh-CN/index.html` },
      { rel: 'alternate', hreflang: 'en', href: `${BASE}acme/china/en/index.html` },
      { rel: 'alternate', hreflang: 'x-default', href: `${BASE}acme/china/zh-CN/index.html` },
    ]);
    // An archived page: its permanent version address, and the same version in the other language.
    const archived = headLinks(readFileSync(join(based, 'acme/global/versions/1/zh-CN/index.html'), 'utf8'));
    expect(archived.find((l) => l.rel === 'canonical')?.href).toBe(`${BASE}acme/global/versions/1/zh-CN/index.html`);
    expect(archived.filter((l) => l.hreflang).map((l) => l.href)).toEqual([`${BASE}acme/global/versions/1/zh-CN/index.html`, `${BASE}acme/global/versions/1/en/index.html`, `${BASE}acme/global/versions/1/zh-CN/index.html`]);
    // Without a base, the page is as it was: relative alternates to the other language only.
    expect(headLinks(readFileSync(join(plain, 'acme/china/en/index.html'), 'utf8')).filter((l) => l.rel !== 'stylesheet')).toEqual([{ rel: 'alternate', hreflang: 'zh-CN', href: '../zh-CN/index.html' }]);
    // Broken inputs fail the check: the page without a base, and a canonical naming another page.
    expect(headProblems(readFileSync(join(plain, 'acme/china/en/index.html'), 'utf8'), urlOf('acme/china/en/index.html'), LOCALES).length).toBeGreaterThan(0);
    expect(headProblems(readFileSync(join(based, 'acme/china/en/index.html'), 'utf8'), urlOf('acme/china/zh-CN/index.html'), LOCALES).length).toBeGreaterThan(0);
    expect(headProblems(readFileSync(join(based, 'acme/china/en/index.html'), 'utf8'), urlOf('acme/china/en/index.html'), ['en', 'zh-CN'])).toEqual([expect.stringMatching(/^x-default/)]);
  });

  it('the CLI takes --base-url on build and refuses an address that is not http(s)', async () => {
    const refused = await runCli(['build', file, '--out', join(scratch, 'cli'), '--format', 'md', '--base-url', 'acme.example/privacy']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/http/);
    expect(existsSync(join(scratch, 'cli'))).toBe(false);
  });

  it('every link of every change notice resolves: diff --out with --site or --base-url, and the archived notices', () => {
    const notices = (dir: string) => walk(dir).filter((f) => /notice\.(md|html)$/.test(f)).map((f) => join(dir, f));
    const relativeOnes = notices(noticesRelative);
    const absoluteOnes = notices(noticesAbsolute);
    const archived = notices(based).concat(notices(plain));
    expect(relativeOnes).toHaveLength(8); // 2 documents × 2 languages × md, html
    expect(absoluteOnes).toHaveLength(8);
    expect(archived).toHaveLength(32); // 2 documents × 2 versions × 2 languages × md, html, in each build
    for (const path of [...relativeOnes, ...absoluteOnes, ...archived]) {
      expect(noticeLinks(path).length, path).toBeGreaterThanOrEqual(path.includes('versions/1/') ? 1 : 3);
      expect(deadLinks(path), path).toEqual([]);
    }
    // With --base-url, the policy, previous version and redline links are absolute, in the notice's language.
    const zh = noticeLinks(join(noticesAbsolute, 'china/zh-CN/notice.md'));
    expect(zh.filter((h) => !h.startsWith('mailto:'))).toEqual([`${BASE}acme/china/versions/2/zh-CN/index.html`, `${BASE}acme/china/versions/1/zh-CN/index.html`, `${BASE}acme/china/versions/2/zh-CN/redline.html`]);
    expect(noticeLinks(join(noticesAbsolute, 'china/zh-CN/notice.html')).filter((h) => /^https?:/.test(h))).toEqual(zh);
    // Without, relative paths from the notice's folder into the output folder.
    expect(noticeLinks(join(noticesRelative, 'global/en/notice.md'))).toEqual(['../../../plain/acme/global/versions/2/en/index.html', '../../../plain/acme/global/versions/1/en/index.html', 'redline.html']);
    // A broken input fails: a notice with links relative to the policy folder, as they were.
    const old = join(noticesRelative, 'old.md');
    writeFileSync(old, '- [policy](<versions/2/en/index.html>)\n- [redline](<redline.html>)\n');
    expect(deadLinks(old)).toEqual(['versions/2/en/index.html', 'redline.html']);
    rmSync(old);
  });
});

// ---------------------------------------------------------------------------------------
// XML parsed by Chromium's DOMParser: the sitemaps and the Atom feeds.

interface ParsedXml {
  error: string | null;
  root: string;
  ns: string | null;
  base: string | null;
  lang: string | null;
  links: { parent: string; rel: string | null; hreflang: string | null; href: string | null }[];
  entries: { links: { rel: string | null; hreflang: string | null; href: string | null }[]; langs: string[]; content: string[] }[];
  urls: { loc: string; alternates: { hreflang: string | null; href: string | null }[] }[];
  sitemaps: string[];
}

describeWith({}, 'sitemaps and feeds, parsed in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await puppeteer.launch({ executablePath: chromium!.path, headless: true, args: [...launchArgs] });
  });
  afterAll(async () => browser?.close());

  async function parse(text: string): Promise<ParsedXml> {
    const page = await browser.newPage();
    try {
      return await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        const atom = 'http://www.w3.org/2005/Atom';
        const sm = 'http://www.sitemaps.org/schemas/sitemap/0.9';
        const xhtml = 'http://www.w3.org/1999/xhtml';
        const root = doc.documentElement;
        const linkOf = (l: Element) => ({ rel: l.getAttribute('rel'), hreflang: l.getAttribute('hreflang'), href: l.getAttribute('href') });
        return {
          error: doc.getElementsByTagName('parsererror')[0]?.textContent ?? null,
          root: root.localName,
          ns: root.namespaceURI,
          base: root.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'base'),
          lang: root.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang'),
          links: Array.from(doc.getElementsByTagNameNS(atom, 'link')).map((l) => ({ parent: l.parentElement!.localName, ...linkOf(l) })),
          entries: Array.from(doc.getElementsByTagNameNS(atom, 'entry')).map((e) => {
            const html = new DOMParser().parseFromString(e.getElementsByTagNameNS(atom, 'content')[0]?.textContent ?? '', 'text/html');
            return {
              links: Array.from(e.getElementsByTagNameNS(atom, 'link')).map(linkOf),
              langs: Array.from(html.querySelectorAll('div[lang]')).map((d) => d.getAttribute('lang')!),
              content: Array.from(html.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')!),
            };
          }),
          urls: Array.from(doc.getElementsByTagNameNS(sm, 'url')).map((u) => ({
            loc: u.getElementsByTagNameNS(sm, 'loc')[0]?.textContent ?? '',
            alternates: Array.from(u.getElementsByTagNameNS(xhtml, 'link')).map((l) => ({ hreflang: l.getAttribute('hreflang'), href: l.getAttribute('href') })),
          })),
          sitemaps: Array.from(doc.getElementsByTagNameNS(sm, 'sitemap')).map((s) => s.getElementsByTagNameNS(sm, 'loc')[0]?.textContent ?? ''),
        };
      }, text);
    } finally {
      await page.close();
    }
  }

  /** Problems of a feed published with a base URL: not Atom, a relative or dead link, no xml:base, a link in another language than `locale`. */
  function feedProblems(feed: ParsedXml, locale?: string): string[] {
    const problems: string[] = [];
    if (feed.error) problems.push(`not XML: ${feed.error}`);
    if (feed.root !== 'feed' || feed.ns !== 'http://www.w3.org/2005/Atom') problems.push(`not Atom: ${feed.root} ${feed.ns}`);
    if (!feed.base?.startsWith(BASE)) problems.push(`xml:base ${feed.base}`);
    if (!feed.links.some((l) => l.parent === 'feed' && l.rel === 'self')) problems.push('no rel="self"');
    for (const link of [...feed.links.map((l) => l.href), ...feed.entries.flatMap((e) => e.content)].filter((l) => !l?.startsWith('mailto:'))) {
      if (!link?.startsWith(BASE)) problems.push(`relative link ${link}`);
      else if (!existsSync(fileOf(link)!)) problems.push(`dead link ${link}`);
    }
    if (!feed.entries.length) problems.push('no entries');
    if (locale) {
      if (feed.lang !== locale) problems.push(`xml:lang ${feed.lang}`);
      for (const entry of feed.entries) {
        const alternates = entry.links.filter((l) => l.rel === 'alternate');
        if (alternates.length !== 1 || alternates[0]!.hreflang !== locale || !alternates[0]!.href?.includes(`/${locale}/`)) problems.push(`entry links ${JSON.stringify(alternates)}`);
        if (entry.langs.join() !== locale) problems.push(`entry content in ${entry.langs.join()}`);
      }
    }
    return problems;
  }

  it('sitemap.xml lists every published page exactly once, with its language alternates; the output folder has an index of the sitemaps', async () => {
    const index = await parse(readFileSync(join(based, 'sitemap.xml'), 'utf8'));
    expect(index).toMatchObject({ error: null, root: 'sitemapindex', ns: 'http://www.sitemaps.org/schemas/sitemap/0.9', sitemaps: [`${BASE}acme/sitemap.xml`] });
    const map = await parse(readFileSync(join(based, 'acme', 'sitemap.xml'), 'utf8'));
    expect(map).toMatchObject({ error: null, root: 'urlset', ns: 'http://www.sitemaps.org/schemas/sitemap/0.9' });
    const pages = walk(based).filter((f) => f.startsWith('acme/') && f.endsWith('.html') && !f.endsWith('.fragment.html'));
    expect(map.urls.map((u) => u.loc).sort()).toEqual(pages.map(urlOf).sort());
    expect(new Set(map.urls.map((u) => u.loc)).size).toBe(map.urls.length);
    for (const url of map.urls) {
      for (const a of url.alternates) expect(existsSync(fileOf(a.href!) ?? ''), `${url.loc} → ${a.href}`).toBe(true);
      // A page in two languages lists both and x-default; the versions list, index page, notices and redlines have no language versions.
      if (/\/(zh-CN|en)\/(index|[a-z-]+-list)\.html$/.test(url.loc)) expect(url.alternates.map((a) => a.hreflang), url.loc).toEqual(['zh-CN', 'en', 'x-default']);
    }
    const china = map.urls.find((u) => u.loc === `${BASE}acme/china/en/index.html`)!;
    expect(china.alternates).toEqual([
      { hreflang: 'zh-CN', href: `${BASE}acme/china/zh-CN/index.html` },
      { hreflang: 'en', href: `${BASE}acme/china/en/index.html` },
      { hreflang: 'x-default', href: `${BASE}acme/china/zh-CN/index.html` },
    ]);
    // A broken input fails: XML that is not well formed.
    expect((await parse(readFileSync(join(based, 'acme', 'sitemap.xml'), 'utf8').replace('</urlset>', ''))).error).not.toBeNull();
  });

  it('each feed is Atom with absolute links and xml:base; a language feed links only its language; feed.xml links every language', async () => {
    for (const doc of ['china', 'global']) {
      for (const locale of LOCALES) {
        const feed = await parse(readFileSync(join(based, 'acme', doc, `feed.${locale}.xml`), 'utf8'));
        expect(feedProblems(feed, locale), `${doc} ${locale}`).toEqual([]);
        expect(feed.links.find((l) => l.rel === 'self')?.href).toBe(`${BASE}acme/${doc}/feed.${locale}.xml`);
        expect(feed.entries.map((e) => e.links[0]!.href)).toEqual([2, 1].map((n) => `${BASE}acme/${doc}/versions/${n}/${locale}/index.html`));
      }
      const both = await parse(readFileSync(join(based, 'acme', doc, 'feed.xml'), 'utf8'));
      expect(feedProblems(both), doc).toEqual([]);
      expect(both.links.find((l) => l.rel === 'self')?.href).toBe(`${BASE}acme/${doc}/feed.xml`);
      for (const entry of both.entries) expect(entry.links.map((l) => l.hreflang)).toEqual(['zh-CN', 'en']);
      // The same feed without a base URL is relative: the check fails on it.
      const relativeFeed = await parse(readFileSync(join(plain, 'acme', doc, 'feed.xml'), 'utf8'));
      expect(relativeFeed.error).toBeNull();
      expect(feedProblems(relativeFeed)).toEqual(expect.arrayContaining(['xml:base null', 'relative link feed.xml']));
    }
    // Broken inputs fail: a relative self link, and a zh-CN feed checked as the English one.
    const zh = readFileSync(join(based, 'acme/china/feed.zh-CN.xml'), 'utf8');
    expect(feedProblems(await parse(zh.replace(`href="${BASE}acme/china/feed.zh-CN.xml"`, 'href="feed.zh-CN.xml"')), 'zh-CN')).toEqual(['relative link feed.zh-CN.xml']);
    expect(feedProblems(await parse(zh), 'en').length).toBeGreaterThan(2);
  });
});
