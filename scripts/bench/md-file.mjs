// Child process of scripts/bench.mjs, timed as a whole process: Markdown files → HTML files
// with policygen's markdownToHtml and nothing else (no data file, no composing, no assets) —
// the like-for-like counterpart of `pandoc -f gfm -t html` in a fresh Node process.
//   node scripts/bench/md-file.mjs <out-dir> <file.md>...
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { markdownToHtml } from '../../dist/render/html.js';

const [outDir, ...files] = process.argv.slice(2);
files.forEach((file, i) => {
  writeFileSync(join(outDir, `${i}-${basename(file, '.md')}.html`), markdownToHtml(readFileSync(file, 'utf8'), [], { cache: false }));
});
