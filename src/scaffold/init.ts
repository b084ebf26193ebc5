/** init(file): writes a scaffolded data file, never over an existing one. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { loadLibrary } from '../library/library.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';
import type { Jurisdiction } from '../facts/schema.js';
import { scaffold } from './scaffold.js';

export interface InitOptions {
  jurisdictions: readonly Jurisdiction[];
  company?: string;
}

export async function init(file: string, options: InitOptions): Promise<{ ok: boolean; diagnostics: Diagnostic[] }> {
  const library = await loadLibrary();
  const schemaPath = relative(dirname(resolve(file)), join(PACKAGE_ROOT, 'schema', 'facts.schema.json')).split('\\').join('/');
  const text = scaffold({ ...options, modules: library.modules, schemaPath });
  await mkdir(dirname(resolve(file)), { recursive: true });
  try {
    await writeFile(file, text, { flag: 'wx' }); // wx: fail if the file exists
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { ok: false, diagnostics: [{ id: 'file-exists', severity: 'error', file, ...say('fileExists.message', { file }, 'fileExists.fix') }] };
  }
  return { ok: true, diagnostics: [] };
}
