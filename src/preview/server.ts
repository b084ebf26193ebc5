/**
 * `policygen preview`: a local HTTP server (loopback only) showing one data file's policy
 * while it is being edited.
 *
 *   /               every language side by side, clause k of each in row k
 *   /<locale>/      the published page of one language (renderPage), alone
 *   /pdf/<locale>   its PDF, rendered on demand by one lazily started browser
 *   /assets/…       fonts and stylesheet, from the same files build copies into output/assets/
 *   /events         Server-Sent Events: a new version after every rebuild
 *
 * Saving the data file, a template or a locale file rebuilds (the library is reloaded only
 * when templates or locales changed) and open pages update themselves. While the sources
 * have errors, every page shows them instead of a stale policy.
 *
 * Routing (`route`) is a pure function of the current snapshot and the request; the
 * effects (files, PDFs, event streams) are carried out by `startPreview`. Nothing here
 * prints or exits: the CLI listens to `onEvent`.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PACKAGE_ROOT } from '../package-root.js';
import { PolicygenError, type Diagnostic } from '../diagnostics.js';
import { localize, say as sayDiagnostic, tr, type MessageParams } from '../messages.js';
import { pdfDiagnostic } from '../publish/publish.js';
import { BrowserNotFoundError } from '../render/browser.js';
import { fontFaceCss, fontFiles } from '../render/fonts.js';
import { ledgerPath } from '../versions/ledger.js';
import { PdfService } from './pdf.js';
import { buildSnapshot, loadLibraryState, RenderCache, restamp, type LibraryState, type Snapshot } from './rebuild.js';
import { errorPage, injectReload, messagePage, previewLocales, RELOAD_SCRIPT_HASH, sideBySidePage } from './views.js';
import { watchSources, type SourceChange, type SourceWatcher } from './watch.js';
import { DEFAULT_PORT, isLoopback } from './host.js';

export { DEFAULT_PORT, isLoopback };

/** How many ports after the default are tried when it is taken. */
const PORT_ATTEMPTS = 20;

export interface PreviewOptions {
  /** The data file. */
  file: string;
  /** Port to listen on (default 4321); 0 = any free port. */
  port?: number;
  /** When the port is taken: fail (true) or try the next ones (false, the default). */
  strictPort?: boolean;
  /** Loopback address to bind: 127.0.0.1 (default), localhost or ::1. Nothing else is allowed. */
  host?: string;
  /** Folder holding templates/ and locales/ (default: the package root), as for loadLibrary. */
  root?: string;
  /** Effective date overriding policy.effective_date (as `build --date`). */
  date?: string;
  /** Which document of the policy to show (`policy.documents`; default the first). */
  document?: string;
  /** Quiet time after a save before rebuilding (default 30 ms). */
  debounceMs?: number;
  /** Browser for PDFs (default: findChromium()). */
  executablePath?: string;
  /** Language of the preview's own pages and of diagnostics on them (default en; the policy keeps its languages). */
  lang?: string;
  onEvent?: (event: PreviewEvent) => void;
}

export interface RebuildEvent {
  type: 'rebuild';
  /** Build number, 1 for the first. */
  seq: number;
  version: string;
  ok: boolean;
  errors: number;
  warnings: number;
  /** Time spent loading, composing and rendering. */
  ms: number;
  /** From the first file-system event of the save to the new version being announced (null for the first build). */
  latencyMs: number | null;
  /** Files whose change caused this build (empty for the first build). */
  changed: string[];
  libraryReloaded: boolean;
  diagnostics: Diagnostic[];
}

export type PreviewEvent =
  | { type: 'listening'; url: string; file: string }
  | RebuildEvent
  | { type: 'pdf'; locale: string; ok: boolean; ms: number; bytes?: number; message?: string; id?: string }
  | { type: 'browser'; state: 'started' | 'closed' }
  | { type: 'watch-error'; message: string }
  /** A rebuild failed in an unexpected way (a bug): the previous build stays on screen. */
  | { type: 'error'; message: string };

