/** Emoji joined by zero-width joiners are text; a lone zero-width joiner is still refused (issue 15). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFacts } from '../src/facts/load.js';
import { PACKAGE_ROOT } from '../src/package-root.js';

const example = readFileSync(join(PACKAGE_ROOT, 'data', 'example.yaml'), 'utf8');
const withName = (name: string) => {
  expect(example).toContain('      zh-CN: 云笺笔记\n');
  return example.replace('      zh-CN: 云笺笔记\n', `      zh-CN: ${name}\n`);
};

describe('zero-width joiners', () => {
  it('a family emoji and a skin-tone profession emoji are accepted', () => {
    for (const name of ['云笺家庭版 👨‍👩‍👧', '云笺开发者 👩🏽‍💻']) expect(parseFacts(withName(name), 'x.yaml').diagnostics, name).toEqual([]);
  });

  it('a zero-width joiner between letters is refused as hidden text, located', () => {
    const d = parseFacts(withName('云笺\u200D笔记'), 'x.yaml').diagnostics;
    expect(d.map((x) => [x.id, x.path])).toEqual([['suspicious-text', 'products[0].name.zh-CN']]);
    expect(d[0]!.message).toContain('U+200D');
  });
});
