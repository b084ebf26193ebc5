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

/**
 * What each code means, for the schema's editor documentation ("code = meaning" in both
 * languages). English follows the stores' own names; Chinese is ours.
 */
export const APPLE_DATA_TYPE_MEANINGS: Readonly<Record<AppleDataType, readonly [string, string]>> = {
  Name: ['first or last name', '姓名'],
  EmailAddress: ['email address', '电子邮箱地址'],
  PhoneNumber: ['phone number', '电话号码'],
  PhysicalAddress: ['postal or home address', '通信地址或住址'],
  OtherUserContactInfo: ['other contact details', '其他联系方式'],
  Health: ['health and medical data', '健康和医疗数据'],
  Fitness: ['fitness and exercise data', '健身和运动数据'],
  PaymentInfo: ['payment card or bank account details', '支付卡或银行账户信息'],
  CreditInfo: ['credit score or other credit information', '信用评分等信用信息'],
  OtherFinancialInfo: ['other financial information such as salary or debts', '收入、负债等其他财务信息'],
  PreciseLocation: ['location as precise as an address', '精确到地址的位置'],
  CoarseLocation: ['approximate location', '大致位置'],
  SensitiveInfo: ['racial or ethnic origin, sexual orientation, religious or political beliefs, genetic or biometric data and the like', '种族或民族、性取向、宗教或政治观点、基因或生物识别数据等'],
  Contacts: ["the user's contacts", '通讯录'],
  EmailsOrTextMessages: ['emails or text messages', '电子邮件或短信'],
  PhotosorVideos: ['photos or videos', '照片或视频'],
  AudioData: ['voice or sound recordings', '语音或录音'],
  GameplayContent: ['content made in a game', '游戏中创作的内容'],
  CustomerSupport: ['what the user sends to customer support', '用户向客服提交的内容'],
  OtherUserContent: ['other content the user creates', '用户创作的其他内容'],
  BrowsingHistory: ['websites visited outside the app', '在应用之外访问的网站'],
  SearchHistory: ['searches in the app', '应用内的搜索记录'],
  UserID: ['account or user id', '账号或用户 ID'],
  DeviceID: ['device or advertising identifier', '设备标识符或广告标识符'],
  PurchaseHistory: ['purchases and transactions', '购买和交易记录'],
  ProductInteraction: ['how the app is used: launches, taps, views', '应用的使用情况：启动、点击、浏览'],
  AdvertisingData: ['ads the user has seen', '用户看到的广告'],
  OtherUsageData: ['other usage data', '其他使用数据'],
  CrashData: ['crash logs', '崩溃日志'],
  PerformanceData: ['launch time, hang rate, energy use', '启动时间、卡顿率、耗电量'],
  OtherDiagnosticData: ['other technical diagnostics', '其他技术诊断数据'],
  EnvironmentScanning: ["scans of the user's surroundings", '对用户周边环境的扫描'],
  Hands: ['hand structure and movements', '手部结构和动作'],
  Head: ['head movements', '头部动作'],
  OtherDataTypes: ['any other data', '其他任何数据'],
};

