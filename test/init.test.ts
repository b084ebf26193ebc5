/** `policygen init`: a complete scaffold whose only problems are the values to fill in. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, isScalar, visit } from 'yaml';
import { preparePolicy } from '../src/build/prepare.js';
import { JURISDICTIONS } from '../src/facts/schema.js';
import { init } from '../src/scaffold/init.js';
import { library } from './helpers/library.js';

/** Paths of every scalar value marked TODO / 待填写 in a YAML text. */
function markedPaths(text: string): string[] {
  const out: string[] = [];
  visit(parseDocument(text), {
    Scalar(_key, node, path) {
      if (!isScalar(node) || typeof node.value !== 'string' || !/TODO|待填写/i.test(node.value)) return;
      const parts: (string | number)[] = [];
      for (let i = 1; i < path.length; i++) {
        const p = path[i] as { key?: { value?: unknown }; items?: unknown[] };
        const parent = path[i - 1] as { items?: unknown[] };
        if (p && 'key' in p && p.key) parts.push(String((p.key as { value: unknown }).value));
        else if (parent?.items) parts.push(parent.items.indexOf(p));
      }
      out.push(parts.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), ''));
    },
  });
  return out.sort();
}

describe('init', () => {
  for (const jurisdictions of [[...JURISDICTIONS], ['pipl'], ['gdpr', 'ccpa']] as const) {
    it(`scaffolds for ${jurisdictions.join(', ')}: check reports exactly the marked values`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'policygen-init-'));
      const file = join(dir, 'acme.yaml');
      const result = await init(file, { jurisdictions, company: 'Acme Ltd' });
      expect(result).toEqual({ ok: true, diagnostics: [] });
      const text = readFileSync(file, 'utf8');
      expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schema\/facts\.schema\.json$/);
      expect(text).toContain('en: Acme Ltd');
      const { diagnostics } = await preparePolicy(file, await library());
      expect(diagnostics.filter((d) => d.id !== 'placeholder')).toEqual([]);
      const reported = diagnostics.map((d) => d.path!).sort();
      expect(reported).toEqual(markedPaths(text));
      expect(reported.length).toBeGreaterThan(10);
      for (const d of diagnostics) expect(d.line).toBeGreaterThan(0);
    });
  }

  it('refuses to overwrite an existing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-init-'));
    const file = join(dir, 'acme.yaml');
    await init(file, { jurisdictions: ['pipl'] });
    const before = readFileSync(file, 'utf8');
    const again = await init(file, { jurisdictions: ['gdpr'] });
    expect(again.ok).toBe(false);
    expect(again.diagnostics[0]).toMatchObject({ id: 'file-exists', file });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
