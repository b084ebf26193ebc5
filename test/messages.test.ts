/** CLI messages in every language, through i18next: same keys everywhere, real translations. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { parseFacts } from '../src/facts/load.js';
import { localize, messageLanguages, resolveLanguage } from '../src/messages.js';
import { makeFixtures } from './fixtures/broken/make-fixtures.mjs';

const read = (lang: string) => JSON.parse(readFileSync(join(PACKAGE_ROOT, 'locales', lang, 'cli', 'messages.json'), 'utf8'));
const keys = (obj: object, prefix = ''): string[] =>
  Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('CLI messages', () => {
  it('exist in English and Chinese with the same keys', () => {
    expect(messageLanguages()).toEqual(expect.arrayContaining(['en', 'zh-CN']));
    expect(keys(read('zh-CN')).sort()).toEqual(keys(read('en')).sort());
  });

  it('a diagnostic can be shown in Chinese, keeping id, location and path', () => {
    const example = readFileSync(join(PACKAGE_ROOT, 'data', 'example.yaml'), 'utf8');
    const { diagnostics } = parseFacts(example.replace('  email: privacy@nimbusnotes.example\n', '  emial: privacy@nimbusnotes.example\n'), 'x.yaml');
    const typo = diagnostics.find((d) => d.id === 'unknown-field')!;
    expect(typo.message).toBe('unknown field "emial"');
    expect(typo.fix).toBe('did you mean "email"?');
    const zh = localize(typo, 'zh-CN');
    expect(zh).toMatchObject({ id: 'unknown-field', line: typo.line, column: typo.column, path: 'controller.emial' });
    expect(zh.message).toBe('未知字段“emial”');
    expect(zh.fix).toBe('您是否想写“email”？');
  });

  it('every diagnostic the loader gives for a file with many errors renders in Chinese without leftovers, message and fix', () => {
    const broken = makeFixtures().get('broken/many-errors.yaml')!.toString('utf8');
    const diagnostics = parseFacts(broken, 'x.yaml').diagnostics;
    expect(diagnostics.length).toBeGreaterThan(5);
    for (const d of diagnostics) {
      const zh = localize(d, 'zh-CN');
      expect(zh.message).not.toMatch(/\{\{|messages\.|kinds\./);
      expect(zh.message).not.toBe(d.message);
      if (d.fix) expect(zh.fix ?? '', d.fix).not.toMatch(/\{\{|messages\.|kinds\./);
    }
  });

  it('picks the language from --lang, then the system locale, else English', () => {
    expect(resolveLanguage('zh-CN', {})).toBe('zh-CN');
    expect(resolveLanguage(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(resolveLanguage(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(resolveLanguage(undefined, { LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(resolveLanguage('fr', { LANG: 'zh_CN.UTF-8' })).toBe('en');
  });
});
