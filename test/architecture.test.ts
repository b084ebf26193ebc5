/**
 * The architecture the README draws, checked: dependency-cruiser with .dependency-cruiser.cjs
 * (layers, imports only downwards, no cycles). A second run on a copy with one upward import
 * and one cycle added proves the check can fail.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/package-root.js';

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(root: string): Violation[] {
  const bin = join(PACKAGE_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const out = execFileSync(process.execPath, [bin, 'src', '--config', join(PACKAGE_ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('architecture', () => {
  it('imports only go down the layers, and there is no cycle', () => {
    expect(cruise(PACKAGE_ROOT).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 120_000);

  it('an upward import and a cycle are reported', () => {
    const root = mkdtempSync(join(tmpdir(), 'policygen-arch-'));
    try {
      cpSync(join(PACKAGE_ROOT, 'src'), join(root, 'src'), { recursive: true });
      appendFileSync(join(root, 'src', 'facts', 'paths.ts'), "\nimport '../pipeline/build.js';\n");
      appendFileSync(join(root, 'src', 'compose', 'parity.ts'), "\nimport './compose.js';\n");
      const found = cruise(root).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
      expect(found).toContain('no-upward-from-facts: src/facts/paths.ts → src/pipeline/build.ts');
      expect(found.some((v) => v.startsWith('no-circular: src/compose/'))).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
