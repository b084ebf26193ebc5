/**
 * Documents per audience (`policy.documents`), on real output: the example builds a China
 * document (PIPL) and a global document (the other laws), each its own policy with its own
 * numbering, contents, language clause, stamp, archive and feed; `single`, a single law and a
 * list of the company's own documents; the list's errors located in the data file; versions
 * per document; and two builds giving the same bytes.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { build, type Artifact, type BuildReport } from '../src/pipeline/build.js';
import { check } from '../src/pipeline/check.js';
import { diff } from '../src/pipeline/diff.js';
import { release } from '../src/pipeline/release.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { ledgerPath, type LedgerEntry } from '../src/versions/ledger.js';
import { runCli, tree } from './helpers/cli.js';
import { library } from './helpers/library.js';

const EXAMPLE = join(PACKAGE_ROOT, 'data', 'example.yaml');
const EXAMPLE_TEXT = readFileSync(EXAMPLE, 'utf8');
const FACTS = parseYaml(EXAMPLE_TEXT) as Record<string, any>;
const LOCALES = ['zh-CN', 'en'] as const;
const FORMATS = ['md', 'html'] as const;

const scratch = mkdtempSync(join(tmpdir(), 'policygen-documents-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/** A fresh folder for one test. */
function folder(label: string): string {
  const dir = join(scratch, `${++counter}-${label}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes a data file (its name is the policy id) into a fresh folder. */
function dataFile(name: string, text: string): string {
  const file = join(folder(name), `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** The example's text with one edit that must happen exactly once (so a changed example fails loudly here). */
function replaceOnce(text: string, from: string, to: string): string {
  expect(text.split(from).length - 1, `"${from}" occurs once`).toBe(1);
  return text.replace(from, to);
}

/** The example with lines added to its `policy:` section, after `locales:`. */
const withPolicyLines = (lines: string) => replaceOnce(EXAMPLE_TEXT, '  locales: [zh-CN, en]\n', `  locales: [zh-CN, en]\n${lines}`);
const withJurisdictions = (laws: string) => replaceOnce(EXAMPLE_TEXT, 'jurisdictions: [pipl, gdpr, uk, ccpa, lgpd]', `jurisdictions: [${laws}]`);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

const read = (...parts: string[]) => readFileSync(join(...parts), 'utf8');
const lines = (file: string) => readFileSync(file, 'utf8').split('\n');
/** Heading ids of a policy.md, in order. */
const headingIds = (md: string) => [...md.matchAll(/^#{2,6} .* <a id="([^"]+)"><\/a>$/gm)].map((m) => m[1]!);
/** The contents (nav.toc) of a page: its in-page targets, in order. */
function tocTargets(html: string): string[] {
  const nav = /<nav class="toc"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
}
/** Links of a Markdown text that leave its folder (`../…`). */
const outwardLinks = (md: string) => [...md.matchAll(/\]\((\.\.\/[^)\s]+)\)/g)].map((m) => m[1]!);

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 10 → 十, 14 → 十四, 21 → 二十一 (as far as a policy's sections go). */
const chineseNumber = (n: number) => (n < 10 ? DIGITS[n]! : `${n >= 20 ? DIGITS[Math.floor(n / 10)] : ''}十${DIGITS[n % 10]}`);

/**
 * Relative links in every HTML page under `dir` that point at no file. (External, mailto and
 * in-page links are left out; the output folder's shared assets count as present.)
 */
function brokenLinks(dir: string): string[] {
  const broken: string[] = [];
  for (const rel of filesUnder(dir).filter((f) => f.endsWith('.html'))) {
    const html = read(dir, rel);
    for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
      if (/^(?:[a-z]+:|#)/i.test(href!)) continue;
      const path = decodeURI(href!.replace(/&amp;/g, '&').split('#')[0]!);
      if (!existsSync(resolve(dir, dirname(rel), path))) broken.push(`${rel} → ${href}`);
    }
  }
  return broken;
}

// Words and facts that belong to the GDPR, UK GDPR, CCPA and LGPD parts only. (The shared
// sharing clause's plain "We do not sell your personal information." is not CCPA's opt-out link.)
const FOREIGN: Record<(typeof LOCALES)[number], RegExp[]> = {
  'zh-CN': [/GDPR/, /CCPA/, /CPRA/, /LGPD/, /欧盟/, /欧洲/, /英国/, /加州/, /加利福尼亚/, /巴西/, /数据保护官/, /ANPD/, /encarregado/i],
  en: [/GDPR/, /CCPA/, /CPRA/, /LGPD/, /\bEEA\b/, /\bEU\b/, /European/, /United Kingdom/, /\bUK\b/, /California/, /Brazil/, /data protection officer/i, /representative/i, /ANPD/, /encarregado/i, /Do Not Sell or Share/i],
};
/** The DPO and the EU and UK representatives, from the example's facts: named for GDPR and LGPD readers only. */
const FOREIGN_FACTS = [FACTS.dpo.email, FACTS.dpo.name['zh-CN'], FACTS.dpo.name.en, FACTS.representatives.eu.email, FACTS.representatives.eu.name, FACTS.representatives.uk.email, FACTS.representatives.uk.name] as string[];
/** PIPL's own part: the law, its officer (PIPO). */
const PIPL_WORDS = [/个人信息保护法/, /PIPL/, /Personal Information Protection Law/, /个人信息保护负责人/, /personal information protection officer/i];
const PIPL_FACTS = [FACTS.pipo.email, FACTS.pipo.name['zh-CN'], FACTS.pipo.name.en] as string[];

const found = (text: string, patterns: readonly RegExp[], facts: readonly string[]) => [...patterns.filter((p) => p.test(text)).map(String), ...facts.filter((f) => text.includes(f))];

describe('the example (all five laws): a China document and a global document', () => {
  let out: string;
  let report: BuildReport;
  const site = () => join(out, 'example');

  beforeAll(async () => {
    out = folder('example');
    report = await build([EXAMPLE], { outDir: out, formats: FORMATS });
  });

  it('builds china/ and global/ in both languages, and nothing at the single layout’s folders', () => {
    expect(report.diagnostics).toEqual([]);
    expect(report.ok).toBe(true);
    for (const doc of ['china', 'global']) {
      for (const locale of LOCALES) {
        expect(existsSync(join(site(), doc, locale, 'policy.md')), `${doc}/${locale}/policy.md`).toBe(true);
        expect(existsSync(join(site(), doc, locale, 'index.html')), `${doc}/${locale}/index.html`).toBe(true);
      }
    }
    expect(readdirSync(site()).sort()).toEqual(['app', 'china', 'global', 'index.html']); // app/: the store labels (labels.test)
    expect(lines(join(site(), 'china', 'zh-CN', 'policy.md'))[0]).toBe('# 隐私政策（中国大陆）');
    expect(lines(join(site(), 'china', 'en', 'policy.md'))[0]).toBe('# Privacy Policy (Mainland China)');
    expect(lines(join(site(), 'global', 'zh-CN', 'policy.md'))[0]).toBe('# 隐私政策（中国大陆以外地区）');
    expect(lines(join(site(), 'global', 'en', 'policy.md'))[0]).toBe('# Privacy Policy (Outside Mainland China)');
  });

  it('the China document, read in Chinese or in English, says nothing of the GDPR, UK GDPR, CCPA or LGPD', () => {
    for (const locale of LOCALES) {
      // The Markdown and the page (whose key facts and contents are rendered around it).
      for (const file of ['policy.md', 'index.html']) {
        expect(found(read(site(), 'china', locale, file), FOREIGN[locale], FOREIGN_FACTS), `china/${locale}/${file}`).toEqual([]);
      }
      // The same words are in the global document: the search finds them where they are.
      const global = read(site(), 'global', locale, 'policy.md');
      expect(found(global, FOREIGN[locale], FOREIGN_FACTS).length, `global/${locale}`).toBeGreaterThan(8);
    }
  });

  it('the global document has no PIPL part and names no PIPL officer; the China document has both', () => {
    for (const locale of LOCALES) {
      const global = read(site(), 'global', locale, 'policy.md');
      expect(headingIds(global).filter((id) => id === 'region_pipl' || id.startsWith('pipl_'))).toEqual([]);
      expect(found(global, PIPL_WORDS, PIPL_FACTS), `global/${locale}`).toEqual([]);
      expect(found(read(site(), 'global', locale, 'index.html'), PIPL_WORDS, PIPL_FACTS), `global/${locale}/index.html`).toEqual([]);
      const china = read(site(), 'china', locale, 'policy.md');
      expect(headingIds(china)).toContain('region_pipl');
      expect(headingIds(china).filter((id) => /^(?:region_(?:gdpr|ccpa|lgpd|uk)|gdpr_|ccpa_|lgpd_)/.test(id))).toEqual([]);
      expect(found(china, PIPL_WORDS, PIPL_FACTS).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('each document is numbered from 一 / 1 on its own, with its own contents and one language clause', () => {
    const sections: Record<string, string[]> = {};
    for (const doc of ['china', 'global']) {
      for (const locale of LOCALES) {
        const md = read(site(), doc, locale, 'policy.md');
        const numbers = [...md.matchAll(/^## (\S+?)(?:、| )/gm)].map((m) => m[1]!);
        const expected = numbers.map((_, i) => (locale === 'zh-CN' ? chineseNumber(i + 1) : `${i + 1}.`));
        expect(numbers, `${doc}/${locale}`).toEqual(expected);
        // The page's contents list this document's headings, every one, and nothing else.
        expect(tocTargets(read(site(), doc, locale, 'index.html')), `${doc}/${locale}`).toEqual(headingIds(md));
        expect(headingIds(md).filter((id) => id === 'language')).toHaveLength(1);
        sections[`${doc}/${locale}`] = headingIds(md);
      }
      // The two languages of one document have the same structure.
      expect(sections[`${doc}/en`]).toEqual(sections[`${doc}/zh-CN`]);
    }
    expect(sections['china/zh-CN']).not.toEqual(sections['global/zh-CN']);
    expect(sections['global/en']).toEqual(expect.arrayContaining(['region_gdpr', 'region_ccpa', 'region_lgpd']));

    const clause = (doc: string, locale: string) => {
      const md = read(site(), doc, locale, 'policy.md');
      return md.slice(md.indexOf('<a id="language"></a>')).split('\n## ')[0]!;
    };
    expect(clause('china', 'zh-CN')).toContain('本文件以中文和英语发布。各语言版本如有不一致，以中文版本为准。');
    expect(clause('china', 'en')).toContain('This document is published in Chinese and English. If the versions differ, the Chinese version prevails.');
    expect(clause('global', 'zh-CN')).toContain('以英语版本为准');
    expect(clause('global', 'en')).toContain('If the versions differ, the English version prevails.');
  });

  it('each document sends readers of the other audience to the other document, by a relative link to a page that exists', () => {
    const other = { china: 'global', global: 'china' } as const;
    const sentence = {
      china: { 'zh-CN': '本政策适用于位于中国大陆的个人', en: 'This policy is for individuals in mainland China' },
      global: { 'zh-CN': '本政策适用于位于中国大陆以外地区的个人', en: 'This policy is for individuals outside mainland China' },
    } as const;
    for (const doc of ['china', 'global'] as const) {
      for (const locale of LOCALES) {
        const md = read(site(), doc, locale, 'policy.md');
        const line = md.split('\n').find((l) => l.startsWith(sentence[doc][locale]));
        expect(line, `${doc}/${locale}`).toBeDefined();
        expect(outwardLinks(line!)).toEqual([`../../${other[doc]}/${locale}/index.html`]);
        expect(outwardLinks(md), `${doc}/${locale}: one link out of the document`).toHaveLength(1);
        // The page carries the same link, and it resolves from the page's folder.
        const html = read(site(), doc, locale, 'index.html');
        expect(html).toContain(`href="../../${other[doc]}/${locale}/index.html"`);
        expect(existsSync(resolve(site(), doc, locale, `../../${other[doc]}/${locale}/index.html`))).toBe(true);
      }
    }
    expect(brokenLinks(site())).toEqual([]);
  });

  it('the index page links every document in every language', () => {
    const html = read(site(), 'index.html');
    const pages = [...html.matchAll(/href="([^"]+\/index\.html)"/g)].map((m) => m[1]!);
    expect(pages).toEqual(['china/zh-CN/index.html', 'china/en/index.html', 'global/zh-CN/index.html', 'global/en/index.html']);
    expect(html).toContain('隐私政策（中国大陆）');
    expect(html).toContain('Privacy Policy (Outside Mainland China)');
  });

  it('the manifest lists every artifact with its document and locale; build --json says the same', async () => {
    const manifest = JSON.parse(read(out, 'manifest.json')) as { policies: Record<string, { artifacts: Artifact[] }> };
    const artifacts = manifest.policies.example!.artifacts;
    // Compared sorted: the manifest lists each folder in localeCompare order, and app/PrivacyInfo.xcprivacy (Apple's name) is the one capitalised file.
    expect(artifacts.map((a) => a.path).sort()).toEqual(filesUnder(site()).map((f) => `example/${f}`));
    for (const artifact of artifacts) {
      const [, doc, locale] = artifact.path.split('/');
      if (artifact.path === 'example/index.html') expect(artifact).not.toHaveProperty('document');
      else if (artifact.path.startsWith('example/app/')) expect(artifact, artifact.path).toEqual(expect.not.objectContaining({ document: expect.anything(), locale: expect.anything() }));
      else expect(artifact, artifact.path).toMatchObject({ document: doc, locale });
    }
    expect(artifacts.filter((a) => a.format === 'md').map((a) => `${a.document}/${a.locale}`)).toEqual(expect.arrayContaining(['china/zh-CN', 'china/en', 'global/zh-CN', 'global/en']));
    // The report adds whether each file was made now or reused (incremental builds); the manifest does not.
    const withoutStatus = (list: Artifact[]) => list.map(({ status: _status, ...a }) => a);
    expect(withoutStatus(report.policies[0]!.artifacts)).toEqual(artifacts);

    const cliOut = folder('cli-build');
    const r = await runCli(['build', EXAMPLE, '--out', cliOut, '--format', 'md,html', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(withoutStatus(json.policies[0].artifacts)).toEqual(artifacts);
  });

  it('check --json lists the documents with their laws, languages, prevailing language and clauses', async () => {
    const r = await runCli(['check', EXAMPLE, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const clauses = (doc: string) => headingIds(read(site(), doc, 'zh-CN', 'policy.md')).length;
    expect(JSON.parse(r.stdout).policies[0].documents).toEqual([
      { id: 'china', laws: ['pipl'], locales: ['zh-CN', 'en'], prevails: 'zh-CN', clauses: clauses('china') },
      { id: 'global', laws: ['gdpr', 'uk', 'ccpa', 'lgpd'], locales: ['zh-CN', 'en'], prevails: 'en', clauses: clauses('global') },
    ]);
  });

  it('two builds give byte-identical trees', async () => {
    const again = folder('example-again');
    expect((await build([EXAMPLE], { outDir: again, formats: FORMATS })).ok).toBe(true);
    const first = tree(out);
    expect(Object.keys(first).length).toBeGreaterThan(20);
    expect(tree(again)).toEqual(first);
  });
});

describe('one line switches the layout', () => {
  it('policy.documents: single builds one document for every law at <id>/<locale>/, as before', async () => {
    const file = dataFile('single', withPolicyLines('  documents: single\n'));
    const out = join(dirname(file), 'out');
    const report = await build([file], { outDir: out, formats: FORMATS });
    expect(report.diagnostics).toEqual([]);
    expect(report.ok).toBe(true);
    expect(readdirSync(join(out, 'single')).sort()).toEqual(['app', 'en', 'index.html', 'zh-CN']);
    for (const locale of LOCALES) {
      const md = read(out, 'single', locale, 'policy.md');
      expect(md.split('\n')[0]).toBe(locale === 'zh-CN' ? '# 隐私政策' : '# Privacy Policy');
      // Every law's part in one document, and no other document to point to.
      expect(headingIds(md)).toEqual(expect.arrayContaining(['region_pipl', 'region_gdpr', 'region_ccpa', 'region_lgpd']));
      expect(outwardLinks(md)).toEqual([]);
    }
    for (const artifact of report.policies[0]!.artifacts) if (artifact.format === 'md') expect(artifact).toMatchObject({ document: 'policy', locale: artifact.path.split('/')[1] });
  });

  for (const [laws, prevails] of [
    ['pipl', { 'zh-CN': '以中文版本为准', en: 'the Chinese version prevails' }],
    ['gdpr', { 'zh-CN': '以英语版本为准', en: 'the English version prevails' }],
  ] as const) {
    it(`a data file with ${laws} alone builds one document, with no china/ or global/ folder`, async () => {
      const file = dataFile(`only-${laws}`, withJurisdictions(laws));
      const out = join(dirname(file), 'out');
      const report = await build([file], { outDir: out, formats: FORMATS });
      // The example's facts for the other laws are only warned about (fact-unused), not errors.
      expect(report.policies[0]!.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(report.ok).toBe(true);
      expect(readdirSync(join(out, `only-${laws}`)).sort()).toEqual(['app', 'en', 'index.html', 'zh-CN']);
      for (const locale of LOCALES) {
        const md = read(out, `only-${laws}`, locale, 'policy.md');
        expect(md.split('\n')[0]).toBe(locale === 'zh-CN' ? '# 隐私政策' : '# Privacy Policy');
        expect(headingIds(md)).toContain(`region_${laws}`);
        expect(outwardLinks(md)).toEqual([]);
        expect(md).toContain(prevails[locale]);
      }
    });
  }
});

describe('a list of the company’s own documents', () => {
  it('publishes each document with its laws, languages, title and prevailing language', async () => {
    const file = dataFile(
      'own',
      withPolicyLines(
        [
          '  documents:',
          '    - id: cn',
          '      title: { zh-CN: 云笺中国隐私政策, en: Nimbus Notes China Privacy Policy }',
          '      laws: [pipl]',
          '      locales: [zh-CN]',
          '    - id: world',
          '      laws: [gdpr, uk, ccpa, lgpd]',
          '      prevails: zh-CN',
          '',
        ].join('\n'),
      ),
    );
    const out = join(dirname(file), 'out');
    const report = await build([file], { outDir: out, formats: FORMATS });
    expect(report.policies[0]!.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(report.ok).toBe(true);
    const site = join(out, 'own');
    expect(readdirSync(site).sort()).toEqual(['app', 'cn', 'index.html', 'world']);
    expect(existsSync(join(site, 'cn', 'en'))).toBe(false);
    expect(lines(join(site, 'cn', 'zh-CN', 'policy.md'))[0]).toBe('# 云笺中国隐私政策');
    // One language: nothing to prevail over, no language clause.
    expect(headingIds(read(site, 'cn', 'zh-CN', 'policy.md'))).not.toContain('language');
    expect(read(site, 'world', 'en', 'policy.md')).toContain('If the versions differ, the Chinese version prevails.');
    expect(headingIds(read(site, 'world', 'en', 'policy.md'))).not.toContain('region_pipl');
    // The English reader of "world" is sent to the only language "cn" has.
    expect(outwardLinks(read(site, 'world', 'en', 'policy.md'))).toEqual(['../../cn/zh-CN/index.html']);
    expect(outwardLinks(read(site, 'cn', 'zh-CN', 'policy.md'))).toEqual(['../../world/zh-CN/index.html']);
    expect(brokenLinks(site)).toEqual([]);
  });

  it('a law in two documents, a law in none, an unknown language and a reserved id: each located at file:line:column with its field', async () => {
    const text = withPolicyLines(['  documents:', '    - id: versions', '      laws: [pipl, gdpr]', '      locales: [zh-CN, fr]', '    - id: rest', '      laws: [gdpr, uk]', ''].join('\n'));
    const file = dataFile('bad-list', text);
    const at = (lineStart: string, token: string) => {
      const all = text.split('\n');
      const line = all.findIndex((l) => l.startsWith(lineStart));
      expect(line, lineStart).toBeGreaterThanOrEqual(0);
      return { line: line + 1, column: all[line]!.indexOf(token) + 1 };
    };
    const report = await check([file]);
    expect(report.ok).toBe(false);
    const problems = report.policies[0]!.diagnostics.filter((d) => d.severity === 'error').map(({ id, file: f, line, column, path, message }) => ({ id, file: f, line, column, path, message }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { id: 'duplicate-id', file, ...at('    - id: versions', 'versions'), path: 'policy.documents[0].id', message: expect.stringContaining('"versions"') },
        { id: 'invalid-value', file, ...at('      locales: [zh-CN, fr]', 'fr'), path: 'policy.documents[0].locales[1]', message: expect.stringContaining('fr') },
        { id: 'duplicate-id', file, ...at('      laws: [gdpr, uk]', 'gdpr'), path: 'policy.documents[1].laws[0]', message: expect.stringMatching(/gdpr .*"rest".*"versions"/) },
        { id: 'missing-field', file, ...at('    - id: versions', '-'), path: 'policy.documents', message: expect.stringContaining('ccpa, lgpd') },
      ]),
    );
    expect(problems).toHaveLength(4);

    // The command line shows the same, in each language.
    const r = await runCli(['check', file]);
    expect(r.code).toBe(1);
    const where = at('      locales: [zh-CN, fr]', 'fr');
    expect(r.stderr).toContain(`${file}:${where.line}:${where.column}: error: document "versions" is to be published in fr, which policy.locales does not list [invalid-value]`);
    expect(r.stderr).toContain('  at policy.documents[0].locales[1]');
    const zh = await runCli(['--lang', 'zh-CN', 'check', file]);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain(`${file}:${where.line}:${where.column}:`);
    expect(zh.stderr).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('versions per document', () => {
  let lib: Awaited<ReturnType<typeof library>>;
  let file: string;
  const out = () => join(dirname(file), 'out');
  const entries = () => lines(ledgerPath(file)).filter(Boolean).map((l) => JSON.parse(l) as LedgerEntry);
  const numbered = (doc: string) => readdirSync(join(out(), 'acme', doc, 'versions')).filter((n) => /^\d+$/.test(n)).sort();
  const feedEntries = (doc: string) => read(out(), 'acme', doc, 'feed.xml').split('<entry>').length - 1;
  const stamp = (doc: string, locale: string) => lines(join(out(), 'acme', doc, locale, 'policy.md'))[2];
  const STAMP = {
    '2026-03-07': { 'zh-CN': '最后更新：2026年3月7日', en: 'Last updated: March 7, 2026' },
    '2026-04-01': { 'zh-CN': '最后更新：2026年4月1日', en: 'Last updated: April 1, 2026' },
    '2026-05-01': { 'zh-CN': '最后更新：2026年5月1日', en: 'Last updated: May 1, 2026' },
  } as const;

  beforeAll(async () => {
    lib = await library();
    file = join(folder('versions'), 'acme.yaml');
    cpSync(EXAMPLE, file);
    expect((await release(file, { date: '2026-03-07', library: lib, note: { 'zh-CN': '首次发布。', en: 'First release.' } })).status).toBe('released');
  });

  it('a change only the China document shows: china/versions/2 with notice and redline; global keeps version 1, its feed and its date', async () => {
    // The PIPL reply deadline is printed in the PIPL part only.
    writeFileSync(file, replaceOnce(read(file), 'response_days: 15 ', 'response_days: 10 '));
    const v2 = await release(file, { date: '2026-04-01', library: lib, note: { 'zh-CN': '缩短了答复个人信息权利请求的期限。', en: 'We now reply to privacy requests sooner.' } });
    expect(v2.status).toBe('released');
    const [first, second] = entries();
    const docs = (entry: LedgerEntry, doc: string) => entry.documents.filter((d) => d.document === doc);
    expect(second!.documents.map((d) => `${d.document}/${d.locale}`)).toEqual(['china/zh-CN', 'china/en', 'global/zh-CN', 'global/en']);
    // The global document's released Markdown is kept byte for byte (and so its date).
    expect(docs(second!, 'global')).toEqual(docs(first!, 'global'));
    expect(docs(second!, 'china').map((d) => d.markdown)).not.toEqual(docs(first!, 'china').map((d) => d.markdown));

    const report = await build([file], { outDir: out(), formats: FORMATS });
    expect(report.ok).toBe(true);
    expect(numbered('china')).toEqual(['1', '2']);
    expect(numbered('global')).toEqual(['1']);
    for (const locale of LOCALES) {
      for (const name of ['index.html', 'policy.md', 'notice.md', 'notice.html', 'redline.html']) {
        expect(existsSync(join(out(), 'acme', 'china', 'versions', '2', locale, name)), `china/versions/2/${locale}/${name}`).toBe(true);
      }
      // The number of days is changed whole, with its unit (test/notices.test.ts).
      expect(read(out(), 'acme', 'china', 'versions', '2', locale, 'redline.html')).toMatch(/<del>15(?: 日| days)<\/del>/);
      expect(read(out(), 'acme', 'china', 'versions', '2', locale, 'redline.html')).toMatch(/<ins>10(?: 日| days)<\/ins>/);
      expect(stamp('china', locale)).toBe(STAMP['2026-04-01'][locale]);
      expect(stamp('global', locale)).toBe(STAMP['2026-03-07'][locale]);
    }
    expect(read(out(), 'acme', 'china', 'versions', '2', 'zh-CN', 'notice.md')).toContain('15 → 10');
    expect(feedEntries('china')).toBe(2);
    expect(feedEntries('global')).toBe(1);
    expect(brokenLinks(join(out(), 'acme'))).toEqual([]);

    const d = await diff(file, { from: 1, to: 2, outDir: join(dirname(file), 'diff-1-2'), formats: FORMATS, library: lib });
    expect(d.diagnostics).toEqual([]);
    expect(d.documents).toEqual([{ document: 'china', changes: 1, textChanged: true, wording: false }]);
    expect(d.changes.map((c) => c.path)).toEqual(['pipl.response_days']);
    expect(d.files.map((f) => f.path).filter((p) => p !== 'changes.json')).toEqual(['china/en/notice.html', 'china/en/notice.md', 'china/en/redline.html', 'china/zh-CN/notice.html', 'china/zh-CN/notice.md', 'china/zh-CN/redline.html']);
  });

  it('then a change only the global document shows: the reverse, and its notice names the global document’s own previous version', async () => {
    // The EU representative is named for GDPR readers only.
    writeFileSync(file, replaceOnce(read(file), 'email: eu-rep@nimbusnotes.example', 'email: eu-office@nimbusnotes.example'));
    expect((await release(file, { date: '2026-05-01', library: lib, note: { 'zh-CN': '更新了欧盟代表的联系邮箱。', en: 'New email address for our EU representative.' } })).status).toBe('released');
    const report = await build([file], { outDir: out(), formats: FORMATS });
    expect(report.ok).toBe(true);
    expect(numbered('china')).toEqual(['1', '2']);
    expect(numbered('global')).toEqual(['1', '3']);
    expect(feedEntries('china')).toBe(2);
    expect(feedEntries('global')).toBe(2);
    for (const locale of LOCALES) {
      expect(stamp('china', locale)).toBe(STAMP['2026-04-01'][locale]);
      expect(stamp('global', locale)).toBe(STAMP['2026-05-01'][locale]);
      const redline = read(out(), 'acme', 'global', 'versions', '3', locale, 'redline.html');
      expect(redline).toMatch(/<del>[^<]*rep[^<]*<\/del>/);
      expect(redline).toMatch(/<ins>[^<]*office[^<]*<\/ins>/);
      // The archived notice of global version 3 links the version before it in this document: 1.
      expect(read(out(), 'acme', 'global', 'versions', '3', locale, 'notice.md')).toContain(`(<../../1/${locale}/index.html>)`);
    }
    expect(brokenLinks(join(out(), 'acme'))).toEqual([]);

    const dir = join(dirname(file), 'diff-2-3');
    const d = await diff(file, { from: 2, to: 3, outDir: dir, formats: FORMATS, library: lib, site: out() });
    expect(d.diagnostics).toEqual([]);
    expect(d.documents).toEqual([{ document: 'global', changes: 1, textChanged: true, wording: false }]);
    expect(d.files.map((f) => f.path).filter((p) => p !== 'changes.json')).toEqual(['global/en/notice.html', 'global/en/notice.md', 'global/en/redline.html', 'global/zh-CN/notice.html', 'global/zh-CN/notice.md', 'global/zh-CN/redline.html']);
    // Version 2 changed only the China document: the global notice's previous version is 1,
    // with its date, at an address the global archive has (linked from where the notice is written: test/base-url.test.ts).
    const previous = { 'zh-CN': '上一版本（第 1 版，自2026年3月7日起生效）', en: 'The previous version (version 1, in effect from March 7, 2026)' };
    for (const locale of LOCALES) {
      const archived = join(out(), 'acme', 'global', 'versions', '1', locale, 'index.html');
      expect(read(dir, 'global', locale, 'notice.md')).toContain(`[${previous[locale]}](<${relative(join(dir, 'global', locale), archived).split('\\').join('/')}>)`);
      expect(existsSync(archived)).toBe(true);
    }
  });

  it('a ledger cut short is refused against the documents’ archives even without the anchor file', async () => {
    const copy = join(dirname(file), 'out-copy');
    cpSync(out(), copy, { recursive: true });
    rmSync(join(copy, 'acme', 'versions', 'ledger.json'));
    rmSync(join(copy, 'manifest.json'));
    const saved = read(ledgerPath(file));
    try {
      writeFileSync(ledgerPath(file), `${saved.split('\n').slice(0, 2).join('\n')}\n`); // versions 1 and 2 of 3
      const before = tree(copy);
      const report = await build([file], { outDir: copy, formats: FORMATS });
      expect(report.ok).toBe(false);
      expect(report.policies[0]!.diagnostics.map((d) => d.id)).toEqual(['ledger-truncated']);
      // The policy's own versions/3/ (its policy-version.json, version-record.ts) shows it as well as global/versions/3/.
      expect(report.policies[0]!.diagnostics[0]!.message).toMatch(/holds 2 version\(s\), but .*acme[/\\](?:global[/\\])?versions shows 3 published/);
      expect(tree(copy)).toEqual(before);
    } finally {
      writeFileSync(ledgerPath(file), saved);
    }
  });
});