export interface PreviewServer {
  url: string;
  host: string;
  port: number;
  /** The build currently served. */
  readonly snapshot: Snapshot;
  /** Rebuild now, as if every source had been saved; resolves with the new snapshot. */
  rebuild(): Promise<Snapshot>;
  /** Stops watching, ends event streams, closes the server and the PDF browser. Idempotent. */
  close(): Promise<void>;
}

export class PreviewHostError extends Error {
  constructor(host: string) {
    super(`preview binds to loopback only (127.0.0.1, localhost or ::1), not "${host}": it serves unpublished drafts without authentication`);
    this.name = 'PreviewHostError';
  }
}

export class PreviewPortError extends Error {
  constructor(
    readonly port: number,
    readonly tried: number,
    options?: ErrorOptions,
  ) {
    super(tried > 1 ? `ports ${port}–${port + tried - 1} are all in use; choose one with --port` : `port ${port} is in use; choose another with --port (0 = any free port)`, options);
    this.name = 'PreviewPortError';
  }
}


// ---------------------------------------------------------------------------------------
// Routing: request → what to answer. Pure given the snapshot.

/** Views made once per snapshot: a page and its reload fetch ask for the same HTML. */
const views = new WeakMap<Snapshot, Map<string, string>>();
function memo(snapshot: Snapshot, key: string, make: (s: Snapshot) => string): string {
  let cache = views.get(snapshot);
  if (!cache) views.set(snapshot, (cache = new Map()));
  let html = cache.get(key);
  if (html === undefined) cache.set(key, (html = make(snapshot)));
  return html;
}

export type Route =
  | { kind: 'html'; status: number; body: string }
  | { kind: 'text'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'css'; body: string | (() => Promise<string>) }
  | { kind: 'font'; path: string }
  | { kind: 'events' }
  | { kind: 'pdf'; locale: string };

export interface RouteContext {
  snapshot: Snapshot;
  /** Values the Host header may have (DNS-rebinding protection). */
  hosts: ReadonlySet<string>;
  /** fonts.css for /assets/ and font file name → path. */
  fontCss: string;
  fonts: ReadonlyMap<string, string>;
  /** The stylesheet build copies (read on each request: an edit shows on reload). */
  policyCss: string;
  /** Language of the preview's own words (default en). */
  lang?: string;
}

