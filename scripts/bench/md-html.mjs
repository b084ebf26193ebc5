// Child process of scripts/bench.mjs: Markdown → HTML in process, in a fresh Node process so
// that "first call" really is the first call (no earlier unified work, no puppeteer loaded).
//   node scripts/bench/md-html.mjs <data.yaml> <iterations> [<folder of data files>]
// markdownToHtml is measured with its section cache off (every call parses: the cost of a new
// document); renderPage uses the cache as builds do, so its warm figure is the cost of a
// document already seen. With a folder, its companies are rendered once each, in order, with
// the cache on and starting empty: what a many-company build pays per document.
// Prints one JSON document on stdout.
import { loadLibrary } from '../../dist/library/library.js';
import { preparePolicy } from '../../dist/pipeline/prepare.js';
import { markdownToHtml, renderPage } from '../../dist/render/html.js';
import { summary } from './lib.mjs';

const [file = 'data/example.yaml', iterationsArg = '50', batchDir] = process.argv.slice(2);
const iterations = Number(iterationsArg);

const library = await loadLibrary();
// Compose the batch first (before any Markdown is rendered), so the first-call figures below
// stay first calls and the cache starts empty.
const batchDocs = [];
if (batchDir) {
  const { readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  for (const name of readdirSync(batchDir).filter((n) => n.endsWith('.yaml')).sort()) {
    const prepared = await preparePolicy(join(batchDir, name), library);
    if (!prepared.policy) throw new Error(`${name} did not compose`);
    for (const doc of prepared.policy.documents.flatMap((c) => c.documents)) batchDocs.push({ body: doc.markdown.replace(/^# .*\n+.*\n+/, ''), headings: doc.headings });
  }
}
const { policy, diagnostics } = await preparePolicy(file, library);
if (!policy) {
  process.stderr.write(`${file} did not compose:\n${diagnostics.map((d) => d.message).join('\n')}\n`);
  process.exit(1);
}
// The first document (the China document when PIPL applies with another law), in each language.
const docs = policy.documents[0].documents;
// Exactly what renderPage feeds markdownToHtml: the document without its h1 and stamp line.
const bodies = docs.map((doc) => doc.markdown.replace(/^# .*\n+.*\n+/, ''));
const pageOptions = (doc) => ({
  assets: '../../assets/',
  alternates: docs.filter((d) => d.locale !== doc.locale).map((d) => ({ locale: d.locale, name: d.locale, label: d.locale, href: `../${d.locale}/index.html` })),
  contentsLabel: 'Contents',
});

// First call of each locale, in document order: the very first includes lazy set-up
// (parsers, JIT warm-up); the second locale's first call is already partly warm.
const first = docs.map((doc, i) => {
  const t0 = performance.now();
  markdownToHtml(bodies[i], doc.headings, { cache: false });
  return { locale: doc.locale, ms: performance.now() - t0 };
});

// Warm: a few unmeasured rounds, then `iterations` measured rounds alternating locales.
for (let w = 0; w < 5; w++) docs.forEach((doc, i) => markdownToHtml(bodies[i], doc.headings, { cache: false }));
const warm = docs.map(() => []);
const page = docs.map(() => []);
for (let r = 0; r < iterations; r++) {
  docs.forEach((doc, i) => {
    let t0 = performance.now();
    markdownToHtml(bodies[i], doc.headings, { cache: false });
    warm[i].push(performance.now() - t0);
    t0 = performance.now();
    renderPage(doc, pageOptions(doc));
    page[i].push(performance.now() - t0);
  });
}
// The batch: every document once, cache on (it holds the example's sections by now too,
// as it would in a build: that is fine, they are the same clauses).
const batch = batchDocs.map(({ body, headings }) => {
  const t0 = performance.now();
  markdownToHtml(body, headings);
  return performance.now() - t0;
});
const perDoc = warm[0].map((_, r) => docs.reduce((sum, __, i) => sum + warm[i][r], 0) / docs.length);
const perPage = page[0].map((_, r) => docs.reduce((sum, __, i) => sum + page[i][r], 0) / docs.length);

process.stdout.write(
  JSON.stringify({
    iterations,
    locales: docs.map((doc, i) => ({
      locale: doc.locale,
      markdownBytes: Buffer.byteLength(bodies[i]),
      htmlBytes: Buffer.byteLength(markdownToHtml(bodies[i], doc.headings, { cache: false })),
      firstCallMs: first[i].ms,
      markdownToHtml: summary(warm[i]),
      renderPage: summary(page[i]),
    })),
    perDocument: { markdownToHtml: summary(perDoc), renderPage: summary(perPage) },
    batch: batch.length ? { documents: batch.length, totalMs: batch.reduce((a, b) => a + b, 0), perDocument: summary(batch) } : null,
  }),
);
