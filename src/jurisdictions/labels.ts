/**
 * The app-store labels as the policy's facts say them, and the check that the two agree.
 *
 * `storeLabels(facts)` derives everything a label says: the store types and Apple's two
 * answers (linked, tracking) come from `app.data`, the rest from the policy — why (the
 * category's purposes, named for the stores in `app.purposes`), whether it is optional
 * (`required`), whether it is processed only ephemerally (`retention.period: not stored`),
 * whether a third party receives it (a recipient or SDK that is not a processor). The label
 * generators (src/publish/labels/) only write this model out.
 *
 * `checkLabels(facts)` refuses a label that would disagree with the policy: a label entry for
 * a category the policy does not have, a category of the policy that no label entry accounts
 * for, a store question the facts leave open, and tracking the policy gives no ground for (no
 * third party, no advertising purpose, no App Tracking Transparency permission) or the policy
 * implies while the label denies it.
 */
import { formatPath, type Diagnostic } from '../diagnostics.js';
import {
  ADVERTISING_PURPOSES,
  APPLE_DATA_TYPES,
  PLAY_DATA_TYPES,
  STORE_PURPOSES,
  type AppleDataType,
  type ApplePurpose,
  type Facts,
  type PlayPurpose,
  type PlayTypeCode,
  type StorePurpose,
} from '../facts/schema.js';
import { closest } from '../facts/suggest.js';
import { say } from '../messages.js';

type Path = (string | number)[];
export type LabelProblem = Diagnostic & { pathParts: Path };
type App = NonNullable<Facts['app']>;
/** What the labels are made from: the app section and the policy facts it is checked against. */
export type LabelFacts = Pick<Facts, 'app' | 'data_categories' | 'purposes' | 'recipients' | 'sdks' | 'permissions' | 'rights'>;

/** One data category as the labels declare it. */
export interface LabelEntry {
  category: string;
  apple: readonly AppleDataType[];
  play: readonly PlayTypeCode[];
  linked: boolean;
  tracking: boolean;
  /** The app cannot be used without it (data_categories[].required). */
  required: boolean;
  /** Used at once and never kept (retention.period: not stored). */
  ephemeral: boolean;
  /** Why it is collected: its purposes, named for the stores. */
  purposes: readonly StorePurpose[];
  /** A recipient or SDK that is not a processor receives it (Play: "shared"). */
  shared: boolean;
  sharingPurposes: readonly StorePurpose[];
}

export interface StoreLabels {
  platforms: App['platforms'];
  entries: LabelEntry[];
  trackingDomains: readonly string[];
  encryptedInTransit: boolean;
  /** The policy tells users how to have their account and data deleted (rights.account_deletion). */
  deletionByUser: boolean;
  deletionUrl?: string;
  accountCreation: NonNullable<App['account_creation']>;
  accessedApis: NonNullable<App['accessed_apis']>;
}

/** Apple's view of one data type: several categories may contain it. */
export interface AppleType {
  type: AppleDataType;
  linked: boolean;
  tracking: boolean;
  purposes: ApplePurpose[];
}

/** Play's view of one data type. */
export interface PlayType {
  type: PlayTypeCode;
  shared: boolean;
  ephemeral: boolean;
  required: boolean;
  collectionPurposes: PlayPurpose[];
  sharingPurposes: PlayPurpose[];
}

const unique = <T>(list: Iterable<T>): T[] => [...new Set(list)];

/** Recipients and SDKs that are not the company's processors: who "shares" means for Play, and who can track. */
function thirdParties(facts: LabelFacts, platform: 'android' | 'ios'): { name: string; role: string; data: string[]; purposes?: string[] }[] {
  return [
    ...facts.recipients.filter((r) => r.role !== 'processor').map((r) => ({ name: r.name, role: r.role, data: r.data })),
    ...facts.sdks
      .filter((s) => s.role !== 'processor' && (!s.platforms || s.platforms.includes(platform)))
      .map((s) => ({ name: String(s.name.en), role: s.role, data: s.data, ...(s.purposes ? { purposes: s.purposes } : {}) })),
  ];
}

