/**
 * App-store labels from the same facts as the policy (issue 17, part 3).
 *
 * - The example (an Android and iOS app) gives a privacy manifest that a real plist parser
 *   reads, whose keys are Apple's documented ones with values of the documented types and
 *   vocabularies; fastlane's app_privacy_details.json uses App Store Connect's ids.
 * - Its Data safety CSV has exactly the columns and the question/response rows of a real Play
 *   Console export (test/fixtures/labels/play-sample/), and round-trips: parsed and written back
 *   it is the same bytes (and so is the sample, which proves the quoting is the Console's).
 * - The three files are compared with reviewed copies in test/fixtures/labels/example/
 *   (UPDATE=1 rewrites them; read the diff).
 * - `build` writes them to <policy>/app/, and nothing when the data file describes no app.
 * - Each disagreement between labels and policy is refused by `check`, located in the data
 *   file; a label with tracking the policy does support is not.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics.js';
import {
  APPLE_API_KEYS,
  APPLE_API_PREFIX,
  APPLE_COLLECTED_KEYS,
  APPLE_DATA_TYPE_PREFIX,
  APPLE_DATA_TYPES,
  APPLE_MANIFEST_KEYS,
  APPLE_PURPOSE_PREFIX,
  APPLE_PURPOSES,
  APPLE_API_CATEGORIES,
  CONNECT_DATA_TYPES,
  CONNECT_PURPOSES,
} from '../src/facts/schema.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { build } from '../src/pipeline/build.js';
import { check } from '../src/pipeline/check.js';
import { DATA_SAFETY_COLUMNS, formatDataSafetyCsv, LABEL_FILES, labelFiles, type DataSafetyRow } from '../src/publish/labels/index.js';
import { factsFrom } from './helpers/library.js';
import { replaced } from './helpers/workspace.js';

const EXAMPLE = readFileSync(join(PACKAGE_ROOT, 'data', 'example.yaml'), 'utf8');
const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'labels');
const SAMPLE = readFileSync(join(FIXTURES, 'play-sample', 'data_safety.csv'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'policygen-labels-'));

const edit = (...pairs: [string, string][]) => replaced(EXAMPLE, 'example', pairs);

/** The label files of a data file's text, by path. */
function labelsOf(text: string): Record<string, string> {
  return Object.fromEntries(labelFiles(factsFrom(text)).map((f) => [f.path, f.content]));
}
const example = labelsOf(EXAMPLE);

// ---------------------------------------------------------------------------------------------
// Apple
// ---------------------------------------------------------------------------------------------

type Value = unknown;
const isStringArray = (v: Value) => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Every way a parsed manifest departs from Apple's documented keys, types and values. */
function manifestProblems(manifest: Value): string[] {
  const out: string[] = [];
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return ['the manifest is not a dictionary'];
  const typeOk = (type: string, v: Value) => (type === 'boolean' ? typeof v === 'boolean' : type === 'string' ? typeof v === 'string' : type === 'string[]' ? isStringArray(v) : Array.isArray(v));
  const checkDict = (where: string, dict: Record<string, Value>, keys: Record<string, string>) => {
    for (const [key, v] of Object.entries(dict)) {
      if (!(key in keys)) out.push(`${where}: ${key} is not a documented key`);
      else if (!typeOk(keys[key]!, v)) out.push(`${where}: ${key} is not a ${keys[key]}`);
    }
  };
  const top = manifest as Record<string, Value>;
  checkDict('manifest', top, APPLE_MANIFEST_KEYS);
  for (const [i, entry] of ((top.NSPrivacyCollectedDataTypes as Value[]) ?? []).entries()) {
    const e = entry as Record<string, Value>;
    checkDict(`NSPrivacyCollectedDataTypes[${i}]`, e, APPLE_COLLECTED_KEYS);
    for (const key of Object.keys(APPLE_COLLECTED_KEYS)) if (!(key in e)) out.push(`NSPrivacyCollectedDataTypes[${i}]: ${key} is missing`);
    const type = String(e.NSPrivacyCollectedDataType);
    if (!APPLE_DATA_TYPES.some((t) => `${APPLE_DATA_TYPE_PREFIX}${t}` === type)) out.push(`${type} is not a documented data type`);
    for (const p of (e.NSPrivacyCollectedDataTypePurposes as string[]) ?? []) {
      if (!APPLE_PURPOSES.some((d) => `${APPLE_PURPOSE_PREFIX}${d}` === p)) out.push(`${p} is not a documented purpose`);
    }
  }
  for (const [i, entry] of ((top.NSPrivacyAccessedAPITypes as Value[]) ?? []).entries()) {
    const e = entry as Record<string, Value>;
    checkDict(`NSPrivacyAccessedAPITypes[${i}]`, e, APPLE_API_KEYS);
    if (!APPLE_API_CATEGORIES.some((c) => `${APPLE_API_PREFIX}${c}` === e.NSPrivacyAccessedAPIType)) out.push(`${String(e.NSPrivacyAccessedAPIType)} is not a documented API category`);
  }
  return out;
}

