/**
 * The data file's own sections (custom_sections): placed under or after any clause and
 * numbered like built-in ones; their body a safe subset of Markdown (paragraphs, bold,
 * emphasis, lists, links, cross-references) with everything else printed as typed; the
 * same lists and clause links in every language; located errors for what cannot work.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compose, type LocaleDocument } from '../src/compose/compose.js';
import { customBody, handTypedNumbers, MAX_DEPTH } from '../src/compose/custom.js';
import { chineseNumeral } from '../src/library/numbering.js';
import { PolicygenError, type Diagnostic } from '../src/diagnostics.js';
import { localize } from '../src/messages.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { preparePolicy } from '../src/pipeline/prepare.js';
import { markdownToHtml } from '../src/render/html.js';
import { factsFrom, library } from './helpers/library.js';
import { clauses, parseHeadings } from './helpers/seeds.js';

const exampleYaml = readFileSync(join(PACKAGE_ROOT, 'data', 'example.yaml'), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'policygen-custom-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface SectionInput {
  id: string;
  under?: string;
  after?: string;
  title?: { 'zh-CN': string; en: string };
  body?: { 'zh-CN': string; en: string };
}

/** data/example.yaml with its custom_sections replaced by these. */
function exampleWith(sections: SectionInput[]): string {
  const filled = sections.map((s) => ({
    id: s.id,
    ...(s.under === undefined ? {} : { under: s.under }),
    ...(s.after === undefined ? {} : { after: s.after }),
    title: s.title ?? { 'zh-CN': `章节 ${s.id}`, en: `Section ${s.id}` },
    body: s.body ?? { 'zh-CN': `${s.id} 的正文。`, en: `The text of ${s.id}.` },
  }));
  const lines = exampleYaml.split('\n');
  const start = lines.indexOf('custom_sections:');
  expect(start, 'data/example.yaml has a custom_sections block').toBeGreaterThan(0);
  let end = start + 1;
  while (end < lines.length && !/^[a-z_]+:/.test(lines[end]!)) end++;
  const block = stringify({ custom_sections: filled }, { lineWidth: 0 }).trimEnd().split('\n');
  return [...lines.slice(0, start), ...block, '', ...lines.slice(end)].join('\n');
}

async function composeWith(sections: SectionInput[]): Promise<LocaleDocument[]> {
  const facts = factsFrom(exampleWith(sections));
  return compose(facts, await library(), { date: '2026-03-07' }).documents;
}

