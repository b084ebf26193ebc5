/** Who may use the service and how children's data is handled. */
import { z } from 'zod';
import { describe, httpUrl, localized } from './primitives.js';

export const children = describe(
  z
    .object({
      min_age: describe(
        z.number().int().min(0).max(21),
        "Minimum age to use the service without a parent's or guardian's consent; below 14 brings in the PIPL rules for children (PIPL Arts. 28, 31)",
        '无需父母或监护人同意即可使用服务的最低年龄；低于 14 岁适用《个人信息保护法》关于儿童的规定（第二十八条、第三十一条）',
        14,
      ),
      directed_to_children: describe(
        z.boolean(),
        'true if the service is aimed at children; the policy then says so and must be written so a child can understand it (GDPR Art. 12(1))',
        'true 表示服务面向儿童，政策将作相应说明，且须使用儿童易懂的语言（GDPR 第 12(1) 条）',
        false,
      ).default(false),
      guardian_consent_process: describe(
        localized,
        'How a parent or guardian gives consent for a child below the minimum age (PIPL Art. 31; LGPD Art. 14 §1)',
        '未达最低年龄的儿童，其父母或监护人如何给予同意（《个人信息保护法》第三十一条；LGPD 第 14 条第 1 款）',
        {
          'zh-CN': '监护人在“设置 › 家庭”中验证本人手机号后确认同意',
          en: 'the parent or guardian confirms consent in Settings › Family after verifying their own mobile number',
        },
      ).optional(),
      rules_url: describe(
        httpUrl,
        "Web address of your dedicated rules for children's personal information (PIPL Art. 31; NDSR Art. 22)",
        '儿童个人信息处理专门规则的网址（《个人信息保护法》第三十一条；《网络数据安全管理条例》第二十二条）',
        'https://nimbusnotes.example/children-privacy',
      ).optional(),
    })
    .strict(),
  "Who may use the service and how children's data is handled (PIPL Arts. 28, 31; GDPR Art. 8; LGPD Art. 14)",
  '服务的使用年龄及儿童个人信息的处理（《个人信息保护法》第二十八条、第三十一条；GDPR 第 8 条；LGPD 第 14 条）',
  { min_age: 14, directed_to_children: false },
);