describe('PrivacyInfo.xcprivacy', () => {
  const xml = example[LABEL_FILES.manifest]!;
  const manifest = parsePlist(xml) as Record<string, any>;

  it('is an XML property list a plist parser reads, with Xcode\'s prolog and DOCTYPE', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN"')).toBe(true);
    expect(manifest).toBeTypeOf('object');
    expect(Object.keys(manifest).length).toBeGreaterThan(0);
  });

  it("uses only Apple's documented keys, with values of the documented types and vocabularies", () => {
    expect(manifestProblems(manifest)).toEqual([]);
    // The check itself sees each kind of departure.
    const broken = structuredClone(manifest);
    broken.NSPrivacyTracked = true;
    broken.NSPrivacyTracking = 'no';
    broken.NSPrivacyCollectedDataTypes[0].NSPrivacyCollectedDataType = 'NSPrivacyCollectedDataTypeEmail';
    broken.NSPrivacyCollectedDataTypes[0].NSPrivacyCollectedDataTypePurposes = ['NSPrivacyCollectedDataTypePurposeMarketing'];
    delete broken.NSPrivacyCollectedDataTypes[1].NSPrivacyCollectedDataTypeLinked;
    expect(manifestProblems(broken)).toEqual([
      'manifest: NSPrivacyTracking is not a boolean',
      'manifest: NSPrivacyTracked is not a documented key',
      'NSPrivacyCollectedDataTypeEmail is not a documented data type',
      'NSPrivacyCollectedDataTypePurposeMarketing is not a documented purpose',
      'NSPrivacyCollectedDataTypes[1]: NSPrivacyCollectedDataTypeLinked is missing',
    ]);
  });

  it("declares what the example's facts say: no tracking, its data types linked to the user, and no required-reason APIs it does not list", () => {
    expect(manifest.NSPrivacyTracking).toBe(false);
    expect(manifest.NSPrivacyTrackingDomains).toEqual([]);
    expect('NSPrivacyAccessedAPITypes' in manifest).toBe(false);
    const types = Object.fromEntries(manifest.NSPrivacyCollectedDataTypes.map((e: any) => [e.NSPrivacyCollectedDataType.slice(APPLE_DATA_TYPE_PREFIX.length), e]));
    expect(Object.keys(types)).toEqual(['Name', 'EmailAddress', 'PhotosorVideos', 'AudioData', 'OtherUserContent', 'UserID', 'DeviceID', 'PurchaseHistory', 'CrashData', 'OtherDiagnosticData', 'OtherDataTypes']);
    for (const e of Object.values(types) as any[]) {
      expect(e.NSPrivacyCollectedDataTypeLinked).toBe(true);
      expect(e.NSPrivacyCollectedDataTypeTracking).toBe(false);
    }
    // Why: the policy's purposes as app.purposes names them. Transaction records serve billing
    // (app functionality) and Chinese tax records (a legal duty: Apple's "Other").
    expect(types.PurchaseHistory.NSPrivacyCollectedDataTypePurposes).toEqual(['NSPrivacyCollectedDataTypePurposeAppFunctionality', 'NSPrivacyCollectedDataTypePurposeOther']);
    expect(types.OtherDataTypes.NSPrivacyCollectedDataTypePurposes).toEqual(['NSPrivacyCollectedDataTypePurposeOther']);
  });

  it('lists required-reason APIs only when the facts hold them', () => {
    const text = edit(['  account_creation: [username_password]\n', '  account_creation: [username_password]\n  accessed_apis:\n    - category: UserDefaults\n      reasons: [CA92.1]\n']);
    const manifest = parsePlist(labelsOf(text)[LABEL_FILES.manifest]!) as Record<string, any>;
    expect(manifest.NSPrivacyAccessedAPITypes).toEqual([{ NSPrivacyAccessedAPIType: 'NSPrivacyAccessedAPICategoryUserDefaults', NSPrivacyAccessedAPITypeReasons: ['CA92.1'] }]);
    expect(manifestProblems(manifest)).toEqual([]);
  });
});

