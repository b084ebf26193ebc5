/**
 * release(): appends version N+1 to the ledger when the rendered policy differs from the
 * newest release. The only function that writes the ledger.
 */
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { preparePolicy } from './prepare.js';
import { onInterrupt } from '../system/interrupt.js';
import { acquireLock, type LockEvent } from '../system/lock.js';
import { ownerState, processStart } from '../system/owner.js';
import { compose, composeAll, localeDocuments } from '../compose/compose.js';
import { loadLibrary, type Library, type LibraryOptions } from '../library/library.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { PolicygenError, type Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';
import { appendedText, ledgerPath, newestEntry, readLedger, sameFacts, sealEntry, type LedgerEntry, type ReleasedDocument, type ReleaseKind } from '../versions/ledger.js';
import { documentDate } from '../versions/stamp.js';
import { documentIds, ofDocument, releasedDocument, sameRendering, sameText, snapshotFacts } from '../versions/sides.js';
import { verifyLedger } from '../versions/verify.js';
import { lawsAskingConsent, materialityRecord, reconsentMissing, type Materiality } from '../versions/materiality.js';

export interface ReleaseOptions extends LibraryOptions {
  /** Effective date of the new version, YYYY-MM-DD. */
  date: string;
  /**
   * Release note per locale, e.g. { 'zh-CN': '…', en: '…' }: why the policy changed, shown
   * in the change notice. Required in every language of the policy unless `noNote`.
   */
  note?: Record<string, string>;
  /** Release without a note on purpose (the notice then gives no reason for the change). */
  noNote?: boolean;
  /** A library already loaded (tests, batch use). */
  library?: Library;
  /** How long to wait for another run holding the data folder's lock, in ms (default 10 minutes). */
  waitMs?: number;
  onLock?: (event: LockEvent) => void;
}

export interface ReleaseResult {
  status: 'released' | 'unchanged' | 'failed';
  file: string;
  ledgerFile: string;
  /** The version written (status released). */
  entry?: LedgerEntry;
  /** The newest version before this call. */
  previous?: LedgerEntry;
  /** What each enabled law requires for the fact changes since `previous` (status released, not the first version). */
  materiality?: Materiality;
  diagnostics: Diagnostic[];
}

let version: string | undefined;
/** policygen's own version, recorded in every entry. */
export function policygenVersion(): string {
  version ??= (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

export async function release(file: string, options: ReleaseOptions): Promise<ReleaseResult> {
  let library: Library;
  try {
    library = options.library ?? (await loadLibrary(options));
  } catch (error) {
    if (error instanceof PolicygenError) return { status: 'failed', file, ledgerFile: '', diagnostics: error.diagnostics };
    throw error;
  }
  let unlock: () => Promise<void>;
  try {
    unlock = await acquireLock(dirname(ledgerPath(file)), { ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}), ...(options.onLock ? { onEvent: options.onLock } : {}) });
  } catch (error) {
    if (error instanceof PolicygenError) return { status: 'failed', file, ledgerFile: ledgerPath(file), diagnostics: error.diagnostics };
    throw error;
  }
  const unregister = onInterrupt({ run: () => {}, kept: { key: 'keptLedger', params: { file: ledgerPath(file) } } });
  try {
    removeStaleTemporaries(ledgerPath(file));
    return await releaseLocked(file, library, options);
  } finally {
    unregister();
    await unlock();
  }
}

