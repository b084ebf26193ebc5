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
import { asDraft, sameRendering, type SideDocument } from './sides.js';
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
 * The documents to publish, composed at the newest release's date: unchanged when they
 * are what was released, with the draft label in place of the stamp when they are not.
 */
export function stampDocuments<T extends SideDocument>(documents: T[], newest: LedgerEntry | undefined, library: Library, oneOff: boolean): { documents: T[]; draft: boolean } {
  if (!newest || oneOff || sameRendering(documents, newest.documents)) return { documents, draft: false };
  return { documents: documents.map((doc) => asDraft(doc, draftLabel(library, doc.locale))), draft: true };
}
