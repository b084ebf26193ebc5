// Vitest global setup: one temporary folder per test run. Tests make their folders with
// mkdtemp(os.tmpdir()), and the CLI processes and browsers they start inherit TMPDIR, so
// everything lands inside it; it is deleted when the run ends. Without it every run left
// ~150 MB in /tmp (outputs with fonts, browser profiles). KEEP_TEST_TMP=1 keeps it to look at.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'policygen-tests-'));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (process.env.KEEP_TEST_TMP) process.stderr.write(`test files kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  };
}
