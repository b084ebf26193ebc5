/**
 * The `policygen` command line. It only parses flags, calls the stages, prints, and sets
 * the exit code:
 *   0  success
 *   1  content problems in data files, templates or locales (all of them are listed)
 *   2  usage errors (unknown command or flag, bad flag value)
 *   3  environment problems (no browser for PDFs, output folder locked or unwritable)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command, CommanderError, InvalidArgumentError, Option, type Argument, type Help, type HelpConfiguration } from 'commander';
import type { BuildReport, Format } from '../pipeline/build.js';
import type { CheckReport } from '../pipeline/check.js';
import { CATALOGUE, EXIT_CODES, exitCodeFor, PolicygenError } from '../diagnostics.js';
// The code lists alone: the zod schema is built only by the commands that need it.
import { JURISDICTIONS, type Jurisdiction } from '../facts/schema/codes.js';
import { resolveLanguage } from '../messages.js';
import { interruptible, lockNotice, sweepNotice } from './interrupts.js';
import { createPrinter, type Printer } from './print.js';
import { parseShardFlag, printShard, registerMerge } from './shards.js';
import { EXIT, help, parseDate, parseLang_, parseBaseUrl, parseWait, say, setParseLanguage } from './options.js';

const FORMATS: readonly Format[] = ['md', 'html', 'pdf', 'docx'];
/** Without --format: Word files (docx, for legal review) are built only when asked for. */
const DEFAULT_FORMATS: readonly Format[] = ['md', 'html', 'pdf'];

function parseFormats(value: string): Format[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length || !list.length) throw new InvalidArgumentError(say('formatsList', { list: FORMATS.join(', ') }));
  return list as Format[];
}

