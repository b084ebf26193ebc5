/** The library API: what `import … from 'policygen'` offers, used as a build step would. */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as policygen from '../src/index.js';

describe('public API', () => {
  it('exports the documented functions', () => {
    for (const name of ['build', 'check', 'release', 'diff', 'verify', 'init', 'startPreview', 'loadFacts', 'parseFacts', 'compose', 'loadLibrary', 'factsJsonSchema']) {
      expect(typeof (policygen as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('check returns data — coverage and diagnostics — without printing', async () => {
    const printed: string[] = [];
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (printed.push(`stdout: ${String(chunk)}`), true)),
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (printed.push(`stderr: ${String(chunk)}`), true)),
      ...(['log', 'info', 'warn', 'error'] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args) => void printed.push(`console.${level}: ${args.join(' ')}`))),
    ];
    let report: Awaited<ReturnType<typeof policygen.check>>;
    try {
      report = await policygen.check([join(process.cwd(), 'data', 'example.yaml')]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(printed).toEqual([]);
    expect(report.ok).toBe(true);
    const [policy] = report.policies;
    expect(policy!.diagnostics).toEqual([]);
    expect(policy!.coverage.length).toBeGreaterThan(50);
    expect(policy!.coverage.every((e) => e.covered)).toBe(true);
  });
});
