/** Test helpers: the real library, a disposable copy of it, facts from YAML text. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary, type Library } from '../../src/library/library.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { parseFacts } from '../../src/facts/load.js';
import type { Facts } from '../../src/facts/schema.js';

let shared: Promise<Library> | undefined;
export function library(): Promise<Library> {
  shared ??= loadLibrary();
  return shared;
}

/** A copy of templates/ and locales/ in a temp folder, to break on purpose. */
export function copyLibraryRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'policygen-lib-'));
  cpSync(join(PACKAGE_ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  cpSync(join(PACKAGE_ROOT, 'locales'), join(root, 'locales'), { recursive: true });
  return root;
}

export function factsFrom(yaml: string, file = 'test.yaml'): Facts {
  const { facts, diagnostics } = parseFacts(yaml, file);
  if (!facts) throw new Error(`fixture invalid:\n${JSON.stringify(diagnostics, null, 2)}`);
  return facts;
}
