/**
 * Issue 15: nothing half-done. Interrupted builds (SIGINT, SIGTERM, kill -9), locks that say
 * who holds them, output paths that cannot hold output, progress as policies finish, and
 * the fault-kill script in short.
 *
 * No wall-clock races: an interruption is sent once the build is provably mid-way (a stand-in
 * browser that never answers has written its marker file), not after a sleep.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { describeWith } from './helpers/browser.js';
import { build } from '../src/pipeline/build.js';
import { acquireLock, type LockEvent } from '../src/system/lock.js';
import { processStart } from '../src/system/owner.js';
import { PolicygenError } from '../src/diagnostics.js';
import { findChromium } from '../src/render/browser.js';
import { BIN, ROOT, runCli, tree } from './helpers/cli.js';

const example = join(ROOT, 'data', 'example.yaml');
const chromium = findChromium();

function workspace(label: string) {
  const dir = mkdtempSync(join(tmpdir(), `policygen-${label}-`));
  const data = join(dir, 'example.yaml');
  copyFileSync(example, data);
  const tmp = join(dir, 'tmp'); // the run's TMPDIR: its Chromium profiles land here
  mkdirSync(tmp);
  return { dir, data, out: join(dir, 'out'), tmp };
}

/** A "browser" that writes `marker` and then never answers (a bash loop, so its command line keeps --user-data-dir). */
function silentBrowser(dir: string): { path: string; marker: string } {
  const marker = join(dir, 'browser-started');
  const path = join(dir, 'silent-chromium.sh');
  writeFileSync(path, `#!/bin/bash\ntouch "${marker}"\nwhile true; do sleep 0.2; done\n`);
  chmodSync(path, 0o755);
  return { path, marker };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  // Polls a condition the build makes true (no time limit of its own: vitest's test timeout applies).
  while (!condition()) await sleep(20);
  void what;
}

