/**
 * Change notices that say why, redlines a reader can read: release asks for a note in each
 * language of the policy; dates, numbers and durations are diffed as whole tokens; the
 * redline PDF has its own title and running header, and every notice and redline PDF its
 * footer in its own language.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { diffArrays } from 'diff';
import { describe, expect, it } from 'vitest';
import { build } from '../src/pipeline/build.js';
import { diff } from '../src/pipeline/diff.js';
import { release } from '../src/pipeline/release.js';
import { ledgerPath } from '../src/versions/ledger.js';
import { diffWordsLocale, tokenize, type Part } from '../src/versions/segment.js';
import { describeWith } from './helpers/browser.js';
import { runCli } from './helpers/cli.js';
import { pdfInfo, pdfText } from './helpers/pdf-readback.js';
import { library } from './helpers/library.js';
import { edit, exampleWorkspaces } from './helpers/workspace.js';

const { workspace } = exampleWorkspaces('policygen-notices-');

/** A diff written as a reader sees it: ~~removed~~[added]. */
const marked = (parts: readonly Part[]) => parts.map((p) => (p.type === 'same' ? p.text : p.type === 'del' ? `~~${p.text}~~` : `[${p.text}]`)).join('');

/** The same diff over Intl.Segmenter's words alone (what the redline did before): the control case. */
function segmenterOnly(before: string, after: string, locale: string): string {
  const words = (text: string) => [...new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)].map((s) => s.segment);
  return diffArrays(words(before), words(after))
    .map((c) => (c.added ? `[${c.value.join('')}]` : c.removed ? `~~${c.value.join('')}~~` : c.value.join('')))
    .join('');
}

describe('dates, numbers and durations are diffed as whole tokens', () => {
  const CASES: { locale: string; before: string; after: string; expected: string }[] = [
    // A change of effective date.
    { locale: 'zh-CN', before: '本政策自2026年1月10日起生效。', after: '本政策自2026年3月1日起生效。', expected: '本政策自~~2026年1月10日~~[2026年3月1日]起生效。' },
    { locale: 'en', before: 'This policy takes effect on January 10, 2026.', after: 'This policy takes effect on March 1, 2026.', expected: 'This policy takes effect on ~~January 10, 2026~~[March 1, 2026].' },
    // A change of retention period, and of a number of days.
    { locale: 'zh-CN', before: '设备与日志信息：6 个月', after: '设备与日志信息：12 个月', expected: '设备与日志信息：~~6 个月~~[12 个月]' },
    { locale: 'zh-CN', before: '我们将在15 天内答复。', after: '我们将在10 天内答复。', expected: '我们将在~~15 天~~[10 天]内答复。' },
    { locale: 'en', before: 'We keep logs for 30 days and backups for 6 months.', after: 'We keep logs for 60 days and backups for 12 months.', expected: 'We keep logs for ~~30 days~~[60 days] and backups for ~~6 months~~[12 months].' },
    { locale: 'en', before: 'Up to 1,000 records (2.5%).', after: 'Up to 12,000 records (3.5%).', expected: 'Up to ~~1,000~~[12,000] records (~~2.5%~~[3.5%]).' },
  ];

  for (const { locale, before, after, expected } of CASES) {
    it(`${locale}: ${expected}`, () => {
      const parts = diffWordsLocale(before, after, locale);
      expect(marked(parts)).toBe(expected);
      // Both sides are rebuilt from the parts.
      expect(parts.filter((p) => p.type !== 'ins').map((p) => p.text).join('')).toBe(before);
      expect(parts.filter((p) => p.type !== 'del').map((p) => p.text).join('')).toBe(after);
    });
  }

  it('the check can fail: over words alone the same changes are cut inside the date and the duration', () => {
    // What the issue saw: "2026年~~1~~3月~~10~~1日", read aloud as "13月101日".
    const date = CASES[0]!;
    expect(segmenterOnly(date.before, date.after, date.locale)).not.toBe(date.expected);
    expect(segmenterOnly(date.before, date.after, date.locale)).toMatch(/2026年~~1~~\[3\]月/);
    const days = CASES[4]!;
    expect(segmenterOnly(days.before, days.after, days.locale)).not.toBe(days.expected);
    expect(segmenterOnly(days.before, days.after, days.locale)).toContain('~~30~~[60] days');
  });

  it('numbers in statute citations and lists stay separate tokens; words around them are untouched', () => {
    expect(tokenize('第 3 条 2026年3月7日 起', 'zh-CN')).toEqual(['第', ' ', '3', ' ', '条', ' ', '2026年3月7日', ' ', '起']);
    expect(tokenize('Article 13, 2026-03-07, 15 business days', 'en')).toEqual(['Article', ' ', '13', ',', ' ', '2026-03-07', ',', ' ', '15 business days']);
    // A list is not one thousands-separated number.
    expect(tokenize('1,2,3', 'en')).toEqual(['1', ',', '2', ',', '3']);
  });
});

