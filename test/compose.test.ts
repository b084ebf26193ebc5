import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { compose, formatDate, planOutline } from '../src/compose/compose.js';
import { loadLibrary } from '../src/library/library.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { chineseNumeral, headingLabel } from '../src/library/numbering.js';
import { PolicygenError } from '../src/diagnostics.js';
import { markdownToHtml } from '../src/render/html.js';
import { copyLibraryRoot, factsFrom, library } from './helpers/library.js';

// UPDATE=1 (and only that) rewrites the expected files; a missing one fails, so a new case
// cannot approve itself.
const UPDATE = process.env.UPDATE === '1';
const fixtures = join(PACKAGE_ROOT, 'test', 'fixtures', 'compose');
const exampleYaml = readFileSync(join(PACKAGE_ROOT, 'data', 'example.yaml'), 'utf8');

function composeError(fn: () => unknown): PolicygenError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PolicygenError) return error;
    throw error;
  }
  throw new Error('expected compose to fail');
}

describe('compose fixtures (data → expected Markdown per locale; UPDATE=1 regenerates)', () => {
  for (const name of readdirSync(fixtures)) {
    it(name, async () => {
      const dir = join(fixtures, name);
      const source = existsSync(join(dir, 'source.txt')) ? join(PACKAGE_ROOT, readFileSync(join(dir, 'source.txt'), 'utf8').trim()) : join(dir, 'data.yaml');
      const facts = factsFrom(readFileSync(source, 'utf8'), source);
      const { documents } = compose(facts, await library(), { date: facts.policy.effective_date! });
      expect(documents.map((d) => d.locale)).toEqual(facts.policy.locales);
      for (const doc of documents) {
        const expectedFile = join(dir, `expected.${doc.locale}.md`);
        if (UPDATE) writeFileSync(expectedFile, doc.markdown);
        expect(existsSync(expectedFile), `${expectedFile} is missing: run UPDATE=1 npx vitest run test/compose.test.ts and read what it wrote`).toBe(true);
        expect(doc.markdown, `${name}/${doc.locale} differs from ${expectedFile}; review and run UPDATE=1 if intended`).toBe(readFileSync(expectedFile, 'utf8'));
      }
    });
  }
});

