/**
 * PDF/UA-1 (ISO 14289-1), the parts a machine can check, read back from every PDF policygen
 * prints — the example's policies and China lists, and the notices and redlines of a
 * history released twice — with two readers nobody here wrote: poppler (`pdfinfo
 * -struct-text`, the tag tree as text) and pdf.js (metadata, mark info, annotations, marked
 * content). veraPDF is not available here; README.md says which rules these cover.
 *
 * A PDF printed by Chromium without policygen's fix-ups fails every check, and the fix-ups
 * alone (makePdfAccessible on those bytes) pass the structural ones: each check can fail.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { build } from '../src/pipeline/build.js';
import { diff } from '../src/pipeline/diff.js';
import { release } from '../src/pipeline/release.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { launchArgs } from '../src/render/browser.js';
import { makePdfAccessible, pageBoxes } from '../src/render/pdf.js';
import { chromium, describeWith } from './helpers/browser.js';
import { library } from './helpers/library.js';

const EXAMPLE = join(PACKAGE_ROOT, 'data', 'example.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'policygen-pdfua-'));

// ---------------------------------------------------------------------------------------
// Reading a PDF back.

/** A structure element as poppler prints it: type, the text of its own content, its children. */
interface StructNode {
  type: string;
  texts: string[];
  children: StructNode[];
}

interface StructTree {
  root: StructNode;
  /** What pdfinfo printed on stderr ("Syntax Error: StructElem object is wrong type (Strong)"). */
  errors: string[];
}

const trees = new Map<string, StructTree>();

/** `pdfinfo -struct-text`, parsed by indentation (two spaces a level); read once per file (it takes seconds). */
function structTree(pdf: string): StructTree {
  if (!trees.has(pdf)) trees.set(pdf, readStructTree(pdf));
  return trees.get(pdf)!;
}

function readStructTree(pdf: string): StructTree {
  const run = spawnSync('pdfinfo', ['-struct-text', pdf], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  const root: StructNode = { type: '(root)', texts: [], children: [] };
  const stack: Array<{ depth: number; node: StructNode }> = [{ depth: -1, node: root }];
  for (const line of run.stdout.split('\n')) {
    if (line.trim() === '') continue;
    const depth = (line.length - line.trimStart().length) / 2;
    while (stack.length > 1 && stack.at(-1)!.depth >= depth) stack.pop();
    const parent = stack.at(-1)!.node;
    const text = /^\s*"(.*)"\s*$/.exec(line);
    if (text) {
      parent.texts.push(text[1]!);
      continue;
    }
    const element = /^\s*([A-Za-z][A-Za-z0-9]*)(?: \((?:block|inline)\))?(?: <[^>]*>)?:?\s*$/.exec(line);
    if (element) {
      const node: StructNode = { type: element[1]!, texts: [], children: [] };
      parent.children.push(node);
      stack.push({ depth, node });
    }
    // Attribute lines (/Scope …) and annotation references (Object 12 0) are not needed here.
  }
  return { root, errors: run.stderr.split('\n').filter((line) => line.trim() !== '') };
}

function* walk(node: StructNode): Generator<StructNode> {
  yield node;
  for (const child of node.children) yield* walk(child);
}

/** All the text of a node, depth first, as a screen reader would read it in order. */
function textOf(node: StructNode): string {
  return [...node.texts, ...node.children.map(textOf)].join('');
}

interface PdfJsView {
  metadata: Record<string, string> | null;
  info: { Title?: string; Language?: string };
  markInfo: { Marked?: boolean } | null;
  viewerPreferences: { DisplayDocTitle?: boolean } | null;
  pages: Array<{
    links: Array<{ contents: string; url: string | null; dest: string | null }>;
    /** Text drawn outside every marked-content sequence. */
    untagged: string[];
    /** Text inside an Artifact sequence. */
    artifacts: string[];
  }>;
}

const views = new Map<string, Promise<PdfJsView>>();

/** What pdf.js reads: the XMP metadata, catalog entries, and per page the link annotations and marked content (once per file). */
function pdfjsView(pdf: string): Promise<PdfJsView> {
  if (!views.has(pdf)) views.set(pdf, readPdfjsView(pdf));
  return views.get(pdf)!;
}

async function readPdfjsView(pdf: string): Promise<PdfJsView> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const meta = await doc.getMetadata();
    const view: PdfJsView = {
      metadata: meta.metadata ? (meta.metadata.getAll() as Record<string, string>) : null,
      info: meta.info as PdfJsView['info'],
      markInfo: (await doc.getMarkInfo()) as PdfJsView['markInfo'],
      viewerPreferences: (await doc.getViewerPreferences()) as PdfJsView['viewerPreferences'],
      pages: [],
    };
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const annotations = (await page.getAnnotations()) as Array<{ subtype: string; contentsObj?: { str?: string }; url?: string; unsafeUrl?: string; dest?: unknown }>;
      const links = annotations
        .filter((a) => a.subtype === 'Link')
        .map((a) => ({ contents: a.contentsObj?.str ?? '', url: a.url ?? a.unsafeUrl ?? null, dest: typeof a.dest === 'string' ? a.dest : null }));
      const content = await page.getTextContent({ includeMarkedContent: true });
      const open: string[] = [];
      const untagged: string[] = [];
      const artifacts: string[] = [];
      for (const item of content.items as Array<{ type?: string; tag?: string; str?: string }>) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') open.push(item.tag ?? '');
        else if (item.type === 'endMarkedContent') open.pop();
        else if (item.str?.trim()) (open.length === 0 ? untagged : open.includes('Artifact') ? artifacts : []).push(item.str);
      }
      view.pages.push({ links, untagged, artifacts });
    }
    return view;
  } finally {
    await doc.destroy();
  }
}

