/**
 * What the app stores ask that the policy does not say: which store types each data category
 * is, whether Apple would call its use "tracking" and whether it is linked to the user's
 * identity, which store purpose each of the policy's purposes is, and Play's questions on
 * encryption in transit, deletion links and account creation. Everything else in the labels
 * (what is collected, why, whether it is optional, kept, or given to a third party) comes from
 * the policy's own facts, so the labels cannot say something the policy does not.
 *
 * The section's presence makes the data file describe an app: `build` then writes the store
 * labels beside the documents (src/publish/labels/), and `check` compares them with the policy
 * (src/jurisdictions/labels.ts).
 */
import { z } from 'zod';
import {
  ACCOUNT_METHOD_MEANINGS,
  ACCOUNT_METHODS,
  APPLE_API_CATEGORIES,
  APPLE_API_MEANINGS,
  APPLE_API_REASON,
  APPLE_DATA_TYPE_MEANINGS,
  APPLE_DATA_TYPES,
  meanings,
  PLAY_TYPE_CODES,
  playMeanings,
  STORE_PURPOSE_CODES,
  STORE_PURPOSE_MEANINGS,
} from './app-stores.js';
import { describe, httpUrl, id } from './primitives.js';
import { APP_PLATFORMS } from './sdks.js';

const domain = z
  .string()
  .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'write a domain name in lower case without https:// or a path, e.g. ads.example.com')
  .max(253);

const exampleData = {
  category: 'account',
  apple: ['EmailAddress', 'Name'],
  play: ['EMAIL', 'NAME'],
  linked: true,
};

