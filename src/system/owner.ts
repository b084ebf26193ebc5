/**
 * Who owns a lock, a staging folder or a Chromium profile: host, PID, the process's start
 * time (from /proc/<pid>/stat, so a PID reused by another process is told apart) and the
 * command. Used to decide whether what a run left behind belongs to a live run.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface Owner {
  host: string;
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks since boot); null where /proc is not available. */
  start: string | null;
  command: string;
  /** Wall-clock time the owner took it (ms since the epoch): shown as "running for N s". */
  since: number;
}

/** The start time of a process, or null (no such process, or no /proc). */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: fields after the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null; // field 22 overall = index 19 after pid, comm and state
  } catch {
    return null;
  }
}

/** The command line of a process, or null. */
export function processCommand(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function currentOwner(): Owner {
  return { host: hostname(), pid: process.pid, start: processStart(process.pid), command: process.argv.slice(1).join(' ') || process.argv0, since: Date.now() };
}

/**
 * - `alive`: the owner still runs (same host, same PID, same start time);
 * - `elsewhere`: another host: it cannot be checked from here;
 * - `dead`: no process has that PID;
 * - `reused`: the PID belongs to another process now (start time differs, or it is not policygen);
 * - `invalid`: nothing usable was recorded.
 */
export type OwnerState = 'alive' | 'elsewhere' | 'dead' | 'reused' | 'invalid';

export function ownerState(owner: Partial<Owner> | undefined): OwnerState {
  if (!owner || !Number.isInteger(owner.pid) || (owner.pid as number) <= 0) return 'invalid';
  if (owner.host && owner.host !== hostname()) return 'elsewhere';
  const pid = owner.pid as number;
  if (pid === process.pid) return owner.start && processStart(pid) && owner.start !== processStart(pid) ? 'reused' : 'alive';
  if (!pidAlive(pid)) return 'dead';
  const start = processStart(pid);
  if (owner.start && start) return owner.start === start ? 'alive' : 'reused';
  // No start time to compare (an old lock that holds only a PID, or no /proc): a live
  // process counts as the owner only if it runs policygen.
  const command = processCommand(pid);
  if (command === null) return 'alive'; // cannot tell (not Linux): assume it is
  return /policygen/.test(command) ? 'alive' : 'reused';
}

/** Parses an owner record; undefined for anything that is not one. */
export function parseOwner(text: string): Owner | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { host: '', pid: Number(trimmed), start: null, command: '', since: 0 }; // the old format: a PID
  try {
    const value = JSON.parse(trimmed) as Partial<Owner>;
    if (!value || typeof value !== 'object' || !Number.isInteger(value.pid)) return undefined;
    return { host: String(value.host ?? ''), pid: value.pid as number, start: value.start ? String(value.start) : null, command: String(value.command ?? ''), since: Number(value.since) || 0 };
  } catch {
    return undefined;
  }
}
