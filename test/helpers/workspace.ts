/**
 * Copies of the example data file in fresh folders (a ledger goes beside each), and edits
 * through its parsed YAML: the set-up of every test that releases versions.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { PACKAGE_ROOT } from '../../src/package-root.js';

export const EXAMPLE = join(PACKAGE_ROOT, 'data', 'example.yaml');

/** A scratch folder removed after the file's tests; `workspace()` gives a new copy of the example in it. */
export function exampleWorkspaces(prefix: string): { scratch: string; workspace: () => string } {
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let counter = 0;
  return {
    scratch,
    workspace() {
      const dir = join(scratch, String(++counter));
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'acme.yaml');
      cpSync(EXAMPLE, file);
      return file;
    },
  };
}

/** Rewrites a data file through a change to its parsed YAML. */
export function edit(file: string, change: (data: Record<string, any>) => void): void {
  const data = parseYaml(readFileSync(file, 'utf8')) as Record<string, any>;
  change(data);
  writeFileSync(file, stringifyYaml(data));
}

/** `text` with each [from, to] replaced once; fails if a `from` is not there (the case would test nothing). */
export function replaced(text: string, what: string, pairs: readonly [string, string][]): string {
  let out = text;
  for (const [from, to] of pairs) {
    expect(out.includes(from), `the ${what} no longer contains ${JSON.stringify(from)}`).toBe(true);
    out = out.replace(from, to);
  }
  return out;
}
