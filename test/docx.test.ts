/**
 * Word files: policy.docx per document and locale (src/publish/docx.ts, listed by
 * src/publish/files.ts with `docx` in the formats) and redline.docx in the diff folder
 * (src/versions/redline-docx.ts), every change a Word tracked change.
 *
 * Read back three ways: the package's XML (headings, tables, links, language, fonts,
 * tracked changes), accept-all / reject-all applied to document.xml (which must give the
 * newer and the older version's text), and LibreOffice headless converting each file to
 * text. LibreOffice (with its Writer) is needed for the last: missing, those tests are
 * skipped locally and fail with POLICYGEN_REQUIRE_BROWSER=1 (CI), like the browser suites;
 * `node scripts/setup.mjs --for-tests` installs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import { Document, ExternalHyperlink, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocaleDocument } from '../src/compose/types.js';
import { build } from '../src/pipeline/build.js';
import { diff } from '../src/pipeline/diff.js';
import { preparePolicy, type PreparedPolicy } from '../src/pipeline/prepare.js';
import { release } from '../src/pipeline/release.js';
import { documentDocx, TEXT_WIDTH } from '../src/publish/docx.js';
import { pageLabels } from '../src/publish/publish.js';
import { policyFiles, type Format } from '../src/publish/files.js';
import { redlineDocx } from '../src/versions/redline-docx.js';
import { redline } from '../src/versions/redline.js';
import type { Comparison } from '../src/versions/compare.js';
import { readReleases } from '../src/versions/stamp.js';
import { browserRequired } from './helpers/browser.js';
import { library } from './helpers/library.js';
import { edit, EXAMPLE, exampleWorkspaces } from './helpers/workspace.js';

const { workspace, scratch } = exampleWorkspaces('policygen-docx-');

// ---------------------------------------------------------------------------------------
// Reading a .docx back.

/** The package's XML parts as text. */
function parts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).filter(([path]) => /\.(xml|rels)$/.test(path)).map(([path, data]) => [path, strFromU8(data)]));
}

const unescapeXml = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Each paragraph's `w:p` XML, in document order (table cells included). */
const paragraphXml = (xml: string) => [...xml.matchAll(/<w:p\b[^>]*?(?:\/>|>[\s\S]*?<\/w:p>)/g)].map((m) => m[0]);