describe("fastlane's app_privacy_details.json", () => {
  const details = JSON.parse(example[LABEL_FILES.fastlane]!) as { category: string; purposes: string[]; data_protections: string[] }[];

  it("uses App Store Connect's ids, one entry per category, sorted as fastlane writes them", () => {
    const categories = details.map((d) => d.category);
    expect(categories).toEqual([...categories].sort());
    expect(new Set(categories).size).toBe(categories.length);
    for (const d of details) {
      expect(Object.values(CONNECT_DATA_TYPES)).toContain(d.category);
      for (const p of d.purposes) expect(Object.values(CONNECT_PURPOSES)).toContain(p);
      expect(d.data_protections).toEqual(['DATA_LINKED_TO_YOU']);
    }
    expect(details.find((d) => d.category === 'PURCHASE_HISTORY')!.purposes).toEqual(['APP_FUNCTIONALITY', 'OTHER_PURPOSES']);
  });
});

// ---------------------------------------------------------------------------------------------
// Google Play
// ---------------------------------------------------------------------------------------------

const rowsOf = (csv: string): string[][] => parseCsv(csv, { bom: true, relax_column_count: false }) as string[][];
const asRows = (records: string[][]): DataSafetyRow[] => records.slice(1).map(([question, response, value, requirement, label]) => ({ question: question!, response: response!, value: value!, requirement: requirement!, label: label! }));

