/** How personal information is protected: measures, certifications, MLPS level, incident notices. */
import { z } from 'zod';
import { describe, localized } from './primitives.js';

const exampleMeasure = { 'zh-CN': '传输和存储中的加密（TLS 1.2 及以上、AES-256）', en: 'encryption in transit and at rest (TLS 1.2 or later, AES-256)' };
const exampleCertification = { 'zh-CN': 'ISO/IEC 27001', en: 'ISO/IEC 27001' };

export const security = describe(
  z
    .object({
      measures: describe(z.array(localized).min(1), 'Main technical and organisational measures, one per entry, in plain words', '主要的技术和组织措施，每项一条，用通俗语言表述', [exampleMeasure]),
      certifications: describe(
        z.array(localized),
        'Security certifications you hold, e.g. ISO/IEC 27001; [] if none. The MLPS is a filing and an assessment, not a certification: write it in mlps_level',
        '已取得的安全认证，如 ISO/IEC 27001；没有则写 []。网络安全等级保护是备案和测评，不是认证：请写在 mlps_level',
        [exampleCertification],
      ).default([]),
      mlps_level: describe(
        z.number().int().min(1).max(5),
        'The level of the Multi-Level Protection Scheme (网络安全等级保护) for which your system is filed with the public security authority and has passed the grading assessment (备案、测评)',
        '信息系统已向公安机关备案并通过等级测评的网络安全等级保护级别',
        3,
      ).optional(),
      notify_all_incidents: describe(
        z.boolean(),
        'true if you commit to tell individuals of every security incident affecting their data, beyond what the law requires (PIPL Art. 57 and GDPR Art. 34 set thresholds); false prints the legal duty only',
        '承诺就每一起涉及个人信息的安全事件通知个人（超出法律要求；《个人信息保护法》第五十七条和 GDPR 第 34 条设有门槛）时为 true；false 则只写法定义务',
        false,
      ).default(false),
    })
    .strict(),
  'How you protect personal information (PIPL Art. 51; GDPR Art. 32)',
  '保护个人信息的安全措施（《个人信息保护法》第五十一条；GDPR 第 32 条）',
  { measures: [exampleMeasure], certifications: [exampleCertification] },
);
