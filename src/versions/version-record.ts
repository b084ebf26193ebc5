/**
 * Machine-readable version records, for systems that must know which policy a person
 * accepted (consent systems, sign-up forms, auditors):
 *
 *   policy-version.json             the newest release: every document and locale, each
 *                                   text's address and sha256, the ledger hash, the previous
 *                                   version, the changes and what each law requires
 *   versions/<N>/policy-version.json  the same record for release N (permanent)
 *   versions/versions.json          every release and every document's versions with the
 *                                   dates they were in force, so "the version in force on
 *                                   date T" is a lookup (versionAt below, `policygen version-at`)
 *
 * Pure: files are returned, not written, and come from the ledger alone (plus the library to
 * describe changes in words), so the same ledger always gives the same bytes. Their shapes are
 * published as JSON Schemas: schema/policy-version.schema.json and schema/versions.schema.json.
 *
 * Addresses are relative to the file that holds them (resolve them as a browser resolves a
 * link), or absolute under build --base-url. They point at the archive's permanent pages
 * (`<document>/versions/<M>/<locale>/index.html`) and Markdown (`…/policy.md`, whose sha256 is
 * given): M is the release in which that document's text last changed, since a release that
 * changed only another document leaves this one's text, date and archive folder as they were.
 */
import { posix } from 'node:path';
import type { Library } from '../library/library.js';
import type { LedgerEntry, ReleaseKind } from './ledger.js';
import { materiality, materialityRecord, type Action, type LawAction, type MaterialityLaw } from './materiality.js';
import { documentIds, ofDocument, SINGLE, snapshotFacts, withoutStamp } from './sides.js';

export const POLICY_VERSION_FORMAT = 'policygen-policy-version/1';
export const VERSIONS_FORMAT = 'policygen-versions/1';

/** Where the records are, relative to a policy's output folder. */
export const CURRENT_RECORD = 'policy-version.json';
export const VERSIONS_INDEX = 'versions/versions.json';
export const recordPath = (version: number): string => `versions/${version}/policy-version.json`;

/** One locale of a document as released: its permanent page and its text. */
export interface RecordLocale {
  locale: string;
  title: string;
  /** The archived page (HTML) of that text. */
  url: string;
  /** The archived Markdown, byte for byte as released. */
  markdown_url: string;
  /** sha256 (hex) of the Markdown at markdown_url (as in the ledger). */
  sha256: string;
}

/** A document as it stands in a release: the version its text comes from, and since when. */
export interface RecordDocument {
  document: string;
  /** The release in which this text was published (its archive folder). */
  version: number;
  /** The date this text took effect (the document's "last updated" date). */
  effective_date: string;
  /** Whether this release changed the document's text. */
  changed: boolean;
  locales: RecordLocale[];
}

export interface RecordChange {
  /** Where in the data file, list items by identity: `data_categories[notes].retention.period`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  /** The change in words, per locale. */
  summary: Record<string, string>;
  /** Per enabled law: the action it requires and the article deciding it (none: no article). */
  laws: Partial<Record<MaterialityLaw, LawAction>>;
}

export interface PolicyVersionRecord {
  format: typeof POLICY_VERSION_FORMAT;
  version: number;
  effective_date: string;
  kind: ReleaseKind;
  /** The ledger entry's hash (`policygen verify` recomputes it). */
  hash: string;
  previous: { version: number; effective_date: string; hash: string; record: string } | null;
  /** The release note per locale, when the release has one. */
  note?: Record<string, string>;
  documents: RecordDocument[];
  changes: RecordChange[];
  /** Per enabled law, the strongest action any change of this release requires (`none` for version 1 and wording-only releases). */
  actions: Partial<Record<MaterialityLaw, Action>>;
}

export interface IndexRelease {
  version: number;
  effective_date: string;
  /** The next release's effective date (this one was in force before that day); null for the newest. */
  in_force_until: string | null;
  kind: ReleaseKind;
  hash: string;
  /** This release's policy-version.json. */
  record: string;
  /** Each document's version (its archive folder) in this release. */
  documents: Record<string, number>;
}

export interface IndexDocumentVersion {
  version: number;
  effective_date: string;
  /** The date the next text of this document took effect, or it was withdrawn; null while in force. */
  in_force_until: string | null;
  locales: RecordLocale[];
}

export interface VersionsIndex {
  format: typeof VERSIONS_FORMAT;
  /** The newest release's ledger hash. */
  head: string;
  releases: IndexRelease[];
  documents: Array<{ document: string; versions: IndexDocumentVersion[] }>;
}

export interface RecordOptions {
  /** build --base-url: the policy folder's absolute address, ending in `/`. */
  policyUrl?: string;
  /** To describe each release's fact changes in words (without it, `changes` lists paths and kinds only). */
  library?: Library;
  /** Each document's folder in the policy's output folder (as archiveFiles is given it); default '' for the single layout, else `<document>/`. */
  dirOf?: (document: string) => string;
}