/** A paragraph's visible text: its `w:t` (deleted text, `w:delText`, is not visible text). */
const paragraphText = (p: string) => unescapeXml([...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

/** The body's text, paragraph by paragraph, whitespace normalised, empty paragraphs left out. */
const bodyText = (xml: string) => paragraphXml(xml).map((p) => paragraphText(p).replace(/\s+/g, ' ').trim()).filter(Boolean);

/** Word's "Accept all changes": deletions go, insertions stay as plain runs. */
function acceptAll(xml: string): string {
  return xml
    .replace(/<w:del\b[^>]*[^/]>[\s\S]*?<\/w:del>/g, '')
    .replace(/<w:del\b[^>]*\/>/g, '')
    .replace(/<w:ins\b[^>]*\/>/g, '')
    .replace(/<\/?w:ins\b[^>]*>/g, '');
}

/** Word's "Reject all changes": insertions go, deletions become plain runs again. */
function rejectAll(xml: string): string {
  return xml
    .replace(/<w:ins\b[^>]*[^/]>[\s\S]*?<\/w:ins>/g, '')
    .replace(/<w:ins\b[^>]*\/>/g, '')
    .replace(/<w:del\b[^>]*\/>/g, '')
    .replace(/<\/?w:del\b[^>]*>/g, '')
    .replace(/<w:delText\b/g, '<w:t')
    .replace(/<\/w:delText>/g, '</w:t>');
}

/** The paragraphs in Word's heading styles: their level (Heading1 → 1) and text. */
function headingParagraphs(xml: string): { level: number; text: string }[] {
  return paragraphXml(xml).flatMap((p) => {
    const style = /<w:pStyle w:val="Heading(\d)"\/>/.exec(p);
    return style ? [{ level: Number(style[1]), text: paragraphText(p) }] : [];
  });
}

/** How a clause heading reads in the policy: "一、我们是谁…", "（一）敏感个人信息", "9.2 Title". */
const headingText = (h: { label: string; title: string }) => `${h.label}${/[、）]$/.test(h.label) ? '' : ' '}${h.title}`;

/** The text of a piece of LibreOffice's flat XML (fodt): tags dropped, spaces (<text:s/>) kept. */
const odtText = (xml: string) => unescapeXml(xml.replace(/<text:s(?: text:c="(\d+)")?\/>/g, (_, n: string | undefined) => ' '.repeat(Number(n ?? 1))).replace(/<text:tab\/>/g, '\t').replace(/<[^>]+>/g, ''));

/** The date and time of every entry of a zip file, from its local file headers (DOS format). */
function zipEntryTimes(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: string[] = [];
  for (let at = 0; at + 30 <= bytes.length; ) {
    if (view.getUint32(at, true) !== 0x04034b50) break;
    const time = view.getUint16(at + 10, true);
    const date = view.getUint16(at + 12, true);
    const pad = (n: number) => String(n).padStart(2, '0');
    out.push(`${(date >> 9) + 1980}-${pad((date >> 5) & 15)}-${pad(date & 31)} ${pad(time >> 11)}:${pad((time >> 5) & 63)}`);
    const compressed = view.getUint32(at + 18, true);
    at += 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true) + compressed;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// LibreOffice.

/** Why LibreOffice cannot convert a .docx here (no soffice, or no Writer), or undefined. */
function officeProblem(): string | undefined {
  const found = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'soffice')).find((path) => existsSync(path));
  if (!found) return 'no LibreOffice (soffice) found (run `node scripts/setup.mjs --for-tests` or apt-get install libreoffice-writer-nogui)';
  const program = dirname(realpathSync(found));
  const writer = [program, join(program, '..', 'Frameworks')].some((dir) => existsSync(dir) && readdirSync(dir).some((name) => /^libswlo\./.test(name)));
  return writer ? undefined : 'LibreOffice has no Writer, so it cannot open .docx (run `node scripts/setup.mjs --for-tests` or apt-get install libreoffice-writer-nogui)';
}
const office = officeProblem();

/** `it` for a test that needs LibreOffice: runs, skips locally, or fails with POLICYGEN_REQUIRE_BROWSER=1. */
function itWithOffice(name: string, body: () => unknown, timeout?: number): void {
  if (!office) it(name, body, timeout);
  else if (browserRequired) it(name, () => { throw new Error(`POLICYGEN_REQUIRE_BROWSER=1 but ${office}`); });
  else {
    process.stderr.write(`skipped "${name}": ${office}\n`);
    it.skip(`${name} (SKIPPED: ${office})`, body);
  }
}

/**
 * Files converted by one LibreOffice run (its own profile, so parallel runs don't clash),
 * e.g. to `txt:Text (encoded):UTF8`; returns the converted files' paths, in order.
 */
function convert(files: readonly string[], to: string, extension: string): string[] {
  const dir = mkdtempSync(join(scratch, 'lo-'));
  const profile = join(dir, 'profile');
  const result = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to', to, '--outdir', dir, ...files], { encoding: 'utf8', timeout: 300_000 });
  const out = files.map((file) => join(dir, basename(file).replace(/\.docx$/, `.${extension}`)));
  const missing = out.filter((path) => !existsSync(path));
  if (missing.length) throw new Error(`LibreOffice did not convert ${missing.join(', ')}: ${result.stderr}${result.stdout}`);
  return out;
}

// ---------------------------------------------------------------------------------------

describe('policy.docx: the composed policy as a Word file', () => {
  let policy: PreparedPolicy;
  const docxOf = new Map<string, Uint8Array>(); // "<document>/<locale>" → bytes
  const docOf = new Map<string, LocaleDocument>();
  const key = (doc: { document: string; locale: string }) => `${doc.document}/${doc.locale}`;

  beforeAll(async () => {
    const lib = await library();
    const prepared = await preparePolicy(EXAMPLE, lib, '2026-03-07');
    expect(prepared.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    policy = prepared.policy!;
    const files = await policyFiles(policy, lib, { formats: new Set<Format>(['md', 'docx']), drafts: new Set() });
    for (const file of files.filter((f) => f.path.endsWith('.docx'))) docxOf.set(`${file.document}/${file.locale}`, file.content as Uint8Array);
    for (const composed of policy.documents) for (const doc of composed.documents) docOf.set(key(doc), doc);
  });

  it('is listed beside policy.md for every document and language, only when docx is asked for', async () => {
    const lib = await library();
    const expected = policy.documents.flatMap((c) => c.documents.map((d) => `${c.plan.dir}${d.locale}/policy.docx`));
    expect(expected).toEqual(['china/zh-CN/policy.docx', 'china/en/policy.docx', 'global/zh-CN/policy.docx', 'global/en/policy.docx']);
    const withDocx = await policyFiles(policy, lib, { formats: new Set<Format>(['md', 'docx']), drafts: new Set() });
    expect(withDocx.filter((f) => f.path.endsWith('.docx')).map((f) => f.path)).toEqual(expected);
    const without = await policyFiles(policy, lib, { formats: new Set<Format>(['md', 'html']), drafts: new Set() });
    expect(without.filter((f) => f.path.endsWith('.docx'))).toEqual([]);
  });

  it("has the policy's clause headings as Word headings (Heading1…3), in order and numbered as the policy numbers them", () => {
    for (const [at, bytes] of docxOf) {
      const doc = docOf.get(at)!;
      const xml = parts(bytes)['word/document.xml']!;
      const headings = headingParagraphs(xml);
      expect(headings, at).toEqual(doc.headings.map((h) => ({ level: h.level, text: headingText(h) })));
      // Nested clauses are deeper headings (the navigation pane shows the tree).
      expect(new Set(headings.map((h) => h.level)), at).toEqual(new Set([1, 2]));
      // The title in Word's Title style, then the stamp, as in the Markdown.
      const paragraphs = paragraphXml(xml);
      expect(paragraphs[0]).toContain('<w:pStyle w:val="Title"/>');
      expect(paragraphText(paragraphs[0]!)).toBe(doc.title);
      expect(paragraphText(paragraphs[1]!)).toBe(doc.stamp);
    }
    const zh = headingParagraphs(parts(docxOf.get('china/zh-CN')!)['word/document.xml']!);
    expect(zh[0]!.text).toMatch(/^一、/);
    expect(zh.find((h) => h.level === 2)!.text).toMatch(/^（一）/);
    const en = headingParagraphs(parts(docxOf.get('china/en')!)['word/document.xml']!);
    expect(en[0]!.text).toMatch(/^1\. /);
    // The styles say these are headings, with outline levels (what Word's navigation pane reads).
    const styles = parts(docxOf.get('china/en')!)['word/styles.xml']!;
    for (const level of [1, 2, 3]) expect(styles).toMatch(new RegExp(`<w:style w:type="paragraph" w:styleId="Heading${level}">[\\s\\S]*?<w:outlineLvl w:val="${level - 1}"/>`));
  });

  it('has every table as a Word table with a header row, and every cross-reference as a link to a bookmark on its clause heading', () => {
    for (const [at, bytes] of docxOf) {
      const doc = docOf.get(at)!;
      const xml = parts(bytes)['word/document.xml']!;
      const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
      const markdownTables = doc.markdown.split('\n').filter((line) => /^\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(line)).length;
      expect(markdownTables, at).toBeGreaterThan(0);
      expect(tables.length, at).toBe(markdownTables);
      for (const table of tables) expect(/<w:tr>[\s\S]*?<\/w:tr>/.exec(table)![0]).toContain('<w:tblHeader/>');

      const anchors = [...xml.matchAll(/<w:hyperlink [^>]*w:anchor="([^"]+)"/g)].map((m) => m[1]!);
      const bookmarks = new Map<string, string>();
      for (const p of paragraphXml(xml)) for (const m of p.matchAll(/<w:bookmarkStart w:name="([^"]+)"/g)) bookmarks.set(m[1]!, paragraphText(p));
      expect(anchors.length, at).toBeGreaterThan(3);
      for (const anchor of anchors) expect(bookmarks.has(anchor), `${at}: #${anchor}`).toBe(true);
      // [第十六部分](#contact) leads to the heading of the contact clause.
      const contact = doc.headings.find((h) => h.id === 'contact')!;
      expect(bookmarks.get('c_contact')).toBe(headingText(contact));
      // External links keep their address.
      expect(parts(bytes)['word/_rels/document.xml.rels']).toContain('Target="mailto:privacy@nimbusnotes.example" TargetMode="External"');
    }
  });

  it('is in the document\'s language, with Noto Sans SC declared as the East Asian font', () => {
    const zh = parts(docxOf.get('china/zh-CN')!)['word/styles.xml']!;
    const en = parts(docxOf.get('china/en')!)['word/styles.xml']!;
    const defaults = (styles: string) => /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
    expect(defaults(zh)).toMatch(/<w:lang w:val="zh-CN" w:eastAsia="zh-CN"\/>/);
    expect(defaults(en)).toMatch(/<w:lang w:val="en-US" w:eastAsia="zh-CN"\/>/);
    for (const styles of [zh, en]) {
      const fonts = /<w:rFonts [^>]*\/>/.exec(defaults(styles))![0];
      expect(fonts).toContain('w:eastAsia="Noto Sans SC"');
      expect(fonts).toContain('w:ascii="Noto Sans"');
    }
  });

  it("numbers its pages in the PDF's words, and sizes table columns by their text", () => {
    const footerOf = (at: string) => Object.entries(parts(docxOf.get(at)!)).find(([p]) => /^word\/footer\d*\.xml$/.test(p))?.[1] ?? '';
    const fields = (xml: string) => [...xml.matchAll(/<w:instrText[^>]*>\s*([A-Z]+)[^<]*<\/w:instrText>/g)].map((m) => m[1]);
    const words = (xml: string) => [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    for (const at of ['china/zh-CN', 'china/en']) expect(fields(footerOf(at)), at).toEqual(['PAGE', 'NUMPAGES']);
    expect(words(footerOf('china/zh-CN'))).toBe('第 | 页 / 共 | 页');
    expect(words(footerOf('china/en'))).toBe('Page | of |');
    // The key facts table: the short labels narrow, the summaries wide; the columns fill the text width.
    const xml = parts(docxOf.get('china/en')!)['word/document.xml']!;
    const grid = [.../<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(xml)![1]!.matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(grid.length).toBe(3);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
    expect(grid[1]).toBeGreaterThan(2 * grid[0]!);
    expect(grid[1]).toBeGreaterThan(2 * grid[2]!);
  });

  it('is byte for byte the same for the same document: dates from the document, not the clock', async () => {
    const doc = docOf.get('china/zh-CN')!;
    // The library alone is not: each packing names its hyperlinks with random ids (and stamps the clock).
    const plain = () => Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [new ExternalHyperlink({ link: 'https://example.com', children: [new TextRun('x')] })] })] }] }));
    expect(Buffer.compare(await plain(), await plain())).not.toBe(0);

    const pageLabel = pageLabels(await library(), ['zh-CN'])[0]!;
    const first = await documentDocx(doc, { creator: '云笺', date: '2026-03-07', pageLabel });
    await documentDocx(docOf.get('global/en')!, { creator: 'Nimbus Notes', date: '2026-03-07' }); // moves the library's counters on
    const second = await documentDocx(doc, { creator: '云笺', date: '2026-03-07', pageLabel });
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
    // The same bytes as the file list's (built earlier in this process).
    expect(Buffer.compare(Buffer.from(first), Buffer.from(docxOf.get('china/zh-CN')!))).toBe(0);

    const core = parts(first)['docProps/core.xml']!;
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-07T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-07T00:00:00Z</dcterms:modified>');
    expect(core).toContain('<cp:lastModifiedBy>policygen</cp:lastModifiedBy>');
    expect(core).toContain(`<dc:title>${doc.title}</dc:title>`);
    const times = zipEntryTimes(first);
    expect(times.length).toBe(Object.keys(unzipSync(first)).length);
    expect(new Set(times)).toEqual(new Set(['2026-03-07 12:00']));

    // Another date gives other bytes: the date really is the document's.
    const later = await documentDocx(doc, { creator: '云笺', date: '2026-04-01', pageLabel });
    expect(Buffer.compare(Buffer.from(first), Buffer.from(later))).not.toBe(0);
    expect(parts(later)['docProps/core.xml']).toContain('2026-04-01T00:00:00Z');
    expect(new Set(zipEntryTimes(later))).toEqual(new Set(['2026-04-01 12:00']));
  });

  it('build --format md,docx writes them and lists them as docx artifacts', async () => {
    const out = mkdtempSync(join(scratch, 'build-'));
    const report = await build([EXAMPLE], { outDir: out, formats: ['md', 'docx'], library: await library(), date: '2026-03-07' });
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const artifacts = report.policies[0]!.artifacts.filter((a) => a.format === 'docx');
    expect(artifacts.map((a) => a.path)).toEqual(['example/china/en/policy.docx', 'example/china/zh-CN/policy.docx', 'example/global/en/policy.docx', 'example/global/zh-CN/policy.docx']);
    // What build wrote is what the file list gives.
    expect(Buffer.compare(readFileSync(join(out, 'example', 'china', 'zh-CN', 'policy.docx')), Buffer.from(docxOf.get('china/zh-CN')!))).toBe(0);
  });

  itWithOffice(
    'opens in LibreOffice: read back, it has the title, every heading at its outline level, and the body',
    () => {
      const dir = mkdtempSync(join(scratch, 'policy-'));
      const keys = [...docxOf.keys()];
      const files = keys.map((at) => {
        const path = join(dir, `${at.replace('/', '-')}.docx`);
        writeFileSync(path, docxOf.get(at)!);
        return path;
      });
      const converted = convert(files, 'fodt', 'fodt');
      keys.forEach((at, i) => {
        const doc = docOf.get(at)!;
        const odt = readFileSync(converted[i]!, 'utf8');
        // LibreOffice's own document: headings are text:h with outline levels (its navigator), bookmarks kept.
        const headings = [...odt.matchAll(/<text:h [^>]*text:outline-level="(\d)"[^>]*>([\s\S]*?)<\/text:h>/g)].map((m) => ({ level: Number(m[1]), text: odtText(m[2]!) }));
        expect(headings, at).toEqual(doc.headings.map((h) => ({ level: h.level, text: headingText(h) })));
        expect(odt, at).toContain('<text:bookmark-start text:name="c_contact"/>');
        const paragraphs = [...odt.matchAll(/<text:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/text:p>)/g)].map((m) => odtText(m[1] ?? ''));
        expect(paragraphs, at).toContain(doc.title);
        expect(paragraphs, at).toContain(doc.stamp);
        // The first paragraph of the first clause, as the policy has it.
        const body = paragraphXml(parts(docxOf.get(at)!)['word/document.xml']!).map(paragraphText);
        const first = body[body.indexOf(headingText(doc.headings[0]!)) + 1]!;
        expect(first.length, at).toBeGreaterThan(20);
        expect(paragraphs, at).toContain(first);
        expect(odt.match(/<table:table /g)?.length, at).toBe(doc.markdown.split('\n').filter((line) => /^\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(line)).length);
      });
    },
    300_000,
  );
});