function parseJurisdictions(value: string): Jurisdiction[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((j) => !(JURISDICTIONS as readonly string[]).includes(j));
  if (bad.length || !list.length) throw new InvalidArgumentError(say('formatsList', { list: JURISDICTIONS.join(', ') }));
  return [...new Set(list)] as Jurisdiction[];
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 3600) throw new InvalidArgumentError(say('secondsRange'));
  return n;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new InvalidArgumentError(say('concurrencyRange'));
  return n;
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  let exitCode: number = EXIT.ok;
  // Help texts and messages about flags are made before commander parses, so --lang (or the
  // system locale) is read from argv first.
  const langFlag = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  setParseLanguage(resolveLanguage(langFlag < 0 ? undefined : argv[langFlag]!.includes('=') ? argv[langFlag]!.slice(7) : argv[langFlag + 1]));
  const program = new Command('policygen')
    .description(help('program.description'))
    .version(await packageVersion(), '-V, --version', help('program.version'))
    .helpOption('-h, --help', help('program.help'))
    .helpCommand('help [command]', help('program.helpCommand'))
    .showHelpAfterError(help('program.afterError'))
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      writeOut: (s) => process.stdout.write(s),
      // Commander's own messages stay English; their "error:" prefix is translated.
      outputError: (s, write) => write(s.startsWith('error: ') ? help('program.error', { message: s.slice('error: '.length) }) : s),
    })
    .option('--lang <code>', help('program.lang'), parseLang_)
    // Every command takes --lang (before or after its name); its help lists it.
    .configureHelp(localizedHelp())
    .addHelpText('after', `\n${help('program.exitCodes')}`);

  program
    .command('build')
    .description(help('build.description'))
    .argument('[files...]', help('build.files'), ['data'])
    .option('-o, --out <dir>', help('build.out'), 'output')
    .addOption(new Option('-f, --format <list>', help('build.format', { list: FORMATS.join(',') })).argParser(parseFormats))
    .option('-d, --date <YYYY-MM-DD>', help('build.date'), parseDate)
    .option('-c, --concurrency <n>', help('build.concurrency'), parsePositive, 2)
    .option('--pdf-timeout <seconds>', help('build.pdfTimeout'), parseSeconds, 60)
    .option('--wait <seconds>', help('build.wait'), parseWait)
    .option('--base-url <url>', help('build.baseUrl'), parseBaseUrl)
    .option('--shard <k/n>', help('build.shard'), parseShardFlag)
    .option('--force', help('build.force'))
    .option('--json', help('build.json'))
    .action(async (files: string[], opts: { out: string; format?: Format[]; date?: string; concurrency: number; pdfTimeout: number; wait?: number; baseUrl?: string; force?: boolean; json?: boolean } & { shard?: ReturnType<typeof parseShardFlag> }) => {
      const printer = createPrinter({ json: Boolean(opts.json), lang: language() });
      interruptible(printer);
      const started = performance.now();
      const { build } = await import('../pipeline/build.js'); // loaded on use: --help stays fast
      const report = await build(files, {
        outDir: opts.out,
        formats: opts.format ?? DEFAULT_FORMATS,
        pdfOptional: !opts.format,
        concurrency: opts.concurrency,
        pdfTimeoutMs: opts.pdfTimeout * 1000,
        ...(opts.date ? { date: opts.date } : {}),
        ...(opts.wait !== undefined ? { waitMs: opts.wait * 1000 } : {}),
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
        ...(opts.force ? { force: true } : {}),
        ...(opts.shard ? { shard: opts.shard } : {}),
        onLock: lockNotice(printer),
        onSweep: sweepNotice(printer),
        onProgress: (e) => {
          // One line per policy as it finishes (a live counter as well on a terminal).
          const params = { done: e.done, total: e.total, file: e.file };
          printer.notice(printer.label(e.ok ? 'progressDone' : 'progressFailed', params), { event: 'policy', ...params, ok: e.ok });
          if (e.done < e.total) printer.progress(printer.label('progressCounter', params));
        },
      });
      exitCode = printBuild(report, printer, performance.now() - started);
    });

  program
    .command('check')
    .description(help('check.description'))
    .argument('[files...]', help('check.files'), ['data'])
    .option('-d, --date <YYYY-MM-DD>', help('check.date'), parseDate)
    .option('--json', help('check.json'))
    .action(async (files: string[], opts: { date?: string; json?: boolean }) => {
      const printer = createPrinter({ json: Boolean(opts.json), lang: language() });
      const { check } = await import('../pipeline/check.js');
      const report = await check(files, opts.date ? { date: opts.date } : {});
      exitCode = printCheck(report, printer);
    });

  program
    .command('init')
    .description(help('init.description'))
    .argument('[file]', help('init.file'), 'data/policy.yaml')
    .option('--company <name>', help('init.company'))
    .option('-j, --jurisdictions <list>', help('init.jurisdictions', { list: JURISDICTIONS.join(',') }), parseJurisdictions, [...JURISDICTIONS])
    .option('--json', help('init.json'))
    .action(async (file: string, opts: { company?: string; jurisdictions: Jurisdiction[]; json?: boolean }) => {
      const printer = createPrinter({ json: Boolean(opts.json), lang: language() });
      const { init } = await import('../scaffold/init.js');
      const result = await init(file, { jurisdictions: opts.jurisdictions, ...(opts.company ? { company: opts.company } : {}) });
      if (printer.json) printer.emitJson({ ok: result.ok, command: 'init', file, diagnostics: printer.localized(result.diagnostics) });
      else {
        printer.diagnostics(result.diagnostics);
        if (result.ok) printer.result(printer.label('initDone', { file }));
      }
      exitCode = result.ok ? EXIT.ok : exitCodeFor(result.diagnostics) || EXIT.content;
    });

  program
    .command('migrate')
    .description(help('migrate.description'))
    .argument('<file>', help('migrate.file'))
    .option('-n, --dry-run', help('migrate.dryRun'))
    .option('--json', help('migrate.json'))
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const printer = createPrinter({ json: Boolean(opts.json), lang: language() });
      const { migrateFile } = await import('../scaffold/migrate-file.js');
      const { tr: translate } = await import('../messages.js');
      const result = await migrateFile(file, { dryRun: Boolean(opts.dryRun) });
      // Lines are those of the file as written; with --dry-run, of the file as it is.
      const lines = result.changes.map((c) => ({ ...c, at: opts.dryRun ? c.line : c.newLine, message: translate(`messages.migrate.${c.key}`, c.params, printer.lang) }));
      const todo = result.todo.map(({ originalLine, originalColumn, ...d }) => (opts.dryRun && originalLine ? { ...d, line: originalLine, column: originalColumn! } : d));
      if (printer.json) {
        printer.emitJson({
          ok: result.ok,
          command: 'migrate',
          file,
          dryRun: Boolean(opts.dryRun),
          changed: result.changed,
          written: result.written,
          changes: lines.map(({ key, params, at, ...c }) => ({ ...c, line: at, originalLine: c.line, id: key, params })),
          todo: printer.localized(todo),
          diagnostics: printer.localized(result.diagnostics),
        });
      } else {
        for (const c of lines) printer.result(`${printer.path(file)}:${c.at}: ${c.message}`);
        printer.diagnostics([...todo, ...(opts.dryRun ? result.diagnostics.map(({ line, column, ...d }) => d) : result.diagnostics)]);
        const count = result.changes.length;
        if (result.changed) printer.result(printer.label(opts.dryRun ? 'migrateDryRun' : 'migrateChanged', { file: printer.path(file), count }));
        else if (!result.diagnostics.some((d) => d.severity === 'error' && ['file-not-found', 'invalid-encoding', 'yaml-syntax'].includes(d.id))) printer.result(printer.label('migrateNothing', { file: printer.path(file) }));
        if (result.todo.length) printer.summary(false, printer.label('migrateTodo', { file: printer.path(file), count: result.todo.length }));
        else if (!result.ok) printer.summary(false, printer.label('migrateCheck', { file: printer.path(file), count: result.diagnostics.filter((d) => d.severity === 'error').length }));
        else printer.summary(true, printer.label('migrateOk', { file: printer.path(file) }));
      }
      exitCode = result.ok ? EXIT.ok : exitCodeFor([...result.todo, ...result.diagnostics]) || EXIT.content;
    });

  program
    .command('schema')
    .description(help('schema.description'))
    .option('-o, --out <file>', help('schema.out'))
    .action(async (opts: { out?: string }) => {
      const { factsJsonSchema } = await import('../facts/schema.js');
      const text = `${JSON.stringify(factsJsonSchema(), null, 2)}\n`;
      if (opts.out) {
        await mkdir(dirname(opts.out), { recursive: true });
        await writeFile(opts.out, text);
      } else process.stdout.write(text);
    });

  (await import('./preview.js')).registerPreview(program, (code) => (exitCode = code));
  // Versions (src/versions, issue 4): release, verify, diff.
  (await import('./versions.js')).registerVersionCommands(program, (code) => (exitCode = code));
  // Version records (src/versions/version-record.ts, issue 17): version-at, the version in force on a date.
  (await import('./version-at.js')).registerVersionAt(program, (code) => (exitCode = code));
  // Several machines (src/pipeline/shard.ts, merge.ts): merge joins the output folders of build --shard runs.
  registerMerge(program, (code) => (exitCode = code));

  const language = () => resolveLanguage(program.opts<{ lang?: string }>().lang);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      if (error.exitCode === 0) return EXIT.ok;
      // With --json, a usage error is a JSON document too (the text went to stderr).
      if (argv.includes('--json')) {
        const command = argv.find((a) => !a.startsWith('-'));
        process.stdout.write(`${JSON.stringify({ ok: false, ...(command ? { command } : {}), diagnostics: [{ id: 'usage', severity: 'error', message: error.message.replace(/^error: /, '') }] }, null, 2)}\n`);
      }
      return EXIT_CODES[CATALOGUE.usage.exit];
    }
    if (error instanceof PolicygenError) {
      const printer = createPrinter({ json: argv.includes('--json'), lang: language() });
      if (printer.json) printer.emitJson({ ok: false, diagnostics: printer.localized(error.diagnostics) });
      else printer.diagnostics(error.diagnostics);
      return exitCodeFor(error.diagnostics) || EXIT.content;
    }
    throw error;
  }
  return exitCode;
}

