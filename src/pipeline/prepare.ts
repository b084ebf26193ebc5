/**
 * From arguments to composed, checked policies: which data files, then for each one
 * load → validate → compose → jurisdiction coverage. Nothing here writes files.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { compose, type Composed } from '../compose/compose.js';
import { documentPlans } from '../facts/documents.js';
import { composeChinaLists, needsChinaLists, type ChinaList } from '../compose/lists.js';
import { checkListsAgainstPolicy } from '../jurisdictions/lists.js';
import { loadLibrary, type Library, type LibraryOptions } from '../library/library.js';
import { hasErrors, PolicygenError, type Diagnostic } from '../diagnostics.js';
import { describeField, loadFacts, policyIdFromPath } from '../facts/load.js';
import type { Facts } from '../facts/schema.js';
import { say } from '../messages.js';
import { checkConsistency } from '../jurisdictions/consistency.js';
import { computeCoverage, coverageDiagnostics, disclosuresNeeding, parsePath, type CoverageEntry } from '../jurisdictions/coverage.js';

/** A policy composed and checked: everything but the files. */
export interface PreparedPolicy {
  id: string;
  file: string;
  facts: Facts;
  /** Each document the data file asks for (`policy.documents`), composed. */
  documents: Composed[];
  /** China's lists (collection, sharing, app permissions) beside each document with PIPL in it: document id → locale → lists. */
  lists: Map<string, Record<string, ChinaList[]>>;
  coverage: CoverageEntry[];
  date: string;
}

/** Data files named by the arguments: files as given, folders → their *.yaml / *.yml, sorted. */
export async function expandInputs(inputs: readonly string[]): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info) {
      diagnostics.push({ id: 'file-not-found', severity: 'error', file: input, ...say('inputMissing.message', { file: input }, 'inputMissing.fix') });
    } else if (info.isDirectory()) {
      const names = (await readdir(input)).filter((n) => ['.yaml', '.yml'].includes(extname(n))).sort();
      if (!names.length) diagnostics.push({ id: 'file-not-found', severity: 'error', file: input, ...say('inputEmpty.message', { file: input }, 'inputEmpty.fix') });
      files.push(...names.map((n) => join(input, n)));
    } else files.push(input);
  }
  const ids = new Map<string, string>();
  for (const file of files) {
    const id = policyIdFromPath(file);
    if (ids.has(id)) diagnostics.push({ id: 'duplicate-id', severity: 'error', file, ...say('inputSameId.message', { file, other: ids.get(id)!, id }, 'inputSameId.fix') });
    ids.set(id, file);
  }
  return { files, diagnostics };
}

/**
 * The start of every run over data files: the files `inputs` name and the library. The
 * library is absent when a problem (no such file, a broken template) stops the run.
 */
export async function openInputs(inputs: readonly string[], options: LibraryOptions): Promise<{ files: string[]; library?: Library; diagnostics: Diagnostic[] }> {
  const { files, diagnostics } = await expandInputs(inputs);
  if (hasErrors(diagnostics)) return { files, diagnostics };
  try {
    return { files, library: await loadLibrary(options), diagnostics };
  } catch (error) {
    if (!(error instanceof PolicygenError)) throw error;
    return { files, diagnostics: [...diagnostics, ...error.diagnostics] };
  }
}

export interface PrepareResult {
  policy?: PreparedPolicy;
  /** Present whenever the facts composed, even if coverage failed (for `check`'s table). */
  coverage?: CoverageEntry[];
  diagnostics: Diagnostic[];
}

/**
 * Load, validate, compose and check coverage of one data file. Never throws for content
 * problems. `date` is the stamp's date (default `policy.effective_date`); `documentDate`
 * gives a document its own (from the ledger: the date it last changed).
 */
