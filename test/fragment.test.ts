/**
 * The embeddable fragment (policy.fragment.html + policygen-fragment.css) and the composed
 * document as data (policy.json), on the example (a China and a global document, two
 * languages each):
 *
 * - the fragment is one `<article class="policygen">`, no page shell, no script, ids prefixed,
 *   every in-fragment link resolving inside it; every selector of its CSS is under `.policygen`;
 * - in a host page whose own CSS is hostile (`h2 { color: red; font-size: 40px }`,
 *   `table { display: none }`, …) the fragment renders as in a plain host, and the fragment's
 *   CSS changes none of the host's own elements (computed styles in headless Chromium);
 * - axe-core at 390 and 1280 px and the W3C Nu checker report 0 problems on the host page;
 * - policy.json validates against schema/policy-document.schema.json, and its numbers,
 *   headings, anchors and HTML are the page's.
 *
 * Each check is shown to fail on a broken input.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AxePuppeteer } from '@axe-core/puppeteer';
import Ajv2020Module from 'ajv/dist/2020.js';
import postcss from 'postcss';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { build } from '../src/pipeline/build.js';
import { release } from '../src/pipeline/release.js';
import { preparePolicy, type PreparedPolicy } from '../src/pipeline/prepare.js';
import { documentData, documentJson, type ClauseJson } from '../src/publish/document-json.js';
import { policyFiles, type OutputFile } from '../src/publish/files.js';
import { FRAGMENT_CSS, FRAGMENT_CSS_FILE, renderFragment } from '../src/render/fragment.js';
import { launchArgs } from '../src/render/browser.js';
import { chromium, describeWith } from './helpers/browser.js';
import { library } from './helpers/library.js';

const EXAMPLE = join(PACKAGE_ROOT, 'data', 'example.yaml');
const SCHEMA = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schema', 'policy-document.schema.json'), 'utf8')) as object;
const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'));
const AT = ['china/zh-CN', 'china/en', 'global/zh-CN', 'global/en'] as const;

const scratch = mkdtempSync(join(tmpdir(), 'policygen-fragment-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let policy: PreparedPolicy;
let files: OutputFile[];
const out = join(scratch, 'out');
const text = (path: string) => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} in the file list`);
  return String(file.content);
};

beforeAll(async () => {
  const lib = await library();
  const prepared = await preparePolicy(EXAMPLE, lib);
  expect(prepared.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  policy = prepared.policy!;
  files = await policyFiles(policy, lib, { formats: new Set(['md', 'html']), drafts: new Set() });
  for (const f of files) {
    const full = join(out, ...f.path.split('/'));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, f.content);
  }
}, 120_000);

// ---------------------------------------------------------------------------------------
// Plain-text checks

/** Decodes the entities our serialisers write (named basics and numeric). */
const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const plain = (html: string) => decode(html.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
const ids = (html: string) => [...html.matchAll(/<[a-z0-9]+ [^>]*?\bid="([^"]+)"/g)].map((m) => decode(m[1]!));
const anchors = (html: string) => [...html.matchAll(/<a [^>]*?href="#([^"]*)"/g)].map((m) => decode(m[1]!));

/** What is wrong with a fragment: a page shell, a script, a second root, ids without the prefix or twice, links to no id inside it. */
function fragmentProblems(html: string): string[] {
  const problems: string[] = [];
  const trimmed = html.trim();
  if (!/^<article class="policygen" lang="[a-zA-Z-]+"[^>]*>/.test(trimmed) || !trimmed.endsWith('</article>')) problems.push('not one <article class="policygen" lang>');
  if (trimmed.slice(1).includes('<article')) problems.push('a second <article>');
  for (const tag of ['html', 'head', 'body', 'script', 'style', 'link', 'meta', 'iframe']) if (new RegExp(`<${tag}[\\s>]`, 'i').test(html)) problems.push(`<${tag}>`);
  if (/\son[a-z]+=/i.test(html.replace(/>[^<]*</g, '><'))) problems.push('an event handler');
  const all = ids(html);
  for (const id of all) if (!id.startsWith('policygen-')) problems.push(`id without the prefix: ${id}`);
  if (new Set(all).size !== all.length) problems.push('an id twice');
  for (const target of anchors(html)) if (!all.includes(target)) problems.push(`#${target} points at no id in the fragment`);
  return problems;
}

/** Selectors (and at-rules) of a stylesheet that could reach outside `.policygen`. */
function leakingSelectors(css: string): string[] {
  const problems: string[] = [];
  const root = postcss.parse(css);
  root.walkAtRules((at) => {
    if (!['media', 'container'].includes(at.name)) problems.push(`@${at.name}`);
  });
  root.walkRules((rule) => {
    for (const selector of rule.selectors) {
      if (!/^\.policygen(?=$|[\s.:[>+~#])/.test(selector)) problems.push(selector);
      else if (/(^|[\s>+~,(])(html|body|:root|\*)(?=$|[\s.:[>+~#,)])/.test(selector)) problems.push(selector);
    }
  });
  return problems;
}

describe('policy.fragment.html, policygen-fragment.css and policy.json in the publisher\'s file list', () => {
  it('every document and language has the three files beside its page, in the same folder', () => {
    for (const at of AT) {
      for (const name of ['index.html', 'policy.fragment.html', FRAGMENT_CSS_FILE, 'policy.json']) expect(files.some((f) => f.path === `${at}/${name}`), `${at}/${name}`).toBe(true);
    }
    expect(text(`china/en/${FRAGMENT_CSS_FILE}`)).toBe(FRAGMENT_CSS);
  });

  it('without HTML output (md only) none of them is written', async () => {
    const mdOnly = await policyFiles(policy, await library(), { formats: new Set(['md']), drafts: new Set() });
    expect(mdOnly.filter((f) => /fragment|policy\.json/.test(f.path))).toEqual([]);
  });

  it('the fragment is one article with no shell, its ids prefixed and every link inside it resolving', () => {
    for (const at of AT) {
      const html = text(`${at}/policy.fragment.html`);
      expect(fragmentProblems(html), at).toEqual([]);
      expect(html.startsWith(`<article class="policygen" lang="${at.split('/')[1]}"`)).toBe(true);
      // The contents, the key facts' links and the cross-references are all in-fragment links, and many.
      expect(anchors(html).length, at).toBeGreaterThan(40);
    }
    const zh = text('china/zh-CN/policy.fragment.html');
    expect(zh).toContain('<h1 id="policygen-top">隐私政策（中国大陆）</h1>');
    expect(zh).toContain('<p class="policygen-stamp">最后更新：');
    expect(zh).toMatch(/<h2 id="policygen-contact">[^<]*联系我们/);
    const en = text('global/en/policy.fragment.html');
    expect(en).toMatch(/<h2 id="policygen-contact">\d+\. [^<]*[Cc]ontact/);
  });

  it('the fragment check can fail: an id without its prefix, a link out of the fragment, a script, a page shell', () => {
    const html = text('global/en/policy.fragment.html');
    expect(fragmentProblems(html.replace('id="policygen-contact"', 'id="contact"'))).toEqual(expect.arrayContaining(['id without the prefix: contact', '#policygen-contact points at no id in the fragment']));
    expect(fragmentProblems(html.replace('</article>', '<script>alert(1)</script></article>'))).toContain('<script>');
    expect(fragmentProblems(`<!doctype html><html><body>${html}</body></html>`)).toEqual(expect.arrayContaining(['not one <article class="policygen" lang>', '<html>', '<body>']));
  });

  it('the fragment has the page\'s text: the same clause HTML, only with prefixed ids and links', () => {
    for (const at of AT) {
      const page = text(`${at}/index.html`);
      const main = /<main id="main">\n([\s\S]*)\n<\/main>/.exec(page)![1]!;
      const body = /<div class="policygen-body">\n([\s\S]*)\n<\/div>\n<\/article>/.exec(text(`${at}/policy.fragment.html`))![1]!;
      expect(body.replace(/(id|href)="#?policygen-/g, (m) => m.replace('policygen-', '')), at).toBe(main);
    }
  });

  it('with a base URL, links to other documents and lists are absolute; in-fragment links stay in it', async () => {
    const lib = await library();
    const based = await policyFiles(policy, lib, { formats: new Set(['html']), drafts: new Set(), baseUrl: 'https://acme.example/privacy/example/' });
    const plainHtml = text('china/en/policy.fragment.html');
    const html = String(based.find((f) => f.path === 'china/en/policy.fragment.html')!.content);
    const relative = (s: string) => [...s.matchAll(/href="([^"#][^"]*)"/g)].map((m) => m[1]!).filter((h) => !/^(https?|mailto):/.test(h));
    expect(relative(plainHtml).length).toBeGreaterThan(0); // the global document, the China lists
    expect(relative(html)).toEqual([]);
    expect(html).toContain('href="https://acme.example/privacy/example/global/en/index.html"');
    expect(fragmentProblems(html)).toEqual([]);
  });

  it('every selector of the fragment CSS is under .policygen: no @font-face, no html, body, :root or * rule', () => {
    expect(leakingSelectors(FRAGMENT_CSS)).toEqual([]);
    // It has rules for what it must style (so an empty sheet does not pass), and the cards.
    const selectors: string[] = [];
    postcss.parse(FRAGMENT_CSS).walkRules((r) => selectors.push(...r.selectors));
    expect(selectors.length).toBeGreaterThan(50);
    expect(FRAGMENT_CSS).toMatch(/@container \(max-width: 40rem\)/);
  });

  it('the CSS check can fail: global rules, an unscoped class, a font face', () => {
    expect(leakingSelectors(`${FRAGMENT_CSS}\nbody { margin: 0 }\n:root { --x: 1 }\n.policygen, h2 { color: red }\n.policygen-toc { color: red }\n.policygen > * { margin: 0 }\n@font-face { font-family: X; src: url(x.woff2) }`)).toEqual([
      '@font-face',
      'body',
      ':root',
      'h2',
      '.policygen-toc',
      '.policygen > *',
    ]);
  });
});

// ---------------------------------------------------------------------------------------
// policy.json

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as new (options: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
};
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(SCHEMA);
const schemaErrors = (data: unknown) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

const flat = (clauses: readonly ClauseJson[]): ClauseJson[] => clauses.flatMap((c) => [c, ...flat(c.children)]);

describe('policy.json: the composed document as data', () => {
  it('validates against schema/policy-document.schema.json, for every document and language', () => {
    for (const at of AT) expect(schemaErrors(JSON.parse(text(`${at}/policy.json`))), at).toEqual([]);
  });

  it('the schema check can fail: a missing field, an unknown one, a clause without HTML, a wrong type', () => {
    const data = JSON.parse(text('china/zh-CN/policy.json')) as Record<string, any>;
    const broken = structuredClone(data);
    delete broken.title;
    broken.extra = 1;
    const parent = (broken.clauses as ClauseJson[]).findIndex((c) => c.children.length > 0);
    expect(parent).toBeGreaterThanOrEqual(0);
    delete broken.clauses[parent].children[0].html;
    broken.clauses[0].level = 'one';
    const errors = schemaErrors(broken);
    expect(errors).toEqual(expect.arrayContaining([" must have required property 'title'", ' must NOT have additional properties', `/clauses/${parent}/children/0 must have required property 'html'`, '/clauses/0/level must be integer']));
  });

  it('has a stable key order and the same bytes every time', () => {
    const data = JSON.parse(text('china/zh-CN/policy.json')) as Record<string, any>;
    expect(Object.keys(data)).toEqual(['format', 'document', 'locale', 'company', 'title', 'stamp', 'date', 'draft', 'keyFacts', 'contents', 'clauses']);
    expect(Object.keys(data.clauses[0])).toEqual(['id', 'anchor', 'level', 'number', 'reference', 'title', 'heading', 'html', 'children']);
    expect(Object.keys(data.contents[0])).toEqual(['id', 'anchor', 'level', 'number', 'title', 'children']);
    const doc = policy.documents.find((c) => c.plan.id === 'china')!.documents.find((d) => d.locale === 'zh-CN')!;
    expect(documentJson(doc, { company: '云笺', draft: false })).toBe(text('china/zh-CN/policy.json'));
    // A released version names itself; a draft does not, even when given one.
    expect(documentData(doc, { company: '云笺', draft: false, version: 3 }).version).toBe(3);
    expect(documentData(doc, { company: '云笺', draft: true, version: 3 }).version).toBeUndefined();
  });

  it('numbers, headings and anchors are the page\'s, in the page\'s order; each clause\'s HTML is the page\'s', () => {
    for (const at of AT) {
      const page = text(`${at}/index.html`);
      const data = JSON.parse(text(`${at}/policy.json`)) as { clauses: ClauseJson[]; contents: unknown[]; title: string; locale: string; keyFacts: { html: string } };
      const main = /<main id="main">\n([\s\S]*)\n<\/main>/.exec(page)![1]!;
      const headings = [...main.matchAll(/<h([2-6]) id="([^"]+)">([\s\S]*?)<\/h\1>/g)].map((m) => ({ anchor: m[2]!, level: Number(m[1]) - 1, heading: plain(m[3]!) }));
      const clauses = flat(data.clauses);
      expect(clauses.map((c) => ({ anchor: c.anchor, level: c.level, heading: c.heading })), at).toEqual(headings);
      expect(headings.length).toBeGreaterThan(15);
      // The numbers as the page's contents show them.
      const tocNumbers = [...page.matchAll(/<span class="num">([^<]*)<\/span>/g)].map((m) => decode(m[1]!));
      expect(clauses.map((c) => c.number), at).toEqual(tocNumbers);
      // Each clause's HTML is in the page, verbatim, right after its heading.
      for (const c of clauses) if (c.html) expect(main, `${at} ${c.id}`).toContain(`</h${c.level + 1}>\n${c.html}`);
      expect(page).toContain(data.keyFacts.html);
      expect(data.locale).toBe(at.split('/')[1]);
    }
    const zh = JSON.parse(text('china/zh-CN/policy.json')) as { clauses: ClauseJson[] };
    expect(zh.clauses[2]).toMatchObject({ number: '三、', heading: expect.stringMatching(/^三、/) });
    const en = JSON.parse(text('global/en/policy.json')) as { clauses: ClauseJson[] };
    expect(en.clauses[2]).toMatchObject({ number: '3.', heading: expect.stringMatching(/^3\. /), reference: 'Section 3' });
  });

  it('cross-references in a clause\'s HTML point at anchors of the document', () => {
    for (const at of AT) {
      const data = JSON.parse(text(`${at}/policy.json`)) as { clauses: ClauseJson[]; keyFacts: { html: string } };
      const known = new Set(flat(data.clauses).map((c) => c.anchor));
      const targets = [...flat(data.clauses).flatMap((c) => anchors(c.html)), ...anchors(data.keyFacts.html)];
      expect(targets.length, at).toBeGreaterThan(10);
      expect(targets.filter((t) => !known.has(t)), at).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------
// In a host page: Chromium, axe-core, the W3C Nu checker

/**
 * The host's own CSS, hostile to anything it does not expect: element rules on what the
 * policy uses. (Accessible for the host's own elements, so that axe judges the fragment.)
 */
const HOSTILE_CSS = `
h1, h2, h3 { color: red; font-size: 40px; margin: 0; text-transform: uppercase; }
table { display: none; }
td, th { display: none; border: 5px solid red; }
p { color: #444; font-size: 9px; margin: 50px 0; }
a { color: #c00000; text-decoration: underline wavy; }
ol, ul { list-style: square; padding: 0; }
li { display: inline; }
nav, section, header, article { display: flex; background: #fffbe6; color: #600; font-size: 8px; }
`;

/** The host's ordinary CSS (its own elements), present in every variant. */
const HOST_CSS = `
body { margin: 0; font-family: Georgia, serif; color: #222; background: #fff; line-height: 1.4; }
.site-header { padding: 12px 16px; background: #eef; }
main { padding: 0 16px; }
.site-footer { padding: 12px 16px; border-top: 1px solid #999; }
`;

function hostPage(options: { lang: string; fragment?: string; fragmentCss: boolean; hostile: boolean }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host site · privacy</title>
<style>${HOST_CSS}${options.hostile ? HOSTILE_CSS : ''}</style>
${options.fragmentCss ? `<link rel="stylesheet" href="${FRAGMENT_CSS_FILE}">\n` : ''}</head>
<body>
<header class="site-header"><p class="host-brand">Host site</p><nav aria-label="Site"><ul class="host-menu"><li><a href="#host-top" id="host-top">Home</a></li><li><a href="#host-about">About</a></li></ul></nav></header>
<main>
<h1 class="host-title">Legal</h1>
<p class="host-intro">Our legal documents. <a class="host-link" href="#host-about">About us</a></p>
<h2 class="host-h2" id="host-about">About</h2>
<table class="host-table"><caption>Offices</caption><thead><tr><th>City</th><th>Phone</th></tr></thead><tbody><tr><td class="host-td">Hangzhou</td><td>0571</td></tr></tbody></table>
${options.fragment ?? ''}
</main>
<footer class="site-footer"><p class="host-footer-text">© Host</p></footer>
</body>
</html>
`;
}

/** Computed styles of the elements `selectors` find (the first of each), as one record per selector. */
async function styles(page: Page, selectors: readonly string[], properties: readonly string[]): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(
    (sels: string[], props: string[]) => {
      const out: Record<string, Record<string, string>> = {};
      for (const sel of sels) {
        const el = document.querySelector(sel);
        if (!el) {
          out[sel] = { missing: 'true' };
          continue;
        }
        const cs = getComputedStyle(el);
        out[sel] = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
      }
      return out;
    },
    [...selectors],
    [...properties],
  );
}

const HOST_ELEMENTS = ['body', '.site-header', '.host-brand', '.host-menu', '.host-menu li', '.host-menu a', 'main', '.host-title', '.host-intro', '.host-link', '.host-h2', '.host-table', '.host-td', '.site-footer', '.host-footer-text'];
const HOST_PROPERTIES = ['display', 'color', 'background-color', 'font-family', 'font-size', 'font-weight', 'line-height', 'margin-top', 'margin-bottom', 'padding-left', 'border-top-width', 'list-style-type', 'text-decoration-line', 'text-transform', 'width'];
const FRAGMENT_ELEMENTS = [
  'article.policygen',
  '.policygen h1',
  '.policygen .policygen-stamp',
  '.policygen-key-facts h2',
  '.policygen-key-facts table',
  '.policygen-key-facts td',
  '.policygen-toc',
  '.policygen-toc ol',
  '.policygen-toc li',
  '.policygen-toc a',
  '.policygen-body h2',
  '.policygen-body h3',
  '.policygen-body p',
  '.policygen-body a',
  '.policygen-body ul',
  '.policygen-body li',
  '.policygen-body table',
  '.policygen-body th',
  '.policygen-body td',
];
const FRAGMENT_PROPERTIES = ['display', 'color', 'background-color', 'font-size', 'font-weight', 'margin-top', 'margin-bottom', 'padding-left', 'list-style-type', 'text-decoration-line', 'text-transform', 'border-top-width', 'visibility'];

describeWith({}, 'the fragment in a host page (headless Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await puppeteer.launch({ executablePath: chromium!.path, headless: true, args: [...launchArgs] });
  }, 120_000);
  afterAll(async () => browser?.close());

  /** Writes a host page beside the fragment (its stylesheet is there) and opens it. */
  async function open(at: string, name: string, width: number, options: { fragment: boolean; fragmentCss: boolean; hostile: boolean }): Promise<Page> {
    const file = join(out, ...at.split('/'), `${name}.html`);
    writeFileSync(file, hostPage({ lang: at.split('/')[1]!, fragmentCss: options.fragmentCss, hostile: options.hostile, ...(options.fragment ? { fragment: text(`${at}/policy.fragment.html`) } : {}) }));
    const page = await browser.newPage();
    await page.setViewport({ width, height: 844 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return page;
  }

  for (const width of [1280, 390]) {
    it(`at ${width} px the host's hostile CSS changes nothing in the fragment, and the fragment's CSS nothing of the host`, async () => {
      for (const at of ['china/zh-CN', 'global/en']) {
        const calm = await open(at, 'host-calm', width, { fragment: true, fragmentCss: true, hostile: false });
        const hostile = await open(at, 'host-hostile', width, { fragment: true, fragmentCss: true, hostile: true });
        const expected = await styles(calm, FRAGMENT_ELEMENTS, FRAGMENT_PROPERTIES);
        expect(Object.values(expected).filter((s) => s.missing)).toEqual([]);
        expect(await styles(hostile, FRAGMENT_ELEMENTS, FRAGMENT_PROPERTIES), `${at} at ${width} px`).toEqual(expected);
        // Tables are shown: a table at 1280, a card per row at 390 (the column is narrow).
        const layout = await hostile.evaluate(() => {
          const table = document.querySelector('.policygen-body table')!;
          const td = document.querySelector('.policygen-body td')!;
          const h2 = document.querySelector('.policygen-body h2')!;
          return {
            tableHeight: table.getBoundingClientRect().height,
            td: getComputedStyle(td).display,
            h2Color: getComputedStyle(h2).color,
            h2Size: parseFloat(getComputedStyle(h2).fontSize),
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          };
        });
        expect(layout.tableHeight).toBeGreaterThan(50);
        expect(layout.td).toBe(width === 390 ? 'block' : 'table-cell');
        expect(layout.h2Color).not.toBe('rgb(255, 0, 0)');
        expect(layout.h2Size).toBeLessThan(30);
        expect(layout.overflow, `${at} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
        // The host's own elements: the same with the fragment and its CSS as without them.
        const before = await open(at, 'host-alone', width, { fragment: false, fragmentCss: false, hostile: true });
        expect(await styles(hostile, HOST_ELEMENTS, HOST_PROPERTIES), at).toEqual(await styles(before, HOST_ELEMENTS, HOST_PROPERTIES));
        for (const page of [calm, hostile, before]) await page.close();
      }
    }, 120_000);
  }

  it('the comparison can fail: without the fragment CSS the hostile host reaches the fragment; a global rule reaches the host', async () => {
    const at = 'global/en';
    const calm = await open(at, 'host-calm', 1280, { fragment: true, fragmentCss: true, hostile: false });
    const unstyled = await open(at, 'host-unstyled', 1280, { fragment: true, fragmentCss: false, hostile: true });
    const a = await styles(calm, FRAGMENT_ELEMENTS, FRAGMENT_PROPERTIES);
    const b = await styles(unstyled, FRAGMENT_ELEMENTS, FRAGMENT_PROPERTIES);
    expect(b['.policygen-body table']!.display).toBe('none');
    expect(b).not.toEqual(a);
    const alone = await open(at, 'host-alone', 1280, { fragment: false, fragmentCss: false, hostile: true });
    const leaky = await open(at, 'host-hostile', 1280, { fragment: true, fragmentCss: true, hostile: true });
    await leaky.addStyleTag({ content: 'p { letter-spacing: 2px; margin-top: 3px }' });
    const props = [...HOST_PROPERTIES, 'letter-spacing'];
    expect(await styles(leaky, HOST_ELEMENTS, props)).not.toEqual(await styles(alone, HOST_ELEMENTS, props));
    for (const page of [calm, unstyled, alone, leaky]) await page.close();
  }, 120_000);

  it('every in-fragment link leads to an element inside the fragment; nothing runs', async () => {
    for (const at of AT) {
      const page = await open(at, 'host-hostile', 1280, { fragment: true, fragmentCss: true, hostile: true });
      const result = await page.evaluate(() => {
        const article = document.querySelector('article.policygen')!;
        const links = [...article.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href')!.slice(1));
        return {
          links: links.length,
          outside: links.filter((id) => !article.contains(document.getElementById(id))),
          scripts: document.scripts.length,
          handlers: [...article.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((x) => x.name.startsWith('on')).map((x) => x.name)),
        };
      });
      expect(result.links, at).toBeGreaterThan(40);
      expect(result.outside, at).toEqual([]);
      expect(result.scripts).toBe(0);
      expect(result.handlers).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it('axe-core reports no violations on the host page with the fragment, at 390 and 1280 px', async () => {
    for (const at of AT) {
      for (const width of [390, 1280]) {
        const page = await open(at, 'host-hostile', width, { fragment: true, fragmentCss: true, hostile: true });
        const result = await new AxePuppeteer(page).analyze();
        expect(
          result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
          `${at} at ${width} px`,
        ).toEqual([]);
        await page.close();
      }
    }
  }, 240_000);

  it('axe-core can fail: link colour without contrast, a table box the keyboard cannot reach', async () => {
    const page = await open('global/en', 'host-hostile', 390, { fragment: true, fragmentCss: true, hostile: true });
    await page.addStyleTag({ content: '.policygen .policygen-body a { color: #bbb !important; }' });
    await page.evaluate(() => document.querySelectorAll('.policygen .table-wrap').forEach((w) => w.removeAttribute('tabindex')));
    await page.setViewport({ width: 1280, height: 844 });
    await page.addStyleTag({ content: '.policygen .table-wrap table { width: 3000px !important; }' });
    const ids = (await new AxePuppeteer(page).analyze()).violations.map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['color-contrast', 'scrollable-region-focusable']));
    await page.close();
  }, 120_000);
});

describeWith({ browser: false, java: true }, 'the host page with the fragment, in the W3C Nu checker (vnu-jar, needs Java)', () => {
  function vnu(paths: readonly string[]): string[] {
    const run = spawnSync('java', ['-jar', VNU_JAR, '--errors-only', '--format', 'json', '--stdout', ...paths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
    if (run.error) throw run.error;
    return (JSON.parse(run.stdout) as { messages: { url?: string; lastLine?: number; message: string }[] }).messages.map((m) => `${m.url?.split('/').slice(-3).join('/')}:${m.lastLine}: ${m.message}`);
  }

  it('reports 0 errors on a host page holding each fragment; a duplicate id and an image without alt text are errors', () => {
    const pages = AT.map((at) => {
      const file = join(out, ...at.split('/'), 'host-vnu.html');
      writeFileSync(file, hostPage({ lang: at.split('/')[1]!, fragment: text(`${at}/policy.fragment.html`), fragmentCss: true, hostile: true }));
      return file;
    });
    expect(vnu(pages)).toEqual([]);
    const broken = join(out, 'host-broken.html');
    writeFileSync(broken, hostPage({ lang: 'en', fragment: `${text('global/en/policy.fragment.html')}<p id="policygen-top"><img src="x.png"></p>`, fragmentCss: true, hostile: false }));
    const messages = vnu([broken]);
    expect(messages.some((m) => /\balt\b/.test(m)), messages.join('\n')).toBe(true);
    expect(messages.some((m) => /Duplicate ID “policygen-top”/.test(m)), messages.join('\n')).toBe(true);
  }, 300_000);
});

// ---------------------------------------------------------------------------------------
// Hostile facts; a released policy and its draft

const PAYLOAD = `<script>window.pwned=1</script><img src=x onerror="window.pwned=2"> {{constructor.constructor 'return 1'}} [click](javascript:window.pwned=3) id="main" <a href="#contact">x</a>`;

/** The example with the payload in a custom section's title and body and in a purpose. */
function hostileFile(dir: string): string {
  const data = parseYaml(readFileSync(EXAMPLE, 'utf8')) as Record<string, any>;
  data.custom_sections[0].title = { 'zh-CN': `${PAYLOAD} 中文标题`, en: PAYLOAD };
  data.custom_sections[0].body = { 'zh-CN': `${PAYLOAD}\n\n中文正文`, en: PAYLOAD };
  data.purposes[0].description = { 'zh-CN': `${PAYLOAD} 中文`, en: PAYLOAD };
  const file = join(dir, 'hostile.yaml');
  writeFileSync(file, stringifyYaml(data));
  return file;
}

describeWith({}, 'hostile facts stay inert in the fragment and in policy.json (headless Chromium)', () => {
  let hostileFiles: OutputFile[];
  const dir = join(scratch, 'hostile');
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    const lib = await library();
    const prepared = await preparePolicy(hostileFile(dir), lib);
    expect(prepared.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    hostileFiles = await policyFiles(prepared.policy!, lib, { formats: new Set(['html']), drafts: new Set() });
  }, 120_000);

  it('nothing runs, no element is injected, the text shows literally; policy.json\'s HTML has no script, handler or javascript: link', async () => {
    const browser = await puppeteer.launch({ executablePath: chromium!.path, headless: true, args: [...launchArgs] });
    try {
      for (const at of AT) {
        const fragment = String(hostileFiles.find((f) => f.path === `${at}/policy.fragment.html`)!.content);
        expect(fragmentProblems(fragment), at).toEqual([]);
        const file = join(dir, `${at.replace('/', '-')}.html`);
        writeFileSync(file, hostPage({ lang: at.split('/')[1]!, fragment, fragmentCss: false, hostile: false }));
        const page = await browser.newPage();
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        const result = await page.evaluate(() => {
          const article = document.querySelector('article.policygen')!;
          const allowed = new Set(['HEADER', 'H1', 'H2', 'H3', 'P', 'UL', 'OL', 'LI', 'A', 'STRONG', 'EM', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'DIV', 'SECTION', 'NAV', 'SPAN', 'CODE', 'BR']);
          return {
            pwned: String((window as unknown as { pwned?: unknown }).pwned),
            scripts: document.scripts.length,
            tags: [...new Set([...article.querySelectorAll('*')].map((e) => e.tagName))].filter((t) => !allowed.has(t)),
            handlers: [...article.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
            javascript: [...article.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '').filter((h) => /^javascript:/i.test(h)),
            mainIds: document.querySelectorAll('#main').length,
            occurrences: article.textContent!.split('<script>window.pwned=1</script>').length - 1,
          };
        });
        expect(result, at).toMatchObject({ pwned: 'undefined', scripts: 0, tags: [], handlers: [], javascript: [], mainIds: 0 });
        expect(result.occurrences, at).toBeGreaterThanOrEqual(2);
        // policy.json's HTML, parsed by the browser as a site would insert it (an inert <template>).
        const data = JSON.parse(String(hostileFiles.find((f) => f.path === `${at}/policy.json`)!.content)) as { clauses: ClauseJson[]; keyFacts: { html: string } };
        const parsed = await page.evaluate((htmls: string[]) => {
          const template = document.createElement('template');
          template.innerHTML = htmls.join('\n');
          const all = [...template.content.querySelectorAll('*')];
          return {
            tags: [...new Set(all.map((e) => e.tagName))].filter((t) => ['SCRIPT', 'IMG', 'IFRAME', 'STYLE', 'OBJECT'].includes(t)),
            handlers: all.flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
            javascript: all.map((e) => e.getAttribute('href') ?? '').filter((h) => /^javascript:/i.test(h)),
            occurrences: template.content.textContent!.split('<script>window.pwned=1</script>').length - 1,
          };
        }, [data.keyFacts.html, ...flat(data.clauses).map((c) => c.html)]);
        expect(parsed, at).toMatchObject({ tags: [], handlers: [], javascript: [] });
        expect(parsed.occurrences, at).toBeGreaterThanOrEqual(1);
        await page.close();
        expect(flat(data.clauses).some((c) => c.title.includes('<script>window.pwned=1</script>')), at).toBe(true);
      }
    } finally {
      await browser.close();
    }
  }, 120_000);
});

describe('build: policy.json names the release, working data that differs is a draft; --base-url makes the fragment\'s links absolute', () => {
  it('released: version 1, not a draft; a release changing the China document only: china version 2, global still 1; after a change: a draft with the draft label and no version', async () => {
    const lib = await library();
    const dir = join(scratch, 'released');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'acme.yaml');
    writeFileSync(file, readFileSync(EXAMPLE, 'utf8'));
    const first = await release(file, { date: '2026-03-07', library: lib, note: { 'zh-CN': '首次发布。', en: 'First release.' } });
    expect(first.status).toBe('released');
    const built = join(dir, 'out');
    expect((await build([file], { outDir: built, formats: ['md', 'html'] })).diagnostics).toEqual([]);
    const read = (at: string) => JSON.parse(readFileSync(join(built, 'acme', ...at.split('/'), 'policy.json'), 'utf8')) as Record<string, unknown>;
    expect(read('china/zh-CN')).toMatchObject({ draft: false, version: 1, stamp: '最后更新：2026年3月7日', date: '2026年3月7日' });
    expect(read('global/en')).toMatchObject({ draft: false, version: 1, stamp: 'Last updated: March 7, 2026' });
    // --base-url: the fragment's links to other documents are absolute; the fragment is in no sitemap and gets no head links.
    const based = join(dir, 'based');
    expect((await build([file], { outDir: based, formats: ['html'], baseUrl: 'https://acme.example/privacy/' })).diagnostics).toEqual([]);
    const basedFragment = readFileSync(join(based, 'acme', 'china', 'en', 'policy.fragment.html'), 'utf8');
    expect(basedFragment).toContain('href="https://acme.example/privacy/acme/global/en/index.html"');
    expect(fragmentProblems(basedFragment)).toEqual([]);
    expect(basedFragment).not.toContain('rel="canonical"');
    const sitemap = readFileSync(join(based, 'acme', 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain('https://acme.example/privacy/acme/china/en/index.html');
    expect(sitemap).not.toContain('fragment');
    // A one-off build with --date is no release.
    expect((await build([file], { outDir: join(dir, 'dated'), formats: ['html'], date: '2026-05-01' })).diagnostics).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'dated', 'acme', 'china', 'en', 'policy.json'), 'utf8')).version).toBeUndefined();
    // A release that changes the China document only (the PIPL reply deadline is in its PIPL part):
    // china is version 2, global's text is still version 1's (as its archive says: global/versions/1 only).
    const before = readFileSync(file, 'utf8');
    expect(before.split('response_days: 15 ').length - 1).toBe(1);
    writeFileSync(file, before.replace('response_days: 15 ', 'response_days: 10 '));
    const second = await release(file, { date: '2026-04-01', library: lib, note: { 'zh-CN': '缩短了答复期限。', en: 'We reply sooner.' } });
    expect(second.status).toBe('released');
    expect((await build([file], { outDir: built, formats: ['md', 'html'] })).diagnostics).toEqual([]);
    expect(read('china/en')).toMatchObject({ draft: false, version: 2, date: 'April 1, 2026' });
    expect(read('global/en')).toMatchObject({ draft: false, version: 1, date: 'March 7, 2026' });
    expect(existsSync(join(built, 'acme', 'global', 'versions', '2'))).toBe(false);
    // Working data that differs from the release: a draft.
    const data = parseYaml(readFileSync(file, 'utf8')) as Record<string, any>;
    data.data_categories[0].retention.period = '10 years';
    writeFileSync(file, stringifyYaml(data));
    expect((await build([file], { outDir: built, formats: ['md', 'html'] })).diagnostics).toEqual([]);
    const draft = read('china/zh-CN');
    expect(draft.draft).toBe(true);
    expect(draft).not.toHaveProperty('version');
    const draftLabel = lib.locales.get('zh-CN')!.i18n.t('document.draft') as string;
    expect(draft.stamp).toBe(draftLabel);
    expect(readFileSync(join(built, 'acme', 'china', 'zh-CN', 'policy.fragment.html'), 'utf8')).toContain(`<p class="policygen-draft" role="status">${draftLabel}</p>`);
    expect(schemaErrors(draft)).toEqual([]);
  }, 180_000);
});

describe('renderFragment options', () => {
  it('a draft shows the draft label instead of the stamp; idPrefix "" keeps the page\'s ids', () => {
    const doc = policy.documents.find((c) => c.plan.id === 'global')!.documents.find((d) => d.locale === 'en')!;
    const draft = renderFragment(doc, { contentsLabel: 'Contents', draftLabel: 'Draft — not released' });
    expect(draft).toContain('<p class="policygen-draft" role="status">Draft — not released</p>');
    expect(draft).not.toContain('policygen-stamp');
    const own = renderFragment(doc, { contentsLabel: 'Contents', idPrefix: '' });
    expect(own).toContain('<h2 id="contact">');
    expect(own).toContain('href="#contact"');
    expect(own).not.toContain('id="policygen-');
  });
});
