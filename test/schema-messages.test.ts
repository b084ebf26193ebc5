/**
 * Editors show a sentence, not a regex (issue 14): every pattern or format in the JSON Schema
 * carries the message `check` prints (patternErrorMessage / errorMessage, which
 * yaml-language-server and VS Code display). Dates are quoted in the example, so tools that
 * read YAML 1.1 (PyYAML, js-yaml) see text, not a timestamp.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsJsonSchema } from '../src/facts/schema.js';
import { PACKAGE_ROOT } from '../src/package-root.js';

describe('schema messages for editors', () => {
  it('every pattern and format has a human message', () => {
    const missing: string[] = [];
    let count = 0;
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (typeof n.pattern === 'string' || typeof n.format === 'string') {
        count++;
        const message = (n.patternErrorMessage ?? n.errorMessage) as string | undefined;
        if (!message || /[\\^$]|Invalid/.test(message)) missing.push(`${path} ${String(n.pattern ?? n.format)}`);
      }
      for (const [k, v] of Object.entries(n)) walk(v, `${path}/${k}`);
    };
    walk(factsJsonSchema(), '');
    expect(count).toBeGreaterThan(25);
    expect(missing).toEqual([]);
  });

  it('the email message is the one check prints', () => {
    const text = JSON.stringify(factsJsonSchema());
    expect(text).toContain('"patternErrorMessage":"must be an email address like privacy@example.com"');
    expect(text).toContain('"patternErrorMessage":"must be a date written YYYY-MM-DD, e.g. 2026-03-07"');
  });

  it('dates in the example and in init\'s output are quoted', async () => {
    const example = readFileSync(join(PACKAGE_ROOT, 'data', 'example.yaml'), 'utf8');
    const { scaffold } = await import('../src/scaffold/scaffold.js');
    const { library } = await import('./helpers/library.js');
    const { modules } = await library();
    const unquoted = (text: string) => text.split('\n').filter((l) => /:\s*\d{4}-\d{2}-\d{2}\s*(#.*)?$/.test(l));
    expect(unquoted(example)).toEqual([]);
    const written = scaffold({ company: 'Acme Ltd', jurisdictions: ['pipl', 'gdpr', 'uk', 'ccpa', 'lgpd'], modules, schemaPath: '../schema/facts.schema.json' });
    expect(written).toContain('effective_date: "2026-01-01"');
    expect(unquoted(written)).toEqual([]);
  });
});
