/** A fact that ends its own sentence inside a template sentence is not punctuated twice (issue 15). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose, tidyPunctuation } from '../src/compose/compose.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { factsFrom, library } from './helpers/library.js';

describe('sentence marks', () => {
  it('one mark where a value and its sentence both end one; ellipses kept', () => {
    expect(tidyPunctuation('**注销账号**：在设置中提交。。')).toBe('**注销账号**：在设置中提交。');
    expect(tidyPunctuation('请联系我们！。')).toBe('请联系我们！');
    expect(tidyPunctuation('**Deleting your account:** use Settings.. Then')).toBe('**Deleting your account:** use Settings. Then');
    expect(tidyPunctuation('Really?.')).toBe('Really?');
    expect(tidyPunctuation('and so on... and more')).toBe('and so on... and more');
    expect(tidyPunctuation('等等……。')).toBe('等等……。');
    expect(tidyPunctuation('version 1\\.. end')).toBe('version 1\\.. end');
  });

  it('a data file value ending in 。 or . is printed with one mark, in both languages', async () => {
    const example = readFileSync(join(PACKAGE_ROOT, 'data', 'example.yaml'), 'utf8');
    const from = '    zh-CN: 在“设置 › 账号 › 注销账号”中提交，或发送邮件至 privacy@nimbusnotes.example\n    en: use Settings › Account › Delete account, or email privacy@nimbusnotes.example\n';
    expect(example).toContain(from);
    const text = example.replace(from, '    zh-CN: 在“设置 › 账号 › 注销账号”中提交，或发送邮件至 privacy@nimbusnotes.example。\n    en: use Settings › Account › Delete account, or email privacy@nimbusnotes.example.\n');
    const docs = compose(factsFrom(text), await library(), { date: '2026-03-07' }).documents;
    const zh = docs.find((d) => d.locale === 'zh-CN')!.markdown;
    const en = docs.find((d) => d.locale === 'en')!.markdown;
    expect(zh).toContain('或发送邮件至 privacy@nimbusnotes.example。我们承诺');
    expect(zh).not.toContain('。。');
    expect(en).toContain('or email privacy@nimbusnotes.example. We complete the closure');
    expect(en).not.toMatch(/example\.\./);
  });
});
