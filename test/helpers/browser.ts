// Suites that need Chromium (and poppler-utils to read PDFs back, Java to run the W3C Nu
// checker). Locally a missing tool skips the suite, with the reason in its name and on
// stderr. With POLICYGEN_REQUIRE_BROWSER=1 (CI sets it, see .ci/run) a missing tool FAILS:
// the suite becomes one failing test saying what is missing, so CI cannot go green by skipping.
import { spawnSync } from 'node:child_process';
import { describe, it, type TestOptions } from 'vitest';
import { findChromium } from '../../src/render/browser.js';
import { hasPoppler } from './pdf-readback.js';

export const chromium = findChromium();
export const browserRequired = process.env.POLICYGEN_REQUIRE_BROWSER === '1';

export interface Needs {
  /** Chromium or Chrome (default true). */
  browser?: boolean;
  /** poppler-utils: pdftotext, pdffonts, pdfinfo, pdftoppm. */
  poppler?: boolean;
  /** A Java runtime (`java` on the PATH), for the W3C Nu checker (vnu-jar). */
  java?: boolean;
}

const HOW: Record<string, string> = {
  Chromium: 'set PUPPETEER_EXECUTABLE_PATH or run `node scripts/setup.mjs --for-tests`',
  'poppler-utils': 'run `node scripts/setup.mjs --for-tests` or apt-get install poppler-utils',
  Java: 'install a Java runtime, e.g. apt-get install default-jre-headless (vnu-jar runs on it)',
};

let popplerFound: boolean | undefined;
let javaFound: boolean | undefined;

/** True when `java -version` runs. */
export function hasJava(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

/** The tools a suite needs that this machine lacks, e.g. ['Chromium']. */
export function missingTools(needs: Needs = {}): string[] {
  const missing: string[] = [];
  if ((needs.browser ?? true) && !chromium) missing.push('Chromium');
  if (needs.poppler && !(popplerFound ??= hasPoppler())) missing.push('poppler-utils');
  if (needs.java && !(javaFound ??= hasJava())) missing.push('Java');
  return missing;
}

function why(missing: string[]): string {
  return missing.map((tool) => `no ${tool} found (${HOW[tool]})`).join('; ');
}

/** `describe` for a suite that needs a browser (and/or poppler): runs, skips locally, or fails in CI. */
export function describeWith(needs: Needs, name: string, body: () => void, options?: TestOptions): void {
  const missing = missingTools(needs);
  if (!missing.length) {
    describe(name, options ?? {}, body);
  } else if (browserRequired) {
    describe(name, () => {
      it(`has what it needs (POLICYGEN_REQUIRE_BROWSER=1)`, () => {
        throw new Error(`POLICYGEN_REQUIRE_BROWSER=1 but ${why(missing)}`);
      });
    });
  } else {
    process.stderr.write(`skipped "${name}": ${why(missing)}\n`);
    describe.skip(`${name} (SKIPPED: ${why(missing)})`, body);
  }
}

/** `it` for one test that needs a browser (and/or poppler): runs, skips locally, or fails in CI. */
export function itWith(needs: Needs, name: string, body: () => unknown, timeout?: number): void {
  const missing = missingTools(needs);
  if (!missing.length) {
    it(name, body, timeout);
  } else if (browserRequired) {
    it(name, () => {
      throw new Error(`POLICYGEN_REQUIRE_BROWSER=1 but ${why(missing)}`);
    });
  } else {
    process.stderr.write(`skipped "${name}": ${why(missing)}\n`);
    it.skip(`${name} (SKIPPED: ${why(missing)})`, body);
  }
}