describe('the archive\'s rendered redline', () => {
  it('shows a changed date and a changed retention period whole, in both languages', async () => {
    const lib = await library();
    const file = workspace();
    expect((await release(file, { date: '2026-01-10', library: lib, note: { 'zh-CN': '首次发布。', en: 'First release.' } })).status).toBe('released');
    edit(file, (d) => {
      const logs = d.data_categories.find((c: { retention: { period: string } }) => c.retention.period === '6 months');
      logs.retention.period = '12 months';
    });
    expect((await release(file, { date: '2026-03-01', library: lib, note: { 'zh-CN': '延长了设备与日志信息的保存期限。', en: 'We keep device and log information longer.' } })).status).toBe('released');
    const out = join(dirname(file), 'out');
    const report = await build([file], { outDir: out, formats: ['md', 'html'], library: lib });
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const page = (locale: string) => readFileSync(join(out, 'acme', 'china', 'versions', '2', locale, 'redline.html'), 'utf8');
    const removed = (html: string) => [...html.matchAll(/<del>([^<]*)<\/del>/g)].map((m) => m[1]);
    const added = (html: string) => [...html.matchAll(/<ins>([^<]*)<\/ins>/g)].map((m) => m[1]);
    const zh = page('zh-CN');
    expect(removed(zh)).toContain('2026年1月10日');
    expect(added(zh)).toContain('2026年3月1日');
    expect(removed(zh)).toContain('6 个月');
    expect(added(zh)).toContain('12 个月');
    const en = page('en');
    expect(removed(en)).toContain('January 10, 2026');
    expect(added(en)).toContain('March 1, 2026');
    expect(removed(en)).toContain('6 months');
    expect(added(en)).toContain('12 months');
    // No change is a piece of a date or of a number.
    for (const text of [...removed(zh), ...added(zh), ...removed(en), ...added(en)]) expect(text, text).not.toMatch(/^\d{1,2}$/);
  });
});

