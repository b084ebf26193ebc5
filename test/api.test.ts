/** The library API: what `import … from 'policygen'` offers, used as a build step would. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as policygen from '../src/index.js';

describe('public API', () => {
  it('exports the documented functions', () => {
    for (const name of ['build', 'check', 'release', 'diff', 'verify', 'init', 'startPreview', 'loadFacts', 'parseFacts', 'compose', 'loadLibrary', 'factsJsonSchema']) {
      expect(typeof (policygen as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('check returns data — coverage and diagnostics — without printing', async () => {
    const report = await policygen.check([join(process.cwd(), 'data', 'example.yaml')]);
    expect(report.ok).toBe(true);
    const [policy] = report.policies;
    expect(policy!.coverage.length).toBeGreaterThan(50);
    expect(policy!.coverage.every((e) => e.covered)).toBe(true);
  });
});
