/**
 * Building on several machines: `build --shard k/n` (the flag's parser and the line saying
 * what the shard took) and `policygen merge <dirs...> --out <dir>` (src/pipeline/merge.ts).
 */
import { performance } from 'node:perf_hooks';
import { InvalidArgumentError, type Command } from 'commander';
import { exitCodeFor } from '../diagnostics.js';
import type { BuildReport } from '../pipeline/build.js';
import type { MergeReport } from '../pipeline/merge.js';
import { parseShard, type Shard } from '../pipeline/shard.js';
import { resolveLanguage } from '../messages.js';
import { interruptible, lockNotice, sweepNotice } from './interrupts.js';
import { EXIT, help, parseWait, say } from './options.js';
import { createPrinter, type Printer } from './print.js';

/** --shard k/n: 1 ≤ k ≤ n, or a usage error (exit 2). */
export function parseShardFlag(value: string): Shard {
  const shard = parseShard(value);
  if (!shard) throw new InvalidArgumentError(say('shardFormat'));
  return shard;
}

/** build --shard: the line saying which policies the shard took, or that it took none (not an error). */
export function printShard(report: BuildReport, printer: Printer): void {
  const shard = report.shard;
  if (!shard || printer.json) return;
  const params = { index: shard.index, count: shard.count, total: shard.total, taken: shard.policies.length, ids: shard.policies.join(', ') };
  printer.result(printer.label(shard.policies.length ? 'shardTook' : 'shardEmpty', params));
}

/** Adds `merge` to the program; `setExit` receives the command's exit code. */
export function registerMerge(program: Command, setExit: (code: number) => void): void {
  program
    .command('merge')
    .description(help('merge.description'))
    .argument('<dirs...>', help('merge.dirs'))
    .requiredOption('-o, --out <dir>', help('merge.out'))
    .option('--wait <seconds>', help('merge.wait'), parseWait)
    .option('--json', help('merge.json'))
    .action(async (dirs: string[], opts: { out: string; wait?: number; json?: boolean }) => {
      const printer = createPrinter({ json: Boolean(opts.json), lang: resolveLanguage(program.opts<{ lang?: string }>().lang) });
      interruptible(printer);
      const started = performance.now();
      const { merge } = await import('../pipeline/merge.js'); // loaded on use: --help stays fast
      const report = await merge(dirs, {
        outDir: opts.out,
        ...(opts.wait !== undefined ? { waitMs: opts.wait * 1000 } : {}),
        onLock: lockNotice(printer),
        onSweep: sweepNotice(printer),
      });
      setExit(printMerge(report, printer, performance.now() - started));
    });
}

function printMerge(report: MergeReport, printer: Printer, ms: number): number {
  if (printer.json) {
    printer.emitJson({ ok: report.ok, command: 'merge', outDir: report.outDir, inputs: report.inputs, policies: report.policies, sitemap: report.sitemap, diagnostics: printer.localized(report.diagnostics) });
  } else {
    printer.diagnostics(report.diagnostics);
    const seconds = (ms / 1000).toFixed(1);
    if (report.ok) {
      for (const input of report.inputs) printer.result(printer.label(input.policies.length ? 'mergeInput' : 'mergeInputEmpty', { dir: printer.path(input.dir), ids: input.policies.join(', ') }));
      for (const p of report.policies) for (const other of p.duplicates) printer.result(printer.label('mergeSame', { id: p.id, first: printer.path(p.from), second: printer.path(other) }));
      if (report.sitemap) printer.result(printer.label('mergeSitemapIndex', { file: `${printer.path(report.outDir)}/sitemap.xml` }));
      printer.summary(true, printer.label('mergeSummary', { count: report.policies.length, dir: printer.path(report.outDir), seconds }));
    } else printer.summary(false, printer.label('mergeNothing', { seconds }));
  }
  return report.ok ? EXIT.ok : exitCodeFor(report.diagnostics) || EXIT.content;
}