/** PDF 1.7's standard structure types (ISO 32000-1, 14.8.4). */
const STANDARD = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(
    ' ',
  ),
);

/** From the bytes (Skia writes no object streams): the structure types used and the RoleMap. */
function rawStructure(pdf: Uint8Array): { types: Set<string>; roleMap: Map<string, string> } {
  const text = Buffer.from(pdf).toString('latin1');
  const types = new Set([...text.matchAll(/\/Type \/StructElem\s*\/S \/(\w+)/g)].map((m) => m[1]!));
  const roleMap = new Map<string, string>();
  const dict = /\/RoleMap\s*<<([^>]*)>>/.exec(text);
  for (const m of (dict?.[1] ?? '').matchAll(/\/(\w+)\s*\/(\w+)/g)) roleMap.set(m[1]!, m[2]!);
  return { types, roleMap };
}

/** The texts of the page's links by href ("#contact", "https://…", "mailto:…"), from the HTML source. */
function htmlLinkTexts(html: string): Map<string, Set<string>> {
  const decode = (s: string): string =>
    s
      .replace(/<[^>]+>/g, '')
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim();
  const links = new Map<string, Set<string>>();
  for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)) {
    // As the PDF has it: an absolute URL normalised (https://ico.org.uk → https://ico.org.uk/).
    const href = /^[a-z][a-z0-9+.-]*:/i.test(decode(m[1]!)) ? new URL(decode(m[1]!)).href : decode(m[1]!);
    if (!links.has(href)) links.set(href, new Set());
    links.get(href)!.add(decode(m[2]!));
  }
  return links;
}

/** Latin words in the tag tree's text that the page's HTML does not have: words run together at a line wrap ("XihuDistrict"). */
function mergedWords(tree: StructNode, html: string): string[] {
  const source = html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
  const words = new Set(source.match(/[A-Za-z]+/g) ?? []);
  return [...walk(tree)].flatMap((node) => node.texts.flatMap((text) => (text.match(/[A-Za-z]+/g) ?? []).filter((word) => !words.has(word))));
}

