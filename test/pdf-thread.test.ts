// The PDF byte fix-ups in a worker thread (src/render/pdf-thread.ts). The tests run src/,
// where the fix-ups run in the calling thread; the CLI and the library run dist/, where a
// worker does them. Both must give the same bytes, the same errors, and a worker must
// never keep the process alive once its work is done.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withBrowser } from '../src/render/browser.js';
import { finishPdf, printPdf, renderPdf, type PdfJob, type PrintedPage } from '../src/render/pdf.js';
import { finishesOffThread } from '../src/render/pdf-thread.js';
import { describeWith } from './helpers/browser.js';
import { makeSite } from './helpers/pdf-site.js';
import { sha256 } from './helpers/pdf-readback.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const distThread = pathToFileURL(path.join(root, 'dist', 'render', 'pdf-thread.js')).href;
const distBytes = pathToFileURL(path.join(root, 'dist', 'render', 'pdf-bytes.js')).href;

type Thread = typeof import('../src/render/pdf-thread.js');
const copy = (printed: PrintedPage): PrintedPage => ({ ...printed, pdf: new Uint8Array(printed.pdf) });

it('runs the fix-ups in this thread when the code runs uncompiled (the tests)', async () => {
  await expect(finishesOffThread()).resolves.toBe(false);
});

describeWith({ browser: true }, 'finishing PDFs in a worker thread (dist/)', () => {
  let tmp: string;
  let job: PdfJob;
  let printed: PrintedPage;
  let rendered: Uint8Array;
  let thread: Thread;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'policygen-pdf-thread-'));
    job = { htmlPath: makeSite(path.join(tmp, 'site')), lang: 'zh-CN', title: '示例科技隐私政策 · Privacy Policy', stampLabel: 'v3 · 最后更新：2026年3月7日', fixedDate: '2026-03-07' };
    await withBrowser(async (pool) => {
      printed = await printPdf(pool, job);
      rendered = await renderPdf(pool, job);
    });
    thread = (await import(distThread)) as Thread;
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('uses a worker there, and it gives the bytes this thread gives', async () => {
    await expect(thread.finishesOffThread()).resolves.toBe(true);
    const here = finishPdf(copy(printed), job);
    const there = await thread.finishPdfOffThread(copy(printed), job);
    expect(sha256(there)).toBe(sha256(here));
    expect(sha256(rendered)).toBe(sha256(here));
    // Several at once come back each to its own caller.
    const titles = ['A', 'B', 'C'];
    const many = await Promise.all(titles.map((title) => thread.finishPdfOffThread(copy(printed), { ...job, title })));
    titles.forEach((title, i) => expect(sha256(many[i]!)).toBe(sha256(finishPdf(copy(printed), { ...job, title }))));
  });

  it("brings a fix-up's error back as a PdfRenderError naming the page, and goes on working", async () => {
    const broken = copy(printed);
    const text = Buffer.from(broken.pdf).toString('latin1').replace(/\/(CreationDate|ModDate)/g, '/XreationDat');
    broken.pdf = new Uint8Array(Buffer.from(text, 'latin1'));
    const error = await thread.finishPdfOffThread(copy(broken), job).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.name).toBe('PdfRenderError');
    expect(error?.message).toContain(job.htmlPath);
    expect(error?.message).toContain('no /CreationDate or /ModDate');
    expect(() => finishPdf(copy(broken), job)).toThrow(error!.message);
    expect(sha256(await thread.finishPdfOffThread(copy(printed), job))).toBe(sha256(rendered));
  });

  it('lets the process end by itself once the work is done (the worker holds it only while busy)', () => {
    const raw = path.join(tmp, 'raw.json');
    writeFileSync(raw, JSON.stringify({ pdf: Buffer.from(printed.pdf).toString('base64'), headings: printed.headings, links: printed.links, job }));
    const script = `
      import { readFileSync } from 'node:fs';
      import { createHash } from 'node:crypto';
      const { finishPdfOffThread, finishesOffThread } = await import(${JSON.stringify(distThread)});
      await import(${JSON.stringify(distBytes)});
      const r = JSON.parse(readFileSync(${JSON.stringify(raw)}, 'utf8'));
      const pdf = await finishPdfOffThread({ pdf: new Uint8Array(Buffer.from(r.pdf, 'base64')), headings: r.headings, links: r.links }, r.job);
      console.log(await finishesOffThread(), createHash('sha256').update(pdf).digest('hex'));
    `;
    // A worker that kept the process alive would hang it: the limit only catches that.
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(child.error).toBeUndefined();
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe(`true ${sha256(rendered)}`);
  });
});
