/**
 * The app stores' own vocabularies, in one place: what Apple's privacy manifest and Google
 * Play's Data safety form accept. The data file and the label generators
 * (src/publish/labels/) use only these values; a value not listed here is refused by the
 * schema, so a label can never carry a type the store does not know.
 *
 * Sources (checked 2026-12):
 * - Apple, "Describing data use in privacy manifests"
 *   https://developer.apple.com/documentation/bundleresources/describing-data-use-in-privacy-manifests
 *   and "Describing use of required reason API"
 *   https://developer.apple.com/documentation/bundleresources/describing-use-of-required-reason-api
 *   (the same data-type and purpose lists are used by Godot's iOS exporter,
 *   godotengine/godot editor/export/editor_export_platform_apple_embedded.cpp).
 * - Google Play Console, App content › Data safety › "Export to CSV": the five columns and every
 *   question and response id below are those of a real export, pinned as
 *   test/fixtures/labels/play-sample/data_safety.csv (its source is in the README beside it);
 *   the question ids also appear in the Play Developer API's dataSafety CSV body
 *   (https://developers.google.com/android-publisher/api-ref/rest/v3/applications/dataSafety).
 */

/** Apple's collected data types: NSPrivacyCollectedDataType values without the `NSPrivacyCollectedDataType` prefix. */
export const APPLE_DATA_TYPES = [
  // Contact info
  'Name',
  'EmailAddress',
  'PhoneNumber',
  'PhysicalAddress',
  'OtherUserContactInfo',
  // Health and fitness
  'Health',
  'Fitness',
  // Financial info
  'PaymentInfo',
  'CreditInfo',
  'OtherFinancialInfo',
  // Location
  'PreciseLocation',
  'CoarseLocation',
  // Sensitive info
  'SensitiveInfo',
  // Contacts
  'Contacts',
  // User content
  'EmailsOrTextMessages',
  'PhotosorVideos', // sic: Apple spells it with a lower-case "or"
  'AudioData',
  'GameplayContent',
  'CustomerSupport',
  'OtherUserContent',
  // Browsing and search history
  'BrowsingHistory',
  'SearchHistory',
  // Identifiers
  'UserID',
  'DeviceID',
  // Purchases
  'PurchaseHistory',
  // Usage data
  'ProductInteraction',
  'AdvertisingData',
  'OtherUsageData',
  // Diagnostics
  'CrashData',
  'PerformanceData',
  'OtherDiagnosticData',
  // Surroundings and body
  'EnvironmentScanning',
  'Hands',
  'Head',
  // Other
  'OtherDataTypes',
] as const;
export type AppleDataType = (typeof APPLE_DATA_TYPES)[number];
export const APPLE_DATA_TYPE_PREFIX = 'NSPrivacyCollectedDataType';

/** Apple's collection purposes: NSPrivacyCollectedDataTypePurposes values without the `NSPrivacyCollectedDataTypePurpose` prefix. */
export const APPLE_PURPOSES = ['ThirdPartyAdvertising', 'DeveloperAdvertising', 'Analytics', 'ProductPersonalization', 'AppFunctionality', 'Other'] as const;
export type ApplePurpose = (typeof APPLE_PURPOSES)[number];
export const APPLE_PURPOSE_PREFIX = 'NSPrivacyCollectedDataTypePurpose';

/** Required-reason API categories: NSPrivacyAccessedAPIType values without the `NSPrivacyAccessedAPICategory` prefix. */
export const APPLE_API_CATEGORIES = ['FileTimestamp', 'SystemBootTime', 'DiskSpace', 'ActiveKeyboards', 'UserDefaults'] as const;
export const APPLE_API_PREFIX = 'NSPrivacyAccessedAPICategory';
/** A reason code such as CA92.1 (four letters or digits, a dot, a digit). */
export const APPLE_API_REASON = /^[0-9A-Z]{4}\.\d$/;

/**
 * The top-level keys of a privacy manifest (PrivacyInfo.xcprivacy), and the keys of each
 * NSPrivacyCollectedDataTypes and NSPrivacyAccessedAPITypes entry, with the plist type of each.
 */
