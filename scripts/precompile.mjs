// Precompile templates/ into dist/precompiled.cjs (Handlebars → JavaScript, YAML → JSON),
// so a run does not compile them again. Needs dist/ (tsc) first. See src/library/precompiled.ts.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { writePrecompiled } = await import(pathToFileURL(path.join(root, 'dist', 'library', 'precompiled.js')).href);
const { templates, yaml } = writePrecompiled();
if (process.argv.includes('--verbose')) process.stderr.write(`precompiled ${templates} templates and ${yaml} YAML files\n`);
