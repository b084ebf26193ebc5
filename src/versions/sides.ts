/**
 * The two sides of a comparison: a released version (from the ledger) or the working data
 * file (composed now). Both come down to facts plus one rendered document per locale.
 */
import type { LocaleDocument } from '../compose/compose.js';
import { factsSchema, type Facts } from '../facts/schema.js';
import type { LedgerEntry, ReleasedDocument } from './ledger.js';

export type SideDocument = Pick<LocaleDocument, 'locale' | 'title' | 'stamp' | 'markdown' | 'headings'>;

export interface Side {
  /** Version number, or undefined for the working data. */
  version?: number;
  /** YYYY-MM-DD, or undefined for working data not yet given a date. */
  date?: string;
  facts: Record<string, unknown>;
  documents: SideDocument[];
  entry?: LedgerEntry;
}

export function sideFromEntry(entry: LedgerEntry): Side {
  return { version: entry.version, date: entry.effective_date, facts: entry.facts, documents: entry.documents, entry };
}

/**
 * A snapshot as the current schema reads it (defaults of fields added since applied), for
 * composing it again; undefined when it no longer validates.
 */
export function snapshotFacts(facts: Record<string, unknown>): Facts | undefined {
  const parsed = factsSchema.safeParse(facts);
  return parsed.success ? parsed.data : undefined;
}

/** Same locales and byte-identical Markdown. */
export function sameRendering(a: readonly SideDocument[], b: readonly SideDocument[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((doc) => b.find((other) => other.locale === doc.locale)?.markdown === doc.markdown);
}

/** A document whose "last updated" stamp is replaced by a draft label (text and Markdown). */
export function asDraft<T extends SideDocument>(doc: T, draftLabel: string): T {
  const lines = doc.markdown.split('\n');
  const at = lines.findIndex((line) => line === doc.stamp);
  if (at >= 0) lines[at] = `**${draftLabel}**`;
  return { ...doc, stamp: draftLabel, markdown: lines.join('\n') };
}

export function releasedDocument(doc: LocaleDocument): Omit<ReleasedDocument, 'markdown_sha256'> {
  return { locale: doc.locale, title: doc.title, stamp: doc.stamp, markdown: doc.markdown, headings: doc.headings };
}