describe('redline.docx: every change a Word tracked change', () => {
  const date2 = '2026-03-01';
  let out: string;
  let file: string;
  let files: string[];
  const released = new Map<string, { v1: LocaleDocument; v2: LocaleDocument }>(); // "<document>/<locale>"

  beforeAll(async () => {
    const lib = await library();
    file = workspace();
    expect((await release(file, { date: '2026-01-10', library: lib, note: { 'zh-CN': '首次发布。', en: 'First release.' } })).status).toBe('released');
    edit(file, (d) => {
      // A longer retention period and a new purpose.
      const logs = d.data_categories.find((c: { retention: { period: string } }) => c.retention.period === '6 months');
      logs.retention.period = '12 months';
      d.purposes.splice(1, 0, {
        id: 'product_research',
        description: { 'zh-CN': '分析功能的使用情况，改进我们的产品', en: 'analysing how features are used, to improve our products' },
        bases: { pipl: 'consent', gdpr: 'consent', lgpd: 'consent' },
      });
    });
    expect((await release(file, { date: date2, library: lib, note: { 'zh-CN': '新增产品改进目的，延长日志保存期限。', en: 'A new purpose; logs kept longer.' } })).status).toBe('released');
    out = join(dirname(file), 'diff');
    const report = await diff(file, { from: 1, to: 2, outDir: out, formats: ['md', 'docx'], library: lib });
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    files = report.files.map((f) => f.path).filter((p) => p.endsWith('.docx'));
    const { entries } = await readReleases(file);
    for (const [n, entry] of entries.entries()) {
      for (const doc of entry.documents) {
        const at = `${doc.document ?? 'policy'}/${doc.locale}`;
        const side = released.get(at) ?? ({} as { v1: LocaleDocument; v2: LocaleDocument });
        side[n === 0 ? 'v1' : 'v2'] = { ...doc, document: doc.document ?? 'policy', dateText: '', refs: {} };
        released.set(at, side);
      }
    }
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const xmlOf = (path: string) => parts(readFileSync(join(out, path)))['word/document.xml']!;

  it('is written beside each redline of the diff folder', () => {
    expect(files).toEqual(['china/en/redline.docx', 'china/zh-CN/redline.docx', 'global/en/redline.docx', 'global/zh-CN/redline.docx']);
  });

  it('marks each change w:ins / w:del (w:delText) by "policygen" on the new version\'s date; dates and durations whole', () => {
    for (const path of files) {
      const xml = xmlOf(path);
      const changes = [...xml.matchAll(/<w:(ins|del) ([^>]*?)\/?>/g)];
      expect(changes.length, path).toBeGreaterThan(4);
      const ids = changes.map((m) => /w:id="(\d+)"/.exec(m[2]!)![1]);
      expect(new Set(ids).size, path).toBe(ids.length);
      for (const m of changes) {
        expect(m[2], path).toContain('w:author="policygen"');
        expect(m[2], path).toContain(`w:date="${date2}T00:00:00Z"`);
      }
      // Deleted text is w:delText, never w:t.
      const deletions = [...xml.matchAll(/<w:del\b[^>]*[^/]>([\s\S]*?)<\/w:del>/g)].map((m) => m[1]!);
      expect(deletions.length, path).toBeGreaterThan(1);
      for (const d of deletions) {
        expect(d).toContain('<w:delText');
        expect(d).not.toMatch(/<w:t[ >]/);
      }
    }
    const removed = (xml: string) => [...xml.matchAll(/<w:delText[^>]*>([^<]*)<\/w:delText>/g)].map((m) => m[1]);
    const added = (xml: string) => [...xml.matchAll(/<w:ins\b[^>]*[^/]><w:r>(?:<w:rPr>[\s\S]*?<\/w:rPr>)?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    const zh = xmlOf('china/zh-CN/redline.docx');
    expect(removed(zh)).toEqual(expect.arrayContaining(['2026年1月10日', '6 个月']));
    expect(added(zh)).toEqual(expect.arrayContaining(['2026年3月1日', '12 个月', '分析功能的使用情况，改进我们的产品']));
    const en = xmlOf('china/en/redline.docx');
    expect(removed(en)).toEqual(expect.arrayContaining(['January 10, 2026', '6 months']));
    expect(added(en)).toEqual(expect.arrayContaining(['March 1, 2026', '12 months']));
  });

  it('accepting every change gives the new version\'s text, rejecting every change the old one', async () => {
    for (const path of files) {
      const [document, locale] = path.split('/') as [string, string];
      const { v1, v2 } = released.get(`${document}/${locale}`)!;
      // The text of each released version, as its own policy.docx reads.
      const textOf = async (doc: LocaleDocument) => bodyText(parts(await documentDocx(doc, { creator: 'x', date: '2026-01-01' }))['word/document.xml']!);
      const [older, newer] = [await textOf(v1), await textOf(v2)];
      expect(older, path).not.toEqual(newer); // the check can fail: the versions differ
      const xml = xmlOf(path);
      expect(bodyText(acceptAll(xml)), path).toEqual(newer);
      expect(bodyText(rejectAll(xml)), path).toEqual(older);
      // Untouched, the deleted words are still there (as w:delText), not yet gone.
      expect(bodyText(xml)).not.toEqual(older);
      expect(xml).toContain('<w:delText');
    }
  });

  it('has headings in Word heading styles and the redline\'s title in the page header', () => {
    const xml = xmlOf('china/zh-CN/redline.docx');
    const { v2 } = released.get('china/zh-CN')!;
    expect(headingParagraphs(acceptAll(xml))).toEqual(v2.headings.map((h) => ({ level: h.level, text: headingText(h) })));
    const header = Object.entries(parts(readFileSync(join(out, 'china/zh-CN/redline.docx')))).find(([p]) => /^word\/header\d*\.xml$/.test(p))![1];
    expect(header).toContain('云笺 · 隐私政策（中国大陆）：第 1 版至第 2 版的修订对照');
    expect(parts(readFileSync(join(out, 'china/zh-CN/redline.docx')))['word/settings.xml']).toContain('<w:trackRevisions/>');
  });

  it('shows a clause that moved as deleted where it was and inserted where it is, so that reject-all restores the old order', async () => {
    const lib = await library();
    const { v2 } = released.get('china/en')!;
    // The same document with two top-level clauses swapped (a reordered outline).
    const sections = v2.markdown.split(/\n(?=## )/);
    const at = sections.findIndex((section) => section.startsWith('## 4. '));
    expect(sections[at + 1]).toMatch(/^## 5\. /);
    [sections[at], sections[at + 1]] = [sections[at + 1]!, sections[at]!];
    const ids = v2.headings.filter((h) => h.level === 1).map((h) => h.id);
    const [a, b] = [ids[at - 1]!, ids[at]!];
    const block = (id: string) => {
      const start = v2.headings.findIndex((h) => h.id === id);
      let end = start + 1;
      while (end < v2.headings.length && v2.headings[end]!.level > 1) end++;
      return v2.headings.slice(start, end);
    };
    const first = v2.headings.findIndex((h) => h.id === a);
    const headings = [...v2.headings.slice(0, first), ...block(b), ...block(a), ...v2.headings.slice(first + block(a).length + block(b).length)];
    const moved: LocaleDocument = { ...v2, markdown: sections.join('\n'), headings };
    const lines = redline(v2, moved);
    expect(lines.clauses.map((c) => c.status)).toContain('moved');
    const side = (version: number, doc: LocaleDocument) => ({ document: 'china', version, date: version === 1 ? '2026-03-01' : '2026-04-01', facts: { controller: { name: { en: 'Nimbus Notes', 'zh-CN': '云笺' } } }, documents: [doc] });
    const comparison = { from: side(1, v2), to: side(2, moved), locales: ['en'], changes: [], wording: true, textChanged: true, redlines: [lines] } as unknown as Comparison;
    const xml = parts((await redlineDocx(comparison, 'en', lib))!)['word/document.xml']!;
    const textOf = async (doc: LocaleDocument) => bodyText(parts(await documentDocx(doc, { creator: 'x', date: '2026-01-01' }))['word/document.xml']!);
    expect(bodyText(acceptAll(xml))).toEqual(await textOf(moved));
    expect(bodyText(rejectAll(xml))).toEqual(await textOf(v2));
    expect(xml).toContain('w:date="2026-04-01T00:00:00Z"');
  });

  it('is byte for byte the same when the diff is written again', async () => {
    const again = join(dirname(file), 'diff-again');
    const report = await diff(file, { from: 1, to: 2, outDir: again, formats: ['docx'], library: await library() });
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const path of files) expect(Buffer.compare(readFileSync(join(out, path)), readFileSync(join(again, path))), path).toBe(0);
  });

  itWithOffice(
    'opens in LibreOffice, which reads every change as a tracked change by policygen on the new date',
    () => {
      const dir = mkdtempSync(join(scratch, 'redline-'));
      const copies = files.map((path) => {
        const copy = join(dir, path.replace(/\//g, '-'));
        writeFileSync(copy, readFileSync(join(out, path)));
        return copy;
      });
      const converted = convert(copies, 'fodt', 'fodt');
      files.forEach((path, i) => {
        const odt = readFileSync(converted[i]!, 'utf8');
        const regions = [...odt.matchAll(/<text:changed-region [^>]*text:id="([^"]+)">\s*<text:(insertion|deletion)>\s*<office:change-info>\s*<dc:creator>([^<]*)<\/dc:creator>\s*<dc:date>([^<]*)<\/dc:date>/g)];
        expect(regions.length, path).toBeGreaterThan(3);
        for (const r of regions) expect([r[3], r[4]], path).toEqual(['policygen', date2]);
        // The text LibreOffice marks as each change.
        const marked = (kind: string) =>
          regions.filter((r) => r[2] === kind).map((r) => odtText(new RegExp(`<text:change-start text:change-id="${r[1]}"/>([\\s\\S]*?)<text:change-end text:change-id="${r[1]}"/>`).exec(odt)?.[1] ?? ''));
        if (path === 'china/zh-CN/redline.docx') {
          expect(marked('deletion')).toEqual(expect.arrayContaining(['2026年1月10日', '6 个月']));
          expect(marked('insertion')).toEqual(expect.arrayContaining(['2026年3月1日', '12 个月']));
        }
        if (path === 'china/en/redline.docx') {
          expect(marked('deletion')).toEqual(expect.arrayContaining(['January 10, 2026', '6 months']));
          expect(marked('insertion')).toEqual(expect.arrayContaining(['March 1, 2026', '12 months']));
        }
      });
    },
    300_000,
  );
});
