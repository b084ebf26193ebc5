/**
 * What `build` and `merge` share before they write: the output folder made and locked (or
 * the reason it cannot be), and disk errors in the catalogue's words.
 */
import { mkdir } from 'node:fs/promises';
import { PolicygenError, type Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';
import { acquireLock, type LockEvent } from '../system/lock.js';

/** A disk error (ENOSPC, EACCES…) while writing the output folder, as a diagnostic. */
export function outputError(error: unknown, outDir: string): Diagnostic {
  const e = error as NodeJS.ErrnoException;
  return {
    id: 'output-error',
    severity: 'error',
    file: e.path ?? outDir,
    ...say('outputWrite.message', { code: e.code ?? '?', reason: e.message.split('\n')[0]! }, e.code === 'ENOSPC' ? 'outputWrite.fixSpace' : 'outputWrite.fix'),
  };
}

/** The output folder, created and locked for this run: its release, or why it could not be had (locked by another run, unwritable). */
export async function lockOutput(outDir: string, options: { waitMs?: number; onLock?: (event: LockEvent) => void }): Promise<{ release: () => Promise<void> } | { diagnostics: Diagnostic[] }> {
  try {
    await mkdir(outDir, { recursive: true });
    return { release: await acquireLock(outDir, { ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}), ...(options.onLock ? { onEvent: options.onLock } : {}) }) };
  } catch (error) {
    return { diagnostics: error instanceof PolicygenError ? error.diagnostics : [outputError(error, outDir)] };
  }
}
