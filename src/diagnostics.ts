/**
 * Diagnostics: every problem any stage finds is a plain object with a stable id, a
 * location and a fix. Stages collect *all* of them and return or throw them together;
 * only the CLI decides how to print them.
 */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable kebab-case id; never changes once published (see CATALOGUE). */
  id: DiagnosticId;
  severity: Severity;
  /** What is wrong, in one sentence. */
  message: string;
  /** What to write instead. */
  fix?: string;
  file?: string;
  line?: number;
  column?: number;
  /** Field path inside the data file, e.g. `data_categories[2].retention.period`. */
  path?: string;
  /** Message and fix as catalogue keys + parameters, to show them in another language. */
  i18n?: { message: { key: string; params: Record<string, string | number> }; fix?: { key: string; params: Record<string, string | number> } };
}

/** Every diagnostic id, with what it means. Ids are part of the interface (`--json`). */
export const CATALOGUE = {
  'file-not-found': 'The data file or folder does not exist.',
  'file-too-large': 'The data file is larger than the size limit.',
  'invalid-encoding': 'The data file is not valid UTF-8.',
  'yaml-syntax': 'The data file is not well-formed YAML.',
  'yaml-limit': 'The YAML uses more aliases or nesting than allowed.',
  'forbidden-key': 'A key such as __proto__ that could alter objects is not allowed.',
  'unknown-field': 'A field that the schema does not know (often a typo).',
  'missing-field': 'A required field is missing.',
  'wrong-type': 'A field has the wrong kind of value (text, number, list…).',
  'invalid-value': 'A field has a value the schema does not allow.',
  'duplicate-id': 'Two entries in a list use the same id.',
  'unknown-reference': 'A field refers to an id that is not defined.',
  'unknown-locale': 'A locale is used that has no folder under locales/.',
  'missing-translation': 'A localized value lacks one of the output languages.',
  'missing-disclosure': 'An enabled jurisdiction requires a disclosure that a missing fact prevents.',
  'transfer-mechanism': 'A transfer lacks a mechanism an enabled jurisdiction accepts.',
  // Legal consistency (src/jurisdictions/consistency.ts): what a law allows, and one answer per reader.
  'field-replaced': 'A field of an older data-file format was replaced; `policygen migrate FILE` rewrites it.',
  'basis-missing': 'A purpose states no legal basis under an enabled law that has legal bases.',
  'basis-not-in-law': "A purpose's legal basis is not in that law's own list (e.g. legitimate interests under PIPL).",
  'basis-foreign-law': 'A legal-obligation basis rests on a law that this law does not accept (GDPR Art. 6(3), LGPD Art. 7 II).',
  'sensitive-basis': 'Special-category data is used for a purpose whose basis does not cover it (GDPR Art. 9(2); LGPD Art. 11).',
  'transfer-missing': "A recipient outside a law's territory is not in a transfer from that territory.",
  'transfer-within-territory': 'A transfer goes to a country inside the territory it leaves (e.g. EEA → DE), which is no transfer.',
  'age-conflict': 'Users are admitted below the age at which a law lets them consent, and no parental consent is described.',
  'guardian-rules-missing': 'Children under 14 are admitted (or the service is for children) without the PIPL Art. 31 guardian consent and dedicated rules.',
  'deadline-in-text': 'A number of days is written into free text instead of the field that each law part prints.',
  'mlps-certification': 'The MLPS is listed as a certification; it is a filing and an assessment (security.mlps_level).',
  'fact-unused': 'A fact is set but printed nowhere in this policy (warning).',
  'unnamed-law': 'A text says the law requires something without naming the law (warning).',
  'wrong-language': 'A localized text is written in the other language (English as zh-CN, or Chinese as en).',
  'placeholder': 'A value is still a placeholder such as [公司地址], TODO or 待定.',
  'suspicious-text': 'A value contains invisible or direction-changing characters.',
  'missing-date': 'No effective date: give --date or policy.effective_date.',
  'missing-key': 'A locale file lacks a key that the templates use.',
  'locale-parity': 'Locale files differ in their keys.',
  'clause-parity': 'The locales differ in clauses, order or numbering.',
  'unknown-clause': 'A cross-reference or placement names a clause that does not exist.',
  'template-error': 'A template failed to render.',
  'browser-not-found': 'No Chromium or Chrome was found for PDF output.',
  'browser-too-old': 'The Chromium or Chrome found is too old to draw PDF headers and footers (needs 131+).',
  'pdf-failed': 'The browser failed while rendering a PDF.',
  'output-error': 'The output folder cannot be written (permissions, disk full, not a folder).',
  'output-locked': 'Another build holds the output folder for longer than --wait allows.',
  'file-exists': 'init will not overwrite an existing file.',
  // Versions (src/versions): the release ledger, diffs and notices.
  'ledger-invalid': 'The release ledger cannot be read or a line is not a ledger entry.',
  'ledger-tampered': 'A ledger entry was edited, replaced or deleted after release (the hash chain is broken).',
  'ledger-empty': 'The release ledger exists but holds no version.',
  'ledger-truncated': 'The release ledger holds fewer versions than the published archive shows (its newest entries were removed).',
  'ledger-head': 'The ledger\'s newest entry is not the one expected (verify --expect-head) or published.',
  'release-date': 'A release date is earlier than the newest released version.',
  'unknown-version': 'A version number that the ledger does not hold.',
  'usage': 'The command line was used wrongly.',
} as const;

export type DiagnosticId = keyof typeof CATALOGUE;

/** Thrown by stages when input is unusable; carries every diagnostic found. */
export class PolicygenError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[], options?: { cause?: unknown }) {
    super(diagnostics.map(formatDiagnostic).join('\n'), options);
    this.name = 'PolicygenError';
    this.diagnostics = diagnostics;
  }
}

export function formatLocation(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  if (!d.file) return '';
  return d.line ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
}

/** One diagnostic as plain text: `file:line:col: message [id]` then the path and fix. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d);
  const head = `${where ? `${where}: ` : ''}${d.severity}: ${d.message} [${d.id}]`;
  const lines = [head];
  if (d.path) lines.push(`  at ${d.path}`);
  if (d.fix) lines.push(`  fix: ${d.fix}`);
  return lines.join('\n');
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Field path as people write it: `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
