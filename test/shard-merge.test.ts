/**
 * Beyond one machine (issue 16): `build --shard k/n` and `policygen merge`.
 *
 * Six companies built in 4 shards and merged give, file for file and byte for byte (the
 * manifest and the sitemap index included), the folder one build of all six gives. A
 * policy found twice with different files, a shard folder changed after its build, a
 * locked output folder and a bad --shard value are refused, and nothing is written. The
 * GitHub Actions and Kubernetes examples in docs/deploy/ are parsed, their commands run
 * against a stand-in `npx` that records them, and what they run is checked against the real
 * `policygen --help`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { parseShard, shardOf } from '../src/pipeline/shard.js';
import { currentOwner } from '../src/system/owner.js';
import { describeWith } from './helpers/browser.js';
import { assertCompiled, ROOT, runCli, tree, type CliResult } from './helpers/cli.js';
import { edit, EXAMPLE } from './helpers/workspace.js';

const scratch = mkdtempSync(join(tmpdir(), 'policygen-shard-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const BASE = 'https://policies.example/privacy/';
const COMPANIES: Record<string, [string, string]> = {
  acme: ['艾克美', 'Acme'],
  birch: ['白桦', 'Birch'],
  cobalt: ['钴蓝', 'Cobalt'],
  dune: ['沙丘', 'Dune'],
  ember: ['余烬', 'Ember'],
  fjord: ['峡湾', 'Fjord'],
};
const IDS = Object.keys(COMPANIES).sort();

/** The shard of an id, computed here from the documented rule (not with the code under test). */
const expectedShard = (id: string, n: number): number => Number(BigInt(`0x${createHash('sha256').update(id).digest('hex')}`) % BigInt(n)) + 1;

/** A data folder of copies of the example, each company with its own name, address and site. */
function makeCompanies(dir: string, ids: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  for (const id of ids) {
    const [zh, en] = COMPANIES[id] ?? [`${id}科技`, id];
    const file = join(dir, `${id}.yaml`);
    cpSync(EXAMPLE, file);
    edit(file, (f) => {
      f.controller.name = { 'zh-CN': `${zh}科技（杭州）有限公司`, en: `${en} Technology (Hangzhou) Co., Ltd.` };
      f.controller.short_name = { 'zh-CN': zh, en };
      f.controller.email = `privacy@${id}.example`;
      f.controller.website = `https://${id}.example`;
      f.policy.url = `https://${id}.example/privacy`;
    });
  }
}

/**
 * The compiled package (bin, dist, package.json, templates, locales), copied once: every
 * build and merge of this file runs the same code on the same library. The code's and the
 * library's fingerprints are in every key of manifest.json (incremental builds), so in a
 * working tree where dist/ is recompiled or a locale edited between two builds, their
 * manifests would differ for that reason alone.
 */
const PKG = join(scratch, 'pkg');
function snapshotPackage(): void {
  assertCompiled();
  if (existsSync(PKG)) return;
  for (const name of ['bin', 'dist', 'package.json', 'templates', 'locales']) cpSync(join(ROOT, name), join(PKG, name), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(PKG, 'node_modules'), 'junction');
}

/** `policygen …` (the snapshot) run in `cwd`, as test/helpers/cli.ts runs it: plain text, no colour. */
function policygen(args: readonly string[], cwd: string, timeoutMs = 180_000): Promise<CliResult> {
  snapshotPackage();
  return runCli(args, { cwd, timeoutMs, bin: join(PKG, 'bin', 'policygen.js') });
}

/** `policygen …` run in the scratch folder. */
const cli = (args: readonly string[]) => policygen(args, scratch);
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>;

beforeAll(() => makeCompanies(join(scratch, 'data'), IDS));

