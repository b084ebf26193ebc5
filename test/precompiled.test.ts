// The precompiled cache (dist/precompiled.cjs) may only make runs faster: everything built
// with it must be byte-identical to what is built without it, and an edited template or
// module must be compiled from its new source, never served from the cache.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { afterEach, describe, expect, it } from 'vitest';
import { compose } from '../src/compose/compose.js';
import { loadLibrary } from '../src/library/library.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { compileTemplate, HTML_TEMPLATE, MARKDOWN_TEMPLATE, parseTrustedYaml, usePrecompiled, writePrecompiled } from '../src/library/precompiled.js';
import { renderIndexPage, renderPage } from '../src/render/html.js';
import { copyLibraryRoot, factsFrom } from './helpers/library.js';

const tmp = mkdtempSync(join(tmpdir(), 'policygen-precompiled-'));
const cacheFile = join(tmp, 'precompiled.cjs');
const written = writePrecompiled(PACKAGE_ROOT, cacheFile);
afterEach(() => usePrecompiled()); // back to the default file

const hbsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? hbsFiles(join(dir, e.name)) : e.name.endsWith('.hbs') ? [join(dir, e.name)] : []));

async function buildExample() {
  const source = join(PACKAGE_ROOT, 'data', 'example.yaml');
  const facts = factsFrom(readFileSync(source, 'utf8'), source);
  const library = await loadLibrary();
  const { documents } = compose(facts, library, { date: '2026-03-07' });
  const pages = documents.map((doc) => renderPage(doc, { assets: '../assets/', alternates: [], contentsLabel: 'Contents' }));
  return { library, markdown: documents.map((d) => d.markdown), pages };
}

describe('precompiled templates and modules', () => {
  it('holds every template and YAML file under templates/', () => {
    const templates = hbsFiles(join(PACKAGE_ROOT, 'templates'));
    expect(written.templates).toBe(templates.length);
    // The modules, outline.yaml and each document kind's outline (outline.children.yaml).
    const outlines = readdirSync(join(PACKAGE_ROOT, 'templates')).filter((n) => /^outline(\.[a-z]+)?\.yaml$/.test(n)).length;
    const yamlFiles = readdirSync(join(PACKAGE_ROOT, 'templates', 'jurisdictions')).length + outlines;
    expect(written.yaml).toBe(yamlFiles);
    // The cache really is used: a Handlebars compile never runs for a cached source.
    usePrecompiled(cacheFile);
    const source = readFileSync(join(PACKAGE_ROOT, 'templates', 'clauses', 'contact.md.hbs'), 'utf8');
    const env = Handlebars.create();
    env.compile = () => {
      throw new Error('compiled at run time');
    };
    expect(() => compileTemplate(env, source, MARKDOWN_TEMPLATE)).not.toThrow();
  });

  it('builds the example byte-identically with and without the cache', async () => {
    usePrecompiled(null);
    const without = await buildExample();
    usePrecompiled(cacheFile);
    const withCache = await buildExample();
    expect(withCache.markdown).toEqual(without.markdown);
    expect(withCache.pages).toEqual(without.pages);
    expect(withCache.library.modules).toEqual(without.library.modules);
    expect(withCache.library.outline).toEqual(without.library.outline);
    expect(withCache.library.fingerprint).toBe(without.library.fingerprint);
    const index = [{ locale: 'en', name: 'English', title: 'T', stamp: 'S', html: 'a.html', md: 'a.md' }];
    expect(renderIndexPage('<b>Co</b>', index, '../assets/')).toContain('&lt;b&gt;Co&lt;/b&gt;');
  });

  it('compiles an edited template from its new source, with the same options as before', () => {
    usePrecompiled(cacheFile);
    const source = readFileSync(join(PACKAGE_ROOT, 'templates', 'clauses', 'contact.md.hbs'), 'utf8');
    const edited = `EDITED {{value}}\n${source}`;
    const markdown = compileTemplate(Handlebars.create(), edited, MARKDOWN_TEMPLATE);
    expect(() => markdown({})).toThrow(/"value" not defined/); // strict, as the cached ones
    const rendered = compileTemplate(Handlebars.create(), 'EDITED {{value}}', MARKDOWN_TEMPLATE)({ value: '<i>' });
    expect(rendered).toBe('EDITED <i>'); // noEscape: Markdown values arrive escaped already
    expect(compileTemplate(Handlebars.create(), 'EDITED {{value}}', HTML_TEMPLATE)({ value: '<i>' })).toBe('EDITED &lt;i&gt;');
  });

  it('parses an edited module from its new source, and a fresh object each time', () => {
    usePrecompiled(cacheFile);
    const source = readFileSync(join(PACKAGE_ROOT, 'templates', 'jurisdictions', 'pipl.yaml'), 'utf8');
    const first = parseTrustedYaml(source) as { id: string; age: { threshold: number } };
    first.age.threshold = -1;
    expect((parseTrustedYaml(source) as typeof first).age.threshold).toBe(14);
    const edited = source.replace(/threshold: 14/, 'threshold: 15');
    expect(edited).not.toBe(source);
    expect((parseTrustedYaml(edited) as typeof first).age.threshold).toBe(15);
  });

  it('an edited library root builds from its own files', async () => {
    usePrecompiled(cacheFile);
    const root = copyLibraryRoot();
    const contact = join(root, 'templates', 'clauses', 'contact.md.hbs');
    writeFileSync(contact, `Edited contact clause.\n\n${readFileSync(contact, 'utf8')}`);
    const library = await loadLibrary({ root });
    const source = join(PACKAGE_ROOT, 'data', 'example.yaml');
    const { documents } = compose(factsFrom(readFileSync(source, 'utf8'), source), library, { date: '2026-03-07' });
    expect(documents.every((d) => d.markdown.includes('Edited contact clause.'))).toBe(true);
  });

  it('ignores a cache written by another Handlebars version, or a broken one', () => {
    const other = join(tmp, 'other-version.cjs');
    writeFileSync(other, readFileSync(cacheFile, 'utf8').replace(`handlebars: ${JSON.stringify(Handlebars.VERSION)}`, 'handlebars: "1.0.0"'));
    const source = readFileSync(join(PACKAGE_ROOT, 'templates', 'clauses', 'contact.md.hbs'), 'utf8');
    let compiled = 0;
    const env = Handlebars.create();
    const compile = env.compile.bind(env);
    env.compile = (input, options) => {
      compiled++;
      return compile(input, options);
    };
    usePrecompiled(other);
    compileTemplate(env, source, MARKDOWN_TEMPLATE);
    const broken = join(tmp, 'broken.cjs');
    writeFileSync(broken, 'module.exports = {');
    usePrecompiled(broken);
    compileTemplate(env, source, MARKDOWN_TEMPLATE);
    expect(compiled).toBe(2);
  });
});
