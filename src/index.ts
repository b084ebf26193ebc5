/**
 * policygen as a library, for build steps that are not shells:
 *
 *   import { build, check } from 'policygen';
 *   const report = await build(['data/acme.yaml'], { outDir: 'public/privacy' });
 *   if (!report.ok) console.error(report.policies.flatMap((p) => p.diagnostics));
 *
 * Every function returns data (reports, diagnostics); none prints or exits.
 */
export { build, FORMATS, type Artifact, type BuildOptions, type BuildReport, type Format, type PolicyResult } from './pipeline/build.js';
export { check, type CheckOptions, type CheckReport, type PolicyCheck } from './pipeline/check.js';
export { expandInputs, preparePolicy, type PreparedPolicy } from './pipeline/prepare.js';
export { compose, formatDate, planOutline, type Composed, type ComposeOptions, type Heading, type LocaleDocument } from './compose/compose.js';
export { loadLibrary, type Library, type LibraryOptions } from './library/library.js';
export { CATALOGUE, EXIT_CODES, exitCodeFor, formatDiagnostic, PolicygenError, type Diagnostic, type DiagnosticId, type ExitClass } from './diagnostics.js';
export { LIMITS, loadFacts, parseFacts, type LoadResult } from './facts/load.js';
export { factsJsonSchema, factsSchema, JURISDICTIONS, type Facts, type FactsInput, type Jurisdiction, type Localized } from './facts/schema.js';
export type { CoverageEntry } from './jurisdictions/coverage.js';
export { markdownToHtml, renderPage } from './render/html.js';
export { FRAGMENT_CSS, renderFragment, type FragmentOptions } from './render/fragment.js';
export { documentData, documentJson, type ClauseJson, type DocumentJson } from './publish/document-json.js';
export { checkLabels, storeLabels, type LabelFacts, type StoreLabels } from './jurisdictions/labels.js';
export { appPrivacyDetails, dataSafetyCsv, LABEL_FILES, labelFiles, privacyManifest } from './publish/labels/index.js';
export { init, type InitOptions } from './scaffold/init.js';
export { startPreview } from './preview/server.js';
export {
  readLedger,
  verifyLedger as verify,
  versionAt,
  versionsIndex,
  materiality,
  materialityRecord,
  type Action,
  type Materiality,
  type MaterialChange,
  type InForce,
  type Ledger,
  type LedgerEntry,
  type PolicyVersionRecord,
  type VerifyReport,
  type VersionsIndex,
} from './versions/index.js';
export { diff, type DiffOptions, type DiffReport } from './pipeline/diff.js';
export { release, type ReleaseOptions, type ReleaseResult } from './pipeline/release.js';
