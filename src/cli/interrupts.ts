/**
 * The CLI side of interruptions and locks: the one line printed after SIGINT/SIGTERM
 * (what was kept), and the lines printed at once when a lock is waited for or taken over.
 */
import { handleInterrupts } from '../system/interrupt.js';
import { heldSeconds, type LockEvent } from '../system/lock.js';
import type { SweepResult } from '../system/staging.js';
import type { Printer } from './print.js';

/** SIGINT/SIGTERM: clean up, print one line saying what was kept, exit 130/143. */
export function interruptible(printer: Printer): void {
  handleInterrupts((signal, kept) => {
    printer.done();
    const what = kept.length ? kept.map((k) => printer.label(k.key, k.params)).join('; ') : printer.label('keptNothing');
    const line = printer.label('interrupted', { signal, kept: what });
    if (printer.json) process.stderr.write(`${JSON.stringify({ event: 'interrupted', signal, kept: what })}\n`);
    else process.stderr.write(`${line}\n`);
  });
}

/** "build", "release" or "diff" from a recorded command line. */
function verb(command: string): string {
  return / (build|release|diff)( |$)/.exec(` ${command}`)?.[1] ?? 'policygen';
}

export function lockNotice(printer: Printer): (event: LockEvent) => void {
  return (event) => {
    if (event.type === 'waiting') {
      const o = event.owner;
      const seconds = heldSeconds(o);
      const params = { command: verb(o.command), pid: o.pid, host: o.host || '?', seconds: seconds ?? '?', lock: event.path };
      printer.notice(printer.label(seconds === undefined ? 'lockWaitingUnknown' : 'lockWaiting', params), { event: 'lock-waiting', ...params });
    } else {
      const params = { pid: event.owner?.pid ?? '?', host: event.owner?.host || '?', lock: event.path };
      printer.notice(printer.label(`lockTakenOver.${event.reason}`, params), { event: 'lock-taken-over', reason: event.reason, ...params });
    }
  };
}

export function sweepNotice(printer: Printer): (result: SweepResult) => void {
  return (result) => {
    const params = { count: result.removed.length, completed: result.completed.length };
    printer.notice(printer.label(result.completed.length ? 'sweptCompleted' : 'swept', params), { event: 'staging-removed', ...params });
  };
}
