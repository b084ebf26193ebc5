/**
 * The two sides of a comparison: a released version (from the ledger) or the working data
 * file (composed now). Both come down to facts plus one rendered document per locale.
 */
import type { LocaleDocument } from '../compose/compose.js';
import { factsSchema, type Facts } from '../facts/schema.js';
import type { LedgerEntry, ReleasedDocument } from './ledger.js';

export type SideDocument = Pick<LocaleDocument, 'locale' | 'title' | 'stamp' | 'markdown' | 'headings'> & { document?: string };

/** The single layout's one document, and every document a ledger entry recorded before documents existed. */
export const SINGLE = 'policy';

/** The document a locale document belongs to. */
export function documentOf(doc: { document?: string }): string {
  return doc.document ?? SINGLE;
}

/** The ids of the documents in a list of locale documents, in order. */
export function documentIds(docs: readonly { document?: string }[]): string[] {
  return [...new Set(docs.map(documentOf))];
}

/** The locale documents of one document. */
export function ofDocument<T extends { document?: string }>(docs: readonly T[], document: string): T[] {
  return docs.filter((d) => documentOf(d) === document);
}

export interface Side {
  /** Which document of the policy both sides show (`policy` for the single layout). */
  document: string;
  /** Version number, or undefined for the working data. */
  version?: number;
  /** YYYY-MM-DD, or undefined for working data not yet given a date. */
  date?: string;
  facts: Record<string, unknown>;
  documents: SideDocument[];
  entry?: LedgerEntry;
}

/** One document of a released version (default: the single layout's). */
export function sideFromEntry(entry: LedgerEntry, document = SINGLE): Side {
  return { document, version: entry.version, date: entry.effective_date, facts: entry.facts, documents: ofDocument(entry.documents, document), entry };
}

/**
 * A snapshot as the current schema reads it (defaults of fields added since applied), for
 * composing it again; undefined when it no longer validates.
 */
export function snapshotFacts(facts: Record<string, unknown>): Facts | undefined {
  const parsed = factsSchema.safeParse(facts);
  return parsed.success ? parsed.data : undefined;
}

/** Same documents and locales, byte-identical Markdown. */
export function sameRendering(a: readonly SideDocument[], b: readonly SideDocument[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((doc) => b.find((other) => documentOf(other) === documentOf(doc) && other.locale === doc.locale)?.markdown === doc.markdown);
}

/** A document's Markdown without its stamp line (which differs between any two dates). */
export function withoutStamp(doc: { markdown: string; stamp: string }): string {
  return doc.markdown.split('\n').filter((line) => line !== doc.stamp).join('\n');
}

/** Same documents and locales, the same Markdown apart from the stamp line (whose date differs between releases). */
export function sameText(a: readonly SideDocument[], b: readonly SideDocument[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((doc) => {
    const other = b.find((o) => documentOf(o) === documentOf(doc) && o.locale === doc.locale);
    return other !== undefined && withoutStamp(other) === withoutStamp(doc);
  });
}

/** A document whose "last updated" stamp is replaced by a draft label (text and Markdown). */
export function asDraft<T extends SideDocument>(doc: T, draftLabel: string): T {
  const lines = doc.markdown.split('\n');
  const at = lines.findIndex((line) => line === doc.stamp);
  if (at >= 0) lines[at] = `**${draftLabel}**`;
  return { ...doc, stamp: draftLabel, markdown: lines.join('\n') };
}

export function releasedDocument(doc: LocaleDocument): Omit<ReleasedDocument, 'markdown_sha256'> {
  return { ...(doc.document === SINGLE ? {} : { document: doc.document }), locale: doc.locale, title: doc.title, stamp: doc.stamp, markdown: doc.markdown, headings: doc.headings };
}