/** The labels of a data file that describes an app; undefined when it describes none. */
export function storeLabels(facts: LabelFacts): StoreLabels | undefined {
  const app = facts.app;
  if (!app) return undefined;
  const storePurpose = (id: string) => app.purposes[id];
  const entries: LabelEntry[] = [];
  for (const item of app.data) {
    if (!item.in_app) continue;
    const category = facts.data_categories.find((c) => c.id === item.category);
    if (!category) continue;
    const purposes = unique(category.purposes.map(storePurpose).filter((p): p is StorePurpose => p !== undefined));
    const sharers = thirdParties(facts, 'android').filter((t) => t.data.includes(category.id));
    const sharingPurposes = unique(
      sharers.flatMap((t) => (t.purposes ?? category.purposes).map(storePurpose).filter((p): p is StorePurpose => p !== undefined)),
    );
    entries.push({
      category: category.id,
      apple: item.apple ?? [],
      play: item.play ?? [],
      linked: item.linked ?? false,
      tracking: item.tracking,
      required: category.required,
      ephemeral: category.retention.period === 'not stored',
      purposes,
      shared: sharers.length > 0,
      sharingPurposes,
    });
  }
  return {
    platforms: app.platforms,
    entries,
    trackingDomains: app.tracking_domains ?? [],
    encryptedInTransit: app.encrypted_in_transit,
    deletionByUser: facts.rights?.account_deletion !== undefined,
    ...(app.deletion_url ? { deletionUrl: app.deletion_url } : {}),
    accountCreation: app.account_creation ?? [],
    accessedApis: app.accessed_apis ?? [],
  };
}

/** Apple's data types in Apple's documented order, each merged over the categories that contain it. */
export function appleTypes(labels: StoreLabels): AppleType[] {
  return APPLE_DATA_TYPES.flatMap((type) => {
    const from = labels.entries.filter((e) => e.apple.includes(type));
    if (!from.length) return [];
    const purposes = unique(from.flatMap((e) => e.purposes.map((p) => STORE_PURPOSES[p].apple)));
    return [{ type, linked: from.some((e) => e.linked), tracking: from.some((e) => e.tracking), purposes: sortAs(purposes, ['ThirdPartyAdvertising', 'DeveloperAdvertising', 'Analytics', 'ProductPersonalization', 'AppFunctionality', 'Other']) }];
  });
}

/** Play's data types in the Console's order, each merged over the categories that contain it. */
export function playTypes(labels: StoreLabels): PlayType[] {
  return PLAY_DATA_TYPES.flatMap(([, response]) => {
    const type = response.slice(4) as PlayTypeCode;
    const from = labels.entries.filter((e) => e.play.includes(type));
    if (!from.length) return [];
    return [
      {
        type,
        shared: from.some((e) => e.shared),
        // Ephemeral only if no category of this type is kept; required if any is.
        ephemeral: from.every((e) => e.ephemeral),
        required: from.some((e) => e.required),
        collectionPurposes: unique(from.flatMap((e) => e.purposes.map((p) => STORE_PURPOSES[p].play))),
        sharingPurposes: unique(from.flatMap((e) => e.sharingPurposes.map((p) => STORE_PURPOSES[p].play))),
      },
    ];
  });
}

