// The worker thread of src/render/pdf-thread.ts: finishPdf for each message, the bytes or
// the error sent back.
import { parentPort } from 'node:worker_threads';
import { finishPdf, type FinishJob, type PrintedPage } from './pdf-bytes.js';
import { transferList, type FinishReply } from './pdf-thread.js';

parentPort!.on('message', ({ id, printed, job }: { id: number; printed: PrintedPage; job: FinishJob }) => {
  let reply: FinishReply;
  try {
    reply = { id, pdf: finishPdf(printed, job) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = { id, error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
  }
  parentPort!.postMessage(reply, 'pdf' in reply ? transferList(reply.pdf) : []);
});
