/** Decisions made solely by automated means, including profiling. */
import { z } from 'zod';
import { describe, localized } from './primitives.js';

const exampleDecision = {
  description: { 'zh-CN': '可疑登录自动拦截', en: 'automatic blocking of suspicious sign-ins' },
  logic: { 'zh-CN': '根据登录地点、设备和连续失败次数计算风险分数', en: 'a risk score computed from the sign-in location, the device and repeated failed attempts' },
  significance: { 'zh-CN': '高风险登录会被暂时拦截，通过邮箱确认后方可继续', en: 'a high-risk sign-in is blocked until you confirm it by email' },
  how_to_object: { 'zh-CN': '发送邮件至 privacy@nimbusnotes.example 要求人工复核', en: 'email privacy@nimbusnotes.example to ask for a review by a person' },
};

export const automatedDecisions = describe(
  z.array(
    z
      .object({
        description: describe(localized, 'What the decision is, as a short title', '该决定是什么，用简短标题表述', exampleDecision.description),
        logic: describe(localized, 'The logic involved, in terms a reader can follow (GDPR Art. 13(2)(f))', '所涉逻辑，用读者能理解的方式说明（GDPR 第 13(2)(f) 条）', exampleDecision.logic),
        significance: describe(localized, 'Significance and likely consequences for the individual', '对个人的意义和可能后果', exampleDecision.significance),
        how_to_object: describe(
          localized,
          'How to refuse the decision or ask for a review by a person (PIPL Art. 24; GDPR Art. 22(3); LGPD Art. 20)',
          '拒绝该决定或要求人工复核的方式（《个人信息保护法》第二十四条；GDPR 第 22(3) 条；LGPD 第 20 条）',
          exampleDecision.how_to_object,
        ),
      })
      .strict(),
  ),
  'Decisions made solely by automated means, including profiling; write [] to state there are none (PIPL Art. 24; GDPR Art. 22; LGPD Art. 20)',
  '仅通过自动化方式（包括画像）作出的决定；没有则写 []（《个人信息保护法》第二十四条；GDPR 第 22 条；LGPD 第 20 条）',
  [exampleDecision],
).optional();
