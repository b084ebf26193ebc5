// Start-up (issue 16): what `policygen` loads before it does anything, and the answer of the
// `--version` fast path in bin/policygen.js. No timings here: the bench measures those; these
// tests prove the behaviour that makes start-up cheap and that the fast path tells the truth.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { assertCompiled, BIN, ROOT, runCli } from './helpers/cli.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'policygen-startup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `main(argv)` of the unbundled CLI (dist/cli/main.js), not through bin/: commander's own answer. */
function viaMain(argv: string[]): { code: number | null; stdout: string; stderr: string } {
  assertCompiled();
  const script = `const { main } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'main.js')).href)}); process.exitCode = await main(${JSON.stringify(argv)});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Every module URL the ESM loader resolves while `node <args>` runs, through a resolve hook
 * (module.register) that appends each one to a file.
 */
function modulesLoaded(args: string[]): string[] {
  const log = path.join(scratch, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const hooks = path.join(scratch, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, r.url + '\\n');
  return r;
}
`,
  );
  const register = `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`;
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status, r.stderr).toBe(0);
  const urls = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))].map((url) => url.replace(`${pathToFileURL(ROOT).href}/`, '').replace(pathToFileURL(ROOT).href, ''));
  // A chunk of the bundle stands for the modules rolldown put in it (its `// <path>` lines).
  return urls.flatMap((u) => (/^dist\/bundle\/.+\.js$/.test(u) ? [u, ...(readFileSync(path.join(ROOT, u), 'utf8').match(/^\/\/ (?:dist|node_modules)\/\S+\.[cm]?js$/gm) ?? []).map((l) => l.slice(3))] : [u]));
}

/**
 * What only some commands need: none of it may load for --help or --version. (A pipeline
 * stage that does real work reaches the facts loader or the library, so it is caught by
 * those; a small helper such as pipeline/shard.js may load.)
 */
const HEAVY = [
  /node_modules\/(zod|yaml|handlebars|unified|remark-[a-z]+|rehype-[a-z]+|puppeteer[a-z-]*|diff|hastscript)\//,
  /dist\/facts\/(schema\/index|schema|load)\.js$/,
  /dist\/(library|compose|jurisdictions|render|publish|versions)\//,
  /dist\/preview\/server\.js$/,
];

describe('the --version fast path (bin/policygen.js answers without loading the CLI)', () => {
  for (const flag of ['--version', '-V']) {
    it(`${flag}: the same output and exit code as the CLI's own answer`, async () => {
      const fast = await runCli([flag]);
      const full = viaMain([flag]);
      expect(full.code).toBe(0);
      expect(full.stdout).toBe(`${(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
      expect({ code: fast.code, stdout: fast.stdout, stderr: fast.stderr }).toEqual({ code: full.code, stdout: full.stdout, stderr: full.stderr });
    });
  }

  it('loads no module of the CLI (only bin/policygen.js itself)', () => {
    const loaded = modulesLoaded([BIN, '--version']).filter((u) => !u.startsWith('node:'));
    expect(loaded).toEqual(['bin/policygen.js']);
  });

  it('anything else goes through the CLI: --version with --lang, and an unknown flag after it', async () => {
    const loaded = modulesLoaded([BIN, '--lang', 'zh-CN', '--version']);
    expect(loaded.some((u) => u.startsWith('dist/'))).toBe(true);
    const both = await runCli(['--version', '--nonsense']);
    expect(both).toMatchObject(viaMain(['--version', '--nonsense']));
  });
});

describe('start-up loads only what every command needs', () => {
  const heavy = (loaded: string[]) => loaded.filter((u) => HEAVY.some((re) => re.test(u)));

  it('--help through the unbundled CLI (dist/cli/main.js): no schema, YAML, templates, renderer, preview server or puppeteer', () => {
    const script = path.join(scratch, 'help.mjs');
    writeFileSync(script, `const { main } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'main.js')).href)});\nconst write = process.stdout.write.bind(process.stdout);\nprocess.exitCode = await main(['--help']);\n`);
    const loaded = modulesLoaded([script]);
    expect(loaded).toContain('dist/cli/main.js');
    expect(loaded).toContain('dist/cli/preview.js');
    expect(heavy(loaded)).toEqual([]);
  });

  it('build --help and preview --help through bin/ (the bundle when fresh): none of it either', () => {
    for (const args of [['build', '--help'], ['preview', '--help'], ['diff', '--help']]) {
      expect(heavy(modulesLoaded([BIN, ...args])), args.join(' ')).toEqual([]);
    }
  });

  it('a command that needs the schema still loads it on use (schema prints the JSON Schema)', () => {
    const loaded = modulesLoaded([BIN, 'schema']);
    expect(loaded.some((u) => /^node_modules\/zod\//.test(u))).toBe(true);
    const r = spawnSync(process.execPath, [BIN, 'schema'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'object' });
  });
});

// A rebuild that reuses every PDF still needs the browser's identity for its keys; finding the
// browser must not load puppeteer (~0.15 s) when puppeteer surely has none of its own.
describe('finding the browser (findChromium)', () => {
  /** findChromium() in a fresh process: what it found, and whether puppeteer was loaded for it. */
  function find(cwd: string, env: Record<string, string | undefined>): { found: { path: string; source: string } | null; loaded: boolean } {
    assertCompiled();
    const script = `
      import { createRequire } from 'node:module';
      const { findChromium } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'render', 'browser.js')).href)});
      const found = findChromium();
      const loaded = Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/node_modules/puppeteer/'));
      console.log(JSON.stringify({ found, loaded }));`;
    const childEnv: Record<string, string | undefined> = { ...process.env, PUPPETEER_EXECUTABLE_PATH: undefined, PUPPETEER_CACHE_DIR: undefined, ...env };
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8', env: Object.fromEntries(Object.entries(childEnv).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as { found: { path: string; source: string } | null; loaded: boolean };
  }
  const noCache = path.join(scratch, 'no-puppeteer-cache');
  const emptyCache = path.join(scratch, 'empty-puppeteer-cache');

  it('does not load puppeteer when its configuration names no browser and its cache folder does not exist', () => {
    const r = find(ROOT, { PUPPETEER_CACHE_DIR: noCache });
    expect(r.loaded).toBe(false);
    expect(r.found?.source ?? 'none').not.toBe('puppeteer-cache');
  });

  it('asks puppeteer when its cache folder exists, and finds the same browser there when the cache is empty', () => {
    mkdirSync(emptyCache, { recursive: true });
    const r = find(ROOT, { PUPPETEER_CACHE_DIR: emptyCache });
    expect(r.loaded).toBe(true);
    expect(r.found).toEqual(find(ROOT, { PUPPETEER_CACHE_DIR: noCache }).found);
  });

  it("asks puppeteer when its configuration names a browser, and uses that browser (.puppeteerrc.json's executablePath)", () => {
    const project = path.join(scratch, 'project-with-puppeteerrc');
    mkdirSync(project, { recursive: true });
    writeFileSync(path.join(project, '.puppeteerrc.json'), JSON.stringify({ executablePath: process.execPath }));
    const r = find(project, { PUPPETEER_CACHE_DIR: noCache });
    expect(r.loaded).toBe(true);
    expect(r.found).toEqual({ path: process.execPath, source: 'puppeteer-cache' });
  });
});
