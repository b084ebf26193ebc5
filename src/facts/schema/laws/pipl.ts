/** China (PIPL) settings, read only by the pipl module. */
import { z } from 'zod';
import { describe } from '../primitives.js';

export const pipl = describe(
  z
    .object({
      storage_in_china: describe(
        z.boolean(),
        'true if personal information collected in mainland China is stored there; required of critical information infrastructure operators and processors above the CAC volume threshold (PIPL Art. 40)',
        'true 表示在中国境内收集的个人信息存储在境内；关键信息基础设施运营者和处理量达到国家网信部门规定数量的处理者必须如此（《个人信息保护法》第四十条）',
        true,
      ),
      response_days: describe(
        z.number().int().min(1).max(90),
        'Days within which you commit to answer a request from an individual in mainland China. PIPL and NDSR Art. 23 set no number ("及时", promptly), so the policy prints it in the PIPL section only, labelled as your own commitment',
        '对中国境内个人请求的承诺答复天数。《个人信息保护法》和《网络数据安全管理条例》第二十三条仅要求“及时”，未规定天数，因此只在 PIPL 部分写明，并注明为公司自己的承诺',
        15,
      ).optional(),
      network_log_months: describe(
        z.number().int().min(6, 'network logs must be kept for at least 6 months (Cybersecurity Law Art. 21(3), Art. 23(3) from 2026)').max(120),
        'Months network logs are kept; at least 6 (Cybersecurity Law Art. 21(3), Art. 23(3) from 2026-01-01)',
        '网络日志保存月数，不少于 6 个月（《网络安全法》第二十一条第三项，2026 年 1 月 1 日起为第二十三条第三项）',
        6,
      ),
    })
    .strict(),
  // Written "label (guidance)": change notices use the text before the final ASCII
  // parenthesis as the group's name (src/versions/values.ts, schemaDescription).
  'China (PIPL) settings (used only by the pipl module; fill in when jurisdictions includes pipl)',
  '中国（PIPL）专项设置 (仅 pipl 模块使用；jurisdictions 含 pipl 时填写)',
  { storage_in_china: true, network_log_months: 6 },
).optional();
