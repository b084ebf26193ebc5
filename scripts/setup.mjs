#!/usr/bin/env node
// Make a checkout ready to run: npm dependencies, compiled TypeScript, a Chromium for PDFs.
// Runs before `npm run example` and `npm test`, so it may only use Node's built-in modules
// until dependencies are installed. Idempotent; quick when everything is present.
//
//   node scripts/setup.mjs              dependencies + compile + find/install Chromium
//   node scripts/setup.mjs --for-tests  also poppler-utils (tests read PDFs back with it) and
//                                       LibreOffice's Writer (tests open the .docx files with it);
//                                       implied when run by `npm test`
//
// Progress goes to stderr; stdout stays free for the command that follows.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const forTests = process.argv.includes('--for-tests') || process.env.npm_lifecycle_event === 'test';
const started = performance.now();

const log = (message) => process.stderr.write(`setup: ${message}\n`);
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Run a command with its output on stderr; returns true on exit code 0. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', 2, 2],
    shell: process.platform === 'win32', // npm is npm.cmd there
    ...options,
  });
  if (result.error) log(`could not run ${command}: ${result.error.message}`);
  return result.status === 0;
}

function fail(message) {
  log(message);
  process.exit(1);
}

// (a) npm dependencies ------------------------------------------------------------------
// node_modules/.package-lock.json is npm's record of what is installed. A lockfile newer than
// it may be a fresh checkout with the same content, so compare versions before reinstalling.
function dependenciesUpToDate() {
  const lockFile = path.join(root, 'package-lock.json');
  const installedFile = path.join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installedFile)) return false;
  if (!existsSync(lockFile)) return true; // no lockfile: trust what is installed
  if (statSync(lockFile).mtimeMs <= statSync(installedFile).mtimeMs) return true;
  const wanted = JSON.parse(readFileSync(lockFile, 'utf8')).packages ?? {};
  const installed = JSON.parse(readFileSync(installedFile, 'utf8')).packages ?? {};
  return Object.entries(wanted).every(([name, entry]) => {
    if (name === '' || entry.link) return true;
    const have = installed[name];
    if (!have) return entry.optional === true; // optional packages of other platforms
    return have.version === entry.version;
  });
}

function installDependencies() {
  if (dependenciesUpToDate()) return;
  const hasLock = existsSync(path.join(root, 'package-lock.json'));
  const args = hasLock ? ['ci'] : ['install'];
  log(`installing npm dependencies (npm ${args[0]}) …`);
  const since = performance.now();
  if (!run('npm', [...args, '--no-audit', '--no-fund'])) fail(`npm ${args[0]} failed; see the messages above`);
  log(`npm dependencies installed (${seconds(since)})`);
}

// (b) TypeScript → dist/ ----------------------------------------------------------------
// Compile when any source or config is newer than the stamp of the last successful compile.
// (tsc takes ~0.7 s; the check takes a few ms, which keeps a warm setup well under a second.)
const STAMP = path.join(root, 'dist', '.setup-compiled');

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted or renamed file changes its directory's mtime
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

function compile() {
  const inputs = ['src', 'templates', 'tsconfig.json', 'package-lock.json', 'scripts/bundle.mjs', 'scripts/precompile.mjs'].map((p) => newestMtime(path.join(root, p)));
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= Math.max(...inputs)) return;
  const since = performance.now();
  rmSync(STAMP, { force: true });
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!run(process.execPath, [tsc, '-p', 'tsconfig.json'])) fail('TypeScript compile failed; see the errors above');
  // Precompiled templates and the bundle only make runs faster: without them policygen runs as it is.
  const precompiled = run(process.execPath, [path.join(root, 'scripts', 'precompile.mjs')]);
  // bin/policygen.js runs the bundle when it is fresh, else dist/cli: a failed bundle costs only start-up time.
  const bundled = run(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')]);
  writeFileSync(STAMP, '');
  log(`compiled TypeScript to dist/${precompiled ? ', precompiled templates' : '; precompiling templates failed (see above)'}${bundled ? ', bundled the CLI' : '; bundling the CLI failed (see above), it runs unbundled'} (${seconds(since)})`);
}

// (c) Chromium (and poppler-utils for tests) ----------------------------------------------
function hasCommand(command, args) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

function canAptInstall() {
  return process.platform === 'linux' && existsSync('/etc/debian_version') && process.getuid?.() === 0;
}

function aptInstall(packages) {
  log(`installing ${packages.join(' ')} with apt-get …`);
  const since = performance.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ok = run('apt-get', ['update', '-qq'], { env }) && run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env });
  log(ok ? `installed ${packages.join(' ')} (${seconds(since)})` : `apt-get install ${packages.join(' ')} failed; see the messages above`);
  return ok;
}

/**
 * Whether LibreOffice can open a .docx here: `soffice` on the PATH and its Writer library
 * (libswlo) beside it. A machine may have LibreOffice's core without the Writer (Debian's
 * libreoffice-core-nogui alone): soffice then runs but refuses every .docx.
 */
function canConvertDocx() {
  const soffice = (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'soffice')).find((file) => existsSync(file));
  if (!soffice) return false;
  const program = path.dirname(realpathSync(soffice));
  return [program, path.join(program, '..', 'Frameworks')].some((dir) => existsSync(dir) && readdirSync(dir).some((name) => /^libswlo\./.test(name)));
}

async function ensureBrowser() {
  // The same search chain as the PDF renderer itself (env → puppeteer cache → system).
  const { findChromium, BrowserNotFoundError } = await import(pathToFileURL(path.join(root, 'dist', 'render', 'browser.js')).href);
  let browser = findChromium();
  const hasPoppler = !forTests || hasCommand('pdfinfo', ['-v']);
  const hasWriter = !forTests || canConvertDocx();
  const missing = [...(browser ? [] : ['chromium']), ...(hasPoppler ? [] : ['poppler-utils']), ...(hasWriter ? [] : ['libreoffice-writer-nogui'])];

  if (missing.length > 0 && canAptInstall()) {
    aptInstall(missing);
    browser = findChromium();
  }
  if (browser) {
    log(`Chromium: ${browser.path} (${browser.source})`);
  } else {
    log(`${new BrowserNotFoundError().message.replace(/\n/g, '\nsetup: ')}`);
    log(forTests ? 'continuing: PDF tests will be skipped' : 'continuing: PDFs will not be built');
  }
  if (forTests && !hasCommand('pdfinfo', ['-v'])) {
    log('poppler-utils (pdfinfo, pdftotext, pdffonts) not found: tests that read PDFs back will be skipped; install it with your package manager');
  }
  if (forTests && !canConvertDocx()) {
    log('LibreOffice Writer (soffice) not found: tests that open the .docx files will be skipped; install libreoffice-writer-nogui (or LibreOffice) with your package manager');
  }
}

installDependencies();
compile();
await ensureBrowser();
log(`ready (${seconds(started)})`);
