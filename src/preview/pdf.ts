/**
 * PDFs on demand for the preview: one Chromium, started by the first PDF request and kept
 * for the next ones, closed with the server. renderPdf() loads the page from disk, so the
 * page of the current build is written into a temporary folder whose assets/ links to the
 * same font files and stylesheet that build copies (symbolic links, made once).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withBrowser, type PagePool } from '../render/browser.js';
import { loadAssets, writeAssets } from '../render/assets.js';
import { renderPdf } from '../render/pdf.js';
import { companyName, policyPage, policyPdfJob } from '../publish/publish.js';
import type { Snapshot } from './rebuild.js';

export interface PdfServiceOptions {
  /** Use this browser instead of searching for one. */
  executablePath?: string;
  /** Called when the browser has been started (for the terminal and tests). */
  onBrowser?: (event: 'started' | 'closed') => void;
}

interface RunningBrowser {
  pool: Promise<PagePool>;
  /** Ends withBrowser(): the browser closes and its profile is deleted. */
  stop(): Promise<void>;
}

export class PdfService {
  private browser: RunningBrowser | undefined;
  private dir: Promise<string> | undefined;
  private jobs = 0;
  private cache = new Map<string, Promise<Uint8Array>>();
  private closed = false;

  constructor(private readonly options: PdfServiceOptions = {}) {}

  /** The PDF of one language of a snapshot (which must be ok); the same snapshot gives the cached bytes. */
  render(snapshot: Snapshot, locale: string): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('the preview is closing'));
    const key = `${snapshot.version}/${locale}`;
    let result = this.cache.get(key);
    if (!result) {
      // Only the current build's PDFs are worth keeping.
      for (const k of this.cache.keys()) if (!k.startsWith(`${snapshot.version}/`)) this.cache.delete(k);
      result = this.renderNow(snapshot, locale);
      this.cache.set(key, result);
      result.catch(() => this.cache.delete(key));
    }
    return result;
  }

  private async renderNow(snapshot: Snapshot, locale: string): Promise<Uint8Array> {
    const { policy, library, shown } = snapshot;
    if (!policy || !library || !shown) throw new Error('the policy has errors');
    const docs = shown.documents;
    const doc = docs.find((d) => d.locale === locale);
    if (!doc) throw new Error(`the policy has no ${locale} version`);
    const dir = await this.workDir();
    // <tmp>/j<n>/<locale>/index.html links to <tmp>/assets/ as build's pages link to output/assets/.
    const jobDir = join(dir, `j${++this.jobs}`);
    const htmlPath = join(jobDir, locale, 'index.html');
    await mkdir(join(jobDir, locale), { recursive: true });
    try {
      await writeFile(htmlPath, policyPage(doc, docs, library, { assets: '../../assets/', href: (l) => `../${l}/index.html`, draft: snapshot.draft, company: companyName(policy.facts.controller, doc.locale) }));
      const pool = await this.pool();
      return await renderPdf(pool, policyPdfJob(policy, doc, library, htmlPath));
    } catch (error) {
      // A browser that failed once may be gone (crashed, killed): start afresh next time.
      await this.stopBrowser();
      throw error;
    } finally {
      await rm(jobDir, { recursive: true, force: true });
    }
  }

  private pool(): Promise<PagePool> {
    if (!this.browser) {
      let resolvePool!: (pool: PagePool) => void;
      let rejectPool!: (error: unknown) => void;
      let release!: () => void;
      const pool = new Promise<PagePool>((res, rej) => {
        resolvePool = res;
        rejectPool = rej;
      });
      const held = new Promise<void>((res) => (release = res));
      // Puppeteer answers Ctrl-C by killing the browser and exiting the process (code 130)
      // at once. When the application already handles SIGINT (the CLI does: it closes the
      // preview, which closes this browser and deletes its profile), that handler is
      // removed again; without one, puppeteer's stays as the safety net.
      const ownSigint = new Set(process.listeners('SIGINT'));
      const done = withBrowser(
        async (p) => {
          if (ownSigint.size) for (const listener of process.listeners('SIGINT')) if (!ownSigint.has(listener)) process.off('SIGINT', listener);
          this.options.onBrowser?.('started');
          resolvePool(p);
          await held;
        },
        { concurrency: 2, ...(this.options.executablePath ? { executablePath: this.options.executablePath } : {}) },
      ).then(
        () => this.options.onBrowser?.('closed'),
        (error: unknown) => {
          rejectPool(error);
        },
      );
      pool.catch(() => {
        if (this.browser?.pool === pool) this.browser = undefined;
      });
      this.browser = {
        pool,
        stop: async () => {
          release();
          await done;
        },
      };
    }
    return this.browser.pool;
  }

  private async stopBrowser(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    await browser?.stop();
  }

  private workDir(): Promise<string> {
    this.dir ??= (async () => {
      const dir = await mkdtemp(join(tmpdir(), 'policygen-preview-'));
      await writeAssets(join(dir, 'assets'), await loadAssets(), { link: true });
      return dir;
    })();
    return this.dir;
  }

  /** Closes the browser (if one was started) and deletes the temporary folder. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stopBrowser();
    const dir = await this.dir?.catch(() => undefined);
    this.dir = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
