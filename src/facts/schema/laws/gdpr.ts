/** EU (GDPR) settings, read only by the gdpr module. */
import { z } from 'zod';
import { describe, localized } from '../primitives.js';

export const gdpr = describe(
  z
    .object({
      child_consent_age: describe(
        z.number().int().min(13).max(16),
        'Age of digital consent where you rely on consent (GDPR Art. 8: 16 unless a member state sets 13–15)',
        '依赖同意时的数字同意年龄（GDPR 第 8 条：默认 16 岁，成员国可设为 13 至 15 岁）',
        16,
      ).default(16),
      min_age: describe(
        z.number().int().min(13).max(21),
        'Minimum age for people in the EEA, when it is higher than children.min_age (for example 16, so that no parental consent under Art. 8 is needed)',
        '欧洲经济区用户的最低年龄，高于 children.min_age 时填写（如 16，则无需依第 8 条取得父母同意）',
        16,
      ).optional(),
      lead_authority: describe(
        localized,
        'Lead supervisory authority, i.e. that of your main establishment in the EU (GDPR Art. 56)',
        '牵头监管机构，即贵公司在欧盟的主要营业机构所在地的监管机构（GDPR 第 56 条）',
        { 'zh-CN': '荷兰数据保护局（Autoriteit Persoonsgegevens）', en: 'the Dutch Data Protection Authority (Autoriteit Persoonsgegevens)' },
      ).optional(),
    })
    .strict(),
  'EU (GDPR) settings (used only by the gdpr module)',
  '欧盟（GDPR）专项设置 (仅 gdpr 模块使用)',
  { child_consent_age: 16 },
).optional();