export async function preparePolicy(file: string, library: Library, date?: string, documentDate?: (document: string) => string | undefined): Promise<PrepareResult> {
  const loaded = await loadFacts(file);
  if (!loaded.facts) {
    const diagnostics = explainMissing(loaded.diagnostics, loaded.raw, library);
    // Only cross-field problems: the legal checks still run, so one run reports both.
    if (loaded.checked && loaded.locate) {
      const locate = loaded.locate;
      for (const { pathParts, ...d } of checkConsistency(loaded.checked, library.modules)) {
        diagnostics.push({ ...d, file, ...locate(pathParts) });
      }
    }
    return { diagnostics };
  }
  const locate = loaded.locate ?? (() => ({}));
  const located = (d: Diagnostic & { pathParts?: (string | number)[] }): Diagnostic => {
    const { pathParts, ...rest } = d;
    return { ...rest, file, ...(pathParts ? locate(pathParts) : {}) };
  };
  const diagnostics: Diagnostic[] = [...loaded.diagnostics, ...checkConsistency(loaded.facts, library.modules).map(located)];

  const effective = date ?? loaded.facts.policy.effective_date;
  if (!effective) {
    diagnostics.push({ id: 'missing-date', severity: 'error', file, ...locate(['policy']), path: 'policy.effective_date', ...say('missingDate.message', {}, 'missingDate.fix') });
    return { diagnostics };
  }
  let documents: Composed[];
  try {
    const facts = loaded.facts;
    documents = documentPlans(facts).map((document) => compose(facts, library, { date: documentDate?.(document.id) ?? effective, document }));
  } catch (error) {
    if (!(error instanceof PolicygenError)) throw error;
    return { diagnostics: [...diagnostics, ...error.diagnostics.map((d) => ({ file: d.file ?? file, ...d, ...(d.file ? {} : d.path && !d.path.startsWith('clauses.') ? locate(parsePath(d.path)) : {}) }))] };
  }
  // Each policy document makes its own laws' disclosures (the children's rules are an addition to the China policy, not a policy).
  const coverage = documents.filter((composed) => composed.plan.kind === 'policy').flatMap((composed) => computeCoverage(loaded.facts!, composed, library.modules, library.outline));
  // China's lists, from the same (scoped) facts as the document they sit beside, and checked against it.
  const lists = new Map<string, Record<string, ChinaList[]>>();
  for (const composed of documents) {
    if (composed.plan.kind !== 'policy' || !needsChinaLists(composed.facts)) continue;
    const perLocale = Object.fromEntries(composed.documents.map((doc) => [doc.locale, composeChinaLists(composed.facts, library, { locale: doc.locale, policyHref: 'index.html' })]));
    lists.set(composed.plan.id, perLocale);
    const texts = Object.fromEntries(composed.documents.map((doc) => [doc.locale, doc]));
    diagnostics.push(...checkListsAgainstPolicy(perLocale, texts, composed.facts).map(located));
  }
  diagnostics.push(...coverageDiagnostics(coverage, (path) => describeField(parsePath(path))).map(located));
  if (hasErrors(diagnostics)) return { coverage, diagnostics };
  return { policy: { id: loaded.id, file, facts: loaded.facts, documents, lists, coverage, date: effective }, coverage, diagnostics };
}

/** A missing field that enabled jurisdictions need says which disclosures need it. */
function explainMissing(diagnostics: Diagnostic[], raw: unknown, library: Library): Diagnostic[] {
  const enabled = (raw as { jurisdictions?: unknown } | undefined)?.jurisdictions;
  if (!Array.isArray(enabled)) return diagnostics;
  return diagnostics.map((d) => {
    if (d.id !== 'missing-field' || !d.path) return d;
    const ids = disclosuresNeeding(d.path, enabled.map(String), library.modules);
    if (!ids.length || !d.i18n) return d;
    const field = String(d.i18n.message.params.field);
    const text = say('missingField.messageFor', { field, ids: ids.join(', ') }, d.i18n.fix?.key, d.i18n.fix?.params);
    return { ...d, ...text };
  });
}
