/**
 * The release ledger: an append-only JSON Lines file beside the data file
 * (`data/acme.yaml` → `data/acme.ledger.jsonl`), one released version per line.
 *
 * Each entry records what was published — the facts snapshot, the rendered Markdown of
 * every locale (with the headings that give clause anchors), a sha256 of each — and the
 * hash of the entry before it, so editing or deleting an earlier entry breaks the chain.
 * Entries are written as canonical JSON (keys sorted, no spaces) and hold no wall-clock
 * time: the same release always gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Heading } from '../compose/compose.js';
import type { Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';

export const LEDGER_FORMAT = 'policygen-ledger/1';

/** Why a version exists: its facts changed, only templates/locales changed, or both. */
export type ReleaseKind = 'initial' | 'facts' | 'wording' | 'facts_and_wording';

export interface ReleasedDocument {
  /** Which document of the policy (`china`, `global`, `children`…); absent for the single layout's one document (`policy`). */
  document?: string;
  locale: string;
  title: string;
  /** The stamp line as published: "最后更新：2026年3月7日". */
  stamp: string;
  markdown: string;
  markdown_sha256: string;
  /** Clause headings in order: anchors and table of contents of the archived page. */
  headings: Heading[];
}

export interface LedgerEntry {
  format: typeof LEDGER_FORMAT;
  version: number;
  /** YYYY-MM-DD: the "last updated" date of this version. */
  effective_date: string;
  kind: ReleaseKind;
  /** Optional release note per locale (`--note-zh`, `--note-en`). */
  note?: Record<string, string>;
  policygen_version: string;
  /** `library.fingerprint`: sha256 over every template and locale file used. */
  template_fingerprint: string;
  /** The validated facts, as the data file gave them. */
  facts: Record<string, unknown>;
  facts_sha256: string;
  documents: ReleasedDocument[];
  /** `hash` of the entry before, null for version 1. */
  previous: string | null;
  /** sha256 of this entry's canonical JSON without `hash`. */
  hash: string;
}

export interface Ledger {
  file: string;
  exists: boolean;
  /** The file's text exactly as read (appending keeps it byte for byte). */
  text: string;
  entries: LedgerEntry[];
  /** 1-based line of each entry in the file. */
  lines: number[];
  diagnostics: Diagnostic[];
}

/** `data/acme.yaml` → `data/acme.ledger.jsonl`. */
export function ledgerPath(dataFile: string): string {
  return join(dirname(dataFile), `${basename(dataFile, extname(dataFile))}.ledger.jsonl`);
}

/** JSON with object keys sorted at every level and no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The facts without fields the ledger supersedes (the data file's own effective date). */
export function comparableFacts(facts: Record<string, unknown>): Record<string, unknown> {
  const policy = { ...(facts.policy as Record<string, unknown> | undefined) };
  delete policy.effective_date;
  return { ...facts, policy };
}

/** sha256 of the snapshot exactly as recorded. */
export function factsHash(facts: Record<string, unknown>): string {
  return sha256(canonicalJson(facts));
}

/** Whether two snapshots state the same facts (the data file's effective date aside). */
export function sameFacts(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return canonicalJson(comparableFacts(a)) === canonicalJson(comparableFacts(b));
}

export function entryHash(entry: Omit<LedgerEntry, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...rest } = entry;
  return sha256(canonicalJson(rest));
}

/** Completes an entry: sha256 of facts and Markdown, then its own hash. */
export function sealEntry(entry: Omit<LedgerEntry, 'hash' | 'facts_sha256' | 'documents' | 'format'> & { documents: Omit<ReleasedDocument, 'markdown_sha256'>[] }): LedgerEntry {
  const unsealed = {
    ...entry,
    format: LEDGER_FORMAT,
    facts_sha256: factsHash(entry.facts),
    documents: entry.documents.map((d) => ({ ...d, markdown_sha256: sha256(d.markdown) })),
  } as Omit<LedgerEntry, 'hash'>;
  return { ...unsealed, hash: entryHash(unsealed) };
}

/** One line of the ledger file. */
export function serializeEntry(entry: LedgerEntry): string {
  return `${canonicalJson(entry)}\n`;
}

/** The ledger text with `entry` appended; earlier bytes stay exactly as they were. */
export function appendedText(text: string, entry: LedgerEntry): string {
  return `${text}${text && !text.endsWith('\n') ? '\n' : ''}${serializeEntry(entry)}`;
}

/** Parses the ledger text; shape problems are diagnostics (chain problems: see verify.ts). */
export function parseLedger(text: string, file: string): { entries: LedgerEntry[]; lines: number[]; diagnostics: Diagnostic[] } {
  const entries: LedgerEntry[] = [];
  const lines: number[] = [];
  const diagnostics: Diagnostic[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      diagnostics.push({ id: 'ledger-invalid', severity: 'error', file, line: i + 1, column: 1, ...say('ledgerLine.json', { line: i + 1, detail: (error as Error).message }, 'ledgerLine.fix') });
      return;
    }
    const problem = shapeProblem(value);
    if (problem) {
      diagnostics.push({ id: 'ledger-invalid', severity: 'error', file, line: i + 1, column: 1, ...say('ledgerLine.entry', { line: i + 1, detail: problem }, 'ledgerLine.fix') });
      return;
    }
    entries.push(value as LedgerEntry);
    lines.push(i + 1);
  });
  return { entries, lines, diagnostics };
}

function shapeProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'not an object';
  const e = value as Record<string, unknown>;
  if (e.format !== LEDGER_FORMAT) return `format is not "${LEDGER_FORMAT}"`;
  if (!Number.isInteger(e.version) || (e.version as number) < 1) return 'no version number';
  if (typeof e.effective_date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(e.effective_date)) return 'no effective_date';
  if (typeof e.hash !== 'string' || (e.previous !== null && typeof e.previous !== 'string')) return 'no hash or previous hash';
  if (!e.facts || typeof e.facts !== 'object') return 'no facts snapshot';
  if (!Array.isArray(e.documents) || !e.documents.every((d) => d && typeof (d as ReleasedDocument).markdown === 'string' && typeof (d as ReleasedDocument).locale === 'string' && Array.isArray((d as ReleasedDocument).headings))) {
    return 'no rendered documents';
  }
  return undefined;
}

/** Reads the ledger beside a data file; a missing file is an empty ledger. */
export async function readLedger(dataFile: string): Promise<Ledger> {
  const file = ledgerPath(dataFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file, exists: false, text: '', entries: [], lines: [], diagnostics: [] };
    return { file, exists: true, text: '', entries: [], lines: [], diagnostics: [{ id: 'ledger-invalid', severity: 'error', file, ...say('ledgerUnreadable.message', { detail: (error as Error).message }, 'ledgerUnreadable.fix') }] };
  }
  return { file, exists: true, text, ...parseLedger(text, file) };
}

export function newestEntry(entries: readonly LedgerEntry[]): LedgerEntry | undefined {
  return entries[entries.length - 1];
}
