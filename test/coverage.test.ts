/**
 * Jurisdiction coverage. The example covers every required disclosure; and for every
 * disclosure id of every module (generated from the module files, not hand-picked),
 * deleting each fact it needs makes `check` name that disclosure id and the field to add,
 * with its location.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { preparePolicy } from '../src/pipeline/prepare.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { formatPath } from '../src/diagnostics.js';
import { holdsCondition, missingFacts } from '../src/jurisdictions/coverage.js';
import { factsFrom, library } from './helpers/library.js';

const examplePath = join(PACKAGE_ROOT, 'data', 'example.yaml');
const exampleYaml = readFileSync(examplePath, 'utf8');
const example = factsFrom(exampleYaml);
const lib = await library();
const dir = mkdtempSync(join(tmpdir(), 'policygen-coverage-'));

/** Concrete paths in the example that a fact pattern names (the first element of each list). */
function concretePaths(pattern: string): (string | number)[][] {
  // A pattern's concrete paths are what `missingFacts` would report on data lacking them;
  // find them by asking it about an empty object shaped like the example.
  const found: (string | number)[][] = [];
  const walk = (value: unknown, segments: string[], path: (string | number)[]): void => {
    if (!segments.length) {
      if (value !== undefined && value !== null) found.push(path);
      return;
    }
    const [segment, ...rest] = segments;
    const list = /^(\w+)\[(\?(\w+))?\]$/.exec(segment!);
    if (!list) return walk((value as Record<string, unknown> | undefined)?.[segment!], rest, [...path, segment!]);
    const items = (value as Record<string, unknown[]> | undefined)?.[list[1]!] ?? [];
    const index = items.findIndex((item) => !list[3] || (item as Record<string, unknown>)[list[3]]);
    if (index >= 0) walk(items[index], rest, [...path, list[1]!, index]);
  };
  walk(parseYaml(exampleYaml), pattern.split('.'), []);
  return found.slice(0, 1);
}

function without(path: (string | number)[]): string {
  const data = parseYaml(exampleYaml);
  let parent = data;
  for (const part of path.slice(0, -1)) parent = parent[part];
  delete parent[path[path.length - 1]!];
  return stringifyYaml(data);
}

describe('the example covers every required disclosure', () => {
  it('check reports no missing disclosure', async () => {
    const result = await preparePolicy(examplePath, lib);
    expect(result.diagnostics).toEqual([]);
    const missing = result.coverage!.filter((e) => !e.covered);
    expect(missing).toEqual([]);
    // Every enabled module contributes entries, each with its clause numbered in both languages.
    for (const j of example.jurisdictions) expect(result.coverage!.some((e) => e.jurisdiction === j)).toBe(true);
    for (const entry of result.coverage!.filter((e) => e.clause)) expect(Object.keys(entry.numbers)).toEqual(['zh-CN', 'en']);
  });
});

describe('deleting a required fact names the disclosure and the field', () => {
  for (const [jurisdiction, module] of lib.modules) {
    if (!example.jurisdictions.includes(jurisdiction)) continue;
    for (const disclosure of module.disclosures) {
      if (!holdsCondition(disclosure.when, example)) continue;
      const conditionFacts = [disclosure.when?.fact, disclosure.when?.not, disclosure.when?.below?.[0]].filter(Boolean);
      for (const pattern of disclosure.facts) {
        if (conditionFacts.includes(pattern)) continue;
        for (const path of concretePaths(pattern)) {
          const field = formatPath(path);
          it(`${disclosure.id}: without ${field}`, async () => {
            const file = join(dir, `${disclosure.id}-${field}.yaml`.replace(/[^\w.-]+/g, '_'));
            writeFileSync(file, without(path));
            const { diagnostics } = await preparePolicy(file, lib);
            const naming = diagnostics.filter((d) => d.message.includes(disclosure.id));
            expect(naming, JSON.stringify(diagnostics, null, 2)).not.toEqual([]);
            const d = naming[0]!;
            expect(d.severity).toBe('error');
            expect(d.file).toBe(file);
            expect(d.line).toBeGreaterThan(0);
            // The field to add: the deleted one (or, for a list entry, the same field there).
            expect(d.path).toBe(field);
            expect(d.fix).toMatch(/^add `/);
          });
        }
      }
    }
  }

  it('missingFacts reports each list element lacking a field', () => {
    const facts = { list: [{ a: 1, flag: true }, { flag: true }, { a: 2 }, {}] };
    expect(missingFacts(facts, 'list[].a').map(formatPath)).toEqual(['list[1].a', 'list[3].a']);
    expect(missingFacts(facts, 'list[?flag].a').map(formatPath)).toEqual(['list[1].a']);
    expect(missingFacts(facts, 'group.field').map(formatPath)).toEqual(['group.field']);
  });
});

describe('transfer mechanisms', () => {
  it('a transfer with no mechanism a jurisdiction accepts is refused, located', async () => {
    const data = parseYaml(exampleYaml);
    data.transfers[0].mechanisms = ['consent'];
    const file = join(dir, 'consent-only.yaml');
    writeFileSync(file, stringifyYaml(data));
    const { diagnostics } = await preparePolicy(file, lib);
    const transfer = diagnostics.filter((d) => d.id === 'transfer-mechanism');
    const rejecting = [...lib.modules.values()].filter((m) => example.jurisdictions.includes(m.id) && !m.transfer_mechanisms.includes('consent')).map((m) => m.id);
    expect(rejecting.length).toBeGreaterThan(0);
    expect(transfer.map((d) => d.message)).toEqual(rejecting.map((j) => `the transfer to US has no mechanism that ${j} accepts`));
    for (const d of transfer) expect(d).toMatchObject({ path: 'transfers[0].mechanisms', file });
  });
});
