/**
 * `policygen release`, `verify` and `diff`: flags in, one call into src/versions, output
 * through the same printer as the other commands, exit codes as in main.ts.
 */
import { performance } from 'node:perf_hooks';
import { basename } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { exitCodeFor, type Diagnostic } from '../diagnostics.js';
import { policyIdFromPath } from '../facts/id.js';
import type { DiffFormat, DiffReport } from '../pipeline/diff.js';
import type { ReleaseResult } from '../pipeline/release.js';
import type { Materiality } from '../versions/materiality.js';
import type { VerifyReport } from '../versions/verify.js';
import { localize, resolveLanguage, say as sayDiagnostic } from '../messages.js';
import { interruptible, lockNotice } from './interrupts.js';
import { EXIT, help, parseDate, parseWait, say } from './options.js';
import { createPrinter, type Printer } from './print.js';

const DIFF_FORMATS: readonly DiffFormat[] = ['md', 'html', 'pdf', 'docx'];

function parseVersion(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(say('versionNumber'));
  return n;
}

function parseTo(value: string): number | 'working' {
  return value === 'working' ? 'working' : parseVersion(value);
}

function parseFormats(value: string): DiffFormat[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!list.length || list.some((f) => !(DIFF_FORMATS as readonly string[]).includes(f))) throw new InvalidArgumentError(say('formatsList', { list: DIFF_FORMATS.join(', ') }));
  return list as DiffFormat[];
}

