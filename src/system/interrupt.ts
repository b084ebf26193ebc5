/**
 * What a run must undo if it is stopped by SIGINT or SIGTERM: staging folders, the browser
 * and its profile, locks, temporary files. Each stage registers a synchronous clean-up while
 * it holds something and removes it when done; the CLI installs the signal handlers
 * (`handleInterrupts`), which run every clean-up, print one line and exit 130 or 143.
 *
 * Clean-ups are synchronous so that nothing else runs in between; and the publishing step
 * (renames) is synchronous too, so a signal lands either before it or after it.
 */
import type { MessageParams } from '../messages.js';

export interface Cleanup {
  /** Undo, synchronously, without throwing. */
  run(): void;
  /** What stays as it was, as a label key under `labels.` and its parameters (printed after an interruption). */
  kept?: { key: string; params: MessageParams };
}

const cleanups = new Set<Cleanup>();

/** Registers a clean-up; call the returned function once it is no longer needed. */
export function onInterrupt(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

/**
 * Runs every registered clean-up (newest first) and returns what was kept. File operations
 * already handed to libuv's thread pool (a mkdir, a write) may still land after a clean-up
 * removed their folder: the main thread then pauses briefly — no JavaScript runs, so the
 * build cannot move on — and every clean-up runs a second time.
 */
export function runCleanups(settleMs = 50): Array<{ key: string; params: MessageParams }> {
  const list = [...cleanups].reverse();
  cleanups.clear();
  const runAll = () => {
    for (const cleanup of list) {
      try {
        cleanup.run();
      } catch {
        // keep going: every other clean-up still runs
      }
    }
  };
  runAll();
  if (list.length && settleMs > 0) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, settleMs);
    runAll();
  }
  return list.flatMap((c) => (c.kept ? [c.kept] : []));
}

let installed = false;

/**
 * SIGINT → exit 130, SIGTERM → exit 143, after the clean-ups; `report` prints the line.
 * A second signal while cleaning up is ignored (the clean-ups are quick and synchronous).
 */
export function handleInterrupts(report: (signal: NodeJS.Signals, kept: Array<{ key: string; params: MessageParams }>) => void): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.on(signal, () => {
      const kept = runCleanups();
      try {
        report(signal, kept);
      } finally {
        process.exit(code);
      }
    });
  }
}
