/**
 * The app-store labels a policy publishes, once per policy (not per document or language),
 * in its `app/` folder: PrivacyInfo.xcprivacy and app_privacy_details.json for iOS,
 * data-safety.csv for Android. Nothing when the data file describes no app (no `app:`).
 */
import { storeLabels, type LabelFacts } from '../../jurisdictions/labels.js';
import { appPrivacyDetails, privacyManifest } from './apple.js';
import { dataSafetyCsv } from './play.js';

export { appPrivacyDetails, privacyManifest, privacyManifestValue } from './apple.js';
export { DATA_SAFETY_COLUMNS, dataSafetyCsv, dataSafetyRows, dataSafetyTemplate, formatDataSafetyCsv, type DataSafetyRow } from './play.js';

/** Where the labels go inside a policy's folder. */
export const LABEL_FILES = {
  manifest: 'app/PrivacyInfo.xcprivacy',
  fastlane: 'app/app_privacy_details.json',
  dataSafety: 'app/data-safety.csv',
} as const;

/** The label files of a policy's facts: path inside the policy's folder and content. */
export function labelFiles(facts: Partial<LabelFacts>): { path: string; content: string }[] {
  const { app, data_categories, purposes, recipients, sdks, permissions } = facts;
  if (!app || !data_categories || !purposes || !recipients || !sdks || !permissions) return [];
  const labels = storeLabels(facts as LabelFacts);
  if (!labels) return [];
  const files: { path: string; content: string }[] = [];
  if (labels.platforms.includes('ios')) {
    files.push({ path: LABEL_FILES.manifest, content: privacyManifest(labels) });
    files.push({ path: LABEL_FILES.fastlane, content: appPrivacyDetails(labels) });
  }
  if (labels.platforms.includes('android')) files.push({ path: LABEL_FILES.dataSafety, content: dataSafetyCsv(labels) });
  return files;
}