// ---------------------------------------------------------------------------------------
// The checks: each returns what is wrong ([] when the PDF passes).

interface Expected {
  title: string;
  lang: string;
}

const checks = {
  /** XMP with pdfuaid:part 1, dc:title (= the title shown), dc:language; marked; the title displayed; /Lang. */
  metadata(view: PdfJsView, expected: Expected): string[] {
    const problems: string[] = [];
    if (!view.metadata) return ['no XMP metadata stream'];
    if (view.metadata['pdfuaid:part'] !== '1') problems.push(`pdfuaid:part is ${view.metadata['pdfuaid:part']}`);
    if (view.metadata['dc:title'] !== expected.title) problems.push(`dc:title is ${JSON.stringify(view.metadata['dc:title'])}`);
    if (view.info.Title !== expected.title) problems.push(`the Info dictionary's /Title is ${JSON.stringify(view.info.Title)}`);
    if (view.metadata['dc:language'] !== expected.lang) problems.push(`dc:language is ${view.metadata['dc:language']}`);
    if (view.info.Language !== expected.lang) problems.push(`/Lang is ${view.info.Language}`);
    if (view.markInfo?.Marked !== true) problems.push('not /Marked');
    if (view.viewerPreferences?.DisplayDocTitle !== true) problems.push('no DisplayDocTitle');
    return problems;
  },
  /** Every structure type is standard or role-mapped to a standard one, and poppler reads the tree without complaint. */
  roles(pdf: Uint8Array, tree: StructTree): string[] {
    const { types, roleMap } = rawStructure(pdf);
    const problems = [...types].filter((type) => !STANDARD.has(type) && !STANDARD.has(roleMap.get(type) ?? '')).map((type) => `/${type} is neither standard nor role-mapped`);
    return [...problems, ...tree.errors];
  },
  /** Header and footer (and anything else outside the tags) are artifacts; no footer text in the tag tree. */
  artifacts(view: PdfJsView, tree: StructTree): string[] {
    const problems = view.pages.flatMap((page, i) => page.untagged.map((text) => `page ${i + 1}: untagged text ${JSON.stringify(text)}`));
    view.pages.forEach((page, i) => {
      if (!page.artifacts.join(' ').includes(String(i + 1))) problems.push(`page ${i + 1}: no page number among the artifacts`);
    });
    const all = textOf(tree.root);
    if (/Page 1 of \d|第 1 页/.test(all)) problems.push('the footer is in the tag tree');
    return problems;
  },
  /** LI holds Lbl and LBody only, and has an LBody. */
  lists(tree: StructTree): string[] {
    return [...walk(tree.root)]
      .filter((node) => node.type === 'LI')
      .filter((li) => !li.children.some((c) => c.type === 'LBody') || li.children.some((c) => c.type !== 'Lbl' && c.type !== 'LBody') || li.texts.length > 0)
      .map((li) => `LI with ${li.children.map((c) => c.type).join(', ')}: ${textOf(li).slice(0, 60)}`);
  },
  /** A table header cell's text once, not again for each page its table continues on. */
  tableHeaders(tree: StructTree): string[] {
    return [...walk(tree.root)]
      .filter((node) => node.type === 'TH')
      .map((th) => [...walk(th)].flatMap((node) => node.texts).filter((text) => text !== ''))
      .filter((texts) => new Set(texts).size !== texts.length)
      .map((texts) => `TH reads ${JSON.stringify(texts.join(''))}`);
  },
  /** Every link annotation has /Contents: its link's text, or its URL. */
  links(view: PdfJsView, html: string | null): string[] {
    const texts = html === null ? null : htmlLinkTexts(html);
    return view.pages.flatMap((page, i) =>
      page.links.flatMap((link) => {
        if (!link.contents.trim()) return [`page ${i + 1}: a link to ${link.url ?? `#${link.dest}`} without /Contents`];
        if (!texts) return [];
        const href = link.url ?? `#${link.dest}`;
        const allowed = new Set([...(texts.get(href) ?? []), href, href.replace(/^mailto:/, '')]);
        return allowed.has(link.contents) ? [] : [`page ${i + 1}: /Contents ${JSON.stringify(link.contents)} for ${href}, whose text is ${JSON.stringify([...(texts.get(href) ?? [])])}`];
      }),
    );
  },
};

function editYaml(file: string, change: (data: Record<string, any>) => void): void {
  const data = parseYaml(readFileSync(file, 'utf8')) as Record<string, any>;
  change(data);
  writeFileSync(file, stringifyYaml(data));
}

interface Printed {
  pdf: string;
  /** The page it was printed from. */
  html: string;
  expected: Expected;
  kind: 'policy' | 'list' | 'notice' | 'redline';
}

describeWith(
  { poppler: true },
  'PDF/UA-1, machine-checkable parts (needs Chromium and poppler)',
  () => {
    const printed: Printed[] = [];

    beforeAll(async () => {
      const out = join(scratch, 'out');
      const example = await build([EXAMPLE], { outDir: out });
      expect(example.diagnostics).toEqual([]);
      // The example: each document's policy and the China lists, in both languages.
      for (const document of ['china', 'global']) {
        for (const lang of ['zh-CN', 'en']) {
          const dir = join(out, 'example', document, lang);
          const names = document === 'china' ? ['index', 'collection-list', 'sharing-list', 'permissions-list'] : ['index'];
          for (const name of names) {
            const pdf = join(dir, name === 'index' ? 'policy.pdf' : `${name}.pdf`);
            const title = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout.match(/^Title:\s*(.*)$/m)?.[1] ?? '';
            printed.push({ pdf, html: join(dir, `${name}.html`), expected: { title, lang }, kind: name === 'index' ? 'policy' : 'list' });
          }
        }
      }
      // A history released twice, and the notices and redlines between the two versions.
      const dir = join(scratch, 'history');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'acme.yaml');
      cpSync(EXAMPLE, file);
      const lib = await library();
      expect((await release(file, { date: '2026-03-07', library: lib, note: { 'zh-CN': '首次发布。', en: 'First release.' } })).status).toBe('released');
      editYaml(file, (d) => {
        d.data_categories[0].retention.period = '10 years';
      });
      expect((await release(file, { date: '2026-04-01', library: lib, note: { 'zh-CN': '延长了账号信息的保存期限。', en: 'We keep account details longer.' } })).status).toBe('released');
      const changes = join(scratch, 'changes');
      const report = await diff(file, { from: 1, to: 2, outDir: changes, library: lib });
      expect(report.diagnostics).toEqual([]);
      for (const written of report.files.filter((f) => f.path.endsWith('.pdf'))) {
        const pdf = join(changes, written.path);
        const title = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout.match(/^Title:\s*(.*)$/m)?.[1] ?? '';
        const kind = basename(pdf) === 'redline.pdf' ? 'redline' : 'notice';
        printed.push({ pdf, html: join(dirname(pdf), `${kind}.html`), expected: { title, lang: written.locale ?? basename(dirname(pdf)) }, kind });
      }
    }, 600_000);

    it('prints every kind of PDF in both languages', () => {
      const kinds = printed.map((p) => `${p.kind}:${p.expected.lang}`);
      for (const kind of ['policy', 'list', 'notice', 'redline']) for (const lang of ['zh-CN', 'en']) expect(kinds).toContain(`${kind}:${lang}`);
      for (const p of printed) expect(p.expected.title, p.pdf).not.toBe('');
    });

    it('each PDF: XMP (pdfuaid:part 1, dc:title, dc:language), marked, title displayed, /Lang', async () => {
      for (const p of printed) expect(checks.metadata(await pdfjsView(p.pdf), p.expected), p.pdf).toEqual([]);
      // The policy's title is the document's, with the company.
      const policy = printed.find((p) => p.kind === 'policy' && p.expected.lang === 'en' && p.pdf.includes('/global/'))!;
      expect(policy.expected.title).toContain('Privacy Policy (Outside Mainland China)');
    });

    it('each PDF: standard structure types or a RoleMap, and poppler reads the tag tree without a complaint', () => {
      for (const p of printed) expect(checks.roles(readFileSync(p.pdf), structTree(p.pdf)), p.pdf).toEqual([]);
      // Chromium's /Strong is mapped (it is in the policies), and its text is in the tree.
      const policy = printed.find((p) => p.kind === 'policy' && p.expected.lang === 'en' && p.pdf.includes('/global/'))!;
      expect(rawStructure(readFileSync(policy.pdf)).roleMap.get('Strong')).toBe('Span');
      expect(textOf(structTree(policy.pdf).root)).toContain('In this policy we also call ourselves Nimbus Notes.');
    });

    it('each PDF: the running header and footer are artifacts, and nothing is drawn untagged', async () => {
      for (const p of printed) expect(checks.artifacts(await pdfjsView(p.pdf), structTree(p.pdf)), p.pdf).toEqual([]);
    });

    it('each PDF: list items hold Lbl and LBody', () => {
      for (const p of printed) expect(checks.lists(structTree(p.pdf)), p.pdf).toEqual([]);
      const policy = printed.find((p) => p.kind === 'policy')!;
      expect([...walk(structTree(policy.pdf).root)].filter((n) => n.type === 'LBody').length).toBeGreaterThan(20);
    });

    it('each PDF: a table header repeated on a continuation page is tagged once', () => {
      for (const p of printed) expect(checks.tableHeaders(structTree(p.pdf)), p.pdf).toEqual([]);
      // Some of these tables do continue on another page (else this proves nothing).
      const continued = printed.filter((p) => {
        const view = spawnSync('pdftotext', ['-enc', 'UTF-8', p.pdf, '-'], { encoding: 'utf8' }).stdout;
        const header = p.expected.lang === 'en' ? 'Category' : '信息类别';
        return view.split('\f').filter((page) => page.includes(header)).length > 1;
      });
      expect(continued.length).toBeGreaterThan(0);
    });

    it('each PDF: every link annotation has /Contents, its link text (or URL)', async () => {
      let links = 0;
      for (const p of printed) {
        const view = await pdfjsView(p.pdf);
        links += view.pages.reduce((n, page) => n + page.links.length, 0);
        expect(checks.links(view, readFileSync(p.html, 'utf8')), p.pdf).toEqual([]);
      }
      expect(links).toBeGreaterThan(100);
    });

    it('English PDFs: the tag tree keeps the spaces at line wraps', () => {
      for (const p of printed.filter((p) => p.expected.lang === 'en')) {
        const merged = mergedWords(structTree(p.pdf).root, readFileSync(p.html, 'utf8'));
        // A space at a wrap is drawn hanging past the line; one that falls past the page's
        // printable area is clipped away by Skia (a line that ends flush with the margin).
        expect(merged.length, `${p.pdf}: ${merged.join(', ')}`).toBeLessThanOrEqual(3);
      }
      for (const p of printed.filter((p) => p.kind === 'policy' && p.expected.lang === 'en')) {
        const text = textOf(structTree(p.pdf).root);
        expect(text).toContain('398 Wensan Road, Xihu District, Hangzhou');
        expect(text).not.toContain('XihuDistrict');
      }
    });

    it('redlines: insertions and deletions are announced in the page and reach the tag tree', () => {
      for (const p of printed.filter((p) => p.kind === 'redline')) {
        const html = readFileSync(p.html, 'utf8');
        expect(html).toMatch(/<span class="change-label">[^<]+<\/span><del>[^<]*<\/del><span class="change-label">[^<]+<\/span>/);
        expect(html).toMatch(/<span class="change-label">[^<]+<\/span><ins>[^<]*<\/ins><span class="change-label">[^<]+<\/span>/);
        const text = textOf(structTree(p.pdf).root);
        const [added, removed] = p.expected.lang === 'en' ? ['Added text:', 'Removed text:'] : ['新增内容：', '删除内容：'];
        expect(text).toContain(added);
        expect(text).toContain(removed);
        // "… Removed text: 30 (end of removed text) Added text: 10 years (end of added text)"
        expect(text).toMatch(p.expected.lang === 'en' ? /Removed text:.{1,40}\(end of removed text\)\s*Added text:.{1,40}\(end of added text\)/ : /删除内容：.{1,40}（删除内容结束）\s*新增内容：.{1,40}（新增内容结束）/);
      }
    });

    describe('a PDF as Chromium prints it, without the fix-ups', () => {
      let raw: Uint8Array;
      let rawPath: string;
      let fixedPath: string;
      let policy: Printed;
      let browser: Awaited<ReturnType<typeof puppeteer.launch>> | undefined;

      beforeAll(async () => {
        policy = printed.find((p) => p.kind === 'policy' && p.expected.lang === 'en' && p.pdf.includes('/global/'))!;
        browser = await puppeteer.launch({ executablePath: chromium!.path, args: [...launchArgs] });
        const page = await browser.newPage();
        await page.goto(pathToFileURL(policy.html).href, { waitUntil: 'load' });
        await page.addStyleTag({ content: pageBoxes({ title: policy.expected.title, stampLabel: 'Last updated: March 7, 2026' }).css });
        await page.evaluate((title: string) => void (document.title = title), policy.expected.title);
        raw = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, outline: true, tagged: true });
        rawPath = join(scratch, 'raw.pdf');
        writeFileSync(rawPath, raw);
        fixedPath = join(scratch, 'raw-fixed.pdf');
        writeFileSync(fixedPath, makePdfAccessible(raw, { ...policy.expected, fixedDate: '2026-03-07' }).pdf);
      }, 120_000);

      afterAll(async () => {
        await browser?.close();
      });

      it('fails every check', async () => {
        const view = await pdfjsView(rawPath);
        const tree = structTree(rawPath);
        expect(checks.metadata(view, policy.expected)).toContain('no XMP metadata stream');
        expect(checks.roles(raw, tree)).toContain('/Strong is neither standard nor role-mapped');
        expect(tree.errors.join('\n')).toMatch(/Syntax Error: StructElem object is wrong type \(Strong\)/);
        expect(checks.artifacts(view, tree).filter((p) => p.includes('untagged text')).length).toBeGreaterThan(view.pages.length);
        expect(checks.lists(tree).length).toBeGreaterThan(20);
        expect(checks.tableHeaders(tree).length).toBeGreaterThan(0);
        expect(checks.links(view, null).length).toBeGreaterThan(50);
        expect(mergedWords(tree.root, readFileSync(policy.html, 'utf8'))).toContain('XihuDistrict');
      });

      it('passes the structural checks once makePdfAccessible has rewritten it; the word spaces need the page (pre-wrap)', async () => {
        const view = await pdfjsView(fixedPath);
        const tree = structTree(fixedPath);
        expect(checks.metadata(view, policy.expected)).toEqual([]);
        expect(checks.roles(readFileSync(fixedPath), tree)).toEqual([]);
        expect(checks.artifacts(view, tree)).toEqual([]);
        expect(checks.lists(tree)).toEqual([]);
        expect(checks.tableHeaders(tree)).toEqual([]);
        expect(checks.links(view, null)).toEqual([]);
        expect(mergedWords(tree.root, readFileSync(policy.html, 'utf8'))).toContain('XihuDistrict');
      });
    });
  },
  { timeout: 120_000 },
);