export function route(ctx: RouteContext, method: string, url: string, host: string | undefined): Route {
  const ui = ctx.lang ?? 'en';
  const say = (key: string, params: MessageParams = {}): string => tr(`labels.preview.${key}`, params, ui);
  if (!host || !ctx.hosts.has(host.toLowerCase())) return { kind: 'text', status: 403, body: `${say('forbiddenHost')}\n` };
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'text', status: 405, body: `${say('onlyGet')}\n`, headers: { allow: 'GET, HEAD' } };
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://preview.invalid').pathname);
  } catch {
    return { kind: 'text', status: 400, body: `${say('badUrl')}\n` };
  }
  const { snapshot } = ctx;
  const locales = previewLocales(snapshot);

  if (path === '/events') return { kind: 'events' };
  if (path === '/assets/fonts.css') return { kind: 'css', body: ctx.fontCss };
  if (path === '/assets/policy.css') return { kind: 'css', body: () => readFile(ctx.policyCss, 'utf8') };
  if (path.startsWith('/assets/fonts/')) {
    const file = ctx.fonts.get(path.slice('/assets/fonts/'.length));
    return file ? { kind: 'font', path: file } : { kind: 'text', status: 404, body: `${say('noFont')}\n` };
  }
  if (path === '/' || path === '/index.html') {
    return snapshot.ok ? { kind: 'html', status: 200, body: memo(snapshot, `sbs ${ui}`, (s) => sideBySidePage(s, ui)) } : { kind: 'html', status: 422, body: memo(snapshot, `errors ${ui}`, (s) => errorPage(s, ui)) };
  }
  const pageMatch = /^\/([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)(\/|\/index\.html)?$/.exec(path);
  if (pageMatch) {
    const locale = pageMatch[1]!;
    if (!pageMatch[2]) return { kind: 'text', status: 301, body: '', headers: { location: `/${locale}/` } };
    if (!snapshot.ok) return { kind: 'html', status: 422, body: memo(snapshot, `errors ${ui}`, (s) => errorPage(s, ui)) };
    const page = snapshot.page(locale);
    if (!page) return { kind: 'html', status: 404, body: messagePage(snapshot, say('noLocale', { locale }), say('writtenIn', { locales: locales.join(', ') }), ui) };
    return { kind: 'html', status: 200, body: injectReload(page, snapshot.version, locale) };
  }
  const pdfMatch = /^\/pdf\/([^/]+?)(?:\.pdf)?$/.exec(path);
  if (pdfMatch) {
    const locale = pdfMatch[1]!;
    if (!snapshot.ok) return { kind: 'html', status: 422, body: memo(snapshot, `errors ${ui}`, (s) => errorPage(s, ui)) };
    if (!snapshot.clauses.has(locale)) return { kind: 'html', status: 404, body: messagePage(snapshot, say('noLocale', { locale }), say('writtenIn', { locales: locales.join(', ') }), ui) };
    return { kind: 'pdf', locale };
  }
  if (path === '/favicon.ico') return { kind: 'text', status: 204, body: '' };
  return { kind: 'html', status: 404, body: messagePage(snapshot, say('notFound'), say('nothingAt', { path, pages: `/, ${locales.map((l) => `/${l}/, /pdf/${l}`).join(', ')}` }), ui) };
}

