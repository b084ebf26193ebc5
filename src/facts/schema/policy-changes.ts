/**
 * How the company tells people about a new version of the policy, and how it asks for their
 * consent again when a law requires it (PIPL Arts. 14, 23, 29, 39; GDPR Art. 7). The change
 * notice words its "what we will do" sentences from these facts only: without them it says
 * what the law requires and nothing about how.
 */
import { z } from 'zod';
import { describe } from './primitives.js';

/** When consent is asked again (policy_changes.consent.when), translated by materiality.when.<code>. */
export const RECONSENT_MOMENTS = ['next_sign_in', 'next_use', 'before_processing'] as const;
/** How consent is asked again (policy_changes.consent.by), translated by materiality.by.<code>. */
export const RECONSENT_CHANNELS = ['in_app_prompt', 'sign_in_screen', 'email'] as const;
/** How people are told of a change (policy_changes.inform.by), translated by materiality.by.<code>. */
export const INFORM_CHANNELS = ['email', 'in_app_notice', 'website_banner', 'sms'] as const;

export const policyChanges = describe(
  z
    .object({
      consent: describe(
        z
          .object({
            when: describe(
              z.enum(RECONSENT_MOMENTS),
              'When you ask again: next_sign_in = the next time the person signs in, next_use = the next time they open the app or site, before_processing = before the changed processing starts for them',
              '何时重新征求同意：next_sign_in = 个人下次登录时，next_use = 个人下次打开应用或网站时，before_processing = 在变更后的处理活动对其开始之前',
              'next_sign_in',
            ),
            by: describe(
              z.array(z.enum(RECONSENT_CHANNELS)).min(1),
              'How you ask: in_app_prompt = a prompt in the app, sign_in_screen = on the sign-in screen, email = by email with a link to give consent',
              '以何种方式征求：in_app_prompt = 应用内弹窗，sign_in_screen = 登录页面，email = 发送附有同意链接的电子邮件',
              ['in_app_prompt'],
            ),
          })
          .strict(),
        'How you ask for consent again, or for separate consent, when a change needs it (PIPL Arts. 14, 23, 29, 39; GDPR Art. 7). Without it, a change that needs consent gets a warning and the notice does not say how',
        '变更须重新取得同意或单独同意时，你们如何征求（《个人信息保护法》第十四条、第二十三条、第二十九条、第三十九条；GDPR 第 7 条）。未填写时，须取得同意的变更会产生警告，通知中也不写明征求方式',
        { when: 'next_sign_in', by: ['in_app_prompt'] },
      ).optional(),
      inform: describe(
        z
          .object({
            by: describe(
              z.array(z.enum(INFORM_CHANNELS)).min(1),
              'How you tell people of a change: email = by email, in_app_notice = a notice in the app, website_banner = a banner on the website, sms = a text message',
              '以何种方式告知变更：email = 电子邮件，in_app_notice = 应用内通知，website_banner = 网站横幅，sms = 短信',
              ['email', 'in_app_notice'],
            ),
            days_in_advance: describe(
              z.number().int().min(1).max(365),
              'How many days before a change takes effect you tell people, when you commit to a period; leave out to promise none',
              '承诺在变更生效前提前多少日告知；不作此承诺时不填',
              30,
            ).optional(),
          })
          .strict(),
        'How you tell people about a change (PIPL Art. 17 para. 2; GDPR Art. 13(3); LGPD Art. 8 §6)',
        '你们如何告知变更（《个人信息保护法》第十七条第二款；GDPR 第 13(3) 条；LGPD 第 8 条第 6 款）',
        { by: ['email', 'in_app_notice'], days_in_advance: 30 },
      ).optional(),
    })
    .strict(),
  'How you tell people about a new version of the policy and ask for their consent again when a law requires it; used in the change notices',
  '政策更新时你们如何告知个人、在法律要求时如何重新征求同意；用于变更通知',
  { consent: { when: 'next_sign_in', by: ['in_app_prompt'] }, inform: { by: ['email', 'in_app_notice'], days_in_advance: 30 } },
).optional();
