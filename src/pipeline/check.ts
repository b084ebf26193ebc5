/**
 * check(): everything build() verifies — schema, references, translations, templates,
 * parity — without writing a file.
 */
import type { LibraryOptions } from '../library/library.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { policyIdFromPath } from '../facts/load.js';
import type { CoverageEntry } from '../jurisdictions/coverage.js';
import { readReleases } from '../versions/stamp.js';
import { openInputs, preparePolicy } from './prepare.js';

export interface CheckOptions extends LibraryOptions {
  date?: string;
}

export interface PolicyCheck {
  id: string;
  file: string;
  ok: boolean;
  /** Number of clauses in the composed policy (all its documents). */
  clauses: number;
  locales: string[];
  /** The documents published (`policy.documents`): laws, languages, prevailing language, clauses. */
  documents: { id: string; laws: string[]; locales: string[]; prevails?: string; clauses: number }[];
  /** Each required disclosure of each enabled jurisdiction → clause number, or missing facts. */
  coverage: CoverageEntry[];
  diagnostics: Diagnostic[];
}

export interface CheckReport {
  ok: boolean;
  policies: PolicyCheck[];
  diagnostics: Diagnostic[];
}

export async function check(inputs: readonly string[], options: CheckOptions = {}): Promise<CheckReport> {
  const report: CheckReport = { ok: false, policies: [], diagnostics: [] };
  const { files, library, diagnostics } = await openInputs(inputs, options);
  report.diagnostics.push(...diagnostics);
  if (!library) return report;
  for (const file of files) {
    // The date as build finds it: --date, else the newest release in the ledger, else
    // policy.effective_date; none of them is an error here too, because build would fail.
    const releases = await readReleases(file);
    let prepared = await preparePolicy(file, library, options.date ?? releases.newest?.effective_date);
    const noDate = prepared.diagnostics.find((d) => d.id === 'missing-date');
    if (noDate) {
      // Still compose (with any date) for the coverage table and every other problem.
      const rest = await preparePolicy(file, library, '2000-01-01');
      prepared = { ...(rest.coverage ? { coverage: rest.coverage } : {}), diagnostics: [noDate, ...rest.diagnostics] };
    }
    const { policy, coverage } = prepared;
    const found = [...releases.diagnostics, ...prepared.diagnostics];
    report.policies.push({
      id: policyIdFromPath(file),
      file,
      ok: Boolean(policy) && !hasErrors(found),
      clauses: policy?.documents.reduce((n, c) => n + (c.documents[0]?.headings.length ?? 0), 0) ?? 0,
      locales: [...new Set(policy?.documents.flatMap((c) => c.documents.map((d) => d.locale)) ?? [])],
      documents: policy?.documents.map((c) => ({ id: c.plan.id, laws: c.plan.laws, locales: c.plan.locales, ...(c.plan.prevails ? { prevails: c.plan.prevails } : {}), clauses: c.documents[0]?.headings.length ?? 0 })) ?? [],
      coverage: coverage ?? [],
      diagnostics: found,
    });
  }
  report.ok = report.policies.every((p) => p.ok);
  return report;
}