export const APPLE_MANIFEST_KEYS = {
  NSPrivacyTracking: 'boolean',
  NSPrivacyTrackingDomains: 'string[]',
  NSPrivacyCollectedDataTypes: 'dict[]',
  NSPrivacyAccessedAPITypes: 'dict[]',
} as const;
export const APPLE_COLLECTED_KEYS = {
  NSPrivacyCollectedDataType: 'string',
  NSPrivacyCollectedDataTypeLinked: 'boolean',
  NSPrivacyCollectedDataTypeTracking: 'boolean',
  NSPrivacyCollectedDataTypePurposes: 'string[]',
} as const;
export const APPLE_API_KEYS = {
  NSPrivacyAccessedAPIType: 'string',
  NSPrivacyAccessedAPITypeReasons: 'string[]',
} as const;

/**
 * Google Play's data types, in the order of the Console's export: question id (the group),
 * response id (the type) and the Console's label ("group / type").
 */
export const PLAY_DATA_TYPES = [
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_NAME', 'Personal info', 'Name'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_EMAIL', 'Personal info', 'Email address'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_USER_ACCOUNT', 'Personal info', 'User IDs'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_ADDRESS', 'Personal info', 'Address'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_PHONE', 'Personal info', 'Phone number'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_RACE_ETHNICITY', 'Personal info', 'Race and ethnicity'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_POLITICAL_RELIGIOUS', 'Personal info', 'Political or religious beliefs'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_SEXUAL_ORIENTATION_GENDER_IDENTITY', 'Personal info', 'Sexual orientation'],
  ['PSL_DATA_TYPES_PERSONAL', 'PSL_OTHER_PERSONAL', 'Personal info', 'Other info'],
  ['PSL_DATA_TYPES_FINANCIAL', 'PSL_CREDIT_DEBIT_BANK_ACCOUNT_NUMBER', 'Financial info', 'User payment info'],
  ['PSL_DATA_TYPES_FINANCIAL', 'PSL_PURCHASE_HISTORY', 'Financial info', 'Purchase history'],
  ['PSL_DATA_TYPES_FINANCIAL', 'PSL_CREDIT_SCORE', 'Financial info', 'Credit score'],
  ['PSL_DATA_TYPES_FINANCIAL', 'PSL_OTHER', 'Financial info', 'Other financial info'],
  ['PSL_DATA_TYPES_LOCATION', 'PSL_APPROX_LOCATION', 'Location', 'Approximate location'],
  ['PSL_DATA_TYPES_LOCATION', 'PSL_PRECISE_LOCATION', 'Location', 'Precise location'],
  ['PSL_DATA_TYPES_SEARCH_AND_BROWSING', 'PSL_WEB_BROWSING_HISTORY', 'Web browsing', 'Web browsing history'],
  ['PSL_DATA_TYPES_EMAIL_AND_TEXT', 'PSL_EMAILS', 'Messages', 'Emails'],
  ['PSL_DATA_TYPES_EMAIL_AND_TEXT', 'PSL_SMS_CALL_LOG', 'Messages', 'SMS or MMS'],
  ['PSL_DATA_TYPES_EMAIL_AND_TEXT', 'PSL_OTHER_MESSAGES', 'Messages', 'Other in-app messages'],
  ['PSL_DATA_TYPES_PHOTOS_AND_VIDEOS', 'PSL_PHOTOS', 'Photos and videos', 'Photos'],
  ['PSL_DATA_TYPES_PHOTOS_AND_VIDEOS', 'PSL_VIDEOS', 'Photos and videos', 'Videos'],
  ['PSL_DATA_TYPES_AUDIO', 'PSL_AUDIO', 'Audio files', 'Voice or sound recordings'],
  ['PSL_DATA_TYPES_AUDIO', 'PSL_MUSIC', 'Audio files', 'Music files'],
  ['PSL_DATA_TYPES_AUDIO', 'PSL_OTHER_AUDIO', 'Audio files', 'Other audio files'],
  ['PSL_DATA_TYPES_HEALTH_AND_FITNESS', 'PSL_HEALTH', 'Health and fitness', 'Health info'],
  ['PSL_DATA_TYPES_HEALTH_AND_FITNESS', 'PSL_FITNESS', 'Health and fitness', 'Fitness info'],
  ['PSL_DATA_TYPES_CONTACTS', 'PSL_CONTACTS', 'Contacts', 'Contacts'],
  ['PSL_DATA_TYPES_CALENDAR', 'PSL_CALENDAR', 'Calendar', 'Calendar events'],
  ['PSL_DATA_TYPES_APP_PERFORMANCE', 'PSL_CRASH_LOGS', 'App info and performance', 'Crash logs'],
  ['PSL_DATA_TYPES_APP_PERFORMANCE', 'PSL_PERFORMANCE_DIAGNOSTICS', 'App info and performance', 'Diagnostics'],
  ['PSL_DATA_TYPES_APP_PERFORMANCE', 'PSL_OTHER_PERFORMANCE', 'App info and performance', 'Other app performance data'],
  ['PSL_DATA_TYPES_FILES_AND_DOCS', 'PSL_FILES_AND_DOCS', 'Files and docs', 'Files and docs'],
  ['PSL_DATA_TYPES_APP_ACTIVITY', 'PSL_USER_INTERACTION', 'App activity', 'App interactions'],
  ['PSL_DATA_TYPES_APP_ACTIVITY', 'PSL_IN_APP_SEARCH_HISTORY', 'App activity', 'In-app search history'],
  ['PSL_DATA_TYPES_APP_ACTIVITY', 'PSL_APPS_ON_DEVICE', 'App activity', 'Installed apps'],
  ['PSL_DATA_TYPES_APP_ACTIVITY', 'PSL_USER_GENERATED_CONTENT', 'App activity', 'Other user-generated content'],
  ['PSL_DATA_TYPES_APP_ACTIVITY', 'PSL_OTHER_APP_ACTIVITY', 'App activity', 'Other actions'],
  ['PSL_DATA_TYPES_IDENTIFIERS', 'PSL_DEVICE_ID', 'Device or other IDs', 'Device or other IDs'],
] as const;
/** Play data types as the data file writes them: the response id without `PSL_` (EMAIL, USER_ACCOUNT, DEVICE_ID…). */
export const PLAY_TYPE_CODES = PLAY_DATA_TYPES.map(([, response]) => response.slice(4)) as unknown as readonly [PlayTypeCode, ...PlayTypeCode[]];
export type PlayTypeCode = (typeof PLAY_DATA_TYPES)[number][1] extends `PSL_${infer Code}` ? Code : never;

