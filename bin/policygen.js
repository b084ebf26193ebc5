#!/usr/bin/env node
// The policygen command. The CLI is compiled from src/ into dist/ (npm run setup).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('policygen is not compiled yet: run `npm run setup` (installs dependencies and compiles) and try again.\n');
  process.exit(3);
}
// `policygen … | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
