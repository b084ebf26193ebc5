// The package's root folder, where templates/ and locales/ live. Found by walking up from
// this module to policygen's package.json, because the same code runs from src/ (tests),
// dist/ (the library) and dist/bundle/ (the CLI), each at a different depth.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'policygen') return dir;
    if (dirname(dir) === dir) throw new Error(`policygen's package.json not found above ${from}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
