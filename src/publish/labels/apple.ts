/**
 * Apple's labels from the store-label model (src/jurisdictions/labels.ts):
 * - the privacy manifest, PrivacyInfo.xcprivacy: an XML property list with Apple's documented
 *   keys (NSPrivacyTracking, NSPrivacyTrackingDomains, NSPrivacyCollectedDataTypes and, only
 *   when the data file lists them, NSPrivacyAccessedAPITypes);
 * - fastlane's app_privacy_details.json, which `fastlane upload_app_privacy_details_to_app_store
 *   json_path:` sends to App Store Connect (the App Store's "App Privacy" answers).
 * Pure: the same facts give the same bytes.
 */
import {
  APPLE_API_PREFIX,
  APPLE_DATA_TYPE_PREFIX,
  APPLE_PURPOSE_PREFIX,
  CONNECT_DATA_TYPES,
  CONNECT_PURPOSES,
} from '../../facts/schema.js';
import { appleTypes, type StoreLabels } from '../../jurisdictions/labels.js';

/** A property-list value: the subset a privacy manifest uses. */
type PlistValue = boolean | string | PlistValue[] | { [key: string]: PlistValue };

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One value as plist XML, indented with tabs as Xcode writes it. */
function plistXml(value: PlistValue, depth: number): string {
  const pad = '\t'.repeat(depth);
  if (typeof value === 'boolean') return `${pad}<${value}/>`;
  if (typeof value === 'string') return `${pad}<string>${escapeXml(value)}</string>`;
  if (Array.isArray(value)) return value.length ? `${pad}<array>\n${value.map((v) => plistXml(v, depth + 1)).join('\n')}\n${pad}</array>` : `${pad}<array/>`;
  const entries = Object.entries(value);
  if (!entries.length) return `${pad}<dict/>`;
  const inner = entries.map(([key, v]) => `${pad}\t<key>${escapeXml(key)}</key>\n${plistXml(v, depth + 1)}`).join('\n');
  return `${pad}<dict>\n${inner}\n${pad}</dict>`;
}

/** The privacy manifest as a value: Apple's keys, in the order Xcode's template lists them. */
export function privacyManifestValue(labels: StoreLabels): { [key: string]: PlistValue } {
  const types = appleTypes(labels);
  const manifest: { [key: string]: PlistValue } = {
    NSPrivacyTracking: types.some((t) => t.tracking),
    NSPrivacyTrackingDomains: [...labels.trackingDomains],
    NSPrivacyCollectedDataTypes: types.map((t) => ({
      NSPrivacyCollectedDataType: `${APPLE_DATA_TYPE_PREFIX}${t.type}`,
      NSPrivacyCollectedDataTypeLinked: t.linked,
      NSPrivacyCollectedDataTypeTracking: t.tracking,
      NSPrivacyCollectedDataTypePurposes: t.purposes.map((p) => `${APPLE_PURPOSE_PREFIX}${p}`),
    })),
  };
  if (labels.accessedApis.length) {
    manifest.NSPrivacyAccessedAPITypes = labels.accessedApis.map((api) => ({
      NSPrivacyAccessedAPIType: `${APPLE_API_PREFIX}${api.category}`,
      NSPrivacyAccessedAPITypeReasons: [...api.reasons],
    }));
  }
  return manifest;
}

/** PrivacyInfo.xcprivacy: the XML property list Xcode reads from the app bundle. */
export function privacyManifest(labels: StoreLabels): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    plistXml(privacyManifestValue(labels), 0),
    '</plist>',
    '',
  ].join('\n');
}

/**
 * fastlane's app_privacy_details.json: one entry per App Store Connect category with its
 * purposes and protections (DATA_LINKED_TO_YOU or DATA_NOT_LINKED_TO_YOU, and
 * DATA_USED_TO_TRACK_YOU), sorted as fastlane writes them; DATA_NOT_COLLECTED when nothing is.
 */
export function appPrivacyDetails(labels: StoreLabels): string {
  const byCategory = new Map<string, { purposes: Set<string>; linked: boolean; tracking: boolean }>();
  for (const t of appleTypes(labels)) {
    const category = CONNECT_DATA_TYPES[t.type];
    const entry = byCategory.get(category) ?? { purposes: new Set<string>(), linked: false, tracking: false };
    for (const p of t.purposes) entry.purposes.add(CONNECT_PURPOSES[p]);
    entry.linked ||= t.linked;
    entry.tracking ||= t.tracking;
    byCategory.set(category, entry);
  }
  const usages = [...byCategory.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([category, e]) => ({
      category,
      purposes: [...e.purposes].sort(),
      data_protections: [e.linked ? 'DATA_LINKED_TO_YOU' : 'DATA_NOT_LINKED_TO_YOU', ...(e.tracking ? ['DATA_USED_TO_TRACK_YOU'] : [])].sort(),
    }));
  const json = usages.length ? usages : [{ data_protections: ['DATA_NOT_COLLECTED'] }];
  return `${JSON.stringify(json, null, 2)}\n`;
}
