/**
 * Third-party SDKs embedded in the company's apps. An SDK that collects personal
 * information on the user's device is a recipient like any other (PIPL Arts. 21, 23): it is
 * named in the policy's sharing clause and in the 第三方共享清单, and its country feeds the
 * transfer checks exactly as recipients[].country does.
 */
import { z } from 'zod';
import { country, describe, email, httpUrl, id, localized } from './primitives.js';

/** App platforms an SDK is embedded in, or a permission is requested on. */
export const APP_PLATFORMS = ['android', 'ios', 'harmonyos'] as const;

export const platforms = (what: { en: string; zh: string }) =>
  describe(
    z.array(z.enum(APP_PLATFORMS)).min(1),
    `${what.en}: android = Android app, ios = iOS app, harmonyos = HarmonyOS app; leave out when it is the same on every platform`,
    `${what.zh}：android = 安卓版，ios = iOS 版，harmonyos = 鸿蒙版；各平台相同时不填`,
    ['android', 'ios'],
  );

const exampleSdk = {
  name: { 'zh-CN': '个推推送 SDK', en: 'Getui Push SDK' },
  provider: { 'zh-CN': '每日互动股份有限公司', en: 'Merit Interactive Co., Ltd. (每日互动股份有限公司)' },
  role: 'processor',
  purposes: ['provide_service'],
  scenario: { 'zh-CN': '向您推送笔记提醒和共享笔记的更新', en: 'sending you note reminders and updates to shared notes' },
  data: ['device_logs'],
  data_detail: { 'zh-CN': '设备标识符（OAID、Android ID）、设备型号、网络类型', en: 'device identifiers (OAID, Android ID), device model, network type' },
  privacy_url: 'https://docs.getui.com/privacy/',
  country: 'CN',
  platforms: ['android'],
};

export const sdks = describe(
  z
    .array(
      z
        .object({
          name: describe(
            localized,
            'Name of the SDK as readers know it; transfers[].recipients may name it in any language',
            'SDK 名称（读者熟悉的叫法）；transfers[].recipients 可使用其任一语言的名称',
            { 'zh-CN': '个推推送 SDK', en: 'Getui Push SDK' },
          ),
          provider: describe(
            localized,
            'The company that provides the SDK and receives what it collects (第三方主体)',
            '提供该 SDK 并接收其所收集信息的公司（第三方主体）',
            { 'zh-CN': '每日互动股份有限公司', en: 'Merit Interactive Co., Ltd. (每日互动股份有限公司)' },
          ),
          role: describe(
            z.enum(['processor', 'controller']),
            'processor = the provider processes the data only on your behalf under contract (PIPL Art. 21), controller = it also uses the data for its own purposes and is another personal information processor (PIPL Art. 23)',
            'processor = 提供方仅按合同受托代为处理（《个人信息保护法》第二十一条），controller = 提供方也为自身目的处理，属于其他个人信息处理者（《个人信息保护法》第二十三条）',
            'processor',
          ),
          purposes: describe(
            z.array(id).min(1),
            'Ids of the purposes the SDK serves, from purposes[].id; give these, purpose, or both',
            '该 SDK 服务的处理目的，填写 purposes[].id；与 purpose 至少填写一项',
            ['provide_service'],
          ).optional(),
          purpose: describe(
            localized,
            'What the SDK is used for, in your words, when no entry of purposes[] says it (or to add to them)',
            '该 SDK 的用途（用您自己的话写），用于 purposes[] 中没有对应目的时，或作补充说明',
            { 'zh-CN': '统计应用崩溃和性能数据，用于发现和修复故障', en: 'collecting crash and performance statistics so that we can find and fix faults' },
          ).optional(),
          scenario: describe(
            localized,
            'When or in which feature the SDK collects data (使用场景)',
            'SDK 在何种场景或功能中收集信息（使用场景）',
            { 'zh-CN': '向您推送笔记提醒和共享笔记的更新', en: 'sending you note reminders and updates to shared notes' },
          ),
          data: describe(z.array(id).min(1), 'Ids of the data categories the SDK collects, from data_categories[].id', 'SDK 收集的信息类别，填写 data_categories[].id', ['device_logs']),
          data_detail: describe(
            localized,
            'The specific items the SDK collects, as its provider lists them (e.g. device identifiers, network type)',
            'SDK 收集的具体信息项，以提供方公布的为准（如设备标识符、网络类型）',
            { 'zh-CN': '设备标识符（OAID、Android ID）、设备型号、网络类型', en: 'device identifiers (OAID, Android ID), device model, network type' },
          ).optional(),
          privacy_url: describe(
            httpUrl,
            "Web address of the SDK provider's own privacy policy (第三方隐私政策链接)",
            'SDK 提供方自己的隐私政策网址（第三方隐私政策链接）',
            'https://docs.getui.com/privacy/',
          ),
          contact: describe(
            z.union([email, httpUrl], { error: 'must be an email address or an http(s) URL' }),
            "The provider's privacy contact, an email address or a web page, when its privacy policy does not give one (PIPL Art. 23)",
            '提供方的个人信息保护联系方式，电子邮箱或网页；其隐私政策未载明时填写（《个人信息保护法》第二十三条）',
            'privacy@getui.example',
          ).optional(),
          country: describe(
            country,
            'Country where the provider processes the data, as a two-letter ISO 3166 code in capitals; outside a law\'s territory it needs a transfers entry like any recipient',
            '提供方处理数据所在国家或地区，使用两位大写 ISO 3166 代码；位于某法域之外的，与其他接收方一样须有 transfers 条目',
            'CN',
          ),
          platforms: platforms({ en: 'The apps that embed the SDK', zh: '嵌入该 SDK 的应用版本' }).optional(),
        })
        .strict(),
    ),
  'Third-party SDKs embedded in your apps that collect personal information, listed in the sharing clause and the third-party sharing list (PIPL Arts. 21, 23; NDSR Art. 21 para. 2)',
  '应用中嵌入的、会收集个人信息的第三方 SDK，列入政策的共享条款和第三方共享清单（《个人信息保护法》第二十一条、第二十三条；《网络数据安全管理条例》第二十一条第二款）',
  [exampleSdk],
).default([]);
