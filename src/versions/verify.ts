/**
 * verify: recomputes every hash of the ledger and walks the chain. An edited snapshot,
 * an edited rendering, an edited entry and a deleted or replaced entry are each reported
 * with the version number concerned.
 *
 * Limit: removing the newest entries leaves a shorter chain that is still whole. The
 * published archive and feed carry each entry's hash; compare `head` with them.
 */
import type { Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';
import type { PublishedVersions } from './archive.js';
import { entryHash, factsHash, sha256, type Ledger } from './ledger.js';

export interface LedgerProblem {
  /** The version the problem is about (the missing one, for a deleted entry). */
  version: number;
  diagnostic: Diagnostic;
}

export interface VerifyReport {
  ok: boolean;
  file: string;
  /** Number of entries read. */
  versions: number;
  /** Hash of the newest entry: publish or note it to detect later truncation. */
  head?: string;
  problems: LedgerProblem[];
  /** Every diagnostic: malformed lines and chain problems. */
  diagnostics: Diagnostic[];
}

export function verifyLedger(ledger: Ledger): VerifyReport {
  const { file, entries, lines } = ledger;
  const problems: LedgerProblem[] = [];
  const report = (version: number, line: number | undefined, key: string, params: Record<string, string | number>): void => {
    problems.push({ version, diagnostic: { id: 'ledger-tampered', severity: 'error', file, ...(line ? { line, column: 1 } : {}), path: `version ${version}`, ...say(`ledgerTampered.${key}`, params, 'ledgerTampered.fix') } });
  };

  let expected = 1;
  let previous: (typeof entries)[number] | undefined;
  entries.forEach((entry, i) => {
    const line = lines[i];
    const n = entry.version;

    // 1. The entry's own content against its recorded hashes.
    const factsEdited = factsHash(entry.facts) !== entry.facts_sha256;
    const docsEdited = entry.documents.filter((d) => sha256(d.markdown) !== d.markdown_sha256).map((d) => d.locale);
    if (factsEdited) report(n, line, 'facts', { version: n });
    if (docsEdited.length) report(n, line, 'text', { version: n, locales: docsEdited.join(', ') });
    if (!factsEdited && !docsEdited.length && entryHash(entry) !== entry.hash) report(n, line, 'entry', { version: n });

    // 2. Its place in the chain.
    if (n > expected) {
      const key = `${n - expected === 1 ? 'missingOne' : 'missingMany'}${previous ? '' : 'First'}`;
      const params = { from: expected, to: n - 1, version: n, ...(previous ? { previous: previous.version } : {}) };
      for (let m = expected; m < n; m++) report(m, line, key, params);
    } else if (n < expected) {
      report(n, line, 'order', { version: n, after: expected - 1 });
    } else if (entry.previous !== (previous?.hash ?? null)) {
      if (previous) report(previous.version, lines[i - 1], 'replaced', { previous: previous.version, version: n });
      else report(n, line, 'noPrevious', { version: n });
    }
    if (previous && entry.effective_date < previous.effective_date) {
      report(n, line, 'date', { version: n, date: entry.effective_date, previous: previous.version, previousDate: previous.effective_date });
    }
    expected = Math.max(expected, n + 1);
    previous = entry;
  });

  // A ledger that exists but holds nothing is not "intact": its versions were removed.
  if (ledger.exists && !entries.length && !ledger.diagnostics.length) {
    problems.push({ version: 1, diagnostic: { id: 'ledger-empty', severity: 'error', file, ...say('ledgerEmpty.message', { file }, 'ledgerEmpty.fix') } });
  }
  const diagnostics = [...ledger.diagnostics, ...problems.map((p) => p.diagnostic)];
  return {
    ok: diagnostics.every((d) => d.severity !== 'error'),
    file,
    versions: entries.length,
    ...(previous ? { head: previous.hash } : {}),
    problems,
    diagnostics,
  };
}

/**
 * The ledger against what was published (`versions/ledger.json`, the archive's numbered
 * folders, manifest.json) and against a head hash kept elsewhere (`--expect-head`): a
 * ledger whose newest entries were removed is still a whole chain, and only this tells.
 */
export function anchorLedger(report: VerifyReport, ledger: Ledger, published?: PublishedVersions, expectHead?: string): VerifyReport {
  const extra: LedgerProblem[] = [];
  const { file } = report;
  const count = ledger.entries.length;
  if (published && published.count > count) {
    extra.push({ version: count + 1, diagnostic: { id: 'ledger-truncated', severity: 'error', file, ...say('ledgerTruncated.message', { versions: count, published: published.count, where: published.where }, 'ledgerTruncated.fix', { file }) } });
  }
  if (published) {
    for (const entry of ledger.entries) {
      const hash = published.hashes.get(entry.version);
      if (hash && hash !== entry.hash) {
        extra.push({ version: entry.version, diagnostic: { id: 'ledger-head', severity: 'error', file, path: `version ${entry.version}`, ...say('ledgerPublishedHash.message', { version: entry.version, where: published.where, published: hash.slice(0, 16), hash: entry.hash.slice(0, 16) }, 'ledgerTruncated.fix', { file }) } });
      }
    }
  }
  if (expectHead !== undefined) {
    const head = report.head ?? '';
    const expected = expectHead.trim().toLowerCase();
    if (!head || !(expected.length >= 8 && head.startsWith(expected))) {
      const known = ledger.entries.find((e) => e.hash.startsWith(expected));
      extra.push({
        version: count,
        diagnostic: {
          id: 'ledger-head',
          severity: 'error',
          file,
          ...(known
            ? say('ledgerHeadOlder.message', { expected: expected.slice(0, 16), version: known.version, head: head.slice(0, 16) || '–' }, 'ledgerHeadOlder.fix')
            : say('ledgerHeadMismatch.message', { expected: expected.slice(0, 16), head: head.slice(0, 16) || '–' }, 'ledgerTruncated.fix', { file })),
        },
      });
    }
  }
  if (!extra.length) return report;
  const problems = [...report.problems, ...extra];
  const diagnostics = [...report.diagnostics, ...extra.map((p) => p.diagnostic)];
  return { ...report, ok: false, problems, diagnostics };
}