/** Live processes whose command line contains `needle` (zombies left out). */
function processesWith(needle: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      if (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z')) continue;
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) found.push(pid);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Starts `policygen build` with the silent browser and resolves once that browser has started. */
async function buildStuckInBrowser(ws: ReturnType<typeof workspace>) {
  const browser = silentBrowser(ws.dir);
  const child = spawn(process.execPath, [BIN, 'build', ws.data, '--out', ws.out, '--pdf-timeout', '600'], {
    env: { ...process.env, NO_COLOR: '1', TMPDIR: ws.tmp, PUPPETEER_EXECUTABLE_PATH: browser.path },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  await until(() => existsSync(browser.marker), 'the browser to start');
  return { child, closed, stderr: () => stderr };
}

describe.skipIf(process.platform !== 'linux')('an interrupted build', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal}: exit ${code}, one line saying the previous output was kept, no staging folder, lock, profile or browser left`, async () => {
      const ws = workspace(`interrupt-${signal}`);
      expect((await runCli(['build', ws.data, '--out', ws.out, '--format', 'md,html'])).code).toBe(0);
      const before = tree(ws.out);
      writeFileSync(ws.data, readFileSync(ws.data, 'utf8').replace(/effective_date: "?\d{4}-\d{2}-\d{2}"?/, 'effective_date: 2027-01-01'));

      const run = await buildStuckInBrowser(ws);
      // Mid-way: the staging folder and lock exist, the browser runs with its profile.
      expect(readdirSync(ws.out).filter((n) => n.startsWith('.staging-'))).toHaveLength(1);
      expect(existsSync(join(ws.out, '.policygen.lock'))).toBe(true);
      expect(readdirSync(ws.tmp).filter((n) => n.startsWith('policygen-chromium-'))).toHaveLength(1);
      run.child.kill(signal);
      const { code: exit } = await run.closed;

      expect(exit).toBe(code);
      const lines = run.stderr().split('\n').filter((l) => l.startsWith('interrupted'));
      expect(lines).toEqual([`interrupted (${signal}): nothing was published; the previous output in ${ws.out} is unchanged`]);
      expect(readdirSync(ws.out).filter((n) => n.startsWith('.'))).toEqual([]);
      expect(readdirSync(ws.tmp)).toEqual([]);
      expect(processesWith(`--user-data-dir=${ws.tmp}`)).toEqual([]);
      expect(tree(ws.out)).toEqual(before);
    });
  }

  it('kill -9: the next run takes over the lock (saying so), removes the staging folder, the profile and its browser', async () => {
    const ws = workspace('interrupt-kill');
    expect((await runCli(['build', ws.data, '--out', ws.out, '--format', 'md,html'])).code).toBe(0);
    const run = await buildStuckInBrowser(ws);
    run.child.kill('SIGKILL');
    await run.closed;
    expect(readdirSync(ws.out).filter((n) => n.startsWith('.')).sort()).toEqual([expect.stringMatching(/^\.policygen\.lock$/), expect.stringMatching(/^\.staging-\d+-[0-9a-f]+$/)]);
    expect(readdirSync(ws.tmp)).toHaveLength(1);
    expect(processesWith(`--user-data-dir=${ws.tmp}`).length).toBeGreaterThan(0); // the orphaned browser

    const next = await runCli(['build', ws.data, '--out', ws.out, '--format', 'md,html'], { env: { TMPDIR: ws.tmp } });
    expect(next.code).toBe(0);
    expect(next.stderr).toMatch(new RegExp(`taking over .*\\.policygen\\.lock: its owner, process ${run.child.pid} on ${hostname()}, is no longer running`));
    expect(next.stderr).toContain('removed 1 staging folder(s) left by an interrupted run');
    expect(readdirSync(ws.out).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(readdirSync(ws.tmp)).toEqual([]);
    expect(processesWith(`--user-data-dir=${ws.tmp}`)).toEqual([]);
  });

  it('a staging folder whose owner died during the publish step: the next run finishes that publish, then builds', async () => {
    const ws = workspace('interrupt-journal');
    expect((await runCli(['build', ws.data, '--out', ws.out, '--format', 'md,html'])).code).toBe(0);
    // What a kill -9 between two renames leaves: the policy folder already moved aside, the new one still staged.
    const staging = join(ws.out, '.staging-999999-0badc0de');
    mkdirSync(join(staging, 'example', 'en'), { recursive: true });
    writeFileSync(join(staging, 'example', 'en', 'policy.md'), 'the staged version\n');
    writeFileSync(join(staging, 'owner.json'), JSON.stringify({ host: hostname(), pid: 999999, start: '1', command: 'policygen build', since: 0 }));
    writeFileSync(join(staging, 'commit.json'), JSON.stringify([{ from: '.staging-999999-0badc0de/example', to: 'example' }]));
    const { renameSync } = await import('node:fs');
    renameSync(join(ws.out, 'example'), join(staging, '.old-0'));
    // A library build (md only, another data file) finds it: the interrupted publish is finished first.
    const other = join(ws.dir, 'other.yaml');
    copyFileSync(ws.data, other);
    const swept: string[] = [];
    const report = await build([other], { outDir: ws.out, formats: ['md'], onSweep: (r) => swept.push(...r.completed) });
    expect(report.ok).toBe(true);
    expect(swept).toEqual([staging]);
    expect(readFileSync(join(ws.out, 'example', 'en', 'policy.md'), 'utf8')).toBe('the staged version\n');
    expect(readdirSync(ws.out).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('locks say who holds them', () => {
  const lockDir = () => mkdtempSync(join(tmpdir(), 'policygen-lock-'));
  const take = async (dir: string, waitMs = 0) => {
    const events: LockEvent[] = [];
    try {
      const release = await acquireLock(dir, { waitMs, onEvent: (e) => events.push(e) });
      await release();
      return { events, error: undefined as PolicygenError | undefined };
    } catch (error) {
      return { events, error: error as PolicygenError };
    }
  };
  /** A live process that is not policygen (and its real start time). */
  const unrelated = () => {
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    return { pid: child.pid!, start: processStart(child.pid!), stop: () => child.kill('SIGKILL') };
  };

  it('records host, PID, process start time, command and since', async () => {
    const dir = lockDir();
    const release = await acquireLock(dir);
    const record = JSON.parse(readFileSync(join(dir, '.policygen.lock'), 'utf8'));
    expect(record).toMatchObject({ host: hostname(), pid: process.pid, start: processStart(process.pid), command: expect.any(String), since: expect.any(Number) });
    await release();
    expect(existsSync(join(dir, '.policygen.lock'))).toBe(false);
  });

  it('an empty lock is taken over, and said so', async () => {
    const dir = lockDir();
    writeFileSync(join(dir, '.policygen.lock'), '');
    const { events, error } = await take(dir);
    expect(error).toBeUndefined();
    expect(events).toEqual([expect.objectContaining({ type: 'taken-over', reason: 'invalid' })]);
  });

  it('a lock of a dead process is taken over', async () => {
    const dir = lockDir();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, '.policygen.lock'), JSON.stringify({ host: hostname(), pid: Number(gone), start: '1', command: 'policygen build', since: 0 }));
    const { events } = await take(dir);
    expect(events).toEqual([expect.objectContaining({ type: 'taken-over', reason: expect.stringMatching(/^(dead|reused)$/) })]);
  });

  it('a lock whose PID now belongs to another process (start time differs, or an old PID-only lock of a non-policygen process) is taken over', async () => {
    const other = unrelated();
    try {
      const dir = lockDir();
      writeFileSync(join(dir, '.policygen.lock'), JSON.stringify({ host: hostname(), pid: other.pid, start: '1', command: 'policygen build', since: 0 }));
      expect((await take(dir)).events).toEqual([expect.objectContaining({ type: 'taken-over', reason: 'reused' })]);
      writeFileSync(join(dir, '.policygen.lock'), String(other.pid)); // the old format, e.g. PID 1 in a container
      expect((await take(dir)).events).toEqual([expect.objectContaining({ type: 'taken-over', reason: 'reused' })]);
    } finally {
      other.stop();
    }
  });

  it('a live owner is waited for, announced at once; --wait bounds the wait (output-locked)', async () => {
    const owner = unrelated(); // stands in for a live build: the same PID and start time as recorded
    try {
      const dir = lockDir();
      writeFileSync(join(dir, '.policygen.lock'), JSON.stringify({ host: hostname(), pid: owner.pid, start: owner.start, command: 'node bin/policygen.js build data', since: Date.now() - 12_000 }));
      const { events, error } = await take(dir, 0);
      expect(events).toEqual([expect.objectContaining({ type: 'waiting', owner: expect.objectContaining({ pid: owner.pid }) })]);
      expect(error?.diagnostics[0]).toMatchObject({ id: 'output-locked' });

      // The CLI: the line at once, then exit 3 with a clear message.
      const { data } = workspace('lock-cli');
      const r = await runCli(['build', data, '--out', dir, '--format', 'md', '--wait', '0']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(new RegExp(`^waiting for build ${owner.pid} on host ${hostname()}, running for \\d+ s`, 'm'));
      expect(r.stderr).toMatch(new RegExp(`is still in use by process ${owner.pid} on host ${hostname()}; gave up after waiting \\d+ s \\[output-locked\\]`));
      expect(r.stderr).toContain('--wait SECONDS');
    } finally {
      owner.stop();
    }
  });

  it('a lock held on another host is waited for (it cannot be checked from here)', async () => {
    const dir = lockDir();
    writeFileSync(join(dir, '.policygen.lock'), JSON.stringify({ host: 'build-server-7', pid: 1234, start: '99', command: 'policygen build', since: Date.now() }));
    const { events, error } = await take(dir, 0);
    expect(events).toEqual([expect.objectContaining({ type: 'waiting', owner: expect.objectContaining({ host: 'build-server-7', pid: 1234 }) })]);
    expect(error?.diagnostics[0]?.id).toBe('output-locked');
  });
});

describe('paths that cannot hold output are refused at once (exit 3)', () => {
  const cases: Array<[string, (dir: string) => string, RegExp]> = [
    ['/proc/x', () => '/proc/policygen-x', /\/proc is a view of the running system/],
    ['/sys/…', () => '/sys/kernel/policygen-x', /\/sys\/kernel is a view of the running system/],
    ['an existing regular file', (dir) => join(dir, 'example.yaml'), /example\.yaml is a file, not a folder/],
    ['a path below a regular file', (dir) => join(dir, 'example.yaml', 'out'), /example\.yaml is a file, not a folder/],
  ];
  for (const [label, path, message] of cases) {
    it.skipIf(process.platform !== 'linux')(label, async () => {
      const ws = workspace('outpath');
      const r = await runCli(['build', ws.data, '--out', path(ws.dir), '--format', 'md,html']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('[output-error]');
      expect(r.stderr).toMatch(/✗ nothing built: see the error above/);
      expect(r.stderr).not.toContain('0 built, 0 failed');
    });
  }

  const canMount = process.platform === 'linux' && process.getuid?.() === 0;
  it.skipIf(!canMount)('a read-only mount: build and diff --out say so (not pdf-failed or "install Chromium")', async () => {
    const ws = workspace('outpath-ro');
    const ro = join(ws.dir, 'ro');
    mkdirSync(ro);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', ro]).status).toBe(0);
    try {
      const r = await runCli(['build', ws.data, '--out', join(ro, 'out'), '--format', 'md,html']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/is on a read-only file system \[output-error\]/);
      expect((await runCli(['release', ws.data, '--date', '2026-03-07', '--note-zh', '首次发布。', '--note-en', 'First release.'])).code).toBe(0);
      writeFileSync(ws.data, readFileSync(ws.data, 'utf8').replace('privacy@nimbusnotes.example', 'privacy2@nimbusnotes.example'));
      const d = await runCli(['diff', ws.data, '--out', join(ro, 'changes'), '--format', 'md,html']);
      expect(d.code).toBe(3);
      expect(d.stderr).toContain('[output-error]');
      expect(d.stderr).not.toContain('pdf-failed');
      expect(d.stderr).not.toMatch(/install Chromium/);
    } finally {
      spawnSync('umount', [ro]);
    }
  });
});

describeWith({}, 'progress while PDFs render', () => {
  it('one event per policy as its PDFs are written, before the later policies are done; the CLI prints a line for each', async () => {
    const ws = workspace('progress');
    const files = ['a', 'b', 'c'].map((id) => {
      const file = join(ws.dir, `${id}.yaml`);
      copyFileSync(ws.data, file);
      return file;
    });
    const pdfsAtEachEvent: number[] = [];
    const countPdfs = () => {
      const staging = readdirSync(ws.out).find((n) => n.startsWith('.staging-'));
      if (!staging) return -1;
      return ['a', 'b', 'c'].flatMap((id) => ['zh-CN', 'en'].filter((l) => existsSync(join(ws.out, staging, id, l, 'policy.pdf')))).length;
    };
    // One page at a time: policy c's two PDFs are rendered after a's, one after the other.
    const report = await build(files, { outDir: ws.out, formats: ['md', 'html', 'pdf'], concurrency: 1, onProgress: (e) => e.ok && pdfsAtEachEvent.push(countPdfs()) });
    expect(report.ok).toBe(true);
    expect(pdfsAtEachEvent).toHaveLength(3);
    // Before this change every event came after the last PDF (6 written); now the first comes with its own two.
    expect(pdfsAtEachEvent[0]).toBeLessThan(6);

    const r = await runCli(['build', ...files, '--out', join(ws.dir, 'cli-out')]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => /^\d\/3 rendered /.test(l))).toHaveLength(3);
    const json = await runCli(['build', ...files, '--out', join(ws.dir, 'cli-out'), '--json']);
    expect(JSON.parse(json.stdout).ok).toBe(true); // stdout: still one document
    const events = json.stderr.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(events.filter((e) => e.event === 'policy')).toHaveLength(3);
  });
});

(process.platform === 'linux' ? describeWith : (_needs: object, name: string, body: () => void) => describe.skip(name, body))({}, 'fault-kill (short)', () => {
  it('build, release and diff --out killed with SIGKILL, SIGINT and SIGTERM: previous or new, then exactly new, nothing left', { timeout: 600_000 }, async () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'fault-kill.mjs'), '--n', '2', '--seed', '42', '--json'], { encoding: 'utf8', timeout: 580_000 });
    const result = JSON.parse(r.stdout);
    expect(result.failures).toEqual([]);
    expect(r.status).toBe(0);
    for (const tally of Object.values(result.counts) as Array<{ runs: number; ok: number }>) expect(tally.ok).toBe(tally.runs);
  });
});