describe('data-safety.csv', () => {
  const csv = example[LABEL_FILES.dataSafety]!;
  const ours = rowsOf(csv);
  const sample = rowsOf(SAMPLE);

  it('has exactly the columns of a real Play Console export', () => {
    expect(sample[0]).toEqual([...DATA_SAFETY_COLUMNS]);
    expect(ours[0]).toEqual(sample[0]);
    for (const row of ours) expect(row).toHaveLength(5);
  });

  it("has exactly the sample's questions and answers, in its order, with its requirements and labels", () => {
    const shape = (rows: string[][]) => rows.slice(1).map(([question, response, , requirement, label]) => [question, response, requirement, label].join(' | '));
    expect(ours.length).toBe(sample.length);
    expect(shape(ours)).toEqual(shape(sample));
  });

  it('round-trips: parsed and written back, ours and the sample are the same bytes', () => {
    expect(formatDataSafetyCsv(asRows(ours))).toBe(csv);
    expect(formatDataSafetyCsv(asRows(sample))).toBe(SAMPLE);
  });

  it("answers from the example's facts", () => {
    const value = (question: string, response = '') => ours.find((r) => r[0] === question && r[1] === response)![2];
    const values = new Set(ours.slice(1).map((r) => r[2]));
    // Only the Console's kinds of answer: blank, true/false, or a link.
    for (const v of values) expect(v === '' || v === 'true' || v === 'false' || /^https:\/\//.test(v!)).toBe(true);
    expect(value('PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA')).toBe('true');
    expect(value('PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT')).toBe('true');
    expect(value('PSL_SUPPORTED_ACCOUNT_CREATION_METHODS', 'PSL_ACM_USER_ID_PASSWORD')).toBe('true');
    expect(value('PSL_SUPPORTED_ACCOUNT_CREATION_METHODS', 'PSL_ACM_OAUTH')).toBe('');
    expect(value('PSL_ACCOUNT_DELETION_URL')).toBe('https://nimbusnotes.example/account/delete');
    // rights.account_deletion says how to ask for deletion.
    expect(value('PSL_SUPPORT_DATA_DELETION_BY_USER', 'DATA_DELETION_YES')).toBe('true');
    expect(value('PSL_SUPPORT_DATA_DELETION_BY_USER', 'DATA_DELETION_NO')).toBe('');
    const declared = ours.filter((r) => r[0]!.startsWith('PSL_DATA_TYPES_') && r[2] === 'true').map((r) => r[1]);
    expect(declared).toEqual(['PSL_NAME', 'PSL_EMAIL', 'PSL_USER_ACCOUNT', 'PSL_OTHER_PERSONAL', 'PSL_PURCHASE_HISTORY', 'PSL_PHOTOS', 'PSL_AUDIO', 'PSL_CRASH_LOGS', 'PSL_PERFORMANCE_DIAGNOSTICS', 'PSL_FILES_AND_DOCS', 'PSL_USER_GENERATED_CONTENT', 'PSL_DEVICE_ID']);
    const usage = (type: string, part: string, response = '') => value(`PSL_DATA_USAGE_RESPONSES:${type}:${part}`, response);
    // Every recipient and SDK is a processor: collected, never "shared" in Play's sense.
    expect(usage('PSL_EMAIL', 'PSL_DATA_USAGE_COLLECTION_AND_SHARING', 'PSL_DATA_USAGE_ONLY_COLLECTED')).toBe('true');
    expect(usage('PSL_EMAIL', 'PSL_DATA_USAGE_COLLECTION_AND_SHARING', 'PSL_DATA_USAGE_ONLY_SHARED')).toBe('');
    expect(usage('PSL_EMAIL', 'PSL_DATA_USAGE_EPHEMERAL')).toBe('false');
    // Account details are required; transaction records are not (required: false in the policy).
    expect(usage('PSL_EMAIL', 'DATA_USAGE_USER_CONTROL', 'PSL_DATA_USAGE_USER_CONTROL_REQUIRED')).toBe('true');
    expect(usage('PSL_PURCHASE_HISTORY', 'DATA_USAGE_USER_CONTROL', 'PSL_DATA_USAGE_USER_CONTROL_OPTIONAL')).toBe('true');
    expect(usage('PSL_PURCHASE_HISTORY', 'DATA_USAGE_USER_CONTROL', 'PSL_DATA_USAGE_USER_CONTROL_REQUIRED')).toBe('');
    // Device and log data serve security (fraud prevention) and the service.
    expect(usage('PSL_DEVICE_ID', 'DATA_USAGE_COLLECTION_PURPOSE', 'PSL_FRAUD_PREVENTION_SECURITY')).toBe('true');
    expect(usage('PSL_DEVICE_ID', 'DATA_USAGE_COLLECTION_PURPOSE', 'PSL_APP_FUNCTIONALITY')).toBe('true');
    expect(usage('PSL_DEVICE_ID', 'DATA_USAGE_COLLECTION_PURPOSE', 'PSL_ADVERTISING')).toBe('');
    // A type nobody collects has no answers at all.
    expect(ours.filter((r) => r[0]!.includes(':PSL_PRECISE_LOCATION:')).every((r) => r[2] === '')).toBe(true);
  });
});

describe('the reviewed copies in test/fixtures/labels/example/', () => {
  it('match what the example gives (UPDATE=1 rewrites them)', () => {
    for (const [path, content] of Object.entries(example)) {
      const file = join(FIXTURES, 'example', path.replace(/^app\//, ''));
      if (process.env.UPDATE) writeFileSync(file, content);
      expect(content, path).toBe(readFileSync(file, 'utf8'));
    }
    expect(Object.keys(example).sort()).toEqual([LABEL_FILES.fastlane, LABEL_FILES.manifest, LABEL_FILES.dataSafety].sort());
  });
});

// ---------------------------------------------------------------------------------------------
// Publishing
// ---------------------------------------------------------------------------------------------

describe('the library API', () => {
  it('offers the labels as functions of the facts', async () => {
    const api = await import('../src/index.js');
    const facts = factsFrom(EXAMPLE);
    expect(api.labelFiles(facts)).toEqual(labelFiles(facts));
    const labels = api.storeLabels(facts)!;
    expect(api.privacyManifest(labels)).toBe(example[LABEL_FILES.manifest]);
    expect(api.dataSafetyCsv(labels)).toBe(example[LABEL_FILES.dataSafety]);
    expect(api.appPrivacyDetails(labels)).toBe(example[LABEL_FILES.fastlane]);
    expect(api.checkLabels(facts)).toEqual([]);
  });
});

describe('build', () => {
  it('writes the labels once per policy in app/, the same bytes as the publisher gives', async () => {
    const out = join(dir, 'out');
    const report = await build([join(PACKAGE_ROOT, 'data', 'example.yaml')], { outDir: out, formats: ['md'] });
    expect(report.ok, report.diagnostics.map((d) => d.message).join('\n')).toBe(true);
    expect(readdirSync(join(out, 'example', 'app')).sort()).toEqual(['PrivacyInfo.xcprivacy', 'app_privacy_details.json', 'data-safety.csv']);
    for (const [path, content] of Object.entries(example)) expect(readFileSync(join(out, 'example', path), 'utf8')).toBe(content);
    // The manifest lists them as the policy's labels: no document, no language.
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { policies: Record<string, { artifacts: { path: string; format: string; document?: string; locale?: string }[] }> };
    const labels = manifest.policies.example!.artifacts.filter((a) => a.path.startsWith('example/app/'));
    expect(labels.map((a) => [a.path, a.format, a.document, a.locale]).sort()).toEqual(Object.keys(example).map((p) => [`example/${p}`, 'label', undefined, undefined]).sort());
  }, 60_000);

  it('writes no labels for a data file that describes no app, and only the labels of its platforms', async () => {
    const start = EXAMPLE.indexOf('\napp:\n');
    const end = EXAMPLE.indexOf('\ncookies:\n');
    expect(start).toBeGreaterThan(0);
    const noApp = EXAMPLE.slice(0, start) + EXAMPLE.slice(end);
    expect(labelsOf(noApp)).toEqual({});
    const file = join(dir, 'web-only.yaml');
    writeFileSync(file, noApp);
    const out = join(dir, 'out-web');
    const report = await build([file], { outDir: out, formats: ['md'] });
    expect(report.ok, report.diagnostics.map((d) => d.message).join('\n')).toBe(true);
    expect(existsSync(join(out, 'web-only', 'app'))).toBe(false);
    expect(existsSync(join(out, 'web-only'))).toBe(true);

    expect(Object.keys(labelsOf(edit(['  platforms: [android, ios]\n  purposes:', '  platforms: [ios]\n  purposes:'])))).toEqual([LABEL_FILES.manifest, LABEL_FILES.fastlane]);
    expect(Object.keys(labelsOf(edit(['  platforms: [android, ios]\n  purposes:', '  platforms: [android]\n  purposes:'])))).toEqual([LABEL_FILES.dataSafety]);
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// Labels and policy disagree
// ---------------------------------------------------------------------------------------------

let n = 0;
async function diagnose(text: string): Promise<Diagnostic[]> {
  const file = join(dir, `case-${n++}.yaml`);
  writeFileSync(file, text);
  const report = await check([file]);
  return [...report.diagnostics, ...report.policies.flatMap((p) => p.diagnostics)];
}
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
const labelProblems = (found: Diagnostic[]) => found.filter((d) => d.id.startsWith('label-') || d.path?.startsWith('app'));

async function expectRefused(text: string, id: string, path: string, lineNeedle: string, says: RegExp) {
  const found = await diagnose(text);
  const hit = found.find((d) => d.id === id && d.path === path && says.test(`${d.message} ${d.fix}`));
  expect(hit, `expected [${id}] at ${path} saying ${says}; got:\n${found.map((d) => `${d.line}:${d.column} [${d.id}] ${d.path} ${d.message}`).join('\n')}`).toBeDefined();
  expect(hit!.severity).toBe('error');
  expect(hit!.line).toBe(lineOf(text, lineNeedle));
  expect(hit!.column).toBeGreaterThan(0);
  expect(hit!.fix).toBeTruthy();
  return found;
}

describe('check refuses labels that disagree with the policy', () => {
  it('the example as it is: no label problem', async () => {
    expect(labelProblems(await diagnose(EXAMPLE))).toEqual([]);
  });

  it('a label entry for a category the policy does not have', async () => {
    const text = edit(['    - category: payment\n', '    - category: payments\n']);
    const found = await expectRefused(text, 'label-category-unknown', 'app.data[2].category', '    - category: payments', /payments.*not in data_categories.*payment/s);
    // …and the policy's category is then accounted for by no entry.
    expect(found.some((d) => d.id === 'label-category-missing' && /"payment"/.test(d.message))).toBe(true);
  });

  it('a category the policy has and the labels leave out', async () => {
    const text = edit(['    - category: identity_documents\n      apple: [Name, OtherDataTypes]\n      play: [NAME, OTHER_PERSONAL]\n      linked: true\n', '']);
    await expectRefused(text, 'label-category-missing', 'app.data', '    - category: account', /identity_documents.*in_app: false/s);
  });

  it('…unless it is said to be collected outside the apps (and then it is in no label)', async () => {
    const text = edit(['    - category: identity_documents\n      apple: [Name, OtherDataTypes]\n      play: [NAME, OTHER_PERSONAL]\n      linked: true\n', '    - category: identity_documents\n      in_app: false\n']);
    expect(labelProblems(await diagnose(text))).toEqual([]);
    const labels = labelsOf(text);
    expect(labels[LABEL_FILES.manifest]).not.toContain('OtherDataTypes');
    expect(labels[LABEL_FILES.manifest]).toContain('NSPrivacyCollectedDataTypeName'); // still from account details
    expect(labels[LABEL_FILES.dataSafety]).toContain('PSL_DATA_TYPES_PERSONAL,PSL_OTHER_PERSONAL,,MULTIPLE_CHOICE');
  });

  it('a collected category without the store types its platform needs, or without "linked"', async () => {
    await expectRefused(edit(['      apple: [PurchaseHistory]\n', '']), 'label-answer-missing', 'app.data[2]', '    - category: payment', /Apple data type/);
    await expectRefused(edit(['      play: [PURCHASE_HISTORY]\n', '']), 'label-answer-missing', 'app.data[2]', '    - category: payment', /Google Play data type/);
    await expectRefused(edit(['      apple: [PurchaseHistory]\n      play: [PURCHASE_HISTORY]\n      linked: true\n', '      apple: [PurchaseHistory]\n      play: [PURCHASE_HISTORY]\n']), 'label-answer-missing', 'app.data[2]', '    - category: payment', /linked to the user's identity/);
  });

  it('a purpose of collected data with no store purpose, and a store purpose for no purpose of the policy', async () => {
    await expectRefused(edit(['    billing: app_functionality\n', '']), 'label-answer-missing', 'app.purposes', '    provide_service: app_functionality', /"billing".*app\.purposes/s);
    await expectRefused(edit(['    billing: app_functionality\n', '    billing: app_functionality\n    marketing: developer_advertising\n']), 'unknown-reference', 'app.purposes.marketing', '    marketing:', /marketing/);
  });

  it('tracking with no third party receiving the data, no advertising purpose, no tracking domain, no ATT permission', async () => {
    const text = edit(['      apple: [DeviceID, CrashData, OtherDiagnosticData]\n      play: [DEVICE_ID, CRASH_LOGS, PERFORMANCE_DIAGNOSTICS]\n      linked: true\n', '      apple: [DeviceID, CrashData, OtherDiagnosticData]\n      play: [DEVICE_ID, CRASH_LOGS, PERFORMANCE_DIAGNOSTICS]\n      linked: true\n      tracking: true\n']);
    const found = await expectRefused(text, 'label-tracking-unsupported', 'app.data[3].tracking', '      tracking: true', /device_logs.*no recipient or SDK/s);
    expect(found.filter((d) => d.id === 'label-tracking-unsupported').map((d) => d.path)).toEqual(['app.data[3].tracking', 'app.data[3].tracking', 'permissions']);
    expect(found.some((d) => d.id === 'label-tracking-unsupported' && /advertising purpose/.test(d.message))).toBe(true);
    expect(found.some((d) => d.id === 'label-answer-missing' && d.path === 'app' && /tracking_domains/.test(d.message))).toBe(true);
  });

  it('the policy asks for the tracking permission while the labels say nothing tracks', async () => {
    const att = '  - permission: tracking\n    platforms: [ios]\n    purpose:\n      zh-CN: 衡量广告效果\n      en: measuring how our ads perform\n    requested_when:\n      zh-CN: 首次启动应用时\n      en: when you first open the app\n    refusable: true\n    if_refused:\n      zh-CN: 我们不会跨应用跟踪您，其他功能不受影响\n      en: we do not track you across apps; everything else works as before\n    purposes: [provide_service]\n';
    const text = edit(['  - permission: notifications\n', `${att}  - permission: notifications\n`]);
    await expectRefused(text, 'label-tracking-undeclared', 'permissions[2].permission', '  - permission: tracking', /tracking permission/);
  });

  it('Google Play: no way to create accounts given, or accounts without a deletion link', async () => {
    await expectRefused(edit(['  account_creation: [username_password]\n', '']), 'label-answer-missing', 'app', '  platforms: [android, ios]\n  purposes:   #', /account_creation/);
    await expectRefused(edit(['  deletion_url: https://nimbusnotes.example/account/delete\n', '']), 'label-answer-missing', 'app', '  platforms: [android, ios]\n  purposes:   #', /deletion_url/);
    // An iOS-only app is not asked.
    const iosOnly = edit(['  platforms: [android, ios]\n  purposes:', '  platforms: [ios]\n  purposes:'], ['  deletion_url: https://nimbusnotes.example/account/delete\n', '']);
    expect(labelProblems(await diagnose(iosOnly))).toEqual([]);
  });

  it('tracking the policy does support passes, and every label says it', async () => {
    // An advertising purpose, an ad SDK that is a controller receiving device data for it,
    // the ATT permission and a tracking domain: the policy names all of it.
    const text = edit(
      [
        '  - id: security\n',
        '  - id: ads\n    description:\n      zh-CN: 在其他应用和网站中向您展示我们的广告并衡量其效果\n      en: showing you our ads in other apps and websites and measuring how they perform\n    bases: { pipl: consent, gdpr: consent, lgpd: consent }\n  - id: security\n',
      ],
      ['    purposes: [security, provide_service]\n', '    purposes: [security, provide_service, ads]\n'],
      ['    privacy_url: https://www.umeng.com/page/policy\n    country: CN\n    platforms: [android, ios]\n', '    privacy_url: https://www.umeng.com/page/policy\n    country: CN\n    platforms: [android, ios]\n  - name:\n      zh-CN: 广告衡量 SDK\n      en: Ad Measurement SDK\n    provider:\n      zh-CN: 示例广告有限公司\n      en: Example Ads Ltd\n    role: controller\n    purposes: [ads]\n    scenario:\n      zh-CN: 您打开应用时\n      en: when you open the app\n    data: [device_logs]\n    privacy_url: https://ads.example.com/privacy\n    country: CN\n    platforms: [ios]\n'],
      ['  - permission: notifications\n', '  - permission: tracking\n    platforms: [ios]\n    purpose:\n      zh-CN: 衡量广告效果\n      en: measuring how our ads perform\n    requested_when:\n      zh-CN: 首次启动应用时\n      en: when you first open the app\n    refusable: true\n    if_refused:\n      zh-CN: 我们不会跨应用跟踪您，其他功能不受影响\n      en: we do not track you across apps; everything else works as before\n    purposes: [ads]\n  - permission: notifications\n'],
      ['    security: fraud_prevention_security\n', '    security: fraud_prevention_security\n    ads: third_party_advertising\n'],
      ['      play: [DEVICE_ID, CRASH_LOGS, PERFORMANCE_DIAGNOSTICS]\n      linked: true\n', '      play: [DEVICE_ID, CRASH_LOGS, PERFORMANCE_DIAGNOSTICS]\n      linked: true\n      tracking: true\n'],
      ['  encrypted_in_transit: true', '  tracking_domains: [ads.example.com]\n  encrypted_in_transit: true'],
    );
    expect(labelProblems(await diagnose(text))).toEqual([]);
    const labels = labelsOf(text);
    const manifest = parsePlist(labels[LABEL_FILES.manifest]!) as Record<string, any>;
    expect(manifestProblems(manifest)).toEqual([]);
    expect(manifest.NSPrivacyTracking).toBe(true);
    expect(manifest.NSPrivacyTrackingDomains).toEqual(['ads.example.com']);
    const device = manifest.NSPrivacyCollectedDataTypes.find((e: any) => e.NSPrivacyCollectedDataType === 'NSPrivacyCollectedDataTypeDeviceID');
    expect(device.NSPrivacyCollectedDataTypeTracking).toBe(true);
    expect(device.NSPrivacyCollectedDataTypePurposes).toContain('NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising');
    expect(JSON.parse(labels[LABEL_FILES.fastlane]!).find((d: any) => d.category === 'DEVICE_ID').data_protections).toEqual(['DATA_LINKED_TO_YOU', 'DATA_USED_TO_TRACK_YOU']);
    // The SDK is embedded in the iOS app only: on Android nothing is shared.
    const rows = rowsOf(labels[LABEL_FILES.dataSafety]!);
    expect(rows.find((r) => r[0] === 'PSL_DATA_USAGE_RESPONSES:PSL_DEVICE_ID:PSL_DATA_USAGE_COLLECTION_AND_SHARING' && r[1] === 'PSL_DATA_USAGE_ONLY_SHARED')![2]).toBe('');
    expect(rows.find((r) => r[0] === 'PSL_DATA_USAGE_RESPONSES:PSL_DEVICE_ID:DATA_USAGE_COLLECTION_PURPOSE' && r[1] === 'PSL_ADVERTISING')![2]).toBe('true');
  });
});