describe('release asks for a note in each language of the policy', () => {
  it('API: refused without notes or with one missing, accepted with both or with noNote: true', async () => {
    const lib = await library();
    const file = workspace();
    const none = await release(file, { date: '2026-03-07', library: lib });
    expect(none.status).toBe('failed');
    expect(none.diagnostics.map((d) => d.id)).toEqual(['release-note']);
    expect(none.diagnostics[0]!.message).toContain('zh-CN, en');
    expect(existsSync(ledgerPath(file))).toBe(false);

    const blank = await release(file, { date: '2026-03-07', library: lib, note: { 'zh-CN': '首次发布。', en: '  ' } });
    expect(blank.status).toBe('failed');
    expect(blank.diagnostics[0]!.message).toMatch(/ en:/);
    expect(blank.diagnostics[0]!.fix).toContain('--note-en');
    expect(blank.diagnostics[0]!.fix).not.toContain('--note-zh');

    const on = await release(file, { date: '2026-03-07', library: lib, noNote: true });
    expect(on.status).toBe('released');
    expect(on.entry!.note).toBeUndefined();

    edit(file, (d) => {
      d.data_categories[0].retention.period = '10 years';
    });
    const noted = await release(file, { date: '2026-04-01', library: lib, note: { 'zh-CN': ' 延长了保存期限。 ', en: 'We keep data longer.' } });
    expect(noted.status).toBe('released');
    expect(noted.entry!.note).toEqual({ 'zh-CN': '延长了保存期限。', en: 'We keep data longer.' });
  });

  it('CLI: exit 2 with the missing note and how to give it, in English and in Chinese; --no-note releases', async () => {
    const file = workspace();
    const cwd = dirname(file);
    let r = await runCli(['release', 'acme.yaml', '--date', '2026-03-07'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the release has no note in zh-CN, en: the change notice would not say why the policy changed [release-note]');
    expect(r.stderr).toContain('give the note with --note-zh "…" --note-en "…", or release without one on purpose with --no-note');
    expect(existsSync(ledgerPath(file))).toBe(false);

    r = await runCli(['--lang', 'zh-CN', 'release', 'acme.yaml', '--date', '2026-03-07', '--note-zh', '首次发布。'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('本次发布缺少以下语言的发布说明：en；变更通知将无法说明政策为何修改 [release-note]');
    expect(r.stderr).toContain('请使用 --note-en "…" 提供说明；如确实无需说明，请加 --no-note');
    expect(existsSync(ledgerPath(file))).toBe(false);

    r = await runCli(['release', 'acme.yaml', '--date', '2026-03-07', '--no-note', '--note-en', 'x'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--no-note cannot be given together with a note');

    r = await runCli(['release', 'acme.yaml', '--date', '2026-03-07', '--note', 'english'], { cwd });
    expect(r.code).toBe(2);

    r = await runCli(['release', 'acme.yaml', '--date', '2026-03-07', '--no-note'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('released acme version 1');
    expect(JSON.parse(readFileSync(ledgerPath(file), 'utf8').trim()).note).toBeUndefined();

    edit(file, (d) => {
      d.data_categories[0].retention.period = '10 years';
    });
    r = await runCli(['release', 'acme.yaml', '--date', '2026-04-01', '--note', 'zh-CN=延长了保存期限。', '--note-en', 'We keep data longer.'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const second = JSON.parse(readFileSync(ledgerPath(file), 'utf8').trim().split('\n')[1]!);
    expect(second.note).toEqual({ 'zh-CN': '延长了保存期限。', en: 'We keep data longer.' });
  });
});

describeWith({ poppler: true }, 'notice and redline PDFs', () => {
  const A4 = { width: 595, height: 842 };
  /** Text of the top and bottom 50 pt of a page: the running header and the footer. */
  const header = (pdf: string, page = 1) => pdfText(pdf, { firstPage: page, lastPage: page, crop: { x: 0, y: 0, width: A4.width, height: 50 } }).replace(/\s+/g, '');
  const footer = (pdf: string, page = 1) => pdfText(pdf, { firstPage: page, lastPage: page, crop: { x: 0, y: A4.height - 50, width: A4.width, height: 50 } }).replace(/\s+/g, '');
  const CJK = /[\u4e00-\u9fff]/;

  it('the redline has its own title and running header; every footer is in its own language', async () => {
    const lib = await library();
    const file = workspace();
    expect((await release(file, { date: '2026-03-07', library: lib, note: { 'zh-CN': '首次发布。', en: 'First release.' } })).status).toBe('released');
    edit(file, (d) => {
      d.pipl.response_days = 10;
    });
    expect((await release(file, { date: '2026-04-01', library: lib, note: { 'zh-CN': '缩短了答复个人信息权利请求的期限。', en: 'We now reply to privacy requests sooner.' } })).status).toBe('released');
    const out = join(dirname(file), 'changes');
    const report = await diff(file, { from: 1, to: 2, outDir: out, formats: ['pdf'], library: lib });
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const at = (locale: string, name: string) => join(out, 'china', locale, `${name}.pdf`);

    const TITLE = { 'zh-CN': '云笺 · 隐私政策（中国大陆）：第 1 版至第 2 版的修订对照', en: 'Nimbus Notes · Privacy Policy (Mainland China): changes from version 1 to version 2' };
    const NOTICE = { 'zh-CN': '云笺隐私政策（中国大陆）更新通知', en: 'Nimbus Notes: changes to the Privacy Policy (Mainland China)' };
    for (const locale of ['zh-CN', 'en'] as const) {
      const redline = at(locale, 'redline');
      const notice = at(locale, 'notice');
      expect(pdfInfo(redline).fields['Title']).toBe(TITLE[locale]);
      expect(pdfInfo(notice).fields['Title']).toBe(NOTICE[locale]);
      const pages = pdfInfo(redline).pages;
      expect(pages).toBeGreaterThan(1);
      for (const page of [1, pages]) {
        expect(header(redline, page)).toContain(TITLE[locale].replace(/\s+/g, ''));
        // The check can fail: the notice's title is not the redline's header.
        expect(header(redline, page)).not.toContain(NOTICE[locale].replace(/\s+/g, ''));
      }
      expect(header(notice)).toContain(NOTICE[locale].replace(/\s+/g, ''));
      expect(header(notice)).not.toContain(TITLE[locale].replace(/\s+/g, ''));

      // Footers: "第 N 页 / 共 M 页" in Chinese PDFs, "Page N of M" in English ones, never both.
      for (const [pdf, page, count] of [[redline, 1, pages], [redline, pages, pages], [notice, 1, pdfInfo(notice).pages]] as const) {
        const text = footer(pdf, page);
        if (locale === 'zh-CN') {
          expect(text).toBe(`第${page}页/共${count}页`);
          expect(text).not.toMatch(/Page/);
        } else {
          expect(text).toBe(`Page${page}of${count}`);
          expect(text).not.toMatch(CJK);
        }
      }
    }
  });
});