export const app = describe(
  z
    .object({
      platforms: describe(
        z.array(z.enum(APP_PLATFORMS)).min(1),
        "The apps to write store labels for: android = Android app, labelled with Google Play's Data safety CSV; ios = iOS app, labelled with the privacy manifest (PrivacyInfo.xcprivacy) and fastlane's app_privacy_details.json for the App Store; harmonyos = HarmonyOS app, for which no label file is written yet",
        '为哪些应用生成应用商店标签：android = 安卓应用，生成 Google Play 数据安全 CSV；ios = iOS 应用，生成 App Store 的隐私清单（PrivacyInfo.xcprivacy）及 fastlane 的 app_privacy_details.json；harmonyos = 鸿蒙应用，暂不生成标签文件',
        ['android', 'ios'],
      ),
      purposes: describe(
        z.record(
          id,
          describe(
            z.enum(STORE_PURPOSE_CODES),
            `The store purpose: ${meanings(STORE_PURPOSE_MEANINGS, 0)}`,
            `对应的商店用途：${meanings(STORE_PURPOSE_MEANINGS, 1)}`,
            'app_functionality',
          ),
        ),
        "Each of the policy's purposes (purposes[].id) as the stores name it; Apple's and Play's words follow from it (Apple has no account management or fraud prevention: both are its App Functionality)",
        '政策中每个处理目的（purposes[].id）在应用商店中的用途名称；Apple 与 Google Play 的用语由此得出（Apple 没有“账号管理”和“防欺诈”，二者均属其 App Functionality）',
        { provide_service: 'app_functionality', security: 'fraud_prevention_security' },
      ),
      data: describe(
        z
          .array(
            z
              .object({
                category: describe(id, 'The data category, from data_categories[].id', '信息类别，填写 data_categories[].id', 'account'),
                in_app: describe(
                  z.boolean(),
                  'false if the apps never collect this category (it is collected only on the web or offline), so no store label lists it',
                  '应用从不收集该类信息（仅在网页端或线下收集）时为 false，商店标签不列出该类别',
                  false,
                ).default(true),
                apple: describe(
                  z.array(z.enum(APPLE_DATA_TYPES)).min(1),
                  `Apple's data types this category contains (NSPrivacyCollectedDataType without its prefix): ${meanings(APPLE_DATA_TYPE_MEANINGS, 0)}`,
                  `该类信息对应的 Apple 数据类型（NSPrivacyCollectedDataType 去掉前缀）：${meanings(APPLE_DATA_TYPE_MEANINGS, 1)}`,
                  ['EmailAddress', 'Name'],
                ).optional(),
                play: describe(
                  z.array(z.enum(PLAY_TYPE_CODES)).min(1),
                  `Google Play's data types this category contains (the Data safety response id without PSL_): ${playMeanings(0)}`,
                  `该类信息对应的 Google Play 数据类型（数据安全表单的 response id 去掉 PSL_）：${playMeanings(1)}`,
                  ['EMAIL', 'NAME'],
                ).optional(),
                linked: describe(
                  z.boolean(),
                  "true if the app links this data to the user's identity (their account, device or other identifiers), as Apple asks (NSPrivacyCollectedDataTypeLinked)",
                  '应用是否将该类信息与用户身份（账号、设备或其他标识符）相关联，即 Apple 所问的 NSPrivacyCollectedDataTypeLinked',
                  true,
                ).optional(),
                tracking: describe(
                  z.boolean(),
                  "true if this data is used for tracking in Apple's sense: linked with other companies' data for targeted advertising or advertising measurement, or shared with a data broker (NSPrivacyCollectedDataTypeTracking); the policy must then name the third party that receives it and an advertising purpose",
                  '该类信息是否用于 Apple 所称的“跟踪”：与其他公司的数据相关联，用于定向广告或广告效果衡量，或提供给数据经纪商（NSPrivacyCollectedDataTypeTracking）；为 true 时，政策须写明接收该信息的第三方及广告用途',
                  false,
                ).default(false),
              })
              .strict(),
          )
          .min(1),
        'Each data category of the policy as the stores see it: its store types, and what Apple asks (linked to identity, tracking); whether it is optional, kept, shared and why comes from the policy itself',
        '政策中每个信息类别在应用商店标签中的对应：商店数据类型，以及 Apple 所问事项（是否与身份关联、是否用于跟踪）；是否可选、是否保存、是否共享及其目的取自政策本身',
        [exampleData],
      ),
      tracking_domains: describe(
        z.array(domain).min(1),
        "Internet domains the app contacts that engage in tracking (NSPrivacyTrackingDomains); needed when any data is used for tracking",
        '应用访问的、从事跟踪的互联网域名（NSPrivacyTrackingDomains）；任何信息用于跟踪时必填',
        ['ads.example.com'],
      ).optional(),
      encrypted_in_transit: describe(
        z.boolean(),
        'true if all user data the app collects is encrypted in transit (HTTPS/TLS), as Google Play asks',
        '应用收集的全部用户数据在传输中是否加密（HTTPS/TLS），即 Google Play 所问',
        true,
      ),
      deletion_url: describe(
        httpUrl,
        'Web page where users ask for their account and its data to be deleted, shown on Google Play (needed when users can create an account)',
        '用户申请删除账号及相关数据的网页，在 Google Play 上展示（用户可以创建账号时必填）',
        'https://nimbusnotes.example/account/delete',
      ).optional(),
      account_creation: describe(
        z.array(z.enum(ACCOUNT_METHODS as [string, ...string[]])).min(1),
        `How users create an account in the app, as Google Play asks: ${meanings(ACCOUNT_METHOD_MEANINGS, 0)}`,
        `用户如何在应用中创建账号，即 Google Play 所问：${meanings(ACCOUNT_METHOD_MEANINGS, 1)}`,
        ['username_password'],
      ).optional(),
      accessed_apis: describe(
        z
          .array(
            z
              .object({
                category: describe(
                  z.enum(APPLE_API_CATEGORIES),
                  `The required-reason API category (NSPrivacyAccessedAPIType without NSPrivacyAccessedAPICategory): ${meanings(APPLE_API_MEANINGS, 0)}`,
                  `需声明理由的 API 类别（NSPrivacyAccessedAPIType 去掉 NSPrivacyAccessedAPICategory）：${meanings(APPLE_API_MEANINGS, 1)}`,
                  'UserDefaults',
                ),
                reasons: describe(
                  z.array(z.string().regex(APPLE_API_REASON, 'write an approved reason code as Apple lists it, e.g. CA92.1')).min(1),
                  "Apple's approved reason codes for using it, e.g. CA92.1",
                  'Apple 认可的使用理由代码，如 CA92.1',
                  ['CA92.1'],
                ),
              })
              .strict(),
          )
          .min(1),
        "Required-reason APIs the iOS app uses (NSPrivacyAccessedAPITypes); leave out to let Xcode's own manifest say it",
        'iOS 应用使用的需声明理由的 API（NSPrivacyAccessedAPITypes）；不填则由 Xcode 工程中的清单声明',
        [{ category: 'UserDefaults', reasons: ['CA92.1'] }],
      ).optional(),
    })
    .strict(),
  "For an app: what Apple's privacy manifest and Google Play's Data safety form ask that the policy does not say. With it, build writes the store labels beside the documents and check compares them with the policy; leave out if you publish no app",
  '适用于应用：Apple 隐私清单和 Google Play 数据安全表单所问、而政策未载明的事项。填写后，build 会在文件旁生成应用商店标签，check 会将标签与政策核对；不发布应用则不填',
  {
    platforms: ['android', 'ios'],
    purposes: { provide_service: 'app_functionality', security: 'fraud_prevention_security' },
    data: [exampleData],
    encrypted_in_transit: true,
    deletion_url: 'https://nimbusnotes.example/account/delete',
    account_creation: ['username_password'],
  },
).optional();
