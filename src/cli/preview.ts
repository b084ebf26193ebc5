/**
 * `policygen preview [file]`: registers the command; prints the URL once and one line per
 * rebuild (or, with --json, one JSON object per line and event); Ctrl-C (or SIGTERM)
 * closes the server and the PDF browser and returns exit code 0.
 */
import { spawn } from 'node:child_process';
import { relative } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { exitCodeFor, formatLocation, PolicygenError } from '../diagnostics.js';
import { localize, resolveLanguage } from '../messages.js';
import { DEFAULT_PORT, isLoopback } from '../preview/host.js';
import type { PreviewEvent, PreviewServer } from '../preview/server.js';
import { EXIT, help, parseDate, say } from './options.js';
import { createPrinter, useColor } from './print.js';

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError(say('portRange'));
  return n;
}

function parseHost(value: string): string {
  if (!isLoopback(value)) throw new InvalidArgumentError(say('hostLoopback'));
  return value;
}

interface PreviewFlags {
  port?: number;
  host: string;
  open?: boolean;
  date?: string;
  document?: string;
  json?: boolean;
}

/** Adds `preview` to the program; `setExitCode` receives the command's exit code. */
export function registerPreview(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('preview')
    .description(help('preview.description'))
    .argument('[file]', help('preview.file'), 'data/example.yaml')
    .option('-p, --port <n>', help('preview.port', { port: DEFAULT_PORT }), parsePort)
    .option('--host <address>', help('preview.host'), parseHost, '127.0.0.1')
    .option('--open', help('preview.open'))
    .option('-d, --date <YYYY-MM-DD>', help('preview.date'), parseDate)
    .option('--document <id>', help('preview.document'))
    .option('--json', help('preview.json'))
    .action(async (file: string, flags: PreviewFlags) => {
      setExitCode(await runPreview(file, flags, resolveLanguage(program.opts<{ lang?: string }>().lang)));
    });
}

async function runPreview(file: string, flags: PreviewFlags, lang: string): Promise<number> {
  const json = Boolean(flags.json);
  const printer = createPrinter({ json, lang });
  const label = (key: string, params: Record<string, string | number> = {}): string => printer.label(`preview.${key}`, params);
  const count = (what: 'errors' | 'warnings', n: number): string => label(`${what}${n === 1 ? 'One' : 'Many'}`, { count: n });
  const color = useColor(process.stdout);
  const paint = (code: number, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const line = (text: string): void => {
    process.stdout.write(`${text}\n`);
  };
  const onEvent = (event: PreviewEvent): void => {
    if (json) {
      line(JSON.stringify({ ...event, time: new Date().toISOString() }));
      return;
    }
    switch (event.type) {
      case 'listening':
        line(`${paint(1, 'policygen preview')}  ${paint(36, event.url)}  ${label('listening', { file: displayPath(event.file) })}`);
        break;
      case 'rebuild': {
        const time = paint(2, clock());
        const ms = event.latencyMs === null ? label('ms', { ms: Math.round(event.ms) }) : label('msAfterSave', { ms: Math.round(event.ms), latency: Math.round(event.latencyMs) });
        if (event.ok) {
          const warn = event.warnings ? paint(33, ` · ${count('warnings', event.warnings)}`) : '';
          line(`${time} ${paint(32, `✓ ${label('ok')}`)}${warn} ${paint(2, `(${ms})`)}`);
        } else {
          const error = event.diagnostics.find((d) => d.severity === 'error');
          const first = error ? localize(error, lang) : undefined;
          const where = first ? formatLocation(first) : '';
          const detail = first ? ` · ${where ? `${where} ` : ''}${first.message}${event.errors > 1 ? ` ${label('more', { count: event.errors - 1 })}` : ''}` : '';
          line(`${time} ${paint(31, `✗ ${count('errors', event.errors)}`)}${detail} ${paint(2, `(${ms})`)}`);
        }
        break;
      }
      case 'pdf':
        line(`${paint(2, clock())} ${event.ok ? label('pdf', { locale: event.locale, ms: event.ms }) : paint(31, label('pdfFailed', { locale: event.locale, message: (event.message ?? '').split('\n')[0] ?? '' }))}`);
        break;
      case 'watch-error':
        process.stderr.write(`${paint(33, printer.label('warning'))} ${label('watching', { message: event.message })}\n`);
        break;
      case 'error':
        process.stderr.write(`${paint(31, printer.label('error'))} ${label('rebuildFailed', { message: event.message })}\n`);
        break;
      case 'browser':
        break;
    }
  };

  // Loaded on use: registering the command (every run of policygen) stays cheap.
  const { PreviewHostError, PreviewPortError, startPreview } = await import('../preview/server.js');
  let preview: PreviewServer;
  try {
    preview = await startPreview({
      file,
      host: flags.host,
      ...(flags.port !== undefined ? { port: flags.port, strictPort: true } : {}),
      ...(flags.date ? { date: flags.date } : {}),
      ...(flags.document ? { document: flags.document } : {}),
      lang,
      onEvent,
    });
  } catch (error) {
    if (error instanceof PolicygenError) {
      if (json) line(JSON.stringify({ type: 'error', diagnostics: printer.localized(error.diagnostics) }));
      else printer.diagnostics(error.diagnostics);
      return exitCodeFor(error.diagnostics) || EXIT.content;
    }
    if (error instanceof PreviewPortError || (error as NodeJS.ErrnoException).code === 'EACCES' || (error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') {
      const message =
        error instanceof PreviewPortError
          ? error.tried > 1
            ? label('portsInUse', { from: error.port, to: error.port + error.tried - 1 })
            : label('portInUse', { port: error.port })
          : (error as Error).message;
      if (json) line(JSON.stringify({ type: 'error', message }));
      else process.stderr.write(`${paint(31, printer.label('error'))} ${message}\n`);
      return EXIT.environment;
    }
    if (error instanceof PreviewHostError) {
      // parseHost refuses such a host first; only a caller of startPreview gets here.
      process.stderr.write(`${say('hostLoopback')}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  if (flags.open) openInBrowser(preview.url);

  // A second Ctrl-C while closing ends the process at once.
  const force = (): never => process.exit(130);
  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.once('SIGINT', force);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  if (!json && process.stdout.isTTY) process.stdout.write('\n');
  await preview.close();
  process.off('SIGINT', force);
  if (json) line(JSON.stringify({ type: 'closed', time: new Date().toISOString() }));
  else line(paint(2, label('stopped')));
  return 0;
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** The system's way of opening a URL; failures are ignored (the URL is printed anyway). */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener: the printed URL is enough.
  }
}
