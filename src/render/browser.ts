// One headless Chromium per build, handing out pages from a bounded pool.
// Only the PDF stage needs a browser; Markdown and HTML builds never launch one.
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page, PuppeteerNode } from 'puppeteer';
import { onInterrupt } from '../system/interrupt.js';
import { ownerState, processStart } from '../system/owner.js';

// Puppeteer takes ~0.2 s to load: only builds that make PDFs should pay for it.
let puppeteerModule: PuppeteerNode | undefined;
function loadPuppeteer(): PuppeteerNode {
  puppeteerModule ??= (createRequire(import.meta.url)('puppeteer') as { default?: PuppeteerNode } & PuppeteerNode).default ?? (createRequire(import.meta.url)('puppeteer') as PuppeteerNode);
  return puppeteerModule;
}

export type ChromiumSource = 'env' | 'puppeteer-cache' | 'system';

export interface ChromiumLocation {
  path: string;
  source: ChromiumSource;
}

/** Where system Chrome/Chromium usually lives (Debian/Ubuntu, Fedora, macOS). */
export const SYSTEM_CHROMIUM_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * Flags that let Chromium run as root in a container and keep it quiet and offline:
 * no sandbox (root), no GPU, /tmp instead of a small /dev/shm, no background traffic.
 * `--font-render-hinting=none` keeps glyph metrics independent of the host's hinting.
 */
export const launchArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--font-render-hinting=none',
];

export class BrowserNotFoundError extends Error {
  /** PUPPETEER_EXECUTABLE_PATH when it was set but is not an executable file. */
  readonly envPath?: string;
  constructor(detail?: string, envPath?: string) {
    super(
      [
        'No Chromium or Chrome found to render PDFs' + (detail ? ` (${detail})` : '') + '.',
        'Get one in any of these ways:',
        '  - set PUPPETEER_EXECUTABLE_PATH=/path/to/chrome',
        '  - Debian/Ubuntu: apt-get install chromium',
        '  - npx puppeteer browsers install chrome',
        'Markdown and HTML builds do not need a browser.',
      ].join('\n'),
    );
    this.name = 'BrowserNotFoundError';
    if (envPath) this.envPath = envPath;
  }
}

