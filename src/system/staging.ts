/**
 * Staging folders: `<out>/.staging-<pid>-<hex>/`, a dot-folder inside the output folder (so
 * that renames out of it are atomic: same file system) that never appears in the manifest.
 *
 * - It records its owner (`owner.json`: host, PID, process start time, command).
 * - Publishing is a list of renames (staged → target) written first as `commit.json`, then
 *   done synchronously: a SIGINT/SIGTERM lands before or after it, never in between.
 * - After a kill -9, the next run in that folder (holding the lock) removes a staging
 *   folder whose owner is dead; if the kill came during the renames (`commit.json`
 *   exists), it finishes them first, so the folder ends up exactly the new build.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { onInterrupt, type Cleanup } from './interrupt.js';
import { LOCK_NAME } from './lock.js';
import { currentOwner, ownerState, parseOwner } from './owner.js';

export const STAGING_PREFIX = '.staging-';
const OWNER_FILE = 'owner.json';
const JOURNAL = 'commit.json';

export interface Move {
  /** Absolute path inside the staging folder. */
  from: string;
  /** Absolute path in the output folder. */
  to: string;
}

export interface Staging {
  dir: string;
  /** Publishes: every move, in order, synchronously (a journal first). */
  commit(moves: readonly Move[]): void;
  /** Removes the staging folder (and, after a commit, the previous copies kept in it). */
  dispose(): void;
}

export async function createStaging(outDir: string, kept: NonNullable<Cleanup['kept']>, publishedKept?: Cleanup['kept']): Promise<Staging> {
  const dir = join(outDir, `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  const cleanup: Cleanup = { run: () => rmSync(dir, { recursive: true, force: true }), kept };
  const unregister = onInterrupt(cleanup);
  await writeFile(join(dir, OWNER_FILE), `${JSON.stringify(currentOwner())}\n`);
  return {
    dir,
    commit(moves) {
      const journal = moves.map((m) => ({ from: relative(outDir, m.from), to: relative(outDir, m.to) }));
      writeFileSync(join(dir, `${JOURNAL}.tmp`), JSON.stringify(journal));
      renameSync(join(dir, `${JOURNAL}.tmp`), join(dir, JOURNAL));
      applyJournal(outDir, dir, journal);
      if (publishedKept) cleanup.kept = publishedKept;
    },
    dispose() {
      unregister();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Does the renames of a journal that are not done yet (idempotent). */
function applyJournal(outDir: string, dir: string, journal: ReadonlyArray<{ from: string; to: string }>): void {
  journal.forEach((move, i) => {
    const from = inside(outDir, move.from);
    const to = inside(outDir, move.to);
    if (!from || !to || !exists(from)) return; // done already (or not ours to touch)
    // A folder cannot be renamed onto a folder: the previous one goes into the staging folder.
    if (lstatSync(from).isDirectory() && exists(to)) renameSync(to, join(dir, `.old-${i}`));
    mkdirSync(dirname(to), { recursive: true }); // a file's folder (diff: <out>/<locale>/)
    renameSync(from, to);
  });
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path for a journal entry, or undefined if it would leave the output folder. */
function inside(outDir: string, rel: string): string | undefined {
  const full = resolve(outDir, rel);
  return full.startsWith(resolve(outDir) + sep) ? full : undefined;
}

export interface SweepResult {
  /** Staging folders of dead runs removed. */
  removed: string[];
  /** Of those, the ones whose publishing was finished first. */
  completed: string[];
}

/**
 * Removes what dead runs left in `outDir`: staging folders (finishing an interrupted
 * publish first) and temporary lock files. Call it while holding the lock.
 */
export function sweepStaleStaging(outDir: string): SweepResult {
  const result: SweepResult = { removed: [], completed: [] };
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return result;
  }
  for (const name of names) {
    const full = join(outDir, name);
    if (name.startsWith(STAGING_PREFIX)) {
      let ownerText = '';
      try {
        ownerText = readFileSync(join(full, OWNER_FILE), 'utf8');
      } catch {
        // killed before it wrote its owner: the PID in its name
        ownerText = /^\.staging-(\d+)-/.exec(name)?.[1] ?? '';
      }
      const state = ownerState(parseOwner(ownerText));
      if (state === 'alive' || state === 'elsewhere') continue;
      if (existsSync(join(full, JOURNAL))) {
        try {
          applyJournal(outDir, full, JSON.parse(readFileSync(join(full, JOURNAL), 'utf8')) as Array<{ from: string; to: string }>);
          result.completed.push(full);
        } catch {
          // an unreadable journal was never complete: it was written under another name first
        }
      }
      rmSync(full, { recursive: true, force: true });
      result.removed.push(full);
    } else if (name.startsWith(`${LOCK_NAME}.`)) {
      // tryCreate's and takeOver's temporary files: `.policygen.lock.<pid>-<start>.….tmp|stale`
      const match = /^\.policygen\.lock\.(\d+)-(\d+)\./.exec(name);
      if (match && ownerState({ host: hostname(), pid: Number(match[1]), start: match[2] === '0' ? null : match[2]! }) !== 'alive') rmSync(full, { force: true });
    }
  }
  return result;
}