async function composeErrors(sections: SectionInput[]): Promise<Diagnostic[]> {
  const facts = factsFrom(exampleWith(sections));
  const lib = await library();
  try {
    compose(facts, lib, { date: '2026-03-07' });
  } catch (error) {
    if (error instanceof PolicygenError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected compose to fail');
}

/** The diagnostics `check` reports for the example with these sections, located in the file. */
async function checkWith(sections: SectionInput[]): Promise<{ diagnostics: Diagnostic[]; lines: string[]; file: string }> {
  const text = exampleWith(sections);
  const file = join(tmp, `case-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  const { diagnostics } = await preparePolicy(file, await library());
  return { diagnostics, lines: text.split('\n'), file };
}

/** 1-based line of the nth (1-based) line containing `needle`. */
function lineOf(lines: string[], needle: string, nth = 1): number {
  const hits = lines.flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  expect(hits.length, `"${needle}" in the generated file`).toBeGreaterThanOrEqual(nth);
  return hits[nth - 1]!;
}

const doc = (docs: LocaleDocument[], locale: string) => docs.find((d) => d.locale === locale)!;
const heading = (d: LocaleDocument, id: string) => d.headings.find((h) => h.id === id);
/** The number printed in the Markdown heading of a clause, read back from the text. */
const printed = (d: LocaleDocument, id: string) => parseHeadings(d.markdown)[d.headings.findIndex((h) => h.id === id)]!.number;
/** The text of a clause alone (no sub-clauses). */
const ownText = (d: LocaleDocument, id: string) => clauses(d).get(id)!.markdown.split(/\n(?=#{2,6} )/)[0]!;

/** HTML text as a reader sees it (tags removed, entities decoded). */
function visible(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x3C;|&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('placement: under, after, numbering', () => {
  it('under: a clause → its last sub-section, numbered under it in both languages', async () => {
    const docs = await composeWith([{ id: 'developer_data', under: 'collection', title: { 'zh-CN': '开发者数据', en: 'Developer data' } }]);
    const zh = doc(docs, 'zh-CN');
    const en = doc(docs, 'en');
    const ids = zh.headings.map((h) => h.id);
    // collection has one built-in child in the example (collection_sensitive); ours comes after it.
    expect(ids.slice(ids.indexOf('collection'), ids.indexOf('collection') + 3)).toEqual(['collection', 'collection_sensitive', 'developer_data']);
    expect(printed(zh, 'developer_data')).toEqual([2, 2]);
    expect(printed(en, 'developer_data')).toEqual([2, 2]);
    expect(zh.markdown).toContain('### （二）开发者数据');
    expect(en.markdown).toContain('### 2.2 Developer data');
    // Nothing after it was renumbered wrongly: use is still 3.
    expect(printed(en, 'use')).toEqual([3]);
  });

  it('after: a sub-clause → right after it at the same level; after: a top clause → the next top section', async () => {
    const docs = await composeWith([
      { id: 'sensitive_extra', after: 'collection_sensitive' },
      { id: 'top_extra', after: 'collection' },
    ]);
    for (const d of docs) {
      expect(printed(d, 'collection_sensitive')).toEqual([2, 1]);
      expect(printed(d, 'sensitive_extra')).toEqual([2, 2]);
      expect(printed(d, 'top_extra')).toEqual([3]);
      expect(printed(d, 'use')).toEqual([4]);
    }
  });

  it('under: a custom section, also one written later in the file; several after one clause keep the file order', async () => {
    const docs = await composeWith([
      { id: 'child_b', under: 'parent_custom' }, // names a section written below
      { id: 'parent_custom', after: 'use' },
      { id: 'child_c', under: 'parent_custom' },
      { id: 'first_after_rights', after: 'rights' },
      { id: 'second_after_rights', after: 'rights' },
      { id: 'grandchild', under: 'child_c' },
    ]);
    for (const d of docs) {
      const use = printed(d, 'use')[0]!;
      expect(printed(d, 'parent_custom')).toEqual([use + 1]);
      expect(printed(d, 'child_b')).toEqual([use + 1, 1]);
      expect(printed(d, 'child_c')).toEqual([use + 1, 2]);
      expect(printed(d, 'grandchild')).toEqual([use + 1, 2, 1]);
      const rights = printed(d, 'rights')[0]!;
      expect(printed(d, 'first_after_rights')).toEqual([rights + 1]);
      expect(printed(d, 'second_after_rights')).toEqual([rights + 2]);
    }
    expect(doc(docs, 'zh-CN').markdown).toMatch(/^#### 1\. 章节 grandchild/m);
    expect(doc(docs, 'en').markdown).toMatch(/^#### \d+\.2\.1 Section grandchild/m);
  });

  it('a section under a clause the policy leaves out is left out with it', async () => {
    // pipl_minors is in the outline but needs children.rules_url, which the example does not set.
    const docs = await composeWith([{ id: 'minor_notes', under: 'pipl_minors' }]);
    for (const d of docs) {
      expect(heading(d, 'pipl_minors')).toBeUndefined();
      expect(heading(d, 'minor_notes')).toBeUndefined();
    }
  });

  it(`refuses a level deeper than ${MAX_DEPTH} (the deepest the numbering and cross-references are worded for), located at under:`, async () => {
    expect(MAX_DEPTH).toBe(3);
    const sections = [
      { id: 'level2', under: 'collection' },
      { id: 'level3', under: 'level2' },
      { id: 'level4', under: 'level3' },
    ];
    const { diagnostics, lines, file } = await checkWith(sections);
    const deep = diagnostics.filter((d) => d.id === 'section-placement');
    expect(deep).toHaveLength(1);
    expect(deep[0]).toMatchObject({ severity: 'error', file, path: 'custom_sections[2].under', line: lineOf(lines, 'under: level3') });
    expect(deep[0]!.message).toBe('custom section "level4" under "level3" would be at level 4; sections go at most 3 levels deep');
    expect(deep[0]!.fix).toContain('after: level3');
    expect(localize(deep[0]!, 'zh-CN').message).toBe('自定义章节“level4”放在“level3”之下将位于第 4 级；章节最多 3 级');
    // Three levels are fine.
    const docs = await composeWith(sections.slice(0, 2));
    for (const d of docs) expect(printed(d, 'level3')).toEqual([2, 2, 1]);
  });

  it('refuses both under and after, or neither, at file:line:column', async () => {
    const { diagnostics, lines } = await checkWith([
      { id: 'both_ways', under: 'collection', after: 'use' },
      { id: 'nowhere' },
    ]);
    const placement = diagnostics.filter((d) => d.id === 'section-placement');
    expect(placement.map((d) => d.path)).toEqual(['custom_sections[0].under', 'custom_sections[1].under']);
    expect(placement[0]).toMatchObject({ line: lineOf(lines, 'under: collection'), column: 12 });
    expect(placement[0]!.message).toBe('custom section "both_ways" gives both under: collection and after: use');
    // No under: to point at: the section's own entry.
    expect(placement[1]).toMatchObject({ line: lineOf(lines, 'id: nowhere'), column: 5 });
    expect(placement[1]!.message).toContain('"nowhere" says neither');
    expect(localize(placement[1]!, 'zh-CN').fix).toContain('under: <条款 id>');
  });

  it('an unknown target: unknown-clause with a suggestion; sections placing each other: a cycle', async () => {
    const errors = await composeErrors([
      { id: 'typo', under: 'colection' },
      { id: 'loop_a', under: 'loop_b' },
      { id: 'loop_b', after: 'loop_a' },
    ]);
    expect(errors.map((d) => [d.id, d.path])).toEqual([
      ['unknown-clause', 'custom_sections[0].under'],
      ['section-placement', 'custom_sections[1].under'],
      ['section-placement', 'custom_sections[2].after'],
    ]);
    expect(errors[0]!.message).toBe('there is no clause "colection" to place "typo" under');
    expect(errors[0]!.fix).toBe('did you mean "collection"?');
    expect(errors[1]!.message).toContain('"loop_a" is placed relative to "loop_b", which is itself placed relative to "loop_a"');
  });
});

describe('body: a safe subset of Markdown', () => {
  const formatted = {
    id: 'developer_data',
    under: 'collection',
    title: { 'zh-CN': '开发者数据', en: 'Developer data' },
    body: {
      'zh-CN': [
        '如您以开发者身份注册，我们还会处理以下信息：',
        '',
        '1. **应用信息**：应用名称和回调地址；',
        '2. *接口调用记录*，包括：',
        '   - 调用时间',
        '   - 返回的错误',
        '',
        '我们如何保护这些信息，见[](#security)；开发者条款见 [开发者协议](https://example.com/dev-terms)。',
      ].join('\n'),
      en: [
        'If you register as a developer, we also process:',
        '',
        '1. **App details**: the app name and callback URL;',
        '2. *API call records*, including:',
        '   - when each call was made',
        '   - the errors returned',
        '',
        'How we protect this information is set out in [](#security); the developer terms are in the [Developer Agreement](https://example.com/dev-terms).',
      ].join('\n'),
    },
  };

  it('numbered lists, nested bullets, bold and emphasis reach the Markdown and the sanitised HTML in both languages', async () => {
    const docs = await composeWith([formatted]);
    const zh = doc(docs, 'zh-CN');
    const en = doc(docs, 'en');
    expect(ownText(zh, 'developer_data')).toContain('1. **应用信息**：应用名称和回调地址；\n2. *接口调用记录*，包括：\n   - 调用时间\n   - 返回的错误');
    expect(ownText(en, 'developer_data')).toContain('1. **App details**: the app name and callback URL;\n2. *API call records*, including:\n   - when each call was made\n   - the errors returned');
    for (const d of docs) {
      const html = markdownToHtml(ownText(d, 'developer_data'), [heading(d, 'developer_data')!], { cache: false });
      expect(html).toMatch(/<ol>\s*<li><strong>(?:应用信息|App details)<\/strong>/);
      expect(html).toMatch(/<li><em>(?:接口调用记录|API call records)<\/em>[^<]*\s*<ul>\s*<li>/);
      expect(html).toContain('href="https://example.com/dev-terms"');
      expect(html).not.toMatch(/\\[*_[\]]/); // no escape shows through
    }
  });

  it('[](#security) prints the clause number as the built-in {{ref}} does, and links to it', async () => {
    const docs = await composeWith([formatted]);
    for (const d of docs) {
      const security = heading(d, 'security')!;
      const n = printed(d, 'security')[0]!;
      expect(security.refText).toBe(d.locale === 'zh-CN' ? `第${chineseNumeral(n)}部分` : `Section ${n}`);
      expect(ownText(d, 'developer_data')).toContain(`[${security.refText}](#security)`);
      const html = markdownToHtml(d.markdown, d.headings, { cache: false });
      expect(html).toContain(`<a href="#security">${security.refText}</a>`);
      expect(html).toContain('id="security"'); // the target exists on the page
    }
    // The number follows the outline: a section added before security moves it down one.
    const n = printed(doc(docs, 'en'), 'security')[0]!;
    const moved = await composeWith([formatted, { id: 'extra', after: 'use' }]);
    expect(ownText(doc(moved, 'zh-CN'), 'developer_data')).toContain(`[第${chineseNumeral(n + 1)}部分](#security)`);
    expect(ownText(doc(moved, 'en'), 'developer_data')).toContain(`[Section ${n + 1}](#security)`);
  });

  it('a cross-reference to a nested custom section prints its two-level number', async () => {
    const docs = await composeWith([
      { id: 'developer_data', under: 'collection' },
      { id: 'pointer', after: 'use', body: { 'zh-CN': '开发者数据见[](#developer_data)。', en: 'Developer data: see [](#developer_data).' } },
    ]);
    expect(ownText(doc(docs, 'zh-CN'), 'pointer')).toContain('开发者数据见[第二部分（二）](#developer_data)。');
    expect(ownText(doc(docs, 'en'), 'pointer')).toContain('Developer data: see [Section 2.2](#developer_data).');
  });

  const hostile = [
    ['a script element', '<script>alert(1)</script>'],
    ['a javascript: link', '[x](javascript:alert(1))'],
    ['an image', '![i](http://x/y.png)'],
    ['a heading', '# heading'],
    ['a table', '| a | b |\n| --- | --- |\n| 1 | 2 |'],
    ['inline HTML', 'a <b onclick="alert(1)">bold</b> word'],
    ['a code block', '```js\nalert(1)\n```'],
    ['an autolink of another scheme', '<javascript:alert(1)>'],
    ['a data: link', '[d](data:text/html;base64,PHNjcmlwdD4=)'],
  ] as const;

  it.each(hostile)('%s is printed as typed and never interpreted, in the Markdown and the HTML of both languages', async (_what, payload) => {
    const docs = await composeWith([{ id: 'hostile', after: 'use', body: { 'zh-CN': `前文\n\n${payload}\n\n后文`, en: `Before\n\n${payload}\n\nAfter` } }]);
    for (const d of docs) {
      const markdown = ownText(d, 'hostile');
      // The Markdown has exactly one heading (the section's own) and no raw construct.
      expect(markdown.split('\n').filter((l) => /^#{1,6} /.test(l))).toHaveLength(1);
      expect(markdown).not.toMatch(/(?<!\\)<(?:script|b )|(?<!\\)!\[|^\|/m);
      const html = markdownToHtml(markdown, [heading(d, 'hostile')!], { cache: false });
      expect(html).not.toMatch(/<script|<img|<table|<h1|<pre|<code|<b[ >]|<[a-z][^>]*\son[a-z]+=|href="(?:javascript|data):/i);
      expect(html.match(/<h[1-6]/g)).toHaveLength(1);
      // What the author typed is on the page, character for character (line breaks aside).
      for (const line of payload.split('\n')) expect(visible(html).replace(/\s+/g, ' ')).toContain(line.replace(/\s+/g, ' '));
    }
  });

  it('the output is stable: writing a body twice gives the same Markdown (escapes do not pile up)', () => {
    const samples = [formatted.body['zh-CN'], formatted.body.en, ...hostile.map(([, p]) => p), '- a\n- b\n\n* c\n\n1. x\n\n1) y', 'a  \nb\\\nc', '- [ ] task', 'price 1. or 2) and # and - x'];
    const ref = (id: string) => (id === 'security' ? 'Section 10' : undefined);
    for (const text of samples) {
      const once = customBody(text, { ref });
      expect(customBody(once, { ref }), text).toBe(once);
    }
  });

  it('"• " bullets pasted from a word processor are a list, as "- " ones', () => {
    expect(customBody('要点：\n\n• 一\n• 二')).toBe('要点：\n\n- 一\n- 二');
    expect(customBody('a • b')).toBe('a • b');
  });

  it('two lists in a row stay two lists, with the item counts the author wrote', () => {
    const html = markdownToHtml(customBody('- a\n- b\n\n* c\n\n1. x\n2. y\n\n1) z'), [], { cache: false });
    expect(html.match(/<ul>/g)).toHaveLength(2);
    expect(html.match(/<ol>/g)).toHaveLength(2);
    expect(html.match(/<li>/g)).toHaveLength(6);
  });
});

describe('body: the same structure in every language', () => {
  it('lists with a different number of items → clause-parity naming the section and both shapes', async () => {
    const errors = await composeErrors([
      { id: 'lists_differ', after: 'use', body: { 'zh-CN': '1. 一\n2. 二\n3. 三', en: '1. one\n2. two' } },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ id: 'clause-parity', path: 'custom_sections[0].body.en' });
    expect(errors[0]!.message).toBe('custom section "lists_differ" has the lists 1.×3 in zh-CN but 1.×2 in en');
    expect(localize(errors[0]!, 'zh-CN').message).toBe('自定义章节“lists_differ”的列表在 zh-CN 中为 1.×3，在 en 中为 1.×2');
  });

  it('a nested list in one language only, or a bullet list for a numbered one, is a difference too', async () => {
    const nested = await composeErrors([{ id: 'n', after: 'use', body: { 'zh-CN': '- 一\n  - 甲\n- 二', en: '- one\n- two' } }]);
    expect(nested[0]!.message).toContain('-×2[-×1,] in zh-CN but -×2 in en');
    const kind = await composeErrors([{ id: 'k', after: 'use', body: { 'zh-CN': '- 一\n- 二', en: '1. one\n2. two' } }]);
    expect(kind[0]!.message).toContain('-×2 in zh-CN but 1.×2 in en');
  });

  it('links to different clauses → clause-parity; the same clauses in another order are fine', async () => {
    const errors = await composeErrors([{ id: 'links_differ', after: 'use', body: { 'zh-CN': '见[](#security)。', en: 'See [](#rights).' } }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ id: 'clause-parity', path: 'custom_sections[0].body.en' });
    expect(errors[0]!.message).toBe('custom section "links_differ" links to the clauses [security] in zh-CN but [rights] in en');
    const docs = await composeWith([{ id: 'reordered', after: 'use', body: { 'zh-CN': '见[](#rights)和[](#security)。', en: 'See [](#security) and [](#rights).' } }]);
    const en = doc(docs, 'en');
    expect(ownText(en, 'reordered')).toContain(`See [Section ${printed(en, 'security')[0]}](#security) and [Section ${printed(en, 'rights')[0]}](#rights).`);
  });

  it('a link to a clause that does not exist → unknown-clause naming the section and the id, at its line', async () => {
    const { diagnostics, lines } = await checkWith([{ id: 'bad_link', after: 'use', body: { 'zh-CN': '见[](#securty)。', en: 'See [](#securty).' } }]);
    const unknown = diagnostics.filter((d) => d.id === 'unknown-clause');
    expect(unknown.map((d) => d.path)).toEqual(['custom_sections[0].body.zh-CN', 'custom_sections[0].body.en']);
    expect(unknown[0]!.message).toBe('custom section "bad_link" links to "#securty" (zh-CN), but there is no clause "securty"');
    expect(unknown[0]!.fix).toBe('did you mean "#security"?');
    expect(unknown[0]!.line).toBe(lineOf(lines, '见[](#securty)'));
    expect(unknown[1]!.line).toBe(lineOf(lines, 'See [](#securty)'));
  });

  it('a link to a clause this policy leaves out → unknown-clause when the policy is composed', async () => {
    const errors = await composeErrors([{ id: 'to_minors', after: 'use', body: { 'zh-CN': '见[](#pipl_minors)。', en: 'See [](#pipl_minors).' } }]);
    expect(errors.map((d) => [d.id, d.path])).toEqual([
      ['unknown-clause', 'custom_sections[0].body.zh-CN'],
      ['unknown-clause', 'custom_sections[0].body.en'],
    ]);
    expect(errors[0]!.message).toBe('custom section "to_minors" links to "#pipl_minors" (zh-CN), which this policy does not include');
  });
});

describe('section numbers typed by hand', () => {
  const warn = (zh: string, en: string) =>
    handTypedNumbers(factsFrom(exampleWith([{ id: 'typed', after: 'use', body: { 'zh-CN': zh, en } }]))).map((d) => `${d.path}: ${d.message}`);

  it('warns for "第3条" / "Section 3" meaning the policy’s own sections', () => {
    expect(warn('详见本政策第3条。', 'See Section 3 of this policy.')).toEqual([
      'custom_sections[0].body.zh-CN: custom section "typed" writes "第3条" by hand (zh-CN); if it means a section of this policy, the number will be wrong once sections are added or moved',
      'custom_sections[0].body.en: custom section "typed" writes "Section 3" by hand (en); if it means a section of this policy, the number will be wrong once sections are added or moved',
    ]);
    expect(warn('见第十部分。', 'See [Section 10](#security).')).toHaveLength(2);
  });

  it('leaves statute citations, third parties and cross-references alone', () => {
    expect(warn('依据《中华人民共和国个人信息保护法》第十三条，以及 GDPR 第6条；第三方服务见[](#sharing)。', 'Under CCPA § 1798.100, Art. 6 GDPR and Section 5 of the Data Protection Act 2018; third parties: [](#sharing).')).toEqual([]);
  });
});