export const PLAY_TYPE_MEANINGS_ZH: Readonly<Record<PlayTypeCode, string>> = {
  NAME: '姓名',
  EMAIL: '电子邮箱地址',
  USER_ACCOUNT: '用户 ID',
  ADDRESS: '地址',
  PHONE: '电话号码',
  RACE_ETHNICITY: '种族和民族',
  POLITICAL_RELIGIOUS: '政治或宗教信仰',
  SEXUAL_ORIENTATION_GENDER_IDENTITY: '性取向',
  OTHER_PERSONAL: '其他个人信息',
  CREDIT_DEBIT_BANK_ACCOUNT_NUMBER: '用户支付信息',
  PURCHASE_HISTORY: '购买记录',
  CREDIT_SCORE: '信用评分',
  OTHER: '其他财务信息',
  APPROX_LOCATION: '大致位置',
  PRECISE_LOCATION: '精确位置',
  WEB_BROWSING_HISTORY: '网页浏览记录',
  EMAILS: '电子邮件',
  SMS_CALL_LOG: '短信或彩信',
  OTHER_MESSAGES: '其他应用内消息',
  PHOTOS: '照片',
  VIDEOS: '视频',
  AUDIO: '语音或录音',
  MUSIC: '音乐文件',
  OTHER_AUDIO: '其他音频文件',
  HEALTH: '健康信息',
  FITNESS: '健身信息',
  CONTACTS: '通讯录',
  CALENDAR: '日历活动',
  CRASH_LOGS: '崩溃日志',
  PERFORMANCE_DIAGNOSTICS: '诊断信息',
  OTHER_PERFORMANCE: '其他应用性能数据',
  FILES_AND_DOCS: '文件和文档',
  USER_INTERACTION: '应用互动',
  IN_APP_SEARCH_HISTORY: '应用内搜索记录',
  APPS_ON_DEVICE: '已安装的应用',
  USER_GENERATED_CONTENT: '其他用户生成内容',
  OTHER_APP_ACTIVITY: '其他操作',
  DEVICE_ID: '设备或其他 ID',
};

export const STORE_PURPOSE_MEANINGS: Readonly<Record<StorePurpose, readonly [string, string]>> = {
  app_functionality: ['features of the app', '应用功能'],
  account_management: ["setting up and running the user's account", '设置和管理用户账号'],
  fraud_prevention_security: ['preventing fraud and keeping the service secure', '防范欺诈、保障服务安全'],
  compliance: ['meeting a legal duty', '履行法定义务'],
  analytics: ['analytics', '统计分析'],
  personalization: ['personalising the app', '个性化'],
  developer_communications: ['messages from you about the app', '您就应用发送的通知'],
  developer_advertising: ['your own ads or marketing', '您自己的广告或营销'],
  third_party_advertising: ["ads for others or shown through others' networks", '为他人投放或通过他人网络投放的广告'],
};

export const ACCOUNT_METHOD_MEANINGS: Readonly<Record<keyof typeof PLAY_ACCOUNT_METHODS, readonly [string, string]>> = {
  username_password: ['username and password', '用户名和密码'],
  username_other_auth: ['username and another check such as a one-time code', '用户名和其他验证方式（如一次性验证码）'],
  username_password_other_auth: ['username, password and another check', '用户名、密码和其他验证方式'],
  oauth: ['signing in with another service (OAuth)', '使用其他服务登录（OAuth）'],
  other: ['another method', '其他方式'],
  none: ['users cannot create an account', '用户不能创建账号'],
};

export const APPLE_API_MEANINGS: Readonly<Record<(typeof APPLE_API_CATEGORIES)[number], readonly [string, string]>> = {
  FileTimestamp: ['file timestamps', '文件时间戳'],
  SystemBootTime: ['system boot time', '系统启动时间'],
  DiskSpace: ['disk space', '磁盘空间'],
  ActiveKeyboards: ['active keyboards', '已启用的键盘'],
  UserDefaults: ['user defaults', 'UserDefaults 偏好设置'],
};

/** "code = meaning, code = meaning" in one language (0 English, 1 Chinese). */
export function meanings(table: Readonly<Record<string, readonly [string, string]>>, lang: 0 | 1): string {
  return Object.entries(table)
    .map(([code, words]) => `${code} = ${words[lang]}`)
    .join(lang === 0 ? ', ' : '，');
}
/** Play's types as "CODE = meaning" in one language. */
export function playMeanings(lang: 0 | 1): string {
  return PLAY_DATA_TYPES.map(([, response, , name]) => {
    const code = response.slice(4) as PlayTypeCode;
    return `${code} = ${lang === 0 ? name : PLAY_TYPE_MEANINGS_ZH[code]}`;
  }).join(lang === 0 ? ', ' : '，');
}
