/**
 * One build at a time per output folder: a lock file created with O_EXCL. A second build
 * waits for the first instead of interleaving files; a lock left by a dead process is
 * taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PolicygenError } from '../diagnostics.js';

export async function acquireLock(outDir: string, { waitMs = 10 * 60_000, pollMs = 100 } = {}): Promise<() => Promise<void>> {
  const path = join(outDir, '.policygen.lock');
  const deadline = performance.now() + waitMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(await readFile(path, 'utf8').catch(() => ''));
    if (holder && !isAlive(holder)) {
      await rm(path, { force: true });
      continue;
    }
    if (performance.now() > deadline) {
      throw new PolicygenError([
        { id: 'output-locked', severity: 'error', file: path, message: `another build (process ${holder || '?'}) has held ${outDir} for too long`, fix: `wait for it to finish, or delete ${path} if no build is running` },
      ]);
    }
    await sleep(pollMs);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
