// Runs the real `policygen` command (bin/policygen.js → dist/) in a child process.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'policygen.js');

export interface CliResult {
  /** Exit code; null when killed by a signal (see `signal`). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Working directory (default: the repository root). */
  cwd?: string;
  /** Extra environment variables; `undefined` removes one. */
  env?: Record<string, string | undefined>;
  /** Kill the process after this long (default 120 s). */
  timeoutMs?: number;
  /** Another copy of bin/policygen.js to run (a frozen snapshot of the package). */
  bin?: string;
}

/**
 * `node bin/policygen.js …args` with NO_COLOR=1 and no FORCE_COLOR, so output is plain text
 * whatever the terminal running the tests does.
 */
export function runCli(args: readonly string[], { cwd = ROOT, env = {}, timeoutMs = 120_000, bin = BIN }: RunOptions = {}): Promise<CliResult> {
  assertCompiled();
  const childEnv: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...env };
  delete childEnv.FORCE_COLOR;
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: childEnv as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

let checked = false;

/** The CLI runs compiled code: fail clearly when dist/ is missing, warn when it looks older than src/. */
export function assertCompiled(): void {
  if (checked) return;
  const entry = path.join(ROOT, 'dist', 'cli', 'main.js');
  if (!existsSync(entry)) throw new Error('dist/ is missing: run `npm run setup` (or `npx tsc -p tsconfig.json`) before the CLI tests');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs), 0);
  if (newest(path.join(ROOT, 'src')) > statSync(entry).mtimeMs) {
    console.warn('test/helpers/cli.ts: src/ has changes newer than dist/; the CLI tests run the compiled code (run `npx tsc -p tsconfig.json`)');
  }
  checked = true;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every file under `dir` (relative paths with forward slashes, sorted) → sha256. */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full).split(path.sep).join('/')] = sha256(readFileSync(full));
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