/** Commander's headings in help. */
const TITLES: Record<string, string> = { 'Usage:': 'usage', 'Arguments:': 'arguments', 'Options:': 'options', 'Global Options:': 'globalOptions', 'Commands:': 'commands' };
/** East Asian wide characters: two columns each on a terminal. */
const WIDE_CHARS = '\\u1100-\\u115F\\u2E80-\\u303E\\u3041-\\u33FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uA000-\\uA4CF\\uAC00-\\uD7A3\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFF60\\uFFE0-\\uFFE6';
const WIDE = new RegExp(`[${WIDE_CHARS}]`, 'g');
/**
 * Pieces a help line may break between: a word with the spaces before it (as commander
 * wraps), or one wide character — Chinese wraps between characters — with the opening
 * marks before it and the closing marks after it (neither ends or starts a line).
 */
const CHUNK = new RegExp(`\\s*(?:[（「『“‘《]*[${WIDE_CHARS}]|[^\\s${WIDE_CHARS}]+)[，。、；：！？）」』”’》]*`, 'g');

/**
 * Help in the parse language, through commander's documented Help hooks: headings
 * (styleTitle), "(default: …)" after a description, and the width of Chinese text for wrapping.
 * In English the output is commander's own.
 */
function localizedHelp(): HelpConfiguration {
  const withDefault = (text: string, value: unknown, description?: string): string => help('program.default', { text, value: description || JSON.stringify(value) });
  return {
    showGlobalOptions: true,
    styleTitle: (title) => (TITLES[title] ? help(`program.${TITLES[title]}`) : title),
    optionDescription: (option: Option) => {
      // As commander does it (no option here has choices, a preset or an env variable).
      const shown = option.defaultValue !== undefined && (option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean'));
      return shown ? withDefault(option.description, option.defaultValue, option.defaultValueDescription) : option.description;
    },
    argumentDescription: (argument: Argument) => (argument.defaultValue !== undefined ? withDefault(argument.description, argument.defaultValue, argument.defaultValueDescription) : argument.description),
    displayWidth: (text) => text.replace(/\u001b\[[\d;]*m/g, '').length + (text.match(WIDE)?.length ?? 0),
    // Commander's boxWrap with CHUNK for its /\s*\S+/: the same lines for text without wide characters.
    boxWrap(this: Help, text: string, width: number) {
      if (width < this.minWidthToWrap) return text;
      return text
        .split(/\r\n|\n/)
        .flatMap((raw) => {
          const chunks = raw.match(CHUNK);
          if (!chunks) return [''];
          const lines: string[] = [];
          let line = chunks.shift()!;
          for (const chunk of chunks) {
            if (this.displayWidth(line) + this.displayWidth(chunk) <= width) line += chunk;
            else {
              lines.push(line);
              line = chunk.trimStart();
            }
          }
          return [...lines, line];
        })
        .join('\n');
    },
  };
}

function printBuild(report: BuildReport, printer: Printer, ms: number): number {
  const all = [...report.diagnostics, ...report.policies.flatMap((p) => p.diagnostics)];
  printer.done();
  if (printer.json) {
    printer.emitJson({
      ok: report.ok,
      command: 'build',
      outDir: report.outDir,
      policies: report.policies.map((p) => ({ ...p, diagnostics: printer.localized(p.diagnostics) })),
      diagnostics: printer.localized(report.diagnostics),
      ...(report.shard ? { shard: report.shard } : {}),
    });
  } else {
    printer.diagnostics(all);
    printShard(report, printer);
    for (const p of report.policies.filter((r) => r.ok)) {
      // Incremental builds: how many files were taken over from the previous output (none: the line as before).
      const reused = p.artifacts.filter((a) => a.status === 'reused').length;
      const params = { id: p.id, count: p.artifacts.length, dir: `${printer.path(report.outDir)}/${p.id}` };
      printer.result(reused ? printer.label('builtReused', { ...params, reused, made: p.artifacts.length - reused }) : printer.label('built', params));
    }
    const failed = report.policies.filter((r) => !r.ok).length;
    // Nothing was even attempted (output folder unusable, locked, templates broken): say so, not "0 built, 0 failed".
    if (!report.policies.length && !report.ok) printer.summary(false, printer.label('buildNothing', { seconds: (ms / 1000).toFixed(1) }));
    else printer.summary(report.ok, printer.label('buildSummary', { built: report.policies.length - failed, failed, seconds: (ms / 1000).toFixed(1) }));
  }
  // Failed without an error diagnostic: a PDF that did not render (environment).
  return report.ok ? EXIT.ok : all.length ? exitCodeFor(all) : EXIT_CODES[CATALOGUE['pdf-failed'].exit];
}

function printCheck(report: CheckReport, printer: Printer): number {
  const all = [...report.diagnostics, ...report.policies.flatMap((p) => p.diagnostics)];
  if (printer.json) {
    printer.emitJson({
      ok: report.ok,
      command: 'check',
      policies: report.policies.map((p) => ({ ...p, diagnostics: printer.localized(p.diagnostics) })),
      diagnostics: printer.localized(report.diagnostics),
    });
  }
  else {
    for (const p of report.policies) if (p.coverage.length) printer.coverage(p.file, p.coverage);
    printer.diagnostics(all);
    for (const p of report.policies.filter((r) => r.ok)) printer.result(printer.label('checkOk', { file: p.file, clauses: p.clauses, locales: p.locales.join(', '), count: p.coverage.filter((c) => c.applies !== false).length }));
    const failed = report.policies.filter((r) => !r.ok).length;
    printer.summary(report.ok, printer.label('checkSummary', { ok: report.policies.length - failed, failed }));
  }
  return report.ok ? EXIT.ok : exitCodeFor(all);
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const { PACKAGE_ROOT } = await import('../package-root.js');
  const pkg = JSON.parse(await readFile(`${PACKAGE_ROOT}/package.json`, 'utf8')) as { version: string };
  return pkg.version;
}
