// Child process of scripts/bench.mjs: a batch of PDFs through one browser and the page pool,
// exactly as build() renders them (renderPdf: header/footer, bookmarks, tags, post-processing),
// and — in a separate browser, same launch flags, same pool size — Chromium's bare print
// (page.goto + page.pdf, no header/footer, no post-processing) of the same pages: the floor.
//   node scripts/bench/pdf-batch.mjs <data.yaml> <builtOutDir> <docs> <concurrency> <repeats> <pdfOutDir>
// <builtOutDir> holds an HTML build of <data.yaml> (its pages and assets/).
// Prints one JSON document on stdout.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';
import { loadLibrary } from '../../dist/library/library.js';
import { preparePolicy } from '../../dist/pipeline/prepare.js';
import { pdfDocument, policyFiles } from '../../dist/publish/files.js';
import { policyPdfJob } from '../../dist/publish/publish.js';
import { findChromium, launchArgs, withBrowser } from '../../dist/render/browser.js';
import { renderPdf } from '../../dist/render/pdf.js';
import { summary } from './lib.mjs';

const [file, builtDir, docsArg = '20', concurrencyArg = '2', repeatsArg = '3', pdfOut] = process.argv.slice(2);
const docs = Number(docsArg);
const concurrency = Number(concurrencyArg);
const repeats = Number(repeatsArg);
mkdirSync(pdfOut, { recursive: true });

const library = await loadLibrary();
const { policy } = await preparePolicy(file, library);
if (!policy) throw new Error(`${file} did not compose`);

// The same jobs build() makes: every page the build prints (each document's policy page and
// China's lists, in each language), through the same publisher functions.
const outputs = await policyFiles(policy, library, { formats: new Set(['md', 'html', 'pdf']), drafts: new Set() });
const base = outputs.filter((f) => f.pdf !== undefined).map((f) => policyPdfJob(policy, pdfDocument(policy, f), library, resolve(builtDir, policy.id, ...f.path.split('/'))));
const jobs = Array.from({ length: docs }, (_, i) => base[i % base.length]);

const pageCount = (pdf) => (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;

/** One batch through policygen's renderPdf. */
async function policygenBatch(rep) {
  const t0 = performance.now();
  let launchedAt = 0;
  const pages = [];
  await withBrowser(
    async (pool) => {
      launchedAt = performance.now();
      await Promise.all(
        jobs.map(async (job, i) => {
          const pdf = await renderPdf(pool, job);
          pages[i] = pageCount(pdf);
          writeFileSync(join(pdfOut, `policygen-${rep}-${i}.pdf`), pdf);
        }),
      );
    },
    { concurrency },
  );
  const total = performance.now() - t0;
  return { totalMs: total, launchMs: launchedAt - t0, perDocMs: total / docs, perDocSteadyMs: (total - (launchedAt - t0)) / docs, pages };
}

/** The same pages printed by bare puppeteer: same flags, same pool size, no header/footer. */
async function bareBatch(rep) {
  const t0 = performance.now();
  const browser = await puppeteer.launch({ executablePath: findChromium()?.path, headless: true, args: [...launchArgs], pipe: true });
  const launchedAt = performance.now();
  const pages = [];
  try {
    const queue = jobs.map((job, i) => ({ job, i }));
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const page = await browser.newPage();
        for (let next = queue.shift(); next; next = queue.shift()) {
          await page.goto(pathToFileURL(next.job.htmlPath).href, { waitUntil: 'load' });
          const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '20mm', bottom: '18mm', left: '16mm', right: '16mm' }, outline: true, tagged: true, timeout: 0 });
          pages[next.i] = pageCount(pdf);
          writeFileSync(join(pdfOut, `bare-${rep}-${next.i}.pdf`), pdf);
        }
      }),
    );
  } finally {
    await browser.close();
  }
  const total = performance.now() - t0;
  return { totalMs: total, launchMs: launchedAt - t0, perDocMs: total / docs, perDocSteadyMs: (total - (launchedAt - t0)) / docs, pages };
}

// Alternate the two kinds so that machine noise hits both alike.
const policygen = [];
const bare = [];
for (let rep = 0; rep < repeats; rep++) {
  policygen.push(await policygenBatch(rep));
  bare.push(await bareBatch(rep));
}
const pick = (runs, key) => summary(runs.map((r) => r[key]));
process.stdout.write(
  JSON.stringify({
    docs,
    concurrency,
    repeats,
    htmlFiles: base.map((b) => b.htmlPath),
    policygen: { perDocMs: pick(policygen, 'perDocMs'), perDocSteadyMs: pick(policygen, 'perDocSteadyMs'), launchMs: pick(policygen, 'launchMs'), totalMs: pick(policygen, 'totalMs'), pages: policygen[0].pages.slice(0, base.length) },
    bare: { perDocMs: pick(bare, 'perDocMs'), perDocSteadyMs: pick(bare, 'perDocSteadyMs'), launchMs: pick(bare, 'launchMs'), totalMs: pick(bare, 'totalMs'), pages: bare[0].pages.slice(0, base.length) },
  }),
);
