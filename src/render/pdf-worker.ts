// The worker thread of src/render/pdf-thread.ts: finishPdf for each message, the bytes or
// the error sent back.
import { parentPort } from 'node:worker_threads';
import { finishPdf, type FinishJob, type PrintedPage } from './pdf-bytes.js';
import type { FinishReply } from './pdf-thread.js';

parentPort!.on('message', ({ id, printed, job }: { id: number; printed: PrintedPage; job: FinishJob }) => {
  let reply: FinishReply;
  try {
    reply = { id, pdf: finishPdf(printed, job) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = { id, error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
  }
  // The bytes move back (not copied) when they fill their own buffer, as finishPdf's do.
  const own = 'pdf' in reply && reply.pdf.byteOffset === 0 && reply.pdf.byteLength === reply.pdf.buffer.byteLength;
  parentPort!.postMessage(reply, own ? [(reply as { pdf: Uint8Array }).pdf.buffer as ArrayBuffer] : []);
});