function sortAs<T>(list: T[], order: readonly T[]): T[] {
  return [...list].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** Every disagreement between the labels the facts describe and the policy; none when the file describes no app. */
export function checkLabels(facts: Facts): LabelProblem[] {
  const app = facts.app;
  if (!app) return [];
  const out: LabelProblem[] = [];
  const add = (id: Diagnostic['id'], pathParts: Path, text: ReturnType<typeof say>) => out.push({ id, severity: 'error', pathParts, path: formatPath(pathParts), ...text });
  const ios = app.platforms.includes('ios');
  const android = app.platforms.includes('android');
  const categoryIds = facts.data_categories.map((c) => c.id);
  const purposeIds = facts.purposes.map((p) => p.id);

  // 1. Each label entry names a category of the policy, once.
  const seen = new Set<string>();
  app.data.forEach((item, i) => {
    const at: Path = ['app', 'data', i];
    if (!categoryIds.includes(item.category)) {
      const near = closest(item.category, categoryIds);
      add(
        'label-category-unknown',
        [...at, 'category'],
        near
          ? say('labelCategoryUnknown.message', { category: item.category }, 'refSuggest.fix', { suggestion: near })
          : say('labelCategoryUnknown.message', { category: item.category }, 'labelCategoryUnknown.fix', { ids: categoryIds.join(', ') }),
      );
      return;
    }
    if (seen.has(item.category)) add('duplicate-id', [...at, 'category'], say('duplicateId.message', { id: item.category, list: formatPath(['app', 'data']) }, 'duplicateId.fix'));
    seen.add(item.category);
    if (!item.in_app) return;
    // 2. What each store asks of a category the app collects.
    if (ios && !item.apple) add('label-answer-missing', at, say('labelAnswerMissing.messageApple', { category: item.category }, 'labelAnswerMissing.fixApple'));
    if (ios && item.linked === undefined) add('label-answer-missing', at, say('labelAnswerMissing.messageLinked', { category: item.category }, 'labelAnswerMissing.fixLinked'));
    if (android && !item.play) add('label-answer-missing', at, say('labelAnswerMissing.messagePlay', { category: item.category }, 'labelAnswerMissing.fixPlay'));
  });

  // 3. Each category of the policy is in the labels, or said not to be collected by the apps.
  facts.data_categories.forEach((category) => {
    if (seen.has(category.id)) return;
    add('label-category-missing', ['app', 'data'], say('labelCategoryMissing.message', { category: category.id }, 'labelCategoryMissing.fix', { category: category.id }));
  });

  // 4. Each purpose of a category in the labels has a store purpose; app.purposes names only the policy's purposes.
  const inApp = app.data.filter((item) => item.in_app && categoryIds.includes(item.category));
  const needed = unique(inApp.flatMap((item) => facts.data_categories.find((c) => c.id === item.category)!.purposes));
  for (const purpose of needed) {
    if (purposeIds.includes(purpose) && app.purposes[purpose] === undefined) {
      add('label-answer-missing', ['app', 'purposes'], say('labelAnswerMissing.messagePurpose', { purpose }, 'labelAnswerMissing.fixPurpose', { purpose }));
    }
  }
  for (const key of Object.keys(app.purposes)) {
    if (purposeIds.includes(key)) continue;
    const near = closest(key, purposeIds);
    add('unknown-reference', ['app', 'purposes', key], near ? say('unknownPurpose.message', { id: key }, 'refSuggest.fix', { suggestion: near }) : say('unknownPurpose.message', { id: key }, 'refOneOf.fix', { field: 'purposes', ids: purposeIds.join(', ') }));
  }

  // 5. Tracking (Apple): only with a third party that receives the data, an advertising purpose,
  // the App Tracking Transparency permission and the tracking domains; and never denied while
  // the policy asks for that permission.
  const trackers = thirdParties(facts, 'ios');
  const attPermission = facts.permissions.some((p) => p.permission === 'tracking' && (!p.platforms || p.platforms.includes('ios')));
  let tracks = false;
  app.data.forEach((item, i) => {
    if (!item.tracking || !item.in_app) return;
    const category = facts.data_categories.find((c) => c.id === item.category);
    if (!category) return;
    tracks = true;
    const at: Path = ['app', 'data', i, 'tracking'];
    if (!trackers.some((t) => t.data.includes(category.id))) add('label-tracking-unsupported', at, say('labelTracking.messageRecipient', { category: category.id }, 'labelTracking.fixRecipient', { category: category.id }));
    const purposes = category.purposes.map((p) => app.purposes[p]);
    if (!purposes.some((p) => p !== undefined && ADVERTISING_PURPOSES.includes(p))) {
      add('label-tracking-unsupported', at, say('labelTracking.messagePurpose', { category: category.id }, 'labelTracking.fixPurpose', { category: category.id }));
    }
  });
  if (tracks && ios && !attPermission) add('label-tracking-unsupported', ['permissions'], say('labelTracking.messagePermission', {}, 'labelTracking.fixPermission'));
  if (tracks && !app.tracking_domains?.length) add('label-answer-missing', ['app'], say('labelAnswerMissing.messageDomains', {}, 'labelAnswerMissing.fixDomains'));
  if (!tracks && ios && attPermission) {
    const i = facts.permissions.findIndex((p) => p.permission === 'tracking');
    add('label-tracking-undeclared', ['permissions', i, 'permission'], say('labelTrackingUndeclared.message', {}, 'labelTrackingUndeclared.fix'));
  }

  // 6. Google Play: how accounts are made, and where users ask for deletion.
  if (android) {
    if (!app.account_creation) add('label-answer-missing', ['app'], say('labelAnswerMissing.messageAccount', {}, 'labelAnswerMissing.fixAccount'));
    else if (!app.account_creation.includes('none') && !app.deletion_url) add('label-answer-missing', ['app'], say('labelAnswerMissing.messageDeletion', {}, 'labelAnswerMissing.fixDeletion'));
  }
  return out;
}
