// `--help` in both languages (issue 12): the English help is what it was before the help
// texts moved to locales/*/cli/messages.json (test/fixtures/help/en-*.txt, captured from the
// version before; UPDATE=1 rewrites them), and the Chinese help has Chinese in every line —
// each command, argument and flag description, the headings and commander's own texts.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';

const COMMANDS = ['', 'build', 'check', 'init', 'migrate', 'schema', 'preview', 'release', 'verify', 'diff', 'version-at', 'merge'];
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'help');
/** No system locale, so the language is the one asked for. */
const NO_LOCALE = { LANG: undefined, LC_ALL: undefined, LC_MESSAGES: undefined };
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

const helpOf = async (command: string, args: string[] = [], env: Record<string, string | undefined> = NO_LOCALE): Promise<string> => {
  const r = await runCli([...(command ? [command] : []), '--help', ...args], { env });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  return r.stdout;
};

/** The terms of the help's lists (`-o, --out <dir>`, `build [options] [files...]`, `files`), in order. */
const terms = (help: string): string[] => [...help.matchAll(/^ {2}(\S.*?)(?: {2,}|$)/gm)].map((m) => m[1]!);

describe('--help', () => {
  it.each(COMMANDS.map((c) => [c || 'policygen']))('in English is unchanged: %s', async (name) => {
    const command = name === 'policygen' ? '' : name;
    const text = await helpOf(command);
    const fixture = path.join(FIXTURES, `en-${command || 'main'}.txt`);
    if (process.env.UPDATE === '1') writeFileSync(fixture, text);
    expect(text).toBe(readFileSync(fixture, 'utf8'));
    // --lang en is the same help.
    expect(await helpOf(command, ['--lang', 'en'])).toBe(text);
  });

  it.each(COMMANDS.map((c) => [c || 'policygen']))('in Chinese has Chinese in every line: %s', async (name) => {
    const command = name === 'policygen' ? '' : name;
    const zh = await helpOf(command, ['--lang', 'zh-CN']);
    const lines = zh.split('\n').filter((l) => l.trim());
    const english = lines.filter((l) => !CJK.test(l));
    expect(english, `lines without Chinese in ${name} --help --lang zh-CN`).toEqual([]);
    expect(zh).toMatch(/^用法： policygen/);
    expect(zh).toMatch(/^选项：$/m);
    expect(zh).toContain('显示命令帮助');
    // The same commands, arguments and flags as in English, in the same order.
    expect(terms(zh)).toEqual(terms(readFileSync(path.join(FIXTURES, `en-${command || 'main'}.txt`), 'utf8')));
  });

  it('the system locale chooses Chinese too (LANG=zh_CN.UTF-8), and --lang en overrides it', async () => {
    const zh = await helpOf('build', ['--lang', 'zh-CN']);
    expect(await helpOf('build', [], { ...NO_LOCALE, LANG: 'zh_CN.UTF-8' })).toBe(zh);
    expect(await helpOf('', [], { ...NO_LOCALE, LANG: 'zh_CN.UTF-8' })).toBe(await helpOf('', ['--lang', 'zh-CN']));
    expect(await helpOf('build', ['--lang', 'en'], { ...NO_LOCALE, LANG: 'zh_CN.UTF-8' })).toBe(readFileSync(path.join(FIXTURES, 'en-build.txt'), 'utf8'));
    for (const text of ['命令：', '退出码：', '显示版本号']) expect(await helpOf('', ['--lang', 'zh-CN'])).toContain(text);
    for (const text of ['参数：', '全局选项：', '（默认："output"）', '要写出的格式：md,html,pdf']) expect(zh).toContain(text);
  });

  it('a usage error in Chinese has a Chinese prefix and hint (commander\'s own sentence stays English)', async () => {
    const r = await runCli(['build', '--bogus', '--lang', 'zh-CN'], { env: NO_LOCALE });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("错误：unknown option '--bogus'\n（加 --help 查看用法）\n");
    const en = await runCli(['build', '--bogus'], { env: NO_LOCALE });
    expect(en.stderr).toBe("error: unknown option '--bogus'\n(run with --help for usage)\n");
  });
});