/** `--note <locale>=<text>`, repeatable: the note of any locale of the policy. */
function parseNote(value: string, previous: Record<string, string> | false | undefined): Record<string, string> {
  const match = /^([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)=([\s\S]*)$/.exec(value);
  if (!match) throw new InvalidArgumentError(say('noteFormat'));
  return { ...(previous || {}), [match[1]!]: match[2]! };
}

function parseUrl(value: string): string {
  if (!/^https?:\/\/\S+$/.test(value)) throw new InvalidArgumentError(say('urlFormat'));
  return value;
}

/** Adds release, verify and diff to the program; `setExit` receives each command's exit code. */
export function registerVersionCommands(program: Command, setExit: (code: number) => void): void {
  const lang = () => resolveLanguage(program.opts<{ lang?: string }>().lang);
  program
    .command('release')
    .description(help('release.description'))
    .argument('<file>', help('release.file'))
    .requiredOption('-d, --date <YYYY-MM-DD>', help('release.date'), parseDate)
    .option('--note-zh <text>', help('release.noteZh'))
    .option('--note-en <text>', help('release.noteEn'))
    .option('--note <locale=text>', help('release.note'), parseNote)
    .option('--no-note', help('release.noNote'))
    .option('--wait <seconds>', help('release.wait'), parseWait)
    .option('--json', help('release.json'))
    .action(async (file: string, opts: { date: string; noteZh?: string; noteEn?: string; note?: Record<string, string> | false; wait?: number; json?: boolean }, command: Command) => {
      // Commander gives `note: false` for --no-note; a note given as well is a contradiction.
      const noNote = opts.note === false;
      const given = { ...(opts.note || {}), ...(opts.noteZh !== undefined ? { 'zh-CN': opts.noteZh } : {}), ...(opts.noteEn !== undefined ? { en: opts.noteEn } : {}) };
      if (noNote && Object.keys(given).length) command.error(`error: ${say('noteAndNoNote')}`, { exitCode: EXIT.usage });
      const printer = createPrinter({ json: Boolean(opts.json), lang: lang() });
      interruptible(printer);
      const { release } = await import('../pipeline/release.js'); // loaded on use: --help stays fast
      const result = await release(file, { date: opts.date, ...(noNote ? { noNote: true } : { note: given }), ...(opts.wait !== undefined ? { waitMs: opts.wait * 1000 } : {}), onLock: lockNotice(printer) });
      setExit(printRelease(result, printer, await import('../versions/materiality.js')));
    });

  program
    .command('verify')
    .description(help('verify.description'))
    .argument('<file>', help('verify.file'))
    .option('-o, --out <dir>', help('verify.out'), 'output')
    .option('--expect-head <hash>', help('verify.expectHead'), (v: string) => {
      if (!/^[0-9a-f]{8,64}$/i.test(v.trim())) throw new InvalidArgumentError(say('headFormat'));
      return v.trim();
    })
    .option('--json', help('verify.json'))
    .action(async (file: string, opts: { out: string; expectHead?: string; json?: boolean }) => {
      const printer = createPrinter({ json: Boolean(opts.json), lang: lang() });
      const { readLedger } = await import('../versions/ledger.js');
      const { anchorLedger, verifyLedger } = await import('../versions/verify.js');
      const { publishedVersions } = await import('../versions/archive.js');
      const ledger = await readLedger(file);
      if (!ledger.exists) {
        const d: Diagnostic = { id: 'file-not-found', severity: 'error', file: ledger.file, ...sayDiagnostic('noLedger.message', { file }, 'noLedger.fix') };
        if (printer.json) printer.emitJson({ ok: false, command: 'verify', file: ledger.file, versions: 0, problems: [], diagnostics: printer.localized([d]) });
        else printer.diagnostics([d]);
        setExit(exitCodeFor([d]));
        return;
      }
      const published = await publishedVersions(opts.out, policyIdFromPath(file));
      setExit(printVerify(anchorLedger(verifyLedger(ledger), ledger, published, opts.expectHead), printer));
    });

  program
    .command('diff')
    .description(help('diff.description'))
    .argument('<file>', help('diff.file'))
    .option('--from <N>', help('diff.from'), parseVersion)
    .option('--to <M|working>', help('diff.to'), parseTo)
    .option('-o, --out <dir>', help('diff.out'))
    .addOption(new Option('-f, --format <list>', help('diff.format', { list: DIFF_FORMATS.join(',') })).argParser(parseFormats))
    .option('-d, --date <YYYY-MM-DD>', help('diff.date'), parseDate)
    .option('--base-url <url>', help('diff.baseUrl'), parseUrl)
    .option('--site <dir>', help('diff.site'))
    .option('--json', help('diff.json'))
    .action(async (file: string, opts: { from?: number; to?: number | 'working'; out?: string; format?: DiffFormat[]; date?: string; baseUrl?: string; site?: string; json?: boolean }) => {
      const printer = createPrinter({ json: Boolean(opts.json), lang: lang() });
      if (opts.out) interruptible(printer);
      const started = performance.now();
      const { diff } = await import('../pipeline/diff.js');
      const report = await diff(file, {
        ...(opts.from ? { from: opts.from } : {}),
        ...(opts.to ? { to: opts.to } : {}),
        ...(opts.out ? { outDir: opts.out } : {}),
        formats: opts.format ?? DIFF_FORMATS,
        pdfOptional: !opts.format,
        ...(opts.date ? { date: opts.date } : {}),
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
        ...(opts.site ? { site: opts.site } : {}),
        onLock: lockNotice(printer),
      });
      setExit(printDiff(report, printer, performance.now() - started, opts.out, await import('../versions/materiality.js')));
    });
}

/** What the CLI needs of src/versions/materiality.ts (loaded with the command, not at start-up). */
type MaterialityNames = Pick<typeof import('../versions/materiality.js'), 'articleId' | 'LAW_NAMES' | 'MATERIALITY_LAWS'>;

/** "PIPL separate consent; GDPR inform": the strongest action of each law. */
function strongestLine(actions: Materiality['actions'], printer: Printer, names: MaterialityNames): string {
  const list = names.MATERIALITY_LAWS.filter((law) => actions[law]).map((law) => printer.label('materialityStrongestItem', { law: names.LAW_NAMES[law], action: printer.label(`materialityActions.${actions[law]}`) }));
  return printer.label('materialityStrongest', { list: list.join(printer.label('materialitySeparator')) });
}

/** Per document: each change in words, each law's action and article under it, then the strongest per law. */
function printMateriality(records: NonNullable<DiffReport['materiality']>, printer: Printer, names: MaterialityNames): void {
  for (const record of records) {
    if (!record.changes.length) continue;
    printer.result(`  ${printer.label('materialityDocument', { document: record.document })}`);
    for (const change of record.changes) {
      printer.result(`    ${printer.label('materialityChange', { change: change.summary?.[printer.lang] ?? change.summary?.en ?? change.path })}`);
      for (const law of names.MATERIALITY_LAWS) {
        const step = change.laws[law];
        if (!step) continue;
        const id = step.article ? names.articleId(step.article) : undefined;
        const params = { law: names.LAW_NAMES[law], action: printer.label(`materialityActions.${step.action}`) };
        printer.result(`        ${id ? printer.label('materialityLaw', { ...params, article: printer.label(`materialityArticles.${id}`) }) : printer.label('materialityLawNone', params)}`);
      }
    }
    printer.result(`    ${strongestLine(record.actions, printer, names)}`);
  }
}

function printRelease(result: ReleaseResult, printer: Printer, names?: MaterialityNames): number {
  const id = policyIdFromPath(result.file);
  if (printer.json) {
    const { entry, previous } = result;
    printer.emitJson({
      ok: result.status !== 'failed',
      command: 'release',
      status: result.status,
      file: result.file,
      ledger: result.ledgerFile,
      ...(entry ? { version: entry.version, effective_date: entry.effective_date, kind: entry.kind, hash: entry.hash, previous: entry.previous } : {}),
      ...(result.status === 'unchanged' && previous ? { version: previous.version, effective_date: previous.effective_date, hash: previous.hash } : {}),
      ...(result.materiality ? { materiality: result.materiality } : {}),
      diagnostics: printer.localized(result.diagnostics),
    });
  } else {
    printer.diagnostics(result.diagnostics);
    if (result.status === 'released' && result.entry) {
      const e = result.entry;
      printer.result(printer.label('released', { id, version: e.version, date: e.effective_date, kind: printer.label(`releaseKinds.${e.kind}`), ledger: printer.path(result.ledgerFile) }));
      if (result.materiality && names) printer.result(`  ${strongestLine(result.materiality.actions, printer, names)}`);
    } else if (result.status === 'unchanged' && result.previous) {
      printer.result(printer.label('releaseUnchanged', { id, version: result.previous.version, date: result.previous.effective_date }));
    }
    printer.summary(result.status !== 'failed', printer.label(`releaseStatus.${result.status}`));
  }
  return result.status === 'failed' ? exitCodeFor(result.diagnostics) || EXIT.content : EXIT.ok;
}

function printVerify(report: VerifyReport, printer: Printer): number {
  if (printer.json) printer.emitJson({ command: 'verify', ...report, problems: report.problems.map((p) => ({ ...p, diagnostic: localize(p.diagnostic, printer.lang) })), diagnostics: printer.localized(report.diagnostics) });
  else {
    printer.diagnostics(report.diagnostics);
    if (report.ok) printer.result(printer.label(report.versions === 1 ? 'verifyOkOne' : 'verifyOkMany', { file: printer.path(report.file), count: report.versions, head: report.head?.slice(0, 16) ?? '–' }));
    // Every error counts: malformed lines (a truncated last line) are diagnostics, not chain problems.
    const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
    printer.summary(report.ok, report.ok ? printer.label('ledgerVerified') : printer.label('verifyProblems', { count: errors, file: basename(report.file) }));
  }
  return report.ok ? EXIT.ok : exitCodeFor(report.diagnostics) || EXIT.content;
}

function printDiff(report: DiffReport, printer: Printer, ms: number, out?: string, names?: MaterialityNames): number {
  const { comparison: _comparison, ...rest } = report;
  if (printer.json) {
    printer.emitJson({ command: 'diff', ...rest, diagnostics: printer.localized(rest.diagnostics) });
    return exitCodeFor(report.diagnostics);
  }
  printer.diagnostics(report.diagnostics);
  if (report.from && report.to) {
    const to = report.to.working
      ? report.to.date
        ? printer.label('diffToWorkingDated', { date: report.to.date })
        : printer.label('diffToWorking')
      : printer.label('diffToVersion', { version: report.to.version ?? '', date: report.to.date ?? '' });
    printer.result(printer.label('diffRange', { id: policyIdFromPath(report.file), from: report.from.version, date: report.from.date, to }));
    if (!report.changes.length) printer.result(`  ${printer.label(report.textChanged ? 'diffWordingOnly' : 'diffNoChanges')}`);
    report.changes.forEach((c, i) => {
      const locales = Object.keys(c.text);
      printer.result(`${String(i + 1).padStart(3)}. ${c.text[locales[0]!]}`);
      for (const locale of locales.slice(1)) printer.result(`     ${c.text[locale]}`);
      const refs = locales.map((l) => (c.clauseRefs[l] ?? []).join(', ')).filter(Boolean);
      printer.result(`     ${[refs.join(' / '), c.jurisdictions.join(', ')].filter(Boolean).join(' · ')}`);
    });
    if (report.changes.length && report.wording) printer.result(`  ${printer.label('diffWordingToo')}`);
    if (report.materiality && names) printMateriality(report.materiality, printer, names);
    if (out) printer.result(printer.label('diffWrote', { count: report.files.length, dir: printer.path(out) }));
  }
  const ok = report.ok;
  const count = report.changes.length;
  printer.summary(ok, ok ? printer.label(count === 1 ? 'diffSummaryOne' : 'diffSummaryMany', { count, seconds: (ms / 1000).toFixed(2) }) : printer.label('diffFailed'));
  return exitCodeFor(report.diagnostics);
}
