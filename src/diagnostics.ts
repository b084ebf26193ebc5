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

/**
 * What a diagnostic's exit class makes the CLI exit with: 1 problems in data files,
 * templates, locales or the ledger; 2 a command line used wrongly; 3 the environment
 * (browser, output folder). Success is 0 and an interruption 130/143 (not diagnostics).
 */
export type ExitClass = 'content' | 'usage' | 'environment';
export const EXIT_CODES: Readonly<Record<ExitClass, number>> = { content: 1, usage: 2, environment: 3 };

export interface CatalogueEntry {
  /** Which exit code an error with this id gives (see EXIT_CODES). */
  exit: ExitClass;
  /**
   * The message groups its diagnostics are written with: keys under `messages.` in
   * locales/<lang>/cli/messages.json, each holding a message and its fix in every language.
   */
  messages: readonly string[];
}

/**
 * The one catalogue of diagnostics. Each id is part of the interface (`--json`) and never
 * changes once published. Its one-line doc is `diagnostics.<id>` and its texts are the
 * `messages.<group>` listed here, in every locales/<lang>/cli/messages.json; sites create
 * diagnostics with `say()` (src/messages.ts) from those keys, never with inline text.
 * docs/diagnostics.md is generated from it (scripts/diagnostics-doc.mjs).
 */