/** A document's folder in the policy's output folder: '' for the single layout's one document. */
const folderOf = (document: string): string => (document === SINGLE ? '' : `${document}/`);

/** `path` (from the policy folder) as written in a file at `from` (also from the policy folder). */
function addressFrom(from: string, path: string, policyUrl: string | undefined): string {
  if (policyUrl !== undefined) return `${policyUrl}${path}`;
  return posix.relative(posix.dirname(from), path);
}

/** The text of one document in an entry, stamps aside: what makes it a new version. */
const textOf = (entry: LedgerEntry, document: string): string =>
  ofDocument(entry.documents, document)
    .map((d) => `${d.locale}\u0000${withoutStamp(d)}`)
    .join('\u0000');

interface Span {
  document: string;
  /** The entry whose documents are archived (version = its folder). */
  archived: LedgerEntry;
  from: string;
  until: string | null;
  /** Ledger versions during which this text stood. */
  releases: number[];
}

/**
 * Each document's texts over the ledger: when each took effect and until when. A release
 * that leaves a document's text as it was keeps its span open; one without the document
 * closes it (withdrawn). The archived version is the one the archive publishes (archive.ts,
 * documentEntries): the first release of that text.
 */
function spans(entries: readonly LedgerEntry[]): Span[] {
  const out: Span[] = [];
  for (const document of documentIds(entries.flatMap((e) => e.documents))) {
    let open: Span | undefined;
    let lastText: string | undefined;
    let lastArchived: LedgerEntry | undefined;
    for (const entry of entries) {
      const text = textOf(entry, document);
      if (!text) {
        if (open) open.until = entry.effective_date;
        open = undefined;
        continue;
      }
      if (open && text === lastText) {
        open.releases.push(entry.version);
        continue;
      }
      if (open) open.until = entry.effective_date;
      // The archive numbers a text by the release that first published it (a text that comes back unchanged keeps its folder).
      if (text !== lastText) lastArchived = entry;
      lastText = text;
      open = { document, archived: lastArchived!, from: entry.effective_date, until: null, releases: [entry.version] };
      out.push(open);
    }
  }
  return out;
}

function localesOf(span: Span, from: string, options: Pick<RecordOptions, 'policyUrl' | 'dirOf'>): RecordLocale[] {
  const policyUrl = options.policyUrl;
  const dir = `${(options.dirOf ?? folderOf)(span.document)}versions/${span.archived.version}`;
  return ofDocument(span.archived.documents, span.document).map((d) => ({
    locale: d.locale,
    title: d.title,
    url: addressFrom(from, `${dir}/${d.locale}/index.html`, policyUrl),
    markdown_url: addressFrom(from, `${dir}/${d.locale}/policy.md`, policyUrl),
    sha256: d.markdown_sha256,
  }));
}

/** A snapshot as the current schema reads it (defaults of later fields filled in), as compare.ts reads it. */
const normalized = (facts: Record<string, unknown>): Record<string, unknown> => (snapshotFacts(facts) as Record<string, unknown> | undefined) ?? facts;

/** The laws a release's facts enable (its `jurisdictions`). */
const lawsOf = (entry: LedgerEntry): string[] => (Array.isArray(entry.facts.jurisdictions) ? entry.facts.jurisdictions.map(String) : []);

/**
 * What changed from `previous` to `entry` and what each law enabled in `entry` requires of it
 * (materiality.ts), each change in words in the release's locales when a library is given.
 * With no previous release (version 1) nothing changed: every law's action is `none`.
 */
function changesOf(entry: LedgerEntry, previous: LedgerEntry | undefined, library: Library | undefined): Pick<PolicyVersionRecord, 'changes' | 'actions'> {
  const laws = lawsOf(entry);
  const after = normalized(entry.facts);
  if (!previous) return { changes: [], actions: materiality(after, after, laws).actions };
  const before = normalized(previous.facts);
  const locales = [...new Set(entry.documents.map((d) => d.locale))].filter((l) => library?.locales.has(l));
  const record = library ? materialityRecord(before, after, laws, library, locales) : materiality(before, after, laws);
  return { changes: record.changes.map((c) => ({ path: c.path, kind: c.kind, summary: c.summary ?? {}, laws: c.laws })), actions: record.actions };
}