async function releaseLocked(file: string, library: Library, options: ReleaseOptions): Promise<ReleaseResult> {
  const ledger = await readLedger(file);
  const base = { file, ledgerFile: ledger.file };
  const verified = verifyLedger(ledger);
  if (!verified.ok) return { status: 'failed', ...base, diagnostics: verified.diagnostics };

  const { policy, diagnostics } = await preparePolicy(file, library, options.date);
  if (!policy) return { status: 'failed', ...base, diagnostics };

  const previous = newestEntry(ledger.entries);
  const facts = policy.facts as unknown as Record<string, unknown>;
  // Each document on its own: one whose text is what it was keeps its released Markdown
  // (and its date); only documents that changed get this release's date.
  const documents: Omit<ReleasedDocument, 'markdown_sha256'>[] = [];
  let changed = !previous || documentIds(previous.documents).join() !== policy.documents.map((c) => c.plan.id).join();
  for (const composed of policy.documents) {
    const released = previous ? ofDocument(previous.documents, composed.plan.id) : [];
    const since = previous ? documentDate(ledger.entries, composed.plan.id) : undefined;
    if (since && released.length) {
      // Composed at the date it was released, so the stamp line alone is never a change.
      const again = compose(policy.facts, library, { date: since, document: composed.plan }).documents;
      if (sameRendering(again, released)) {
        documents.push(...released.map(({ markdown_sha256: _sha, ...rest }) => rest));
        continue;
      }
    }
    changed = true;
    documents.push(...composed.documents.map(releasedDocument));
  }
  let kind: ReleaseKind = 'initial';
  if (previous) {
    if (!changed) return { status: 'unchanged', ...base, previous, diagnostics };
    if (options.date < previous.effective_date) {
      return {
        status: 'failed',
        ...base,
        previous,
        diagnostics: [
          ...diagnostics,
          {
            id: 'release-date',
            severity: 'error',
            file: ledger.file,
            ...say('releaseDate.message', { date: options.date, version: previous.version, previous: previous.effective_date }, 'releaseDate.fix'),
          },
        ],
      };
    }
    kind = releaseKind(previous, facts, library);
  }
  const missing = missingNotes(documents.map((d) => d.locale), options);
  if (missing.length) {
    return {
      status: 'failed',
      ...base,
      ...(previous ? { previous } : {}),
      diagnostics: [
        ...diagnostics,
        {
          id: 'release-note',
          severity: 'error',
          file: ledger.file,
          ...say('releaseNote.message', { locales: missing.join(', '), count: missing.length }, 'releaseNote.fix', { flags: missing.map(noteFlag).join(' ') }),
        },
      ],
    };
  }

  const note = options.noNote ? undefined : notesFor(options.note);
  const entry = sealEntry({
    version: (previous?.version ?? 0) + 1,
    effective_date: options.date,
    kind,
    ...(note && Object.keys(note).length ? { note } : {}),
    policygen_version: policygenVersion(),
    template_fingerprint: library.fingerprint,
    facts,
    documents,
    previous: previous?.hash ?? null,
  });
  // The whole file is rewritten through a temporary file and a rename: earlier lines stay
  // byte for byte, and a crash never leaves half an entry.
  const tmp = `${ledger.file}.${process.pid}-${processStart(process.pid) ?? 0}.tmp`;
  // Synchronous, write and rename: a signal lands before (the ledger as it was, no temporary
  // file: an asynchronous write could still create it after the clean-up removed it) or after.
  try {
    writeFileSync(tmp, appendedText(ledger.text, entry));
    renameSync(tmp, ledger.file);
  } finally {
    rmSync(tmp, { force: true });
  }
  const record = previous ? materialityRecord(snapshotFacts(previous.facts) ?? previous.facts, facts, facts.jurisdictions as string[], library, policy.facts.policy.locales) : undefined;
  const warnings = record ? reconsentMissing(lawsAskingConsent([record]), facts, file) : [];
  return { status: 'released', ...base, entry, ...(previous ? { previous } : {}), ...(record ? { materiality: record } : {}), diagnostics: [...diagnostics, ...warnings] };
}

/** Locales of the policy whose note is missing or blank (none when `noNote`). */
export function missingNotes(locales: readonly string[], options: Pick<ReleaseOptions, 'note' | 'noNote'>): string[] {
  if (options.noNote) return [];
  return [...new Set(locales)].filter((locale) => !options.note?.[locale]?.trim());
}

/** The notes given, trimmed, blank ones left out. */
function notesFor(note: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!note) return undefined;
  const out: Record<string, string> = {};
  for (const [locale, text] of Object.entries(note)) if (text.trim()) out[locale] = text.trim();
  return out;
}

/** The command-line flag that gives a locale's note. */
export function noteFlag(locale: string): string {
  if (locale === 'zh-CN') return '--note-zh "…"';
  if (locale === 'en') return '--note-en "…"';
  return `--note ${locale}="…"`;
}

/** Temporary ledger files (`<ledger>.<pid>-<start>.tmp`) of releases that were killed. */
function removeStaleTemporaries(ledgerFile: string): void {
  const dir = dirname(ledgerFile);
  const prefix = `${basename(ledgerFile)}.`;
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const match = /^(\d+)(?:-(\d+))?\.tmp$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const owner = { host: hostname(), pid: Number(match[1]), start: match[2] && match[2] !== '0' ? match[2] : null };
    if (ownerState(owner) !== 'alive') rmSync(join(dir, name), { force: true });
  }
}

/**
 * Facts changed, wording (templates/locales) changed, or both. Wording changed when the
 * previous facts, composed with today's library, no longer give the previous text.
 */
export function releaseKind(previous: LedgerEntry, facts: Record<string, unknown>, library: Library): ReleaseKind {
  const factsChanged = !sameFacts(previous.facts, facts);
  if (!factsChanged) return 'wording';
  if (previous.template_fingerprint === library.fingerprint) return 'facts';
  const old = snapshotFacts(previous.facts);
  if (!old) return 'facts_and_wording';
  try {
    const again = localeDocuments(composeAll(old, library, { date: previous.effective_date }));
    return sameText(again, previous.documents) ? 'facts' : 'facts_and_wording';
  } catch {
    return 'facts_and_wording';
  }
}
