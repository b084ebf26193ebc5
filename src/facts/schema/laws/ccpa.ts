/** California (CCPA/CPRA) settings, read only by the ccpa module. */
import { z } from 'zod';
import { describe, httpUrl, id, localized, text } from '../primitives.js';

const exampleIncentive = {
  description: { 'zh-CN': '订阅邮件通讯可享首月八折', en: '20% off the first month when you subscribe to our newsletter' },
  terms: {
    'zh-CN': '需提供电子邮箱地址；可随时退订，已享受的折扣不受影响；我们按该邮箱地址为我们带来的预计收入估算其价值',
    en: 'you give us your email address; you may unsubscribe at any time and keep the discount; we value the address at the revenue we expect it to bring us',
  },
};

export const ccpa = describe(
  z
    .object({
      thresholds_met: describe(
        z.boolean(),
        'true if the business meets a CCPA threshold (1798.140(d)(1): annual gross revenue above the adjusted amount, 100,000 or more consumers or households, or half its revenue from selling or sharing); false if you publish the California section voluntarily, which the policy then says',
        '企业达到 CCPA 适用门槛时为 true（第 1798.140(d)(1) 条：年总收入超过调整后的金额、涉及 10 万以上消费者或家庭、或一半以上收入来自出售或共享个人信息）；自愿发布加州部分时为 false，政策会如实说明',
        true,
      ),
      sells_or_shares: describe(
        z.boolean(),
        'true if you sell personal information, or share it for cross-context behavioural advertising (Civ. Code 1798.100(a)(1), 1798.120)',
        'true 表示出售个人信息，或为跨情境行为广告共享个人信息（加州民法典第 1798.100(a)(1)、1798.120 条）',
        false,
      ),
      sold_or_shared_12m: describe(
        z.array(id),
        'Ids of the data categories sold or shared in the last 12 months; [] states that none were (Civ. Code 1798.130(a)(5)(C)(i))',
        '过去 12 个月内出售或共享的信息类别 id；[] 表示没有（加州民法典第 1798.130(a)(5)(C)(i) 条）',
        [],
        ['device_logs'],
      ),
      disclosed_for_business_purpose_12m: describe(
        z.array(id),
        'Ids of the data categories disclosed for a business purpose in the last 12 months; [] states that none were (Civ. Code 1798.130(a)(5)(C)(ii))',
        '过去 12 个月内为商业目的披露的信息类别 id；[] 表示没有（加州民法典第 1798.130(a)(5)(C)(ii) 条）',
        [],
        ['account', 'notes', 'payment', 'device_logs'],
      ),
      honours_opt_out_signals: describe(
        z.boolean(),
        'true if you treat opt-out preference signals such as Global Privacy Control as a request to opt out (Civ. Code 1798.135(b); 11 CCR 7011(e)(3)(F))',
        'true 表示将 Global Privacy Control 等退出偏好信号视为退出请求（加州民法典第 1798.135(b) 条；11 CCR 7011(e)(3)(F)）',
        true,
      ),
      opt_out_url: describe(
        httpUrl,
        'The "Do Not Sell or Share My Personal Information" page (Civ. Code 1798.135(a)(1))',
        '“请勿出售或共享我的个人信息”页面（加州民法典第 1798.135(a)(1) 条）',
        'https://nimbusnotes.example/do-not-sell',
      ).optional(),
      spi_beyond_permitted: describe(
        z.boolean(),
        'true if sensitive personal information is used beyond the purposes allowed by Civ. Code 1798.121(a); the policy then offers the right to limit',
        'true 表示超出加州民法典第 1798.121(a) 条允许的目的使用敏感个人信息，政策将说明限制使用的权利',
        false,
      ).default(false),
      limit_spi_url: describe(
        httpUrl,
        'The "Limit the Use of My Sensitive Personal Information" page (Civ. Code 1798.135(a)(2))',
        '“限制使用我的敏感个人信息”页面（加州民法典第 1798.135(a)(2) 条）',
        'https://nimbusnotes.example/limit-sensitive-data',
      ).optional(),
      toll_free_number: describe(
        text,
        'Toll-free number for requests; not needed if you operate online only and have a direct relationship with consumers (Civ. Code 1798.130(a)(1)(A))',
        '受理请求的免费电话；仅在线经营且与消费者有直接关系的无需提供（加州民法典第 1798.130(a)(1)(A) 条）',
        '+1 800 555 0134',
      ).optional(),
      online_only: describe(
        z.boolean(),
        'true if you operate exclusively online and have a direct relationship with consumers, so an email address can replace the toll-free number (Civ. Code 1798.130(a)(1)(A))',
        'true 表示仅在线经营并与消费者有直接关系，可用电子邮箱代替免费电话（加州民法典第 1798.130(a)(1)(A) 条）',
        true,
      ).default(true),
      financial_incentives: describe(
        z
          .array(
            z
              .object({
                description: describe(localized, 'The incentive (what you offer, in one phrase)', '激励内容 (用一句话说明提供什么)', exampleIncentive.description),
                terms: describe(
                  localized,
                  'Terms of the incentive (the data involved, how to opt in and withdraw, how you value the data: 11 CCR 7016)',
                  '激励条款 (涉及的信息、如何加入和退出、如何估算该信息的价值：11 CCR 7016)',
                  exampleIncentive.terms,
                ),
              })
              .strict(),
          ),
        'Financial incentives or price differences offered in exchange for personal information; [] if none (Civ. Code 1798.125(b))',
        '为换取个人信息而提供的经济激励或价格差异；没有则写 []（加州民法典第 1798.125(b) 条）',
        [exampleIncentive],
      ).default([]),
      knows_under_16: describe(
        z.boolean(),
        'true if you know you sell or share personal information of consumers under 16 (Civ. Code 1798.120(c))',
        'true 表示知悉出售或共享未满 16 岁消费者的个人信息（加州民法典第 1798.120(c) 条）',
        false,
      ).default(false),
      optin_process: describe(
        localized,
        'How consumers aged 13 to 15, or parents of under-13s, opt in to sale or sharing (Civ. Code 1798.120(c))',
        '13 至 15 岁消费者本人或未满 13 岁消费者的父母如何选择同意出售或共享（加州民法典第 1798.120(c) 条）',
        {
          'zh-CN': '在“设置 › 隐私”中开启“允许共享”，未满 13 岁的须由父母通过邮件确认',
          en: 'switch on "Allow sharing" in Settings › Privacy; for children under 13 a parent confirms by email',
        },
      ).optional(),
    })
    .strict(),
  'California (CCPA) settings (used only by the ccpa module; fill in when jurisdictions includes ccpa)',
  '加州（CCPA）专项设置 (仅 ccpa 模块使用；jurisdictions 含 ccpa 时填写)',
  { thresholds_met: true, sells_or_shares: false, sold_or_shared_12m: [], disclosed_for_business_purpose_12m: ['account', 'payment'], honours_opt_out_signals: true },
).optional();
