/**
 * One build at a time per output folder: a lock file saying who holds it (host, PID,
 * process start time, command, since when), created atomically (written under a temporary
 * name, then hard-linked into place, so it is never seen empty or half-written).
 *
 * - A lock whose owner is gone, whose PID now belongs to another process (start time
 *   differs, or it is not policygen), or that cannot be read, is taken over: `onEvent`
 *   says so.
 * - A live owner is waited for (`onEvent` says so at once), at most `waitMs`.
 */
import { readFileSync, rmSync } from 'node:fs';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PolicygenError } from '../diagnostics.js';
import { say } from '../messages.js';
import { onInterrupt } from './interrupt.js';
import { currentOwner, ownerState, parseOwner, processStart, type Owner, type OwnerState } from './owner.js';

export const LOCK_NAME = '.policygen.lock';

export type LockEvent =
  | { type: 'waiting'; owner: Owner; path: string }
  | { type: 'taken-over'; owner?: Owner; reason: Exclude<OwnerState, 'alive' | 'elsewhere'>; path: string };

export interface LockOptions {
  /** How long to wait for a live owner (default 10 minutes; 0 = do not wait). */
  waitMs?: number;
  pollMs?: number;
  onEvent?: (event: LockEvent) => void;
}

export async function acquireLock(dir: string, { waitMs = 10 * 60_000, pollMs = 100, onEvent }: LockOptions = {}): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_NAME);
  const started = performance.now();
  const me = currentOwner();
  const record = `${JSON.stringify(me)}\n`;
  let announced = false;
  for (;;) {
    if (await tryCreate(path, record)) {
      const unregister = onInterrupt({ run: () => releaseSync(path, record) });
      return async () => {
        unregister();
        releaseSync(path, record);
      };
    }
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : ''));
    if (text === null) continue; // released meanwhile
    const owner = parseOwner(text);
    const state = ownerState(owner);
    if (state !== 'alive' && state !== 'elsewhere') {
      if (await takeOver(path, text)) onEvent?.({ type: 'taken-over', ...(owner ? { owner } : {}), reason: state, path });
      continue;
    }
    if (!announced) {
      announced = true;
      onEvent?.({ type: 'waiting', owner: owner!, path });
    }
    if (performance.now() - started >= waitMs) {
      const seconds = Math.round((performance.now() - started) / 1000);
      throw new PolicygenError([
        {
          id: 'output-locked',
          severity: 'error',
          file: path,
          ...say('outputLocked.message', { dir, pid: owner!.pid, host: owner!.host || '?', seconds }, 'outputLocked.fix', { path }),
        },
      ]);
    }
    await sleep(pollMs);
  }
}

/** Creates the lock with its content in one step; false if it exists. */
async function tryCreate(path: string, record: string): Promise<boolean> {
  // Named after its owner (PID and start time), so a sweep can tell a dead run's from a live one's.
  const tmp = `${path}.${process.pid}-${processStart(process.pid) ?? 0}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, record);
  try {
    await link(tmp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    await rm(tmp, { force: true });
  }
}

/**
 * Moves a stale lock aside and deletes it, unless someone replaced it meanwhile (then it
 * is put back). Returns whether the stale lock was removed.
 */
async function takeOver(path: string, stale: string): Promise<boolean> {
  const aside = `${path}.${process.pid}-${processStart(process.pid) ?? 0}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return false; // someone else took it over or released it
  }
  const moved = await readFile(aside, 'utf8').catch(() => stale);
  if (moved !== stale) {
    await link(aside, path).catch(() => {}); // a fresh lock of another run: put it back
    await rm(aside, { force: true });
    return false;
  }
  await rm(aside, { force: true });
  return true;
}

/** Removes the lock if it is still ours. */
function releaseSync(path: string, record: string): void {
  try {
    if (readFileSync(path, 'utf8') === record) rmSync(path, { force: true });
  } catch {
    // already gone
  }
}

/** "running for 12 s": how long the owner has held it (by its own clock). */
export function heldSeconds(owner: Owner): number | undefined {
  return owner.since ? Math.max(0, Math.round((Date.now() - owner.since) / 1000)) : undefined;
}
