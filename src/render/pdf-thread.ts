// finishPdf (src/render/pdf-bytes.ts) in a worker thread: the PDF byte fix-ups take tens of
// milliseconds a document, and while Node's main thread runs them it cannot drive the
// browser, whose pages then wait. One worker, started on first use, takes the fix-ups of
// every document in turn; it keeps the process alive only while it has work.
//
// The worker runs the compiled module (dist/render/pdf-worker.js). Where there is none,
// where this code itself runs uncompiled (the tests run src/), or where the worker cannot
// start, the fix-ups run here, in this thread: the same function, the same bytes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../package-root.js';
import { finishPdf, PdfRenderError, type FinishJob, type PrintedPage } from './pdf-bytes.js';

/** A finished PDF, or the error finishPdf threw, as the worker sends it back. */
export type FinishReply = { id: number; pdf: Uint8Array } | { id: number; error: { name: string; message: string; stack?: string } };

const WORKER_FILE = join(PACKAGE_ROOT, 'dist', 'render', 'pdf-worker.js');
const compiled = import.meta.url.endsWith('.js');

interface Thread {
  worker: Worker;
  /** True once the worker runs; false when it could not start (then this thread does the work). */
  ready: Promise<boolean>;
}
let thread: Thread | null | undefined; // undefined: not started yet; null: none to be had
let nextId = 0;
const pending = new Map<number, { resolve: (pdf: Uint8Array) => void; reject: (error: Error) => void }>();

/** What to transfer with a message holding `bytes`: their buffer when they fill it alone (moved, not copied), else nothing. */
export function transferList(bytes: Uint8Array): ArrayBuffer[] {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : [];
}

function revive(error: { name: string; message: string; stack?: string }): Error {
  const revived = error.name === 'PdfRenderError' ? new PdfRenderError(error.message) : new Error(error.message);
  if (error.stack) revived.stack = error.stack;
  return revived;
}

function start(): Thread | null {
  if (!compiled || !existsSync(WORKER_FILE)) return null;
  // Not the flags that only make sense for the main script (`node --input-type=module -e …`).
  const worker = new Worker(WORKER_FILE, { execArgv: process.execArgv.filter((flag) => !flag.startsWith('--input-type')) });
  worker.unref();
  let online = false;
  const ready = new Promise<boolean>((resolve) => {
    worker.once('online', () => resolve((online = true)));
    // A worker that cannot start: this thread does the work from now on.
    const failed = (): void => {
      if (online) return;
      if (thread?.worker === worker) thread = null;
      resolve(false);
    };
    worker.once('error', failed);
    worker.once('exit', failed);
  });
  worker.on('message', (reply: FinishReply) => {
    const task = pending.get(reply.id);
    if (!task) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if ('pdf' in reply) task.resolve(reply.pdf);
    else task.reject(revive(reply.error));
  });
  // A running worker that dies (out of memory, a crash) fails what it held; the next document starts another.
  const lost = (error: Error): void => {
    if (!online) return;
    if (thread?.worker === worker) thread = undefined;
    for (const [id, task] of pending) {
      pending.delete(id);
      task.reject(new PdfRenderError(`the PDF worker thread stopped: ${error.message}`, { cause: error }));
    }
  };
  worker.on('error', lost);
  worker.on('exit', (code) => lost(new Error(`exit code ${code}`)));
  return { worker, ready };
}

/** Whether finishPdfOffThread uses a worker thread here (false: this thread, see above). */
export async function finishesOffThread(): Promise<boolean> {
  if (thread === undefined) thread = start();
  return thread ? thread.ready : false;
}

/** finishPdf in the worker thread (the page's bytes move there, not copied), or here when there is none. */
export async function finishPdfOffThread(printed: PrintedPage, job: FinishJob): Promise<Uint8Array> {
  if (thread === undefined) thread = start();
  const current = thread;
  if (!current || !(await current.ready)) return finishPdf(printed, job);
  const id = nextId++;
  return new Promise<Uint8Array>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    current.worker.ref();
    const { pdf, headings, links } = printed;
    const { htmlPath, title, lang, fixedDate } = job;
    current.worker.postMessage({ id, printed: { pdf, headings, links }, job: { htmlPath, title, lang, fixedDate } }, transferList(pdf));
  });
}
