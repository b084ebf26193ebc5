/**
 * Terminal output: diagnostics on stderr, results on stdout, colour only on a TTY and
 * never with NO_COLOR, progress only on a TTY. With --json, stdout carries exactly one
 * JSON document and nothing else.
 */
import { relative } from 'node:path';
import { formatLocation, type Diagnostic } from '../diagnostics.js';
import type { CoverageEntry } from '../jurisdictions/coverage.js';
import { localize, tr, type MessageParams } from '../messages.js';

export interface Printer {
  json: boolean;
  lang: string;
  /** A label from locales/<lang>/cli/messages.json. */
  label(key: string, params?: MessageParams): string;
  /** Diagnostics in the chosen language (for --json too). */
  localized(list: readonly Diagnostic[]): Diagnostic[];
  diagnostics(list: readonly Diagnostic[]): void;
  result(line: string): void;
  /** The coverage table: disclosure → clause numbers, or what is missing. */
  coverage(file: string, entries: readonly CoverageEntry[]): void;
  summary(ok: boolean, line: string): void;
  progress(line: string): void;
  /** A line on stderr at once (lock, progress, interruption); with --json, `event` as one JSON line instead. */
  notice(line: string, event?: Record<string, unknown>): void;
  /** Clears the progress line. */
  done(): void;
  emitJson(value: unknown): void;
  path(p: string): string;
}

const CODES = { red: [31, 39], yellow: [33, 39], green: [32, 39], dim: [2, 22], bold: [1, 22], cyan: [36, 39] } as const;

export function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export function createPrinter({ json, lang = 'en' }: { json: boolean; lang?: string }): Printer {
  const errColor = useColor(process.stderr);
  const outColor = useColor(process.stdout);
  const paint = (on: boolean) => (style: keyof typeof CODES, text: string) => (on ? `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : text);
  const e = paint(errColor);
  const o = paint(outColor);
  const tty = Boolean(process.stderr.isTTY) && !json;
  let progressShown = false;

  const label = (key: string, params: MessageParams = {}) => tr(`labels.${key}`, params, lang);
  return {
    json,
    lang,
    label,
    localized: (list) => list.map((d) => localize(d, lang)),
    diagnostics(list) {
      if (json) return;
      for (const d of list.map((x) => localize(x, lang))) {
        const where = formatLocation(d);
        const sev = d.severity === 'error' ? e('red', label('error')) : e('yellow', label('warning'));
        process.stderr.write(`${where ? `${e('bold', where)}: ` : ''}${sev}: ${d.message} ${e('dim', `[${d.id}]`)}\n`);
        if (d.path) process.stderr.write(`  ${e('dim', label('at'))} ${d.path}\n`);
        if (d.fix) process.stderr.write(`  ${e('cyan', label('fix'))} ${d.fix.split('\n').join('\n       ')}\n`);
      }
    },
    result(line) {
      if (!json) process.stdout.write(`${line}\n`);
    },
    coverage(file, entries) {
      if (json) return;
      const rows = entries.map((e) => [
        e.disclosure,
        e.citation,
        e.applies === false && e.why
          ? label(e.why.key, e.why.params)
          : e.covered
            ? Object.values(e.numbers).join(' / ') || label('dataFileCheck')
            : `${label('missing')}: ${e.missing.join(', ') || e.reason}`,
        e.applies === false ? null : e.covered,
      ] as const);
      const w0 = Math.max(...rows.map((r) => r[0].length));
      const w1 = Math.min(34, Math.max(...rows.map((r) => r[1].length)));
      process.stdout.write(`${o('bold', `${file} — ${label('disclosures')}`)}\n`);
      for (const [id, citation, where, ok] of rows) {
        const cite = citation.length > w1 ? `${citation.slice(0, w1 - 1)}…` : citation.padEnd(w1);
        const mark = ok === null ? o('dim', '–') : ok ? o('green', '✓') : o('red', '✗');
        process.stdout.write(`  ${mark} ${id.padEnd(w0)}  ${o('dim', cite)}  ${ok === null ? o('dim', where) : ok ? where : o('red', where)}\n`);
      }
    },
    summary(ok, line) {
      if (!json) process.stderr.write(`${ok ? e('green', '✓') : e('red', '✗')} ${line}\n`);
    },
    progress(line) {
      if (!tty) return;
      progressShown = true;
      const width = process.stderr.columns ?? 80;
      process.stderr.write(`\r\u001b[2K${line.slice(0, width - 1)}`);
    },
    notice(line, event) {
      if (json) {
        if (event) process.stderr.write(`${JSON.stringify(event)}\n`);
        return;
      }
      if (progressShown) process.stderr.write('\r\u001b[2K');
      progressShown = false;
      process.stderr.write(`${line}\n`);
    },
    done() {
      if (progressShown) process.stderr.write('\r\u001b[2K');
      progressShown = false;
    },
    emitJson(value) {
      process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    path(p) {
      const rel = relative(process.cwd(), p);
      return o('bold', rel && !rel.startsWith('..') ? rel : p);
    },
  };
}