/** The policy-version.json of release `entries[index]`, as written at `at` (a path in the policy folder). */
export function policyVersionRecord(entries: readonly LedgerEntry[], index: number, at: string, options: RecordOptions = {}): PolicyVersionRecord {
  const entry = entries[index]!;
  const previous = entries[index - 1];
  const all = spans(entries);
  const documents: RecordDocument[] = all
    .filter((s) => s.releases.includes(entry.version))
    .map((s) => ({ document: s.document, version: s.archived.version, effective_date: s.from, changed: s.releases[0] === entry.version, locales: localesOf(s, at, options) }));
  const { changes, actions } = changesOf(entry, previous, options.library);
  return {
    format: POLICY_VERSION_FORMAT,
    version: entry.version,
    effective_date: entry.effective_date,
    kind: entry.kind,
    hash: entry.hash,
    previous: previous ? { version: previous.version, effective_date: previous.effective_date, hash: previous.hash, record: addressFrom(at, recordPath(previous.version), options.policyUrl) } : null,
    ...(entry.note && Object.keys(entry.note).length ? { note: entry.note } : {}),
    documents,
    changes,
    actions,
  };
}

/** versions.json: every release and every document's versions with the dates each was in force. */
export function versionsIndex(entries: readonly LedgerEntry[], options: Pick<RecordOptions, 'policyUrl' | 'dirOf'> = {}): VersionsIndex {
  const all = spans(entries);
  const at = VERSIONS_INDEX;
  return {
    format: VERSIONS_FORMAT,
    head: entries[entries.length - 1]?.hash ?? '',
    releases: entries.map((entry, i) => ({
      version: entry.version,
      effective_date: entry.effective_date,
      in_force_until: entries[i + 1]?.effective_date ?? null,
      kind: entry.kind,
      hash: entry.hash,
      record: addressFrom(at, recordPath(entry.version), options.policyUrl),
      documents: Object.fromEntries(all.filter((s) => s.releases.includes(entry.version)).map((s) => [s.document, s.archived.version])),
    })),
    documents: documentIds(entries.flatMap((e) => e.documents)).map((document) => ({
      document,
      versions: all.filter((s) => s.document === document).map((s) => ({ version: s.archived.version, effective_date: s.from, in_force_until: s.until, locales: localesOf(s, at, options) })),
    })),
  };
}

/** JSON as written to disk: two-space indentation, a final newline; key order is fixed by construction. */
export const recordJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The records of a ledger as files of the policy's output folder (for the archive). */
export function versionRecordFiles(entries: readonly LedgerEntry[], options: RecordOptions = {}): Array<{ path: string; content: string }> {
  if (!entries.length) return [];
  const files = entries.map((_, i) => ({ path: recordPath(entries[i]!.version), content: recordJson(policyVersionRecord(entries, i, recordPath(entries[i]!.version), options)) }));
  files.push({ path: CURRENT_RECORD, content: recordJson(policyVersionRecord(entries, entries.length - 1, CURRENT_RECORD, options)) });
  files.push({ path: VERSIONS_INDEX, content: recordJson(versionsIndex(entries, options)) });
  return files;
}

export interface InForce {
  /** The date asked about (YYYY-MM-DD). */
  date: string;
  /** The release in force on that date, or null before the first. */
  release: IndexRelease | null;
  /** Per document (or the one asked for): its version in force, or null when none was. */
  documents: Array<{ document: string; version: IndexDocumentVersion | null }>;
}

/**
 * The version in force on `date`: the newest whose effective date is on or before it (dates
 * are YYYY-MM-DD, so they compare as text). Before the first release, `release` is null; a
 * document not yet published, or withdrawn, on that date has `version` null.
 */
export function versionAt(index: VersionsIndex, date: string, document?: string): InForce {
  const newestOnOrBefore = <T extends { effective_date: string }>(list: readonly T[]): T | null => list.filter((v) => v.effective_date <= date).at(-1) ?? null;
  const documents = index.documents
    .filter((d) => document === undefined || d.document === document)
    .map((d) => {
      const version = newestOnOrBefore(d.versions);
      // A withdrawn document is not in force after its last text's end.
      return { document: d.document, version: version && (version.in_force_until === null || date < version.in_force_until) ? version : null };
    });
  return { date, release: newestOnOrBefore(index.releases), documents };
}

/** Whether a parsed JSON value is a versions.json (the parts versionAt reads); a reason when not. */
export function versionsIndexProblem(value: unknown): string | undefined {
  const v = value as Partial<VersionsIndex> | null;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'not a JSON object';
  if (v.format !== VERSIONS_FORMAT) return `"format" is not "${VERSIONS_FORMAT}"`;
  const dated = (x: unknown): boolean => !!x && typeof x === 'object' && typeof (x as { effective_date?: unknown }).effective_date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test((x as { effective_date: string }).effective_date) && Number.isInteger((x as { version?: unknown }).version);
  if (!Array.isArray(v.releases) || !v.releases.every(dated)) return '"releases" is not a list of versions with effective dates';
  if (!Array.isArray(v.documents) || !v.documents.every((d) => d && typeof d.document === 'string' && Array.isArray(d.versions) && d.versions.every(dated))) return '"documents" is not a list of documents with dated versions';
  return undefined;
}
