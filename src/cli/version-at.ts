/**
 * `policygen version-at FILE --date D`: which version of a policy was in force on a date.
 * FILE is a published versions.json, or a data file whose release ledger (beside it) is
 * read and verified. The answer is the newest version whose effective date is on or before D
 * (src/versions/version-record.ts, versionAt). Exit codes: 0 a version was in force, 4 none
 * was (before the first version, or the document asked for did not exist then), 1 the file
 * or ledger cannot be used, 2 usage.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { exitCodeFor, type Diagnostic } from '../diagnostics.js';
import { formatDate, say as sayDiagnostic, resolveLanguage } from '../messages.js';
import { EXIT, help, parseDate, say } from './options.js';
import { createPrinter, type Printer } from './print.js';

/** Exit code when no version was in force on the date asked about (an answer, not a problem). */
export const NOT_IN_FORCE = 4;

export function registerVersionAt(program: Command, setExit: (code: number) => void): void {
  const lang = () => resolveLanguage(program.opts<{ lang?: string }>().lang);
  program
    .command('version-at')
    .description(help('versionAt.description'))
    .argument('<file>', help('versionAt.file'))
    .requiredOption('-d, --date <YYYY-MM-DD>', help('versionAt.date'), parseDate)
    .option('--document <id>', help('versionAt.document'))
    .option('--json', help('versionAt.json'))
    .addHelpText('after', `\n${help('versionAt.exitCodes')}`)
    .action(async (file: string, opts: { date: string; document?: string; json?: boolean }, command: Command) => {
      const printer = createPrinter({ json: Boolean(opts.json), lang: lang() });
      const { versionAt, versionsIndex, versionsIndexProblem } = await import('../versions/version-record.js');
      const loaded = await load(file, { versionsIndex, versionsIndexProblem });
      if ('diagnostics' in loaded) {
        if (printer.json) printer.emitJson({ ok: false, command: 'version-at', file, date: opts.date, diagnostics: printer.localized(loaded.diagnostics) });
        else printer.diagnostics(loaded.diagnostics);
        setExit(exitCodeFor(loaded.diagnostics) || EXIT.content);
        return;
      }
      const { index, name } = loaded;
      const known = index.documents.map((d) => d.document);
      if (opts.document !== undefined && !known.includes(opts.document)) {
        command.error(`error: ${say('versionAt.unknownDocument', { file, document: opts.document, list: known.join(', ') })}`, { exitCode: EXIT.usage });
      }
      const answer = versionAt(index, opts.date, opts.document);
      const inForce = opts.document === undefined ? answer.release !== null : answer.documents[0]?.version != null;
      if (printer.json) {
        printer.emitJson({ ok: true, command: 'version-at', file, date: opts.date, ...(opts.document === undefined ? {} : { document: opts.document }), in_force: inForce, release: answer.release, documents: answer.documents, diagnostics: [] });
      } else {
        printAnswer(printer, name, answer, index, opts.document);
      }
      setExit(inForce ? EXIT.ok : NOT_IN_FORCE);
    });
}

type Index = import('../versions/version-record.js').VersionsIndex;
type Answer = import('../versions/version-record.js').InForce;

/** versions.json as published, or the ledger beside a data file (verified). */
async function load(
  file: string,
  lib: Pick<typeof import('../versions/version-record.js'), 'versionsIndex' | 'versionsIndexProblem'>,
): Promise<{ index: Index; name: string } | { diagnostics: Diagnostic[] }> {
  if (file.toLowerCase().endsWith('.json')) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      return { diagnostics: [{ id: 'file-not-found', severity: 'error', file, ...sayDiagnostic('fileUnreadable.message', { file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }, 'fileUnreadable.fix') }] };
    }
    let value: unknown;
    let problem: string | undefined;
    try {
      value = JSON.parse(text);
      problem = lib.versionsIndexProblem(value);
    } catch (error) {
      problem = (error as Error).message;
    }
    if (problem) return { diagnostics: [{ id: 'ledger-invalid', severity: 'error', file, ...sayDiagnostic('versionsFile.message', { file, detail: problem }, 'versionsFile.fix') }] };
    return { index: value as Index, name: file };
  }
  const { readReleases } = await import('../versions/stamp.js');
  const { policyIdFromPath } = await import('../facts/load.js');
  const releases = await readReleases(file);
  const errors = releases.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) return { diagnostics: releases.diagnostics };
  if (!releases.entries.length) {
    const { ledgerPath } = await import('../versions/ledger.js');
    return { diagnostics: [{ id: 'file-not-found', severity: 'error', file: ledgerPath(file), ...sayDiagnostic('noLedger.message', { file }, 'noLedger.fix') }] };
  }
  const id = policyIdFromPath(file);
  // Addresses from the output folder build writes (`<id>/<document>/versions/<N>/…`), as a data file has no published address.
  return { index: lib.versionsIndex(releases.entries, { policyUrl: `${id}/` }), name: id };
}

function printAnswer(printer: Printer, name: string, answer: Answer, index: Index, document: string | undefined): void {
  const day = (d: string) => formatDate(d, printer.lang);
  const date = day(answer.date);
  if (document === undefined) {
    const r = answer.release;
    if (!r) {
      const first = index.releases[0]!;
      printer.result(printer.label('versionAt.none', { name, date, version: first.version, first: day(first.effective_date) }));
      return;
    }
    printer.result(printer.label(r.in_force_until ? 'versionAt.release' : 'versionAt.releaseOpen', { name, date, version: r.version, from: day(r.effective_date), last: r.in_force_until ? day(dayBefore(r.in_force_until)) : '' }));
  }
  for (const { document: id, version } of answer.documents) {
    if (version) {
      const key = document === undefined ? 'versionAt.document' : 'versionAt.oneDocument';
      printer.result(printer.label(version.in_force_until ? key : `${key}Open`, { name, document: id, date, version: version.version, from: day(version.effective_date), last: version.in_force_until ? day(dayBefore(version.in_force_until)) : '' }));
      continue;
    }
    // Not in force: not yet published on that date, or withdrawn before it.
    const versions = index.documents.find((d) => d.document === id)?.versions ?? [];
    const later = versions.find((v) => v.effective_date > answer.date);
    const ended = [...versions].reverse().find((v) => v.in_force_until !== null && v.in_force_until <= answer.date);
    const params = { name, document: id, date, version: later?.version ?? '', first: later ? day(later.effective_date) : '', until: ended?.in_force_until ? day(ended.in_force_until) : '' };
    const prefix = document === undefined ? 'versionAt.documentNone' : 'versionAt.noneDocument';
    printer.result(printer.label(ended ? `${prefix}Withdrawn` : `${prefix}Before`, params));
  }
}

/** The last day a version was in force: the day before the next one took effect. */
function dayBefore(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

