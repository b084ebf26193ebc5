/**
 * The "last updated" stamp from the ledger, for `build`:
 * - no ledger: the data file's effective_date or --date, as before;
 * - a ledger: the newest release's effective date, formatted per locale;
 * - working data that renders differently from the newest release: a visible
 *   "draft — not released" label instead of a stamp that would claim a date it never had;
 * - `--date` given: a one-off build with that stamp, no draft check.
 */
import type { Library } from '../library/library.js';
import type { Diagnostic } from '../diagnostics.js';
import { newestEntry, readLedger, type LedgerEntry } from './ledger.js';
import { asDraft, documentOf, ofDocument, sameRendering, withoutStamp, type SideDocument } from './sides.js';
import { localeText } from './text.js';
import { verifyLedger } from './verify.js';

export interface Releases {
  entries: LedgerEntry[];
  newest?: LedgerEntry;
  /** Problems with the ledger (unreadable, tampered): the policy is not built on it. */
  diagnostics: Diagnostic[];
}

/** Reads and verifies the ledger beside a data file. */
export async function readReleases(dataFile: string): Promise<Releases> {
  const ledger = await readLedger(dataFile);
  if (!ledger.exists) return { entries: [], diagnostics: ledger.diagnostics };
  const report = verifyLedger(ledger);
  const newest = newestEntry(ledger.entries);
  return { entries: ledger.entries, ...(newest ? { newest } : {}), diagnostics: report.diagnostics };
}

export function draftLabel(library: Library, locale: string): string {
  return localeText(library, locale).t('document.draft');
}

/**
 * The date one document last changed: the effective date of the oldest release from which
 * its text (stamp aside) is the same up to the newest. A release that changed only another
 * document leaves this one's date alone. Undefined when the newest release lacks it.
 */
export function documentDate(entries: readonly LedgerEntry[], document: string): string | undefined {
  const text = (entry: LedgerEntry) =>
    ofDocument(entry.documents, document)
      .map((d) => `${d.locale}\u0000${withoutStamp(d)}`)
      .join('\u0000');
  const newest = entries[entries.length - 1];
  if (!newest) return undefined;
  const now = text(newest);
  if (!now) return undefined;
  let date = newest.effective_date;
  for (let i = entries.length - 2; i >= 0 && text(entries[i]!) === now; i--) date = entries[i]!.effective_date;
  return date;
}

/**
 * The documents to publish, composed at the newest release's date: unchanged when they
 * are what was released, with the draft label in place of the stamp when they are not.
 */
export function stampDocuments<T extends SideDocument>(documents: T[], newest: LedgerEntry | undefined, library: Library, oneOff: boolean): { documents: T[]; draft: boolean } {
  const document = documentOf(documents[0] ?? {});
  if (!newest || oneOff || sameRendering(documents, ofDocument(newest.documents, document))) return { documents, draft: false };
  return { documents: documents.map((doc) => asDraft(doc, draftLabel(library, doc.locale))), draft: true };
}
