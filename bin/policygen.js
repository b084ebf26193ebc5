#!/usr/bin/env node
// The policygen command. The CLI is compiled from src/ into dist/ and bundled into
// dist/bundle/ (npm run setup). The bundle starts faster; it is used only when it is at
// least as new as dist/cli/main.js, so a plain `tsc` after an edit never runs stale code.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
const bundled = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write('policygen is not compiled yet: run `npm run setup` (installs dependencies and compiles) and try again.\n');
  process.exit(3);
}
// `policygen --version` alone: the answer commander would print (package.json's version and
// a newline, exit 0), without loading the CLI. test/startup.test.ts checks that both agree.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
  process.exit(0);
}
const mtime = (url) => (existsSync(fileURLToPath(url)) ? statSync(fileURLToPath(url)).mtimeMs : -1);
const entry = mtime(bundled) >= mtime(compiled) ? bundled : compiled;
// `policygen … | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import(entry.href);
process.exitCode = await main(argv);
// The command is done. A browser that crashed mid-PDF can leave puppeteer timers behind
// (a page's 30 s navigation wait): exit once the output is flushed instead of waiting them out.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
process.exit();