describe('build --shard k/n', () => {
  const shards: Record<number, string[]> = {};

  beforeAll(async () => {
    for (const k of [1, 2, 3, 4]) {
      const r = await cli(['build', 'data', '--shard', `${k}/4`, '-f', 'md,html', '--base-url', BASE, '-o', `out-${k}`, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const report = json(r.stdout);
      expect(report.shard).toMatchObject({ index: k, count: 4, total: IDS.length });
      shards[k] = report.shard.policies;
      // The shard built exactly the policies it says it took.
      expect(report.policies.map((p: { id: string }) => p.id)).toEqual(shards[k]);
      expect(Object.keys(json(readFileSync(join(scratch, `out-${k}`, 'manifest.json'), 'utf8')).policies)).toEqual(shards[k]);
    }
  });

  it('puts each policy in exactly one shard: sha256 of its id mod n, plus 1', () => {
    expect(Object.values(shards).flat().sort()).toEqual(IDS);
    for (const [k, ids] of Object.entries(shards)) for (const id of ids) expect(expectedShard(id, 4), id).toBe(Number(k));
    // These six ids leave no shard empty, so each of the 4 builds had work to do.
    for (const k of [1, 2, 3, 4]) expect(shards[k]!.length, `shard ${k}`).toBeGreaterThan(0);
    expect(shardOf('acme', 4)).toBe(expectedShard('acme', 4));
  });

  it('keeps a policy in its shard when files are added or given in another order', async () => {
    const more = join(scratch, 'more');
    makeCompanies(more, [...IDS, 'grove', 'heath']);
    const files = ['heath', ...[...IDS].reverse(), 'grove'].map((id) => join('more', `${id}.yaml`));
    const r = await cli(['build', ...files, '--shard', '3/4', '-f', 'md', '-o', 'out-more', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const took = json(r.stdout).shard.policies as string[];
    expect(took.filter((id) => IDS.includes(id)).sort()).toEqual([...shards[3]!].sort());
    expect(took.filter((id) => !IDS.includes(id))).toEqual(['grove', 'heath'].filter((id) => expectedShard(id, 4) === 3));
  });

  it('an empty shard is not an error: exit 0, and it says so', async () => {
    const empty = [...Array(16).keys()].map((i) => i + 1).find((k) => IDS.every((id) => expectedShard(id, 16) !== k))!;
    const r = await cli(['build', 'data', '--shard', `${empty}/16`, '-f', 'md,html', '-o', 'out-empty']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`shard ${empty}/16 takes none of the policies (6 in all): nothing to build`);
    const zh = await cli(['build', 'data', '--shard', `${empty}/16`, '-f', 'md', '-o', 'out-empty', '--lang', 'zh-CN']);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain(`分片 ${empty}/16 未分到任何政策（共 6 个）：无需构建`);
    const j = await cli(['build', 'data', '--shard', `${empty}/16`, '-f', 'md', '-o', 'out-empty', '--json']);
    expect(json(j.stdout)).toMatchObject({ ok: true, policies: [], shard: { index: empty, count: 16, policies: [], total: 6 } });
    expect(tree(join(scratch, 'out-empty'))).toEqual({});
  });

  it('a --shard value other than k/n with 1 ≤ k ≤ n is a usage error (exit 2) and builds nothing', async () => {
    for (const value of ['0/4', '5/4', '4', '3/0', 'a/b', '1/4/2', '-1/4', '1.5/4', '']) {
      const r = await cli(['build', 'data', '--shard', value, '-f', 'md', '-o', 'out-bad']);
      expect(r.code, value).toBe(2);
      expect(r.stderr, value).toContain('use k/n with whole numbers 1 ≤ k ≤ n, e.g. 3/8 for the third of eight shards');
    }
    const j = await cli(['build', 'data', '--shard', '9/8', '-o', 'out-bad', '--json']);
    expect(j.code).toBe(2);
    expect(json(j.stdout).diagnostics[0]).toMatchObject({ id: 'usage' });
    const zh = await cli(['build', 'data', '--shard', '9/8', '-o', 'out-bad', '--lang', 'zh-CN']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('请写成 k/n，k 与 n 均为整数且 1 ≤ k ≤ n');
    expect(existsSync(join(scratch, 'out-bad'))).toBe(false);
    // What the parser accepts.
    expect(['1/1', '8/8', ' 3 / 8 '].map(parseShard)).toEqual([{ index: 1, count: 1 }, { index: 8, count: 8 }, { index: 3, count: 8 }]);
  });

  describe('merge', () => {
    let whole: Record<string, string>;

    beforeAll(async () => {
      const r = await cli(['build', 'data', '-f', 'md,html', '--base-url', BASE, '-o', 'out-all']);
      expect(r.code, r.stderr).toBe(0);
      whole = tree(join(scratch, 'out-all'));
    });

    it('joins the 4 shards (and an empty one) into the very tree one build of everything writes', async () => {
      const r = await cli(['merge', 'out-1', 'out-2', 'out-3', 'out-4', 'out-empty', '--out', 'site', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const report = json(r.stdout);
      expect(report.ok).toBe(true);
      expect(report.policies.map((p: { id: string; from: string }) => [p.id, p.from])).toEqual(IDS.map((id) => [id, `out-${expectedShard(id, 4)}`]));
      expect(report.inputs.find((i: { dir: string }) => i.dir === 'out-empty').policies).toEqual([]);
      expect(report.sitemap).toBe(true);
      // Not vacuous: the single build has every policy, a manifest and a sitemap index.
      expect(Object.keys(whole)).toEqual(expect.arrayContaining(['manifest.json', 'sitemap.xml', ...IDS.map((id) => `${id}/sitemap.xml`)]));
      expect(Object.keys(whole).filter((f) => f.startsWith('assets/')).length).toBeGreaterThan(0);
      // Every file, its path and its bytes, and nothing else (no lock, no staging folder).
      expect(tree(join(scratch, 'site'))).toEqual(whole);
    });

    it('keeps an identical duplicate once, and says so', async () => {
      cpSync(join(scratch, 'out-2'), join(scratch, 'out-2-copy'), { recursive: true });
      const r = await cli(['merge', 'out-1', 'out-2', 'out-3', 'out-4', 'out-2-copy', '--out', 'site-dup']);
      expect(r.code, r.stderr).toBe(0);
      expect(tree(join(scratch, 'site-dup'))).toEqual(whole);
      for (const id of shardsOf(2)) expect(r.stdout).toContain(`${id} is in out-2 and out-2-copy with the same files: taken once`);
    });

    it('refuses the same policy with different files in two folders, naming it and both folders, and writes nothing', async () => {
      // acme again, built on its own with another date: same id, other bytes.
      mkdirSync(join(scratch, 'other'), { recursive: true });
      cpSync(join(scratch, 'data', 'acme.yaml'), join(scratch, 'other', 'acme.yaml'));
      const b = await cli(['build', 'other', '-f', 'md,html', '--base-url', BASE, '--date', '2030-01-01', '-o', 'out-other']);
      expect(b.code, b.stderr).toBe(0);
      const home = `out-${expectedShard('acme', 4)}`;
      const r = await cli(['merge', 'out-1', 'out-2', 'out-3', 'out-4', 'out-other', '--out', 'site-conflict']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`policy acme is in both ${home} and out-other, with different files \\(first difference: acme/[^)]+\\) \\[merge-conflict\\]`));
      expect(r.stderr).toContain('nothing merged');
      expect(existsSync(join(scratch, 'site-conflict'))).toBe(false);
      // Into a folder already published: it stays as it was, with no staging folder or lock left.
      cpSync(join(scratch, 'site'), join(scratch, 'site-kept'), { recursive: true });
      const again = await cli(['merge', 'out-other', home, '--out', 'site-kept', '--json']);
      expect(again.code).toBe(1);
      const report = json(again.stdout);
      expect(report).toMatchObject({ ok: false, policies: [] });
      expect(report.diagnostics.map((d: { id: string }) => d.id)).toEqual(['merge-conflict']);
      expect(report.diagnostics[0].message).toContain(`policy acme is in both out-other and ${home}`);
      expect(tree(join(scratch, 'site-kept'))).toEqual(whole);
    });

    it('refuses a shard folder whose files no longer match its manifest', async () => {
      const home = `out-${expectedShard('cobalt', 4)}`;
      cpSync(join(scratch, home), join(scratch, 'out-tampered'), { recursive: true });
      const page = join(scratch, 'out-tampered', 'cobalt', 'global', 'en', 'policy.md');
      writeFileSync(page, `${readFileSync(page, 'utf8')}\nAdded after the build.\n`);
      const r = await cli(['merge', 'out-tampered', '--out', 'site-tampered', '--lang', 'zh-CN']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('out-tampered 中政策 cobalt 的文件与其 manifest 记录不符（第一处不同：cobalt/global/en/policy.md）');
      expect(r.stderr).toContain('[merge-input]');
      expect(existsSync(join(scratch, 'site-tampered'))).toBe(false);
      // A folder that is not a build's output at all, and one that does not exist.
      mkdirSync(join(scratch, 'not-output'), { recursive: true });
      writeFileSync(join(scratch, 'not-output', 'notes.txt'), 'hello\n');
      const r2 = await cli(['merge', 'not-output', 'no-such-folder', '--out', 'site-tampered']);
      expect(r2.code).toBe(1);
      expect(r2.stderr).toContain('not-output holds files but no readable manifest.json, so it is not the output folder of a build');
      expect(r2.stderr).toContain('no-such-folder is not a folder');
      expect(existsSync(join(scratch, 'site-tampered'))).toBe(false);
    });

    it('respects locks: an output folder held by a live process, and a shard folder a build is still writing (exit 3)', async () => {
      cpSync(join(scratch, 'site'), join(scratch, 'site-locked'), { recursive: true });
      const lock = `${JSON.stringify(currentOwner())}\n`;
      writeFileSync(join(scratch, 'site-locked', '.policygen.lock'), lock);
      const before = tree(join(scratch, 'site-locked'));
      const r = await cli(['merge', 'out-1', 'out-2', 'out-3', 'out-4', '--out', 'site-locked', '--wait', '0']);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('[output-locked]');
      expect(tree(join(scratch, 'site-locked'))).toEqual(before);

      cpSync(join(scratch, 'out-1'), join(scratch, 'out-busy'), { recursive: true });
      writeFileSync(join(scratch, 'out-busy', '.policygen.lock'), lock);
      const busy = await cli(['merge', 'out-busy', 'out-2', '--out', 'site-busy']);
      expect(busy.code).toBe(3);
      expect(busy.stderr).toContain(`a build is still writing out-busy (process ${process.pid} on host`);
      expect(existsSync(join(scratch, 'site-busy'))).toBe(false);
    });

    it('refuses shards built for different --base-url values, or one without it', async () => {
      const k = expectedShard('ember', 4);
      const r0 = await cli(['build', 'data', '--shard', `${k}/4`, '-f', 'md,html', '--base-url', 'https://elsewhere.example/', '-o', 'out-elsewhere']);
      expect(r0.code, r0.stderr).toBe(0);
      const others = [1, 2, 3, 4].filter((i) => i !== k).map((i) => `out-${i}`);
      const r = await cli(['merge', ...others, 'out-elsewhere', '--out', 'site-urls']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`was built for ${BASE} but out-elsewhere for https://elsewhere.example/`);
      expect(existsSync(join(scratch, 'site-urls'))).toBe(false);
      // And one built without --base-url at all: its pages would be the only relative ones.
      const r1 = await cli(['build', 'data', '--shard', `${k}/4`, '-f', 'md,html', '-o', 'out-nowhere']);
      expect(r1.code, r1.stderr).toBe(0);
      const r2 = await cli(['merge', ...others, 'out-nowhere', '--out', 'site-urls']);
      expect(r2.code).toBe(1);
      expect(r2.stderr).toContain(`was built with --base-url ${BASE} but out-nowhere without it`);
      expect(existsSync(join(scratch, 'site-urls'))).toBe(false);
    });

    /** The ids shard k took. */
    function shardsOf(k: number): string[] {
      return IDS.filter((id) => expectedShard(id, 4) === k);
    }
  });
});

describeWith({}, 'shards with PDFs', () => {
  it('two shards of two companies with every format merge into the tree one build writes', async () => {
    const dir = join(scratch, 'pdf');
    makeCompanies(join(dir, 'data'), ['acme', 'cobalt']);
    expect([expectedShard('acme', 2), expectedShard('cobalt', 2)].sort()).toEqual([1, 2]);
    const run = (args: string[]) => policygen(args, dir, 300_000);
    for (const args of [['--shard', '1/2', '-o', 'out-1'], ['--shard', '2/2', '-o', 'out-2'], ['-o', 'out-all']]) {
      const r = await run(['build', 'data', '-f', 'md,html,pdf', ...args]);
      expect(r.code, r.stderr).toBe(0);
    }
    const m = await run(['merge', 'out-1', 'out-2', '--out', 'site']);
    expect(m.code, m.stderr).toBe(0);
    const whole = tree(join(dir, 'out-all'));
    expect(Object.keys(whole).filter((f) => f.endsWith('.pdf')).length).toBeGreaterThanOrEqual(4);
    expect(tree(join(dir, 'site'))).toEqual(whole);
  }, 600_000);
});

// ---------------------------------------------------------------------------------------
// docs/deploy: the two engines' examples are real.

/** A folder with a stand-in `npx` (and `policygen`) that records each call as a JSON line. */
function recorder(): { bin: string; log: string; calls: () => string[][] } {
  const bin = mkdtempSync(join(scratch, 'bin-'));
  const log = join(bin, 'calls.jsonl');
  const script = `#!${process.execPath}\nrequire('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`;
  for (const name of ['npx', 'policygen']) {
    writeFileSync(join(bin, name), script);
    chmodSync(join(bin, name), 0o755);
  }
  return {
    bin,
    log,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]) : []).map((a) => (a[0] === 'policygen' ? a.slice(1) : a)),
  };
}

/** Runs a shell script with the recorder first on the PATH, in an empty folder; returns the policygen calls it made. */
function record(shell: string, script: string, env: Record<string, string>): string[][] {
  const rec = recorder();
  const cwd = mkdtempSync(join(scratch, 'run-'));
  const r = spawnSync(shell, ['-c', script], { cwd, env: { ...process.env, ...env, PATH: `${rec.bin}:${process.env.PATH}` }, encoding: 'utf8' });
  expect(r.status, `${script}\n${r.stderr}`).toBe(0);
  return rec.calls();
}

/** The value of `--flag value` or `--flag=value` in a call. */
function flag(call: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < call.length; i++) {
    for (const name of names) {
      if (call[i] === name) return call[i + 1];
      if (call[i]!.startsWith(`${name}=`)) return call[i]!.slice(name.length + 1);
    }
  }
  return undefined;
}

const helpCache = new Map<string, string>();
async function helpOf(command: string): Promise<string> {
  if (!helpCache.has(command)) {
    const r = await policygen([...(command ? [command] : []), '--help', '--lang', 'en'], scratch);
    expect(r.code, r.stderr).toBe(0);
    helpCache.set(command, r.stdout);
  }
  return helpCache.get(command)!;
}

/** A call is a real command, and every flag it passes is one that command's --help lists. */
async function expectRealCall(call: readonly string[]): Promise<void> {
  const [command, ...args] = call;
  const commands = [...(await helpOf('')).split(/^Commands:$/m)[1]!.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]);
  expect(commands, `policygen ${call.join(' ')}`).toContain(command);
  const help = await helpOf(command!);
  for (const arg of args.filter((a) => a.startsWith('-'))) {
    const name = arg.split('=')[0]!;
    expect(help, `policygen ${command} --help lists ${name}`).toMatch(new RegExp(`(^|[ ,])${name.replace(/[-]/g, '\\-')}([ ,=]|$)`, 'm'));
  }
}

/** A shell glob with `*` only, as a regular expression. */
const globRegExp = (glob: string) => new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('[^/]*')}$`);
const noSlash = (p: string) => p.replace(/\/+$/, '');

describe('docs/deploy/github-actions.yml', () => {
  const workflow = parseYaml(readFileSync(join(PACKAGE_ROOT, 'docs', 'deploy', 'github-actions.yml'), 'utf8')) as Record<string, any>;
  type Step = { run?: string; uses?: string; with?: Record<string, any> };

  it('is a matrix of 8 shards, each running build --shard k/8 once, then a merge of every shard\'s artifact', async () => {
    const build = workflow.jobs.build;
    const matrix = build.strategy.matrix.shard as number[];
    expect([...matrix].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const steps = build.steps as Step[];
    const shardArgs: string[] = [];
    const uploads: { name: string; path: string }[] = [];
    for (const k of matrix) {
      // ${{ matrix.shard }} as GitHub evaluates it; any other expression in a run step would be left unchecked.
      const expand = (s: string) => s.replace(/\$\{\{\s*matrix\.shard\s*\}\}/g, String(k));
      const calls = steps.filter((s) => s.run?.includes('policygen')).flatMap((s) => {
        expect(s.run, 'a policygen step uses no expression but matrix.shard').not.toMatch(/\$\{\{(?!\s*matrix\.shard\s*\}\})/);
        return record('bash', `set -e\n${expand(s.run!)}`, workflow.env ?? {});
      });
      expect(calls.length).toBe(1);
      const [call] = calls as [string[]];
      expect(call[0]).toBe('build');
      await expectRealCall(call);
      shardArgs.push(flag(call, '--shard')!);
      const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
      expect(noSlash(upload.with!.path)).toBe(noSlash(flag(call, '--out', '-o')!));
      uploads.push({ name: expand(upload.with!.name), path: upload.with!.path });
    }
    // Shards 1..8 of 8, each exactly once, and each a value --shard accepts.
    expect(shardArgs.sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((k) => `${k}/8`));
    for (const value of shardArgs) expect(parseShard(value)).toBeDefined();
    expect(new Set(uploads.map((u) => u.name)).size).toBe(8);

    // The merge job needs the build, downloads every shard's artifact into one folder each, and merges them all.
    const merge = workflow.jobs.merge;
    expect([merge.needs].flat()).toContain('build');
    const download = (merge.steps as Step[]).find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    for (const u of uploads) expect(u.name).toMatch(globRegExp(download.with!.pattern));
    const calls = (merge.steps as Step[]).filter((s) => s.run?.includes('policygen')).flatMap((s) => record('bash', `set -e\n${s.run}`, workflow.env ?? {}));
    expect(calls.length).toBe(1);
    const [call] = calls as [string[]];
    expect(call[0]).toBe('merge');
    await expectRealCall(call);
    const inputs = call.slice(1).filter((a, i, all) => !a.startsWith('-') && !['--out', '-o'].includes(all[i - 1]!));
    expect(inputs).toEqual([`${download.with!.path}/*`]); // no artifact was downloaded here, so the shell left the glob as written
    for (const u of uploads) expect(`${download.with!.path}/${u.name}`).toMatch(globRegExp(inputs[0]!));
    const out = flag(call, '--out', '-o')!;
    // What is published is the merged folder.
    const pages = (merge.steps as Step[]).find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))!;
    expect(noSlash(pages.with!.path)).toBe(noSlash(out));
    expect([workflow.jobs.publish.needs].flat()).toContain('merge');
  });
});

describe('docs/deploy/k8s-indexed-job.yaml', () => {
  const docs = parseAllDocuments(readFileSync(join(PACKAGE_ROOT, 'docs', 'deploy', 'k8s-indexed-job.yaml'), 'utf8')).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Record<string, any>;
  });
  const jobs = docs.filter((d) => d.kind === 'Job');
  const container = (job: Record<string, any>) => job.spec.template.spec.containers[0] as { command: string[]; args?: string[]; volumeMounts: { name: string; mountPath: string }[] };
  const script = (job: Record<string, any>) => {
    const c = container(job);
    expect(c.command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    return c.args![0]!;
  };

  it('is an Indexed Job of 8 whose pod JOB_COMPLETION_INDEX = i runs build --shard i+1/8, then a merge Job over every shard\'s folder', async () => {
    const build = jobs.find((j) => j.spec.completionMode === 'Indexed')!;
    expect(build.spec.completions).toBe(8);
    const shardArgs: string[] = [];
    const outs: string[] = [];
    for (let index = 0; index < 8; index++) {
      const calls = record('sh', script(build), { JOB_COMPLETION_INDEX: String(index) });
      expect(calls.length).toBe(1);
      const [call] = calls as [string[]];
      expect(call[0]).toBe('build');
      await expectRealCall(call);
      expect(flag(call, '--shard')).toBe(`${index + 1}/8`);
      shardArgs.push(flag(call, '--shard')!);
      outs.push(flag(call, '--out', '-o')!);
    }
    expect(shardArgs.sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((k) => `${k}/8`));
    expect(new Set(outs).size).toBe(8);

    const merge = jobs.find((j) => j !== build && script(j).includes('policygen merge'))!;
    expect(merge, 'a Job that runs policygen merge').toBeDefined();
    const calls = record('sh', script(merge), {});
    expect(calls.length).toBe(1);
    const [call] = calls as [string[]];
    await expectRealCall(call);
    const inputs = call.slice(1).filter((a, i, all) => !a.startsWith('-') && !['--out', '-o'].includes(all[i - 1]!));
    // Each shard's folder matches the merge's glob, and the merged folder does not.
    expect(inputs.length).toBe(1);
    for (const out of outs) expect(out).toMatch(globRegExp(inputs[0]!));
    expect(flag(call, '--out', '-o')).not.toMatch(globRegExp(inputs[0]!));
    // Both Jobs mount the same claim at the same place, and the kubectl selectors split the steps.
    const claim = (job: Record<string, any>) => {
      const mount = container(job).volumeMounts[0]!;
      return [mount.mountPath, job.spec.template.spec.volumes.find((v: { name: string }) => v.name === mount.name).persistentVolumeClaim.claimName];
    };
    expect(claim(merge)).toEqual(claim(build));
    expect(docs.find((d) => d.kind === 'PersistentVolumeClaim')!.metadata.name).toBe(claim(build)[1]);
    expect([build.metadata.labels.step, merge.metadata.labels.step]).toEqual(['build', 'merge']);
  });
});
