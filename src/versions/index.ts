/**
 * The versions stage: release ledger, stamps, fact diff, redline, change notice, archive.
 * Every function here is pure or touches only the files it names; nothing prints or exits.
 */
export { archiveFiles, type ArchiveFile } from './archive.js';
export { compareSides, type Comparison } from './compare.js';
export { describeOps, type FactChange, type Importance } from './describe.js';
export { applyOp, diffFacts, type FactOp } from './facts-diff.js';
export { canonicalJson, ledgerPath, parseLedger, readLedger, type Ledger, type LedgerEntry, type ReleaseKind } from './ledger.js';
export { noticeMarkdown, type NoticeInput } from './notice.js';
export { redline, type Redline } from './redline.js';
export { redlineHtml } from './redline-html.js';
export { diffWordsLocale, tokenize } from './segment.js';
export { readReleases, stampDocuments, type Releases } from './stamp.js';
export { verifyLedger, type VerifyReport } from './verify.js';
export { policyVersionRecord, versionAt, versionRecordFiles, versionsIndex, type InForce, type PolicyVersionRecord, type VersionsIndex } from './version-record.js';
export { ACTIONS, ARTICLES, classify, materiality, materialityRecord, type Action, type LawAction, type MaterialChange, type Materiality, type MaterialityLaw } from './materiality.js';