/** Play's purposes (collection and sharing): response id and label, in the export's order. */
export const PLAY_PURPOSES = [
  ['PSL_APP_FUNCTIONALITY', 'App functionality'],
  ['PSL_ANALYTICS', 'Analytics'],
  ['PSL_DEVELOPER_COMMUNICATIONS', 'Developer communications'],
  ['PSL_FRAUD_PREVENTION_SECURITY', 'Fraud prevention, security, and compliance'],
  ['PSL_ADVERTISING', 'Advertising or marketing'],
  ['PSL_PERSONALIZATION', 'Personalization'],
  ['PSL_ACCOUNT_MANAGEMENT', 'Account management'],
] as const;
export type PlayPurpose = (typeof PLAY_PURPOSES)[number][0];

/** Play's account creation methods (PSL_SUPPORTED_ACCOUNT_CREATION_METHODS), as the data file writes them → response id. */
export const PLAY_ACCOUNT_METHODS = {
  username_password: 'PSL_ACM_USER_ID_PASSWORD',
  username_other_auth: 'PSL_ACM_USER_ID_OTHER_AUTH',
  username_password_other_auth: 'PSL_ACM_USER_ID_PASSWORD_OTHER_AUTH',
  oauth: 'PSL_ACM_OAUTH',
  other: 'PSL_ACM_OTHER',
  none: 'PSL_ACM_NONE',
} as const;
export const ACCOUNT_METHODS = Object.keys(PLAY_ACCOUNT_METHODS) as (keyof typeof PLAY_ACCOUNT_METHODS)[];

/**
 * Why the app collects data, in the data file's words, and what each store calls it. This is
 * the documented default table: a policy purpose (purposes[].id) is given one of these codes in
 * app.purposes, and both labels follow from it.
 * - Apple has no "account management", "fraud prevention" or "developer communications": its
 *   App Functionality covers authenticating the user, preventing fraud and security measures;
 *   compliance with a law and messages about the app fall under Other.
 * - Play has one "Advertising or marketing" for the developer's own and third parties' ads.
 */