describe('numbering', () => {
  it('writes Chinese numerals', () => {
    expect([1, 9, 10, 11, 16, 20, 21, 99, 100, 105, 110].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '十六', '二十', '二十一', '九十九', '一百', '一百零五', '一百一十']);
  });
  it('formats heading labels per style', () => {
    expect(headingLabel([3], 'chinese')).toBe('三、');
    expect(headingLabel([3, 2], 'chinese')).toBe('（二）');
    expect(headingLabel([3, 2, 4], 'chinese')).toBe('4.');
    expect(headingLabel([3], 'decimal')).toBe('3.');
    expect(headingLabel([3, 2], 'decimal')).toBe('3.2');
  });
  it('numbers clauses consecutively with no repeats, skipping clauses whose condition fails', async () => {
    const facts = factsFrom(exampleYaml);
    const all = planOutline(facts, (await library()).outline).map((c) => c.id);
    const fewer = planOutline({ ...facts, jurisdictions: ['pipl'], cookies: [] }, (await library()).outline).map((c) => c.id);
    expect(all).toContain('region_ccpa');
    expect(fewer).not.toContain('region_ccpa');
    expect(fewer).not.toContain('cookies');
    const { documents } = compose({ ...facts, jurisdictions: ['pipl'], cookies: [] }, await library(), { date: '2026-03-07' });
    for (const doc of documents) {
      const labels = doc.headings.map((h) => h.refText);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});

/** Every `[text](#id)` in a document, checked against the heading that carries `id`. */
function crossReferences(markdown: string): { text: string; id: string }[] {
  return [...markdown.matchAll(/\[([^\]]+)\]\(#([a-z_]+)\)/g)].map((m) => ({ text: m[1]!, id: m[2]! }));
}

describe('cross-references', () => {
  it('point at the right clause number in both languages, also after clauses are removed', async () => {
    const base = factsFrom(exampleYaml);
    for (const facts of [base, { ...base, jurisdictions: ['gdpr' as const], transfers: [], cookies: [] }]) {
      const { documents } = compose(facts, await library(), { date: '2026-03-07' });
      for (const doc of documents) {
        const refs = crossReferences(doc.markdown);
        expect(refs.length).toBeGreaterThan(2);
        for (const ref of refs) {
          const heading = doc.headings.find((h) => h.id === ref.id);
          expect(heading, `${doc.locale}: ${ref.id}`).toBeDefined();
          // The number in the reference is the number in the target's heading, read back from the Markdown.
          if (heading!.level > 1) {
            // A sub-clause: its number is its parent's number and its own position, read back from the Markdown.
            const lines = doc.markdown.split('\n');
            const at = lines.findIndex((l) => l.startsWith('### ') && l.includes(heading!.title));
            const parent = lines.slice(0, at).reverse().find((l) => l.startsWith('## '))!;
            if (doc.locale === 'zh-CN') expect(ref.text).toBe(`第${/^## (.+?)、/.exec(parent)![1]}部分${/^### (（.+?）)/.exec(lines[at]!)![1]}`);
            else expect(ref.text).toBe(`Section ${/^### (\d+\.\d+) /.exec(lines[at]!)![1]}`);
            continue;
          }
          const headingLine = doc.markdown.split('\n').find((l) => l.startsWith('## ') && l.includes(heading!.title))!;
          if (doc.locale === 'zh-CN') {
            const numeral = /^## (.+?)、/.exec(headingLine)![1];
            expect(ref.text).toBe(`第${numeral}部分`);
          } else {
            const n = /^## (\d+)\./.exec(headingLine)![1];
            expect(ref.text).toBe(`Section ${n}`);
          }
        }
      }
    }
  });

  it('refuses a reference to a clause the policy does not include, naming both clauses', async () => {
    const root = copyLibraryRoot();
    writeFileSync(join(root, 'templates', 'clauses', 'intro.md.hbs'), 'See {{ref "cookies"}} and {{ref "no_such_clause"}}.\n');
    const lib = await loadLibrary({ root });
    const facts = { ...factsFrom(exampleYaml), cookies: [] };
    const error = composeError(() => compose(facts, lib, { date: '2026-03-07' }));
    const messages = error.diagnostics.map((d) => `${d.id}: ${d.message}`);
    expect(messages).toContain('unknown-clause: clause "intro" refers to "cookies", which this policy does not include');
    expect(messages).toContain('unknown-clause: clause "intro" refers to "no_such_clause", which does not exist');
    rmSync(root, { recursive: true, force: true });
  });
});

describe('parity between locales', () => {
  it('fails when a translation adds a heading of its own, naming the clause', async () => {
    const root = copyLibraryRoot();
    const shared = readFileSync(join(root, 'templates', 'clauses', 'rights.md.hbs'), 'utf8');
    writeFileSync(join(root, 'templates', 'clauses', 'rights.zh-CN.md.hbs'), `${shared}\n## 额外的标题\n\n文字\n`);
    const lib = await loadLibrary({ root });
    const error = composeError(() => compose(factsFrom(exampleYaml), lib, { date: '2026-03-07' }));
    const clauses = compose(factsFrom(exampleYaml), await library(), { date: '2026-03-07' }).documents[0]!.headings.length;
    expect(error.diagnostics[0]).toMatchObject({ id: 'clause-parity' });
    expect(error.diagnostics[0]!.message).toContain(`zh-CN has ${clauses + 1} headings but the outline has ${clauses} clauses`);
    expect(error.diagnostics[0]!.message).toContain('"children"');
    rmSync(root, { recursive: true, force: true });
  });

  it('fails when the languages cross-reference different clauses', async () => {
    const root = copyLibraryRoot();
    writeFileSync(join(root, 'templates', 'clauses', 'children.en.md.hbs'), 'Write to us: see {{ref "rights"}}.\n');
    const lib = await loadLibrary({ root });
    const error = composeError(() => compose(factsFrom(exampleYaml), lib, { date: '2026-03-07' }));
    expect(error.diagnostics.map((d) => d.message)).toContain('clause "children" cross-references [gdpr_children,contact,gdpr_children,ccpa_minors] in zh-CN but [rights] in en');
    rmSync(root, { recursive: true, force: true });
  });

  it('fails when a clause is empty in one language', async () => {
    const root = copyLibraryRoot();
    writeFileSync(join(root, 'templates', 'clauses', 'changes.en.md.hbs'), '\n');
    const lib = await loadLibrary({ root });
    const error = composeError(() => compose(factsFrom(exampleYaml), lib, { date: '2026-03-07' }));
    expect(error.diagnostics.map((d) => d.message)).toContain('clause "changes" has text in one language but is empty in en');
    rmSync(root, { recursive: true, force: true });
  });

  it('fails when a locale lacks a key, naming key and file — never falls back to another language', async () => {
    const root = copyLibraryRoot();
    const file = join(root, 'locales', 'zh-CN', 'policy.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    delete data.clauses.security.incident;
    writeFileSync(file, JSON.stringify(data));
    const error = await loadLibrary({ root }).then(
      () => {
        throw new Error('expected failure');
      },
      (e: PolicygenError) => e,
    );
    expect(error.diagnostics).toEqual([
      expect.objectContaining({ id: 'locale-parity', path: 'clauses.security.incident', message: 'key "clauses.security.incident" exists in en but not in zh-CN' }),
    ]);
    rmSync(root, { recursive: true, force: true });
  });

  it('fails when a template uses a key no locale defines', async () => {
    const root = copyLibraryRoot();
    writeFileSync(join(root, 'templates', 'clauses', 'changes.md.hbs'), '{{t "clauses.changes.nope"}}\n');
    const lib = await loadLibrary({ root });
    const error = composeError(() => compose(factsFrom(exampleYaml), lib, { date: '2026-03-07' }));
    expect(error.diagnostics.map((d) => `${d.id} ${d.path}`)).toEqual(['missing-key clauses.changes.nope', 'missing-key clauses.changes.nope']);
    rmSync(root, { recursive: true, force: true });
  });
});

describe('locales are data', () => {
  it('a third locale (pt-BR) needs only a locale file and localized facts', async () => {
    const root = copyLibraryRoot();
    // A small Portuguese locale: the English resources with every text marked, plus real
    // Portuguese for the language name and the "last updated" label.
    const en: Record<string, Record<string, unknown>> = {};
    for (const name of readdirSync(join(root, 'locales', 'en')).filter((n) => n.endsWith('.json'))) {
      const part = JSON.parse(readFileSync(join(root, 'locales', 'en', name), 'utf8'));
      // Deep: two files may add keys under the same object (policy.json and lists.json both under clauses.sharing).
      const merge = (into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> => {
        for (const [k, v] of Object.entries(from)) {
          into[k] = v && typeof v === 'object' && !Array.isArray(v) && into[k] && typeof into[k] === 'object' ? merge(into[k] as Record<string, unknown>, v as Record<string, unknown>) : v;
        }
        return into;
      };
      merge(en, part);
    }
    const mark = (v: unknown): unknown => (typeof v === 'string' ? `PT ${v}` : Array.isArray(v) ? v.map(mark) : Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, mark(x)])));
    const pt = mark(en) as Record<string, Record<string, unknown>>;
    pt.meta = { ...pt.meta, name: 'Português', numbering: 'decimal' };
    pt.document!.last_updated = 'Última atualização: {{date}}';
    pt.ref = en.ref;
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(root, 'locales', 'pt-BR'));
    writeFileSync(join(root, 'locales', 'pt-BR', 'policy.json'), JSON.stringify(pt));

    const data = parseYaml(exampleYaml);
    const addPt = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(addPt);
      if (v && typeof v === 'object') {
        const obj = v as Record<string, unknown>;
        if ('zh-CN' in obj && 'en' in obj) return { ...obj, 'pt-BR': `pt:${obj.en}` };
        return Object.fromEntries(Object.entries(obj).map(([k, x]) => [k, addPt(x)]));
      }
      return v;
    };
    const withPt = addPt(data) as { policy: { locales: string[] } };
    withPt.policy.locales = ['zh-CN', 'en', 'pt-BR'];
    const facts = factsFrom(stringifyYaml(withPt));

    const { documents } = compose(facts, await loadLibrary({ root }), { date: '2026-03-07' });
    expect(documents.map((d) => d.locale)).toEqual(['zh-CN', 'en', 'pt-BR']);
    const pt3 = documents[2]!;
    expect(pt3.stamp).toBe('Última atualização: 7 de março de 2026');
    expect(pt3.headings.map((h) => h.id)).toEqual(documents[0]!.headings.map((h) => h.id));
    expect(pt3.markdown).toContain('pt:Yunjian Technology (Hangzhou) Co., Ltd.');
    expect(pt3.markdown).not.toContain('云笺科技');
    rmSync(root, { recursive: true, force: true });
  });

  it('a localized fact missing the third locale is reported with its path', async () => {
    const data = parseYaml(exampleYaml);
    data.policy.locales = ['zh-CN', 'en', 'pt-BR'];
    const { parseFacts } = await import('../src/facts/load.js');
    const { diagnostics } = parseFacts(stringifyYaml(data), 'x.yaml');
    expect(diagnostics.length).toBeGreaterThan(10);
    expect(diagnostics[0]).toMatchObject({ id: 'missing-translation', path: 'controller.name', message: 'this text has no pt-BR version' });
  });
});

describe('stamps', () => {
  it('formats the effective date per locale, independent of the time zone', () => {
    expect(formatDate('2026-03-07', 'zh-CN')).toBe('2026年3月7日');
    expect(formatDate('2026-03-07', 'en')).toBe('March 7, 2026');
    expect(formatDate('2026-01-01', 'en')).toBe('January 1, 2026');
  });
  it('puts the stamp in both documents', async () => {
    const { documents } = compose(factsFrom(exampleYaml), await library(), { date: '2026-03-07' });
    expect(documents.map((d) => d.markdown.split('\n')[2])).toEqual(['最后更新：2026年3月7日', 'Last updated: March 7, 2026']);
  });
});

describe('facts are inert text', () => {
  const hostile = {
    script: '<script>alert(1)</script>',
    handlebars: '{{constructor.constructor "alert(1)"}}',
    i18next: '$t(document.title) {{date}}',
    link: '[click](javascript:alert(1))',
    img: '<img src=x onerror=alert(1)>',
    heading: '# Not a heading',
  };
  for (const [name, value] of Object.entries(hostile)) {
    it(`${name}: ${value}`, async () => {
      const data = parseYaml(exampleYaml);
      data.controller.name = { 'zh-CN': `${value}（中文名称）`, en: value };
      const { documents } = compose(factsFrom(stringifyYaml(data)), await library(), { date: '2026-03-07' });
      for (const doc of documents) {
        const html = markdownToHtml(doc.markdown, doc.headings);
        // The value appears as visible text…
        const text = html.replace(/<[^>]+>/g, '').replace(/&#x3C;/g, '<').replace(/&#x26;/g, '&').replace(/&quot;/g, '"').replace(/&#x22;/g, '"');
        expect(text).toContain(value.replace(/^# /, '# '));
        // …and never as markup, a link, an evaluated template or a translated key.
        expect(html).not.toMatch(/<script|<img|href="javascript|<[a-z]+[^>]*\son\w+=/i);
        expect(html).not.toContain('<h1>Not a heading');
        expect(doc.markdown).not.toContain('[object');
      }
    });
  }
});
