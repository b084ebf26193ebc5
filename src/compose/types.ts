import type { DocumentPlan } from '../facts/documents.js';
import type { Facts } from '../facts/schema.js';
/** The shapes compose produces, shared by compose and the parity check (no imports back into compose.ts). */

export interface PlannedClause {
  id: string;
  /** 1-based position at each level, e.g. [9, 2] for 9.2 / 九（二）. */
  position: number[];
  children: PlannedClause[];
  /** Index into facts.custom_sections for the data file's own sections. */
  custom?: number;
}

export interface Heading {
  id: string;
  level: number;
  /** "一、" / "（二）" / "9." / "9.2" */
  label: string;
  title: string;
  /** How other clauses refer to it: "第九条" / "Section 9". */
  refText: string;
}

export interface LocaleDocument {
  /** Which document of the company's policy (`policy` in the single layout, `china`, `global`, `children`…). */
  document: string;
  locale: string;
  title: string;
  /** "最后更新：2026年3月7日" / "Last updated: March 7, 2026" */
  stamp: string;
  /** Formatted effective date alone. */
  dateText: string;
  markdown: string;
  headings: Heading[];
  /** Clause id → ids of the clauses it cross-references, in order. */
  refs: Record<string, string[]>;
}

export interface ComposeOptions {
  /** Effective date, YYYY-MM-DD. */
  date: string;
  /** Override the document's locales (rarely needed). */
  locales?: string[];
  /** Which document (from `documentPlans`); default: one document for every law. */
  document?: DocumentPlan;
}

export interface Composed {
  /** The document composed: its id, laws, languages, folder. */
  plan: DocumentPlan;
  /** The facts as this document sees them (its laws only; see scope.ts). */
  facts: Facts;
  outline: PlannedClause[];
  documents: LocaleDocument[];
}
