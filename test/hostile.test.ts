/**
 * Hostile input in EVERY free-text fact at once: HTML, script, Handlebars and i18next
 * syntax, Markdown links to javascript:. The built HTML is opened in headless Chromium
 * (nothing runs, no element is injected) and the PDF is read back (the text is there,
 * literally).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { build, type BuildReport } from '../src/pipeline/build.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { parseFacts } from '../src/facts/load.js';
import { launchArgs } from '../src/render/browser.js';
import { chromium, describeWith, itWith } from './helpers/browser.js';
import { pdfText } from './helpers/pdf-readback.js';

/** The example publishes a China document (PIPL facts) and a global document (the others' facts): both are checked. */
const PAGES = ['china/zh-CN', 'china/en', 'global/zh-CN', 'global/en'];

const PAYLOAD = `<script>window.pwned=1</script><img src=x onerror="window.pwned=2"> {{constructor.constructor 'return 1'}} $t(document.title) [click](javascript:window.pwned=3) *bold* \`code\``;

/** The example with the payload in every string the schema accepts it in. */
function hostileData(): { yaml: string; replaced: number } {
  const original = parseYaml(readFileSync(join(PACKAGE_ROOT, 'data', 'example.yaml'), 'utf8'));
  const paths: (string | number)[][] = [];
  const collect = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string') paths.push(path);
    else if (Array.isArray(v)) v.forEach((x, i) => collect(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, [...path, k]);
  };
  collect(original, []);
  const set = (data: Record<string, unknown>, path: (string | number)[], value: unknown) => {
    let node = data as Record<string | number, unknown>;
    for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
    node[path[path.length - 1]!] = value;
  };
  const get = (data: unknown, path: (string | number)[]) => path.reduce<unknown>((n, p) => (n as Record<string | number, unknown>)[p], data);
  // Everything becomes the payload; then what the schema refuses (emails, URLs, codes, ids…) goes back.
  const data = structuredClone(original);
  // Chinese texts must contain Chinese (else they are refused as untranslated).
  for (const path of paths) set(data, path, path[path.length - 1] === 'zh-CN' ? `${PAYLOAD} 中文` : PAYLOAD);
  // Repeated until nothing more is refused: a check on a whole entry (a channel's value must
  // fit its type) only runs once the entry's own fields are valid again.
  let replaced = 0;
  for (let round = 0; round < 5; round++) {
    const refused = new Set(parseFacts(stringifyYaml(data), 'x.yaml').diagnostics.map((d) => d.path));
    if (!refused.size) break;
    replaced = 0;
    for (const path of paths) {
      const key = path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
      if ([...refused].some((r) => r === key || key.startsWith(`${r}.`) || key.startsWith(`${r}[`))) set(data, path, get(original, path));
      else if (get(data, path) !== get(original, path)) replaced++;
    }
  }
  return { yaml: stringifyYaml(data), replaced };
}

describeWith({}, 'hostile text in every fact', () => {
  let dir: string;
  let report: BuildReport;
  let replaced: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'policygen-hostile-'));
    const data = hostileData();
    replaced = data.replaced;
    writeFileSync(join(dir, 'hostile.yaml'), data.yaml);
    report = await build([join(dir, 'hostile.yaml')], { outDir: join(dir, 'out') });
  });

  it('builds (the payload is valid text) in both languages', () => {
    expect(replaced).toBeGreaterThan(60);
    expect(report.policies[0]!.diagnostics).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('HTML: nothing runs, no element is injected, the text is shown literally', async () => {
    const browser = await puppeteer.launch({ executablePath: chromium!.path, headless: true, args: [...launchArgs] });
    try {
      for (const at of PAGES) {
        const page = await browser.newPage();
        const dialogs: string[] = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        await page.goto(pathToFileURL(join(dir, 'out', 'hostile', at, 'index.html')).href, { waitUntil: 'load' });
        const result = await page.evaluate(() => {
          const allowed = new Set(['H2', 'H3', 'P', 'UL', 'OL', 'LI', 'A', 'STRONG', 'EM', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'DIV', 'CODE', 'BR']);
          const main = document.querySelector('main')!;
          return {
            pwned: String((window as unknown as { pwned?: unknown }).pwned),
            scripts: document.scripts.length,
            // Our own span around a long run without spaces (src/render/html.ts), with nothing but its class, is not injected.
            tags: [...new Set([...main.querySelectorAll('*')].filter((e) => !(e.tagName === 'SPAN' && e.attributes.length === 1 && e.className === 'long-run')).map((e) => e.tagName))].filter((t) => !allowed.has(t)),
            handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
            hrefs: [...main.querySelectorAll('a')].map((a) => a.getAttribute('href')!).filter((h) => !/^(#|https?:|mailto:)/.test(h)),
            occurrences: main.textContent!.split('<script>window.pwned=1</script>').length - 1,
          };
        });
        // Relative links our own text makes (the other document, the China lists) are allowed; none comes from a fact.
        expect({ ...result, hrefs: result.hrefs.filter((h) => !/^(?:\.\.\/\.\.\/(?:china|global)\/[a-zA-Z-]+\/index|[a-z]+-list)\.html$/.test(h)) }, at).toMatchObject({ pwned: 'undefined', scripts: 0, tags: [], handlers: [], hrefs: [] });
        expect(result.occurrences, at).toBeGreaterThan(20);
        expect(dialogs).toEqual([]);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });

  it('Markdown: the payload is escaped, not markup', () => {
    for (const at of PAGES) {
      const md = readFileSync(join(dir, 'out', 'hostile', at, 'policy.md'), 'utf8');
      expect(md, at).toContain('\\<script\\>window.pwned=1\\</script\\>');
      expect(md, at).not.toMatch(/(^|[^\\])<script>/);
      expect(md, at).not.toMatch(/[^\\]\]\(javascript:/);
      expect(md, at).toContain("{{constructor.constructor 'return 1'}}");
      expect(md, at).toContain('$t(document.title)');
    }
  });

  itWith({ browser: false, poppler: true }, 'PDF: the payload is printed as text', () => {
    for (const doc of ['china', 'global']) {
      const text = pdfText(join(dir, 'out', 'hostile', doc, 'en', 'policy.pdf')).replace(/\s+/g, ' ');
      expect(text, doc).toContain('<script>window.pwned=1</script>');
      expect(text, doc).toContain('$t(document.title)');
    }
  });
});
