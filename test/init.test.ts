/** `policygen init`: a complete scaffold whose only problems are the values to fill in. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, isScalar, visit } from 'yaml';
import { preparePolicy } from '../src/pipeline/prepare.js';
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

  it('writes the legal model: a TODO basis per enabled law with that law\'s list, transfers with from, and check names each choice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policygen-init-'));
    const file = join(dir, 'acme.yaml');
    await init(file, { jurisdictions: ['pipl', 'gdpr'], company: 'Acme Ltd' });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('  bases: { pipl: TODO, gdpr: TODO }\n');
    expect(text).toMatch(/# pipl: consent, contract, hr_management, legal_obligation, emergency, news_reporting, public_information, other_law, not_applicable \(no legitimate_interests/);
    expect(text).toMatch(/^# {3}- from: \[CN, EEA\]/m);
    expect(text).not.toMatch(/legal_basis|response_days/);
    const { diagnostics } = await preparePolicy(file, await library());
    const pipl = diagnostics.find((d) => d.path === 'purposes[0].bases.pipl')!;
    expect(pipl).toMatchObject({ id: 'placeholder', line: text.split('\n').findIndex((l) => l.includes('bases: { pipl: TODO')) + 1 });
    expect(pipl.fix).toContain('consent, contract, hr_management');
    expect(pipl.fix).not.toContain('legitimate_interests');
    // With every law: the UK follows the GDPR, and CCPA's thresholds are a choice too.
    const all = join(dir, 'all.yaml');
    await init(all, { jurisdictions: ['pipl', 'gdpr', 'uk', 'ccpa', 'lgpd'] });
    const allText = readFileSync(all, 'utf8');
    expect(allText).toContain('  bases: { pipl: TODO, gdpr: TODO, lgpd: TODO }\n');
    expect(allText).toMatch(/^ {2}thresholds_met: TODO/m);
    expect(allText).toMatch(/^# {3}- from: \[CN, EEA, GB, BR\]/m);
  });

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