export class BrowserLaunchError extends Error {
  constructor(executablePath: string, cause: unknown) {
    super(`Could not launch Chromium at ${executablePath}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'BrowserLaunchError';
  }
}

/** The oldest Chrome/Chromium that draws CSS page-margin boxes (the PDF header and footer). */
export const MIN_CHROMIUM_MAJOR = 131;

export class BrowserTooOldError extends Error {
  constructor(
    readonly executablePath: string,
    readonly version: string,
  ) {
    super(
      `${executablePath} is ${version}; PDFs need Chrome or Chromium ${MIN_CHROMIUM_MAJOR} or newer (for page headers and footers).\n` +
        'Update it, or use puppeteer\'s own browser: npx puppeteer browsers install chrome',
    );
    this.name = 'BrowserTooOldError';
  }
}

/** The major version in a `browser.version()` string such as "HeadlessChrome/156.0.8078.79". */
export function chromiumMajor(version: string): number | null {
  const match = /\/(\d+)\./.exec(version);
  return match ? Number(match[1]) : null;
}

export class RenderTimeoutError extends Error {
  constructor(label: string, timeoutMs: number) {
    super(`Timed out after ${timeoutMs} ms rendering ${label}`);
    this.name = 'RenderTimeoutError';
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * True when puppeteer surely has no browser of its own to offer: no executablePath in its
 * configuration and no cache folder. Asked first because it is cheap: puppeteer's own
 * configuration search (cosmiconfig, as puppeteer runs it: `.puppeteerrc*`,
 * `puppeteer.config.*`, package.json's "puppeteer", from the working folder up) and one
 * stat, instead of loading puppeteer (~0.15 s), which a rebuild that reuses every PDF would
 * otherwise pay just to learn there is none. Once per process, as puppeteer reads its
 * configuration once. Any doubt (an unreadable configuration) leaves it to puppeteer.
 */
let noPuppeteerBrowser: boolean | undefined;
function puppeteerHasNoBrowser(): boolean {
  if (noPuppeteerBrowser !== undefined) return noPuppeteerBrowser;
  try {
    const { cosmiconfigSync } = createRequire(import.meta.url)('cosmiconfig') as typeof import('cosmiconfig');
    const config = (cosmiconfigSync('puppeteer', { searchStrategy: 'global' }).search()?.config ?? {}) as { executablePath?: unknown; cacheDirectory?: unknown };
    const cacheDirectory = process.env.PUPPETEER_CACHE_DIR ?? (typeof config.cacheDirectory === 'string' ? config.cacheDirectory : path.join(os.homedir(), '.cache', 'puppeteer'));
    noPuppeteerBrowser = !process.env.PUPPETEER_EXECUTABLE_PATH && config.executablePath === undefined && !existsSync(cacheDirectory);
  } catch {
    noPuppeteerBrowser = false;
  }
  return noPuppeteerBrowser;
}

/** Puppeteer's own downloaded browser (absent when its download was skipped, as here). */
function puppeteerCachePath(): string | null {
  if (puppeteerHasNoBrowser()) return null;
  try {
    return loadPuppeteer().executablePath();
  } catch {
    return null;
  }
}

/**
 * Find a browser: PUPPETEER_EXECUTABLE_PATH → puppeteer's cache → a system Chrome/Chromium.
 * Returns null when there is none (callers decide whether that is an error).
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLocation | null {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  // An explicit choice is never silently replaced by another browser.
  if (fromEnv) return isExecutable(fromEnv) ? { path: fromEnv, source: 'env' } : null;
  const cached = puppeteerCachePath();
  if (cached && isExecutable(cached)) return { path: cached, source: 'puppeteer-cache' };
  for (const candidate of SYSTEM_CHROMIUM_PATHS) {
    if (isExecutable(candidate)) return { path: candidate, source: 'system' };
  }
  return null;
}

export interface PagePool {
  /** Maximum number of pages in use at once. */
  readonly concurrency: number;
  /** Per-task time limit in ms used by `use` (0 = none). */
  readonly timeoutMs: number;
  /**
   * Run `fn` with a page of its own; waits while all pages are busy. `label` names the
   * task in a timeout error (e.g. the document's path).
   */
  use<R>(fn: (page: Page) => Promise<R>, label?: string): Promise<R>;
}

export interface BrowserOptions {
  /** Pages rendering at once (default 2: measured best on 2 cores). */
  concurrency?: number;
  /** Time limit per `pool.use` task in ms (default 60 000; 0 = none). */
  timeoutMs?: number;
  /** Skip the search and use this browser. */
  executablePath?: string;
  /**
   * Tasks a page serves before it is closed and a fresh one opened (default 40; 0 = never).
   * A page's renderer process grows with every distinct document it has shown (measured:
   * 288 → 447 MB over 300 pages of 30 companies); a fresh page gets a fresh renderer, so a
   * batch's memory stays flat however many documents it prints.
   */
  pageUses?: number;
}

/** The processes started with this profile folder (Linux: read from /proc; elsewhere null: unknown). */
function processesOfProfile(userDataDir: string): number[] | null {
  if (process.platform !== 'linux') return null;
  const pids: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--user-data-dir=${userDataDir}`)) pids.push(Number(pid));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

/** SIGKILL the processes started with this profile folder (a no-op where they cannot be listed). */
function killByProfile(userDataDir: string): void {
  for (const pid of processesOfProfile(userDataDir) ?? []) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * Rejects once the browser started with this profile has been seen running and is gone
 * (Linux; elsewhere it never rejects, and the launch time limit applies). Needed because a
 * browser that dies while puppeteer connects over the pipe leaves launch() pending forever,
 * and with nothing else scheduled Node would end the build mid-way (exit code 13).
 */
function browserExit(userDataDir: string): { exited: Promise<never>; stop: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<never>((_, reject) => {
    if (process.platform !== 'linux') return;
    let seen = false;
    timer = setInterval(() => {
      const alive = (processesOfProfile(userDataDir) ?? []).length > 0;
      if (seen && !alive) reject(new Error('the browser exited while starting'));
      seen ||= alive;
    }, 200);
  });
  exited.catch(() => {});
  return { exited, stop: () => clearInterval(timer) };
}

/**
 * `promise`, or `makeError()` after `ms` (0 = no limit). A hung browser never settles its
 * promises: every call into it needs a limit. The abandoned promise's rejection is ignored.
 */
function withTimeout<T>(promise: Promise<T>, ms: number, makeError: () => Error): Promise<T> {
  if (ms <= 0) return promise;
  promise.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(makeError()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

class BrowserPagePool implements PagePool {
  private idle: Page[] = [];
  private open = 0;
  private waiting: Array<() => void> = [];
  private readonly uses = new WeakMap<Page, number>();

  /** Rejects when the browser goes away: tasks in flight fail at once instead of waiting out their limits. */
  private readonly lost: Promise<never>;

  constructor(
    private readonly browser: Browser,
    readonly concurrency: number,
    readonly timeoutMs: number,
    private readonly pageUses: number,
  ) {
    this.lost = new Promise<never>((_, reject) => {
      const gone = () => reject(new Error('the browser closed unexpectedly'));
      if (!browser.connected) gone();
      else browser.once('disconnected', gone);
    });
    this.lost.catch(() => {});
  }

  async use<R>(fn: (page: Page) => Promise<R>, label = 'a page'): Promise<R> {
    const page = await this.acquire(label);
    let healthy = false;
    try {
      const result = await withTimeout(Promise.race([fn(page), this.lost]), this.timeoutMs, () => new RenderTimeoutError(label, this.timeoutMs));
      healthy = true;
      return result;
    } finally {
      this.release(page, healthy);
    }
  }

  // Waiting for a free page has no time limit (a batch queues here); opening one does.
  private async acquire(label: string): Promise<Page> {
    for (;;) {
      const page = this.idle.pop();
      if (page) return page;
      if (this.open < this.concurrency) {
        this.open++;
        try {
          return await withTimeout(Promise.race([this.browser.newPage(), this.lost]), this.timeoutMs, () => new RenderTimeoutError(`${label} (opening a page)`, this.timeoutMs));
        } catch (error) {
          this.open--;
          this.wakeOne();
          throw error;
        }
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  // A page whose task failed or timed out may be mid-navigation: close it, open a fresh one
  // later. So is a page that has served its number of tasks (pageUses), with its renderer.
  private release(page: Page, healthy: boolean): void {
    const uses = (this.uses.get(page) ?? 0) + 1;
    this.uses.set(page, uses);
    if (healthy && !(this.pageUses > 0 && uses >= this.pageUses)) {
      this.idle.push(page);
    } else {
      this.open--;
      page.close().catch(() => {});
    }
    this.wakeOne();
  }

  private wakeOne(): void {
    this.waiting.shift()?.();
  }
}

/**
 * Launch one headless Chromium with a fresh temporary profile, run `fn` with a page pool,
 * and close the browser and delete the profile afterwards, whatever happens.
 */
export async function withBrowser<T>(fn: (pool: PagePool) => Promise<T>, opts: BrowserOptions = {}): Promise<T> {
  const concurrency = opts.concurrency ?? 2;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const executablePath = opts.executablePath ?? findChromium()?.path;
  if (!executablePath) {
    const envPath = process.env.PUPPETEER_EXECUTABLE_PATH;
    throw new BrowserNotFoundError(envPath ? `PUPPETEER_EXECUTABLE_PATH=${envPath} is not an executable file` : undefined, envPath);
  }

  const timeoutMs = opts.timeoutMs ?? 60_000;
  // A browser that does not start within the per-task limit has hung; but give a slow,
  // busy machine at least 10 s, and never wait longer than puppeteer's own 30 s.
  const launchTimeoutMs = timeoutMs > 0 ? Math.min(30_000, Math.max(10_000, timeoutMs)) : 30_000;
  // Profiles left by a run that was killed (kill -9) go first: their owner is dead.
  sweepStaleProfiles();
  // The profile is named after its owner (PID and process start time), and removed with the
  // browser's processes if this run is interrupted (SIGINT/SIGTERM).
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), `${PROFILE_PREFIX}${process.pid}-${processStart(process.pid) ?? 0}-`));
  const unregister = onInterrupt({
    run: () => {
      killByProfile(userDataDir);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  });
  let browser: Browser | undefined;
  try {
    const exit = browserExit(userDataDir);
    let gaveUp = false;
    try {
      const launching = loadPuppeteer().launch({
        executablePath,
        headless: true,
        userDataDir,
        args: [...launchArgs],
        pipe: true, // no debugging port to open or collide with
        timeout: launchTimeoutMs,
        // Every CDP call's own limit (puppeteer's default is 180 s); the pool's is tighter.
        ...(timeoutMs > 0 ? { protocolTimeout: Math.max(timeoutMs, launchTimeoutMs) } : {}),
      });
      // A browser that launches after we gave up is closed, not left running.
      launching.then((late) => (gaveUp ? late.close() : undefined)).catch(() => {});
      browser = await withTimeout(Promise.race([launching, exit.exited]), launchTimeoutMs, () => new Error(`timed out: no answer within ${launchTimeoutMs} ms`));
    } catch (error) {
      gaveUp = true;
      killByProfile(userDataDir); // a hung (stopped) browser survives puppeteer's SIGTERM
      throw new BrowserLaunchError(executablePath, error);
    } finally {
      exit.stop();
    }
    const version = await withTimeout(browser.version(), launchTimeoutMs, () => new BrowserLaunchError(executablePath, new Error(`timed out: no answer within ${launchTimeoutMs} ms`)));
    const major = chromiumMajor(version);
    if (major !== null && major < MIN_CHROMIUM_MAJOR) throw new BrowserTooOldError(executablePath, version);
    return await fn(new BrowserPagePool(browser, concurrency, timeoutMs, opts.pageUses ?? 40));
  } finally {
    // A hung browser does not answer close(): give it a few seconds, then kill it.
    // (The timer is not unref'd: a dead browser's close() may never settle, and an empty
    // event loop would then end the process in the middle of the build.)
    const closed = browser ? await withTimeout(browser.close().then(() => true), 5_000, () => new Error('close timed out')).catch(() => false) : true;
    if (!closed) {
      browser?.process()?.kill('SIGKILL');
      killByProfile(userDataDir);
    }
    rmSync(userDataDir, { recursive: true, force: true });
    unregister();
  }
}

const PROFILE_PREFIX = 'policygen-chromium-';

/**
 * Removes Chromium profiles (and any browser still using one) whose owning policygen run is
 * gone: `policygen-chromium-<pid>-<start>-XXXXXX` in the temporary folder, where no process
 * with that PID and start time exists any more.
 */
export function sweepStaleProfiles(dir: string = os.tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = new RegExp(`^${PROFILE_PREFIX}(\\d+)-(\\d+)-`).exec(name);
    if (!match) continue;
    const owner = { host: os.hostname(), pid: Number(match[1]), start: match[2] === '0' ? null : match[2]! };
    if (ownerState(owner) === 'alive') continue;
    const full = path.join(dir, name);
    killByProfile(full);
    rmSync(full, { recursive: true, force: true });
    removed.push(full);
  }
  return removed;
}