export const CATALOGUE = {
  'file-not-found': { exit: 'content', messages: ['inputMissing', 'inputEmpty', 'fileUnreadable', 'noLedger', 'previewFolder'] },
  'file-too-large': { exit: 'content', messages: ['fileTooLarge'] },
  'invalid-encoding': { exit: 'content', messages: ['invalidEncoding'] },
  'yaml-syntax': { exit: 'content', messages: ['yamlSyntax', 'yamlTabs'] },
  'yaml-limit': { exit: 'content', messages: ['yamlAliases', 'tooDeep', 'listTooLong'] },
  'forbidden-key': { exit: 'content', messages: ['forbiddenKey'] },
  'unknown-field': { exit: 'content', messages: ['unknownField'] },
  'missing-field': { exit: 'content', messages: ['missingField', 'renameKey', 'interestMissing', 'obligationMissing', 'retentionMissing', 'afterExpiryMissing', 'migrate.todoThresholds', 'sdkPurposeMissing', 'childRetention', 'documentLawMissing'] },
  'wrong-type': { exit: 'content', messages: ['wrongType', 'notMapping'] },
  'invalid-value': { exit: 'content', messages: ['invalidValue', 'notAllowed', 'noForm', 'duplicateKey', 'outlineJurisdiction', 'documentLawOff', 'documentLocale', 'documentPrevails'] },
  'duplicate-id': { exit: 'content', messages: ['duplicateId', 'inputSameId', 'sectionIdTaken', 'clauseTwice', 'disclosureTwice', 'documentId', 'documentLawTwice'] },
  'unknown-reference': { exit: 'content', messages: ['unknownPurpose', 'unknownCategory', 'unknownRecipient', 'refSuggest', 'refOneOf', 'refOneOfMany'] },
  'unknown-locale': { exit: 'content', messages: ['unknownLocale', 'noLocale'] },
  'missing-translation': { exit: 'content', messages: ['missingTranslation'] },
  'missing-disclosure': { exit: 'content', messages: ['missingDisclosure', 'notCovered'] },
  'transfer-mechanism': { exit: 'content', messages: ['transferMechanism'] },
  // Legal consistency (src/jurisdictions/consistency.ts): what a law allows, and one answer per reader.
  'field-replaced': { exit: 'content', messages: ['fieldReplaced', 'migrate.todoLayout'] },
  'basis-missing': { exit: 'content', messages: ['basisMissing'] },
  'basis-not-in-law': { exit: 'content', messages: ['basisNotInLaw', 'migrate.todoUnknownBasis'] },
  'basis-foreign-law': { exit: 'content', messages: ['basisForeignLaw'] },
  'sensitive-basis': { exit: 'content', messages: ['sensitiveBasis'] },
  'transfer-missing': { exit: 'content', messages: ['transferMissing'] },
  'transfer-within-territory': { exit: 'content', messages: ['transferWithin'] },
  'age-conflict': { exit: 'content', messages: ['ageConflict'] },
  'guardian-rules-missing': { exit: 'content', messages: ['guardianRules'] },
  'deadline-in-text': { exit: 'content', messages: ['deadlineInText', 'migrate.todoDays'] },
  'mlps-certification': { exit: 'content', messages: ['mlpsCertification'] },
  'sale-conflict': { exit: 'content', messages: ['saleConflict'] },
  'fact-unused': { exit: 'content', messages: ['factUnused', 'originUnused', 'representativeUnneeded', 'childrenRulesUnused'] },
  'permission-forced': { exit: 'content', messages: ['permissionForced'] },
  // Materiality of changes (src/versions/materiality.ts): a law requires consent again and the facts do not say how it is asked.
  'reconsent-missing': { exit: 'content', messages: ['reconsentMissing'] },
  // App-store labels (src/jurisdictions/labels.ts): what the labels declare, the policy says.
  'label-category-unknown': { exit: 'content', messages: ['labelCategoryUnknown'] },
  'label-category-missing': { exit: 'content', messages: ['labelCategoryMissing'] },
  'label-answer-missing': { exit: 'content', messages: ['labelAnswerMissing'] },
  'label-tracking-unsupported': { exit: 'content', messages: ['labelTracking'] },
  'label-tracking-undeclared': { exit: 'content', messages: ['labelTrackingUndeclared'] },
  // China's lists (src/jurisdictions/lists.ts): the collection and sharing lists and the policy name the same things.
  'list-mismatch': { exit: 'content', messages: ['listMismatch'] },
  'training-purpose-missing': { exit: 'content', messages: ['trainingPurposeMissing'] },
  'unnamed-law': { exit: 'content', messages: ['unnamedLaw'] },
  'wrong-language': { exit: 'content', messages: ['wrongLanguage'] },
  'placeholder': { exit: 'content', messages: ['placeholder', 'migrate.todoObligation'] },
  'suspicious-text': { exit: 'content', messages: ['hiddenCharacter'] },
  'missing-date': { exit: 'content', messages: ['missingDate'] },
  'missing-key': { exit: 'content', messages: ['localeNoText'] },
  'locale-parity': { exit: 'content', messages: ['localeKeyMissing', 'localeKeyTwice'] },
  'clause-parity': { exit: 'content', messages: ['parity', 'clauseNoTemplate', 'sectionParity'] },
  'unknown-clause': { exit: 'content', messages: ['disclosureClause', 'placeAfter', 'placeUnder', 'sectionLink'] },
  // The data file's own sections (src/compose/custom.ts): where they go, and their text.
  'section-placement': { exit: 'content', messages: ['sectionPlace'] },
  'section-number-in-text': { exit: 'content', messages: ['sectionNumberInText'] },
  'template-error': { exit: 'content', messages: ['clauseRender', 'templateSyntax', 'outlineList', 'localeJson', 'moduleMissing', 'moduleYaml', 'moduleInvalid', 'moduleId', 'previewUnexpected'] },
  'browser-not-found': { exit: 'environment', messages: ['browserNotFound', 'pdfNoBrowser'] },
  'browser-too-old': { exit: 'environment', messages: ['browserTooOld', 'pdfNoBrowser'] },
  'pdf-failed': { exit: 'environment', messages: ['pdfFailed'] },
  'output-error': { exit: 'environment', messages: ['outputWrite', 'outputNotFolder', 'outputKernelFs', 'outputReadOnly', 'outputUnwritable'] },
  'output-locked': { exit: 'environment', messages: ['outputLocked', 'mergeBusy'] },
  'file-exists': { exit: 'content', messages: ['fileExists'] },
  // Versions (src/versions): the release ledger, diffs and notices.
  'ledger-invalid': { exit: 'content', messages: ['ledgerLine', 'ledgerUnreadable', 'versionsFile'] },
  'ledger-tampered': { exit: 'content', messages: ['ledgerTampered'] },
  'ledger-empty': { exit: 'content', messages: ['ledgerEmpty'] },
  'ledger-truncated': { exit: 'content', messages: ['ledgerTruncated'] },
  'ledger-head': { exit: 'content', messages: ['ledgerHeadMismatch', 'ledgerHeadOlder', 'ledgerPublishedHash'] },
  'release-date': { exit: 'usage', messages: ['releaseDate'] },
  'release-note': { exit: 'usage', messages: ['releaseNote'] },
  'unknown-version': { exit: 'usage', messages: ['versionChoice'] },
  // merge (src/pipeline/merge.ts): the output folders of build --shard runs, joined into one.
  'merge-input': { exit: 'content', messages: ['mergeMissing', 'mergeNotOutput', 'mergeMismatch', 'mergeSitemap'] },
  'merge-conflict': { exit: 'content', messages: ['mergeDuplicate', 'mergeAssets', 'mergeBaseUrl', 'mergeBaseUrlMissing', 'mergeManifest'] },
  // Commander's own message (unknown command or flag), or a flag value refused by a parser (labels in messages.json).
  'usage': { exit: 'usage', messages: [] },
} as const satisfies Record<string, CatalogueEntry>;

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

/**
 * The exit code of a run that reported these diagnostics, from the catalogue only: 0
 * without errors; the exit class of the errors when they all have one; 1 (content) when
 * they are mixed (what the user has to fix comes first).
 */
export function exitCodeFor(diagnostics: readonly Pick<Diagnostic, 'id' | 'severity'>[]): number {
  const classes = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => CATALOGUE[d.id].exit as ExitClass));
  if (!classes.size) return 0;
  return classes.size === 1 ? EXIT_CODES[[...classes][0]!] : EXIT_CODES.content;
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
