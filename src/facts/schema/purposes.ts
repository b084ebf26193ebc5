/** Why personal information is processed: purposes with a legal basis per law and the obligations behind a legal-obligation basis. */
import { z } from 'zod';
import { GDPR_BASES, LGPD_BASES, PIPL_BASES } from './codes.js';
import { describe, id, localized } from './primitives.js';

export const purposes = describe(
  z
    .array(
      z
        .object({
          id: describe(id, 'Short code for the purpose, used in data_categories[].purposes (lower-case letters, digits, underscores)', '目的的简短代码，供 data_categories[].purposes 引用（小写字母、数字和下划线）', 'provide_service'),
          description: describe(
            localized,
            'The purpose as printed in the policy, as a short phrase',
            '写入政策的目的表述，使用简短短语',
            { 'zh-CN': '创建和管理账号，存储并同步您的笔记', en: 'creating and running your account, and storing and syncing your notes' },
          ),
          bases: describe(
            z
              .object({
                pipl: describe(
                  z.enum(PIPL_BASES, { error: `PIPL Art. 13(1) accepts only: ${PIPL_BASES.join(', ')} (it has no legitimate-interests basis)` }),
                  'Basis under PIPL Art. 13(1): consent = (一) the individual\'s consent, contract = (二) necessary to conclude or perform a contract with them, hr_management = (二) human-resources management under lawful rules, legal_obligation = (三) a statutory duty or obligation (name it in obligations), emergency = (四) public-health emergency or protecting life, health and property, news_reporting = (五) news reporting and public-opinion supervision, public_information = (六) information the individual or others lawfully made public, other_law = (七) another case laws or administrative regulations provide; not_applicable = this purpose is not carried out for people covered by PIPL',
                  '《个人信息保护法》第十三条第一款下的依据：consent = 取得个人同意（一），contract = 订立、履行个人作为一方当事人的合同所必需（二），hr_management = 依法实施人力资源管理所必需（二），legal_obligation = 履行法定职责或者法定义务所必需（三；须在 obligations 中写明法律），emergency = 应对突发公共卫生事件或紧急情况下保护生命健康和财产安全所必需（四），news_reporting = 为公共利益实施新闻报道、舆论监督（五），public_information = 处理已合法公开的个人信息（六），other_law = 法律、行政法规规定的其他情形（七）；not_applicable = 不对适用该法的个人开展此目的',
                  'contract',
                ).optional(),
                gdpr: describe(
                  z.enum(GDPR_BASES, { error: `GDPR Art. 6(1) accepts only: ${GDPR_BASES.join(', ')}` }),
                  'Basis under GDPR Art. 6(1), also used for the UK unless uk is given: consent = (a), contract = (b), legal_obligation = (c) an obligation under EU or member-state law (name it in obligations; Art. 6(3)), vital_interests = (d), public_task = (e), legitimate_interests = (f) (then fill legitimate_interest); not_applicable = this purpose is not carried out for people in the EEA',
                  'GDPR 第 6(1) 条下的依据（未填 uk 时英国亦适用）：consent = (a) 同意，contract = (b) 履行合同所必需，legal_obligation = (c) 履行欧盟或成员国法律规定的义务（须在 obligations 中写明法律；第 6(3) 条），vital_interests = (d) 保护重大利益，public_task = (e) 执行公共任务，legitimate_interests = (f) 正当利益（须同时填写 legitimate_interest）；not_applicable = 不对欧洲经济区的个人开展此目的',
                  'contract',
                ).optional(),
                uk: describe(
                  z.enum(GDPR_BASES, { error: `UK GDPR Art. 6(1) accepts only: ${GDPR_BASES.join(', ')}` }),
                  'Basis under UK GDPR Art. 6(1), when it differs from the gdpr one (e.g. legal_obligation needs UK law): consent = (a), contract = (b), legal_obligation = (c) an obligation under UK law (name it in obligations), vital_interests = (d), public_task = (e), legitimate_interests = (f) (then fill legitimate_interest); not_applicable = this purpose is not carried out for people in the UK',
                  '英国 GDPR 第 6(1) 条下的依据，与 gdpr 不同时填写：consent = (a) 同意，contract = (b) 履行合同所必需，legal_obligation = (c) 履行英国法律规定的义务（须在 obligations 中写明法律），vital_interests = (d) 保护重大利益，public_task = (e) 执行公共任务，legitimate_interests = (f) 正当利益（须同时填写 legitimate_interest）；not_applicable = 不对英国的个人开展此目的',
                  'legitimate_interests',
                ).optional(),
                lgpd: describe(
                  z.enum(LGPD_BASES, { error: `LGPD Art. 7 accepts only: ${LGPD_BASES.join(', ')}` }),
                  'Basis under LGPD Art. 7: consent = I, legal_obligation = II (Brazilian law; name it in obligations), public_administration = III, research = IV, contract = V, legal_proceedings = VI, vital_interests = VII, health_protection = VIII, legitimate_interests = IX (then fill legitimate_interest), credit_protection = X; not_applicable = this purpose is not carried out for people in Brazil',
                  'LGPD 第 7 条下的依据：consent = I 同意，legal_obligation = II 履行法定或监管义务（巴西法律；须在 obligations 中写明），public_administration = III 公共管理，research = IV 研究，contract = V 履行合同，legal_proceedings = VI 行使诉讼权利，vital_interests = VII 保护生命，health_protection = VIII 健康保护，legitimate_interests = IX 正当利益（须同时填写 legitimate_interest），credit_protection = X 信用保护；not_applicable = 不对巴西的个人开展此目的',
                  'contract',
                ).optional(),
              })
              .strict(),
            'The legal basis of this purpose under each enabled law, from that law\'s own list (PIPL Art. 13; GDPR and UK GDPR Art. 6(1); LGPD Art. 7). CCPA has no legal bases.',
            '该目的在每部启用法律下的法律依据，取自该法自己的清单（《个人信息保护法》第十三条；GDPR 与英国 GDPR 第 6(1) 条；LGPD 第 7 条）。CCPA 没有法律依据的概念。',
            { pipl: 'contract', gdpr: 'contract', lgpd: 'contract' },
          ),
          obligations: describe(
            z
              .array(
                z
                  .object({
                    law: describe(
                      localized,
                      'The law or regulation that imposes the obligation, by its name',
                      '规定该义务的法律或法规名称',
                      { 'zh-CN': '《中华人民共和国税收征收管理法》', en: 'the Tax Collection Administration Law of the PRC' },
                    ),
                    jurisdiction: describe(
                      z.string().regex(/^(?:[A-Z]{2}|EU)$/, 'write the two-letter ISO code of the country whose law it is (CN, DE, GB, BR…), or EU for Union law'),
                      'Whose law it is: a two-letter ISO country code, or EU for Union law. A legal-obligation basis serves only the laws that accept it: PIPL → CN, GDPR → EU or an EEA state, UK GDPR → GB, LGPD → BR',
                      '该法律所属的法域：两位 ISO 国家代码，或 EU（欧盟法）。法定义务依据只对接受该法域法律的法律有效：PIPL → CN，GDPR → EU 或欧洲经济区成员国，英国 GDPR → GB，LGPD → BR',
                      'CN',
                    ),
                  })
                  .strict(),
              )
              .min(1),
            'The laws that impose this purpose, when a basis is legal_obligation',
            'legal_obligation 依据所对应的法律义务',
            [{ law: { 'zh-CN': '《中华人民共和国税收征收管理法》', en: 'the Tax Collection Administration Law of the PRC' }, jurisdiction: 'CN' }],
          ).optional(),
          method: describe(
            localized,
            'How the data is processed for this purpose, where it needs saying beyond the general statement (PIPL Art. 17 processing method)',
            '该目的下的处理方式，需在一般说明之外单独说明时填写（《个人信息保护法》第十七条“处理方式”）',
            { 'zh-CN': '与权威数据源比对，比对后仅保留结果', en: 'checked against an official source; only the result is kept' },
          ).optional(),
          legitimate_interest: describe(
            localized,
            'The interest pursued; required when a basis is legitimate_interests (GDPR Art. 13(1)(d); LGPD Art. 7 IX)',
            'bases 中有 legitimate_interests 时必填：所追求的正当利益（GDPR 第 13(1)(d) 条；LGPD 第 7 条 IX）',
            { 'zh-CN': '保护用户和我们的系统免受攻击与滥用', en: 'protecting our users and systems from attacks and abuse' },
          ).optional(),
        })
        .strict(),
    )
    .min(1),
  'Why you process personal information, one entry per purpose (PIPL Art. 17(1); GDPR Art. 13(1)(c); LGPD Art. 9 I)',
  '处理个人信息的目的，每个目的一项（《个人信息保护法》第十七条第一款；GDPR 第 13(1)(c) 条；LGPD 第 9 条 I）',
  [{ id: 'billing', description: { 'zh-CN': '处理订阅付款并开具发票', en: 'taking subscription payments and issuing invoices' }, bases: { pipl: 'contract', gdpr: 'contract', lgpd: 'contract' } }],
);