// ---------------------------------------------------------------------------------------
// The server.

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': `default-src 'self'; script-src '${RELOAD_SCRIPT_HASH}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new PreviewHostError(host);
  const file = options.file;
  const info = statOrUndefined(file);
  if (!info?.isFile()) {
    throw new PolicygenError([
      info
        ? { id: 'file-not-found', severity: 'error', file, ...sayDiagnostic('previewFolder.message', { file }, 'previewFolder.fix') }
        : { id: 'file-not-found', severity: 'error', file, ...sayDiagnostic('inputMissing.message', { file }, 'inputMissing.fix') },
    ]);
  }
  const emit = (event: PreviewEvent): void => {
    try {
      options.onEvent?.(event);
    } catch {
      // A listener's failure must not take the server down.
    }
  };
  const instance = randomBytes(4).toString('hex');
  const ui = options.lang ?? 'en';
  const root = options.root ?? PACKAGE_ROOT;

  // Watching starts before the first build reads anything, so no save is missed.
  let ready = false;
  const early: SourceChange[] = [];
  const reportFailure = (error: unknown): void => emit({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  const watcher: SourceWatcher = watchSources({
    dataFile: resolve(file),
    companions: [ledgerPath(resolve(file))],
    libraryDirs: [join(root, 'templates'), join(root, 'locales')],
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
    onChange: (change) => {
      // Changes during the first build wait for it; they are built right after.
      if (!ready) early.push(change);
      else schedule(change).catch(reportFailure);
    },
    onError: (error) => emit({ type: 'watch-error', message: error.message }),
  });

  // Sources → snapshots. Builds never overlap: changes arriving during one are merged into the next.
  const firstStarted = performance.now();
  let library: LibraryState = await loadLibraryState(options.root);
  let seq = 0;
  const cache = new RenderCache();
  let snapshot = await buildSnapshot({ version: `${instance}.${++seq}`, seq, file, library, cache, ...(options.date ? { date: options.date } : {}), ...(options.document ? { document: options.document } : {}) });
  snapshot.ms = performance.now() - firstStarted;
  let pending: SourceChange | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  const clients = new Set<ServerResponse>();

  const announce = (full: boolean): void => {
    const data = `event: version\ndata: ${JSON.stringify({ version: snapshot.version, ok: snapshot.ok, full })}\n\n`;
    for (const client of clients) client.write(data);
  };

  const rebuildEvent = (s: Snapshot, change: SourceChange | undefined, libraryReloaded: boolean): RebuildEvent => {
    const errors = s.diagnostics.filter((d) => d.severity === 'error').length;
    return {
      type: 'rebuild',
      seq: s.seq,
      version: s.version,
      ok: s.ok,
      errors,
      warnings: s.diagnostics.length - errors,
      ms: Math.round(s.ms * 10) / 10,
      latencyMs: change ? Math.round((performance.now() - change.since) * 10) / 10 : null,
      changed: change?.files ?? [],
      libraryReloaded,
      diagnostics: s.diagnostics,
    };
  };

  const runPending = async (): Promise<void> => {
    while (pending && !closed) {
      const change = pending;
      pending = undefined;
      const started = performance.now();
      let next: Snapshot;
      if (change.library) library = await loadLibraryState(options.root);
      if (change.data || change.library) {
        next = await buildSnapshot({ version: `${instance}.${++seq}`, seq, file, library, cache, ...(options.date ? { date: options.date } : {}), ...(options.document ? { document: options.document } : {}) });
        next.ms = performance.now() - started;
      } else {
        next = restamp(snapshot, `${instance}.${++seq}`, seq);
      }
      if (closed) return;
      snapshot = next;
      // A stylesheet alone changed: pages reload entirely to fetch it.
      announce(!change.data && !change.library);
      emit(rebuildEvent(snapshot, change, change.library));
    }
  };

  const schedule = (change: SourceChange): Promise<void> => {
    pending = pending
      ? { data: pending.data || change.data, library: pending.library || change.library, assets: pending.assets || change.assets, files: [...new Set([...pending.files, ...change.files])].sort(), since: Math.min(pending.since, change.since) }
      : change;
    running ??= runPending().finally(() => {
      running = undefined;
      if (pending && !closed) schedule({ ...pending }).catch(() => {});
    });
    return running;
  };

  const pdfs = new PdfService({
    ...(options.executablePath ? { executablePath: options.executablePath } : {}),
    onBrowser: (state) => emit({ type: 'browser', state }),
  });
  const fonts = new Map(fontFiles().map((f) => [f.name, f.absPath]));
  const fontCss = fontFaceCss('fonts/');
  const policyCss = join(PACKAGE_ROOT, 'templates', 'assets', 'policy.css');
  let hosts = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${tr('labels.preview.internalError', { message: error instanceof Error ? error.message : String(error) }, ui)}\n`);
    });
  });
  // Event streams stay open: no request timeout for them.
  server.requestTimeout = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const current = snapshot;
    const r = route({ snapshot: current, hosts, fontCss, fonts, policyCss, lang: ui }, req.method ?? 'GET', req.url ?? '/', req.headers.host);
    const head = req.method === 'HEAD';
    switch (r.kind) {
      case 'html':
        res.writeHead(r.status, PAGE_HEADERS);
        res.end(head ? undefined : r.body);
        return;
      case 'text':
        res.writeHead(r.status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...r.headers });
        res.end(head ? undefined : r.body);
        return;
      case 'css': {
        const body = typeof r.body === 'string' ? r.body : await r.body();
        res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
        res.end(head ? undefined : body);
        return;
      }
      case 'font': {
        // Font files come from npm packages and never change while the server runs.
        res.writeHead(200, { 'content-type': 'font/woff2', 'cache-control': 'public, max-age=86400, immutable', 'x-content-type-options': 'nosniff' });
        if (head) res.end();
        else createReadStream(r.path).on('error', () => res.destroy()).pipe(res);
        return;
      }
      case 'events': {
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
        res.flushHeaders();
        res.socket?.setNoDelay(true);
        // The current version at once: a page that loaded just before a rebuild catches up.
        res.write(`retry: 500\n\nevent: version\ndata: ${JSON.stringify({ version: snapshot.version, ok: snapshot.ok, full: false })}\n\n`);
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      case 'pdf': {
        const started = performance.now();
        try {
          const pdf = await pdfs.render(current, r.locale);
          const id = current.policy?.id ?? 'policy';
          res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${id}-${r.locale}.pdf"`, 'cache-control': 'no-store', 'content-length': String(pdf.length) });
          res.end(head ? undefined : pdf);
          emit({ type: 'pdf', locale: r.locale, ok: true, ms: Math.round(performance.now() - started), bytes: pdf.length });
        } catch (error) {
          // The same diagnostic build and diff give for this failure (id, message, fix).
          const diagnostic = localize(pdfDiagnostic(error), ui);
          const missing = error instanceof BrowserNotFoundError;
          const message = diagnostic.fix ? `${diagnostic.message} (${diagnostic.fix})` : diagnostic.message;
          res.writeHead(missing ? 503 : 500, PAGE_HEADERS);
          res.end(head ? undefined : messagePage(current, tr(`labels.preview.${missing ? 'noBrowser' : 'pdfNotRendered'}`, {}, ui), message, ui));
          emit({ type: 'pdf', locale: r.locale, ok: false, ms: Math.round(performance.now() - started), message, id: diagnostic.id });
        }
        return;
      }
    }
  }

  // Keep-alive comments so proxies and browsers do not give up on a quiet stream.
  const keepAlive = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();

  let port: number;
  try {
    port = await listen(server, host, options.port ?? DEFAULT_PORT, options.strictPort ?? options.port !== undefined);
  } catch (error) {
    closed = true;
    watcher.close();
    clearInterval(keepAlive);
    throw error;
  }
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  hosts = new Set([`${urlHost}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`].map((h) => h.toLowerCase()));
  const url = `http://${urlHost}:${port}/`;
  emit({ type: 'listening', url, file });
  emit(rebuildEvent(snapshot, undefined, true));
  ready = true;
  for (const change of early.splice(0)) schedule(change).catch(reportFailure);

  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port,
    get snapshot() {
      return snapshot;
    },
    async rebuild() {
      await schedule({ data: true, library: true, assets: false, files: [], since: performance.now() });
      return snapshot;
    },
    close() {
      closing ??= (async () => {
        closed = true;
        watcher.close();
        clearInterval(keepAlive);
        for (const client of clients) client.end();
        clients.clear();
        const stopped = new Promise<void>((res) => server.close(() => res()));
        server.closeAllConnections();
        await Promise.all([stopped, pdfs.close(), running?.catch(() => {})]);
      })();
      return closing;
    },
  };
}

/** Listens on `port`, or when it is taken and `strict` is false, on one of the next ports. Returns the port bound. */
function listen(server: Server, host: string, port: number, strict: boolean): Promise<number> {
  const attempts = strict || port === 0 ? 1 : PORT_ATTEMPTS;
  const bindHost = host.replace(/^\[|\]$/g, '');
  return new Promise((resolvePort, reject) => {
    let attempt = 0;
    const tryPort = (): void => {
      const candidate = port === 0 ? 0 : port + attempt;
      const onError = (error: NodeJS.ErrnoException): void => {
        server.off('listening', onListening);
        if (error.code === 'EADDRINUSE' && ++attempt < attempts && candidate < 65535) tryPort();
        else if (error.code === 'EADDRINUSE') reject(new PreviewPortError(port, attempts, { cause: error }));
        else reject(error);
      };
      const onListening = (): void => {
        server.off('error', onError);
        const address = server.address();
        resolvePort(typeof address === 'object' && address ? address.port : candidate);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(candidate, bindHost);
    };
    tryPort();
  });
}

function statOrUndefined(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
