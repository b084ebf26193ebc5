// Bundle the compiled CLI (dist/cli/main.js) into dist/bundle/ with rolldown. Node loads
// one file per chunk instead of ~400 small ES modules: `policygen --version` takes about
// half the time. The lazy imports of src/cli/main.ts stay lazy (one chunk per command).
// puppeteer stays outside: it is large, loaded only for PDFs, and finds its browser cache
// relative to its own files.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outDir = path.join(root, 'dist', 'bundle');

/** Modules every command loads before it does anything (see test/startup.test.ts). */
const STARTUP = /[\\/](dist[\\/](cli[\\/][^\\/]+|messages|diagnostics|package-root|facts[\\/]id|facts[\\/]schema[\\/]codes|preview[\\/]host|system[\\/](interrupt|lock|owner))\.js|node_modules[\\/](commander|i18next)[\\/].*)$/;

export async function bundleCli() {
  const { build } = await import('rolldown');
  rmSync(outDir, { recursive: true, force: true });
  await build({
    cwd: root,
    input: { main: path.join(root, 'dist', 'cli', 'main.js') },
    platform: 'node',
    external: [/^puppeteer(\/|$)/, /^node:/],
    logLevel: 'warn',
    output: {
      dir: outDir,
      format: 'esm',
      chunkFileNames: '[name]-[hash].js',
      // What every run loads (the CLI's own modules, messages, diagnostics, commander, i18next)
      // goes into main.js itself: one file to resolve, read and compile instead of a dozen.
      // The commands' lazy imports stay separate chunks.
      codeSplitting: { groups: [{ name: 'main', test: STARTUP }] },
    },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await bundleCli();
