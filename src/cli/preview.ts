/**
 * `policygen preview [file]`: registers the command; prints the URL once and one line per
 * rebuild (or, with --json, one JSON object per line and event); Ctrl-C (or SIGTERM)
 * closes the server and the PDF browser and returns exit code 0.
 */
import { spawn } from 'node:child_process';
import { relative } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { formatLocation, PolicygenError } from '../diagnostics.js';
import { DEFAULT_PORT, isLoopback, PreviewHostError, PreviewPortError, startPreview, type PreviewEvent, type PreviewServer } from '../preview/server.js';
import { createPrinter, useColor } from './print.js';

const EXIT_CONTENT = 1;
const EXIT_USAGE = 2;
const EXIT_ENVIRONMENT = 3;

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('use a port number from 0 to 65535 (0 = any free port)');
  return n;
}

function parseHost(value: string): string {
  if (!isLoopback(value)) throw new InvalidArgumentError('preview serves drafts without authentication and binds to loopback only: use 127.0.0.1, localhost or ::1');
  return value;
}

function parseDate(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  // A real calendar day: 2026-02-30 is refused, not rolled over into March.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError('write the date as YYYY-MM-DD, e.g. 2026-03-07');
  }
  return value;
}

interface PreviewFlags {
  port?: number;
  host: string;
  open?: boolean;
  date?: string;
  json?: boolean;
}

/** Adds `preview` to the program; `setExitCode` receives the command's exit code. */
export function registerPreview(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('preview')
    .description('serve the policy on 127.0.0.1 — both languages side by side, each alone, PDF on demand — and update open pages on every save')
    .argument('[file]', 'data file', 'data/example.yaml')
    .option('-p, --port <n>', `port (default ${DEFAULT_PORT}, or the next free one; 0 = any free port)`, parsePort)
    .option('--host <address>', 'loopback address to bind', parseHost, '127.0.0.1')
    .option('--open', 'open the preview in the default browser')
    .option('-d, --date <YYYY-MM-DD>', 'effective date for the "last updated" stamp (overrides policy.effective_date)', parseDate)
    .option('--json', 'one JSON object per line for each event (listening, rebuild, pdf), for machines')
    .action(async (file: string, flags: PreviewFlags) => {
      setExitCode(await runPreview(file, flags));
    });
}

async function runPreview(file: string, flags: PreviewFlags): Promise<number> {
  const json = Boolean(flags.json);
  const printer = createPrinter({ json });
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
        line(`${paint(1, 'policygen preview')}  ${paint(36, event.url)}  (${displayPath(event.file)}; Ctrl-C to stop)`);
        break;
      case 'rebuild': {
        const time = paint(2, clock());
        const ms = `${Math.round(event.ms)} ms${event.latencyMs === null ? '' : `, ${Math.round(event.latencyMs)} ms after the save`}`;
        if (event.ok) {
          const warn = event.warnings ? paint(33, ` · ${event.warnings} warning${event.warnings === 1 ? '' : 's'}`) : '';
          line(`${time} ${paint(32, '✓ ok')}${warn} ${paint(2, `(${ms})`)}`);
        } else {
          const first = event.diagnostics.find((d) => d.severity === 'error');
          const where = first ? formatLocation(first) : '';
          const detail = first ? ` · ${where ? `${where} ` : ''}${first.message}${event.errors > 1 ? ` (+${event.errors - 1} more)` : ''}` : '';
          line(`${time} ${paint(31, `✗ ${event.errors} error${event.errors === 1 ? '' : 's'}`)}${detail} ${paint(2, `(${ms})`)}`);
        }
        break;
      }
      case 'pdf':
        line(`${paint(2, clock())} ${event.ok ? `PDF ${event.locale} (${event.ms} ms)` : paint(31, `PDF ${event.locale} failed: ${(event.message ?? '').split('\n')[0]}`)}`);
        break;
      case 'watch-error':
        process.stderr.write(`${paint(33, 'warning')} watching: ${event.message}\n`);
        break;
      case 'error':
        process.stderr.write(`${paint(31, 'error')} rebuild failed (the previous build stays on screen): ${event.message}\n`);
        break;
      case 'browser':
        break;
    }
  };

  let preview: PreviewServer;
  try {
    preview = await startPreview({
      file,
      host: flags.host,
      ...(flags.port !== undefined ? { port: flags.port, strictPort: true } : {}),
      ...(flags.date ? { date: flags.date } : {}),
      onEvent,
    });
  } catch (error) {
    if (error instanceof PolicygenError) {
      if (json) line(JSON.stringify({ type: 'error', diagnostics: error.diagnostics }));
      else printer.diagnostics(error.diagnostics);
      return EXIT_CONTENT;
    }
    if (error instanceof PreviewPortError || (error as NodeJS.ErrnoException).code === 'EACCES' || (error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') {
      const message = (error as Error).message;
      if (json) line(JSON.stringify({ type: 'error', message }));
      else process.stderr.write(`${paint(31, 'error')} ${message}\n`);
      return EXIT_ENVIRONMENT;
    }
    if (error instanceof PreviewHostError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT_USAGE;
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
  else line(paint(2, 'preview stopped'));
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
