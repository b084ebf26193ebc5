/** How individuals exercise their rights, withdraw or refuse consent, and complain to the company. */
import { z } from 'zod';
import { describe, localized, text } from './primitives.js';

/** A rights channel whose value does not fit its type: an email that is not an address, a link that is not http(s). */
export function channelProblem(type: string, value: string): string | undefined {
  if (type === 'email' && !z.email().safeParse(value).success) return 'a channel of type email needs an email address like privacy@example.com';
  if (type === 'web' && !/^https?:\/\/[^\s]+$/i.test(value)) return 'a channel of type web needs an http(s) link like https://example.com/privacy-request';
  if (type === 'in_app' && /^\s*[a-z][a-z0-9+.-]*:/i.test(value) && !/^\s*https?:\/\//i.test(value)) return 'an in_app channel is a path in the app, like Settings › Privacy, not a link or script';
  return undefined;
}

const exampleChannel = { type: 'email', value: 'privacy@nimbusnotes.example' };
const exampleWithdrawal = {
  'zh-CN': '在“设置 › 隐私”中关闭相应功能（如 AI 摘要），或发送邮件至 privacy@nimbusnotes.example',
  en: 'switch the feature off in Settings › Privacy (for example AI summaries), or email privacy@nimbusnotes.example',
};
const exampleComplaintChannel = {
  'zh-CN': '发送邮件至 privacy@nimbusnotes.example，或在应用内“帮助 › 投诉”中提交',
  en: 'email privacy@nimbusnotes.example, or use Help › Complaints in the app',
};

export const rights = describe(
  z
    .object({
      channels: describe(
        z
          .array(
            z
              .object({
                type: describe(
                  z.enum(['email', 'web', 'in_app']),
                  'email = an email address, web = an online form, in_app = a place in the app',
                  'email = 电子邮箱，web = 在线表单，in_app = 应用内入口',
                  'email',
                ),
                value: describe(
                  text,
                  'The email address (type email), the http(s) link of the form (type web) or the in-app path (type in_app), as readers should see it',
                  '对应的邮箱地址、表单链接或应用内路径，按读者看到的样子填写',
                  'privacy@nimbusnotes.example',
                  '设置 › 隐私 / Settings › Privacy',
                ),
                label: describe(
                  localized,
                  'Optional name for the channel (not printed in the policy)',
                  '该途径的名称，可选（不写入政策）',
                  { 'zh-CN': '隐私请求表单', en: 'Privacy request form' },
                ).optional(),
              })
              .strict()
              .superRefine((channel, ctx) => {
                const problem = channelProblem(channel.type, channel.value);
                if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
              }),
          )
          .min(1),
        'Ways to send a request, at least one; CCPA needs two or more, including a toll-free number unless online only (Civ. Code 1798.130(a)(1))',
        '提出请求的途径，至少一项；CCPA 要求两种以上，且除仅在线经营外须包括免费电话（加州民法典第 1798.130(a)(1) 条）',
        [exampleChannel, { type: 'in_app', value: '设置 › 隐私 / Settings › Privacy' }],
      ),
      account_deletion_days: describe(
        z.number().int().min(1).max(90),
        'Days within which you commit to complete an account closure, printed as your own commitment (no law in the modules sets one)',
        '承诺完成账号注销的天数，作为公司自己的承诺写入政策（各模块的法律均未规定具体天数）',
        15,
      ).optional(),
      account_deletion: describe(
        localized,
        'How to delete the account: where in the app or whom to write to, and how long it takes (NDSR Art. 21(4))',
        '注销账号的方式：应用内路径或联系方式，以及完成时限（《网络数据安全管理条例》第二十一条第四项）',
        {
          'zh-CN': '在“设置 › 账号 › 注销账号”中提交，或发送邮件至 privacy@nimbusnotes.example；我们在 15 日内完成注销',
          en: 'use Settings › Account › Delete account, or email privacy@nimbusnotes.example; we complete the deletion within 15 days',
        },
      ).optional(),
      verification: describe(
        localized,
        'How you check that a request comes from the person it concerns (CCPA: Civ. Code 1798.130(a)(2); 11 CCR 7011)',
        '核实请求人身份的方式（CCPA：加州民法典第 1798.130(a)(2) 条；11 CCR 7011）',
        {
          'zh-CN': '我们会请您从账号绑定的邮箱确认请求；代理人须提供您签署的授权书',
          en: 'we ask you to confirm the request from the email address on your account; agents must provide a permission signed by you',
        },
      ).optional(),
      authorized_agents: describe(
        localized,
        'How an authorized agent may make a request for someone, and what proof you need (CCPA: 11 CCR 7011(e)(3)(H))',
        '授权代理人代为提出请求的方式及所需证明（CCPA：11 CCR 7011(e)(3)(H)）',
        {
          'zh-CN': '代理人可发送邮件至 privacy@nimbusnotes.example，并附上您签署的授权书',
          en: 'an agent may email privacy@nimbusnotes.example with a permission you have signed',
        },
      ).optional(),
    })
    .strict(),
  'How individuals exercise their rights, such as access, copy, correction, deletion and portability (PIPL Arts. 44–50; NDSR Art. 21(4); GDPR Arts. 15–21; CCPA 1798.130(a); LGPD Art. 18)',
  '个人如何行使查阅、复制、更正、删除、转移等权利（《个人信息保护法》第四十四条至第五十条；《网络数据安全管理条例》第二十一条第四项；GDPR 第 15–21 条；CCPA 第 1798.130(a) 条；LGPD 第 18 条）',
  { channels: [exampleChannel], account_deletion_days: 15 },
);

export const consent = describe(
  z
    .object({
      withdrawal_method: describe(
        localized,
        'How to withdraw consent, which must be as easy as giving it: the setting to switch off, or whom to write to (PIPL Art. 15; GDPR Art. 7(3), 13(2)(c))',
        '撤回同意的方式，应与给予同意同样便捷：关闭哪项设置，或向谁发送请求（《个人信息保护法》第十五条；GDPR 第 7(3)、13(2)(c) 条）',
        exampleWithdrawal,
      ),
      refusal_consequences: describe(
        localized,
        'What happens if someone refuses consent (LGPD Art. 18 VIII)',
        '拒绝同意的后果（LGPD 第 18 条 VIII）',
        { 'zh-CN': '您仍可使用不依赖该同意的全部功能', en: 'you can still use every feature that does not depend on that consent' },
      ).optional(),
    })
    .strict(),
  'How individuals withdraw or refuse consent (PIPL Art. 15; GDPR Art. 13(2)(c); LGPD Arts. 8 §5, 18 VIII–IX)',
  '个人如何撤回或拒绝同意（《个人信息保护法》第十五条；GDPR 第 13(2)(c) 条；LGPD 第 8 条第 5 款、第 18 条 VIII–IX）',
  { withdrawal_method: exampleWithdrawal },
).optional();

export const complaints = describe(
  z
    .object({
      channel: describe(
        localized,
        'Where individuals complain to the company, e.g. an email address or an in-app form (NDSR Art. 20; UK DPA 2018 s. 164A)',
        '个人向公司投诉的渠道，如电子邮箱或应用内表单（《网络数据安全管理条例》第二十条；英国 2018 年《数据保护法》第 164A 条）',
        exampleComplaintChannel,
      ),
      acknowledge_days: describe(
        z.number().int().min(1).max(30),
        'Days within which you acknowledge a complaint; at most 30 in the UK (DPA 2018 s. 164A)',
        '确认收到投诉的天数；在英国不得超过 30 天（2018 年《数据保护法》第 164A 条）',
        30,
        7,
      ).optional(),
    })
    .strict(),
  "The company's own complaint channel (NDSR Art. 20; UK DPA 2018 s. 164A)",
  '公司自己的投诉渠道（《网络数据安全管理条例》第二十条；英国 2018 年《数据保护法》第 164A 条）',
  { channel: exampleComplaintChannel, acknowledge_days: 7 },
).optional();
