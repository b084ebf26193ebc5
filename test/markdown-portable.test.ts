/**
 * policy.md works outside policygen (issue 14): markdownlint's MD051 (link fragments) finds no
 * dead cross-reference in any published policy.md, and the anchors are the ids our HTML gives
 * the same headings. A link to a fragment nobody defines is caught, so the check can fail.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from 'markdownlint/promise';
import { describe, expect, it } from 'vitest';
import { compose } from '../src/compose/compose.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { build } from '../src/pipeline/build.js';
import { portableMarkdown } from '../src/publish/markdown.js';
import { factsFrom, library } from './helpers/library.js';

async function md051(strings: Record<string, string>): Promise<Record<string, string[]>> {
  const result = await lint({ strings, config: { default: false, MD051: true } });
  return Object.fromEntries(Object.entries(result).map(([name, errors]) => [name, errors.map((e) => `${e.lineNumber}: ${e.errorContext ?? ''}`)]));
}

describe('portable Markdown', () => {
  it('every cross-reference of the published example resolves (MD051), in both languages', async () => {
    const out = mkdtempSync(join(tmpdir(), 'policygen-md-'));
    const report = await build([join(PACKAGE_ROOT, 'data', 'example.yaml')], { outDir: out, formats: ['md', 'html'] });
    expect(report.ok).toBe(true);
    // Each of the example's documents (china/, global/) in each language.
    const pages = ['china/zh-CN', 'china/en', 'global/zh-CN', 'global/en'];
    const strings: Record<string, string> = {};
    for (const at of pages) strings[at] = readFileSync(join(out, 'example', at, 'policy.md'), 'utf8');
    expect(Object.values(strings).every((md) => /\]\(#contact\)/.test(md))).toBe(true);
    expect(await md051(strings)).toEqual(Object.fromEntries(pages.map((at) => [at, []])));
    // The anchors are our HTML's heading ids: a link into either works for both.
    let anchors = 0;
    for (const at of pages) {
      const html = readFileSync(join(out, 'example', at, 'index.html'), 'utf8');
      const htmlIds = new Set([...html.matchAll(/<h[2-6][^>]* id="([^"]+)"/g)].map((m) => m[1]));
      const mdIds = [...strings[at]!.matchAll(/<a id="([^"]+)"><\/a>$/gm)].map((m) => m[1]);
      expect(mdIds.length, at).toBeGreaterThan(20);
      expect(mdIds.filter((id) => !htmlIds.has(id))).toEqual([]);
      if (at.endsWith('/en')) anchors += mdIds.length;
    }
    expect(anchors).toBeGreaterThan(40);
    expect(readdirSync(join(out, 'example'))).toContain('index.html');
  });

  it('the seeds too, and a dead fragment is reported', async () => {
    const lib = await library();
    const strings: Record<string, string> = {};
    for (const seed of ['clipo', 'openclacky', 'chatloom']) {
      const facts = factsFrom(readFileSync(join(PACKAGE_ROOT, 'test', 'fixtures', 'seeds', `${seed}.yaml`), 'utf8'));
      for (const doc of compose(facts, lib, { date: '2026-03-07' }).documents) {
        const md = portableMarkdown(doc);
        // One anchor per heading, no more, no less.
        expect(md.match(/<a id="[^"]+"><\/a>$/gm)?.length, `${seed} ${doc.locale}`).toBe(doc.headings.length);
        strings[`${seed}-${doc.locale}`] = md;
      }
    }
    const found = await md051(strings);
    expect(Object.values(found).flat()).toEqual([]);
    const broken = await md051({ broken: `${strings['clipo-en']}\nSee [Section 99](#nowhere).\n` });
    expect(broken.broken!.join('\n')).toContain('#nowhere');
  });
});