export const STORE_PURPOSES = {
  app_functionality: { apple: 'AppFunctionality', play: 'PSL_APP_FUNCTIONALITY' },
  account_management: { apple: 'AppFunctionality', play: 'PSL_ACCOUNT_MANAGEMENT' },
  fraud_prevention_security: { apple: 'AppFunctionality', play: 'PSL_FRAUD_PREVENTION_SECURITY' },
  compliance: { apple: 'Other', play: 'PSL_FRAUD_PREVENTION_SECURITY' },
  analytics: { apple: 'Analytics', play: 'PSL_ANALYTICS' },
  personalization: { apple: 'ProductPersonalization', play: 'PSL_PERSONALIZATION' },
  developer_communications: { apple: 'Other', play: 'PSL_DEVELOPER_COMMUNICATIONS' },
  developer_advertising: { apple: 'DeveloperAdvertising', play: 'PSL_ADVERTISING' },
  third_party_advertising: { apple: 'ThirdPartyAdvertising', play: 'PSL_ADVERTISING' },
} as const satisfies Record<string, { apple: ApplePurpose; play: PlayPurpose }>;
export type StorePurpose = keyof typeof STORE_PURPOSES;
export const STORE_PURPOSE_CODES = Object.keys(STORE_PURPOSES) as [StorePurpose, ...StorePurpose[]];
/** The store purposes that are advertising: the only ones Apple's "tracking" can serve. */
export const ADVERTISING_PURPOSES: readonly StorePurpose[] = ['developer_advertising', 'third_party_advertising'];

/**
 * App Store Connect's ids for the same data types and purposes, as fastlane's
 * `upload_app_privacy_details_to_app_store` reads them from app_privacy_details.json
 * (fastlane/fastlane spaceship/lib/spaceship/connect_api/models/app_data_usage_category.rb and
 * app_data_usage_purposes.rb). App Store Connect has no ids for Apple's visionOS types
 * (EnvironmentScanning, Hands, Head): they are declared there as OTHER_DATA.
 */
export const CONNECT_DATA_TYPES: Readonly<Record<AppleDataType, string>> = {
  Name: 'NAME',
  EmailAddress: 'EMAIL_ADDRESS',
  PhoneNumber: 'PHONE_NUMBER',
  PhysicalAddress: 'PHYSICAL_ADDRESS',
  OtherUserContactInfo: 'OTHER_CONTACT_INFO',
  Health: 'HEALTH',
  Fitness: 'FITNESS',
  PaymentInfo: 'PAYMENT_INFORMATION',
  CreditInfo: 'CREDIT_AND_FRAUD',
  OtherFinancialInfo: 'OTHER_FINANCIAL_INFO',
  PreciseLocation: 'PRECISE_LOCATION',
  CoarseLocation: 'COARSE_LOCATION',
  SensitiveInfo: 'SENSITIVE_INFO',
  Contacts: 'CONTACTS',
  EmailsOrTextMessages: 'EMAILS_OR_TEXT_MESSAGES',
  PhotosorVideos: 'PHOTOS_OR_VIDEOS',
  AudioData: 'AUDIO',
  GameplayContent: 'GAMEPLAY_CONTENT',
  CustomerSupport: 'CUSTOMER_SUPPORT',
  OtherUserContent: 'OTHER_USER_CONTENT',
  BrowsingHistory: 'BROWSING_HISTORY',
  SearchHistory: 'SEARCH_HISTORY',
  UserID: 'USER_ID',
  DeviceID: 'DEVICE_ID',
  PurchaseHistory: 'PURCHASE_HISTORY',
  ProductInteraction: 'PRODUCT_INTERACTION',
  AdvertisingData: 'ADVERTISING_DATA',
  OtherUsageData: 'OTHER_USAGE_DATA',
  CrashData: 'CRASH_DATA',
  PerformanceData: 'PERFORMANCE_DATA',
  OtherDiagnosticData: 'OTHER_DIAGNOSTIC_DATA',
  EnvironmentScanning: 'OTHER_DATA',
  Hands: 'OTHER_DATA',
  Head: 'OTHER_DATA',
  OtherDataTypes: 'OTHER_DATA',
};
export const CONNECT_PURPOSES: Readonly<Record<ApplePurpose, string>> = {
  ThirdPartyAdvertising: 'THIRD_PARTY_ADVERTISING',
  DeveloperAdvertising: 'DEVELOPERS_ADVERTISING',
  Analytics: 'ANALYTICS',
  ProductPersonalization: 'PRODUCT_PERSONALIZATION',
  AppFunctionality: 'APP_FUNCTIONALITY',
  Other: 'OTHER_PURPOSES',
};
