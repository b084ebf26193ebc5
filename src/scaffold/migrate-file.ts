/**
 * migrateFile(file): `policygen migrate` on disk. Reads the file, migrates it (./migrate.ts),
 * writes it through a temporary file and a rename (never when nothing changed, never with
 * --dry-run), then runs the same validation as `check` on the result, so the command can say
 * what is left for a person.
 */
import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { parseFacts } from '../facts/load.js';
import { say } from '../messages.js';
import { migrate, type MigrationChange, type MigrationTodo } from './migrate.js';

export interface MigrateFileResult {
  file: string;
  changed: boolean;
  written: boolean;
  changes: MigrationChange[];
  /** What only a person can decide or write (migrate's own list). */
  todo: MigrationTodo[];
  /** What `check` reports on the result beyond `todo` (or why the file could not be read). */
  diagnostics: Diagnostic[];
  /** Whether the result passes `check`. */
  ok: boolean;
}

export async function migrateFile(file: string, options: { dryRun?: boolean } = {}): Promise<MigrateFileResult> {
  const base = { file, changed: false, written: false, changes: [], todo: [], ok: false };
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { ...base, diagnostics: [{ id: 'file-not-found', severity: 'error', file, ...say('fileUnreadable.message', { file, reason: (error as Error).message }, 'fileUnreadable.fix') }] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ...base, diagnostics: parseFacts(bytes, file).diagnostics };
  }
  const result = migrate(text, file);
  // YAML that does not parse: the loader says where, as `check` would.
  if (result.unreadable) return { ...base, diagnostics: parseFacts(bytes, file).diagnostics };

  let written = false;
  if (result.changed && !options.dryRun) {
    const temporary = join(dirname(file), `.${basename(file)}.migrate-${process.pid}.tmp`);
    const mode = (await stat(file)).mode & 0o777;
    try {
      await writeFile(temporary, result.text, { mode });
      await rename(temporary, file);
      written = true;
    } finally {
      if (!written) await rm(temporary, { force: true });
    }
  }

  // The same validation as `check`, on the file as it is now (or would be, for --dry-run).
  const { check } = await import('../pipeline/check.js');
  let checked: Diagnostic[];
  let ok: boolean;
  if (written || !result.changed) {
    const report = await check([file]);
    checked = [...report.diagnostics, ...report.policies.flatMap((p) => p.diagnostics)];
    ok = report.ok;
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'policygen-migrate-'));
    try {
      const copy = join(dir, basename(file));
      await writeFile(copy, result.text);
      const report = await check([copy]);
      checked = [...report.diagnostics, ...report.policies.flatMap((p) => p.diagnostics)].map((d) => (d.file === copy ? { ...d, file } : d));
      ok = report.ok;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const todoPaths = result.todo.map((t) => t.path ?? '');
  const covered = (d: Diagnostic) => {
    const at = d.path;
    return at !== undefined && todoPaths.some((p) => p && (at === p || at.startsWith(`${p}.`) || at.startsWith(`${p}[`)));
  };
  return {
    file,
    changed: result.changed,
    written,
    changes: result.changes,
    todo: result.todo,
    diagnostics: checked.filter((d) => !covered(d)),
    ok: ok && !result.todo.length,
  };
}
