// Child process of scripts/bench.mjs: Markdown → HTML in process, in a fresh Node process so
// that "first call" really is the first call (no earlier unified work, no puppeteer loaded).
//   node scripts/bench/md-html.mjs <data.yaml> <iterations>
// Prints one JSON document on stdout.
import { loadLibrary } from '../../dist/compose/library.js';
import { preparePolicy } from '../../dist/build/prepare.js';
import { markdownToHtml, renderPage } from '../../dist/render/html.js';
import { summary } from './lib.mjs';

const [file = 'data/example.yaml', iterationsArg = '50'] = process.argv.slice(2);
const iterations = Number(iterationsArg);

const library = await loadLibrary();
const { policy, diagnostics } = await preparePolicy(file, library);
if (!policy) {
  process.stderr.write(`${file} did not compose:\n${diagnostics.map((d) => d.message).join('\n')}\n`);
  process.exit(1);
}
const docs = policy.composed.documents;
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
  }),
);
