/** Who is responsible: the controller, the DPO and the PIPL person in charge, the EU and UK representatives. */
import { z } from 'zod';
import { country, describe, email, httpUrl, localized, text } from './primitives.js';

// Shared by dpo and pipo: the descriptions below fit either person.
const contactPerson = z
  .object({
    name: describe(
      localized,
      'Name of the person, or the title of the office that fills the role',
      '负责人的姓名，或承担该职责的部门名称',
      { 'zh-CN': '陈梅', en: 'Chen Mei' },
    ),
    email: describe(email, 'Email address at which individuals can reach this person directly', '个人可直接联系该负责人的电子邮箱', 'dpo@nimbusnotes.example'),
    phone: describe(text, 'Phone number with country code, if you want to give one (not printed in the policy)', '联系电话（含国家代码），如需提供（不写入政策）', '+86 571 8000 0001').optional(),
    address: describe(
      localized,
      "Postal address, if it differs from the company's (not printed in the policy)",
      '通讯地址，与公司地址不同时填写（不写入政策）',
      { 'zh-CN': '浙江省杭州市西湖区文三路 398 号 12 层', en: '12/F, 398 Wensan Road, Xihu District, Hangzhou, Zhejiang, China' },
    ).optional(),
  })
  .strict();

// Shared by the EU and UK representatives.
const representative = z
  .object({
    name: describe(text, 'Legal name of the representative (the same in every language)', '代表的法定名称（各语言相同）', 'Nimbus Notes Europe B.V.'),
    address: describe(
      localized,
      'Postal address of the representative',
      '代表的通讯地址',
      { 'zh-CN': '荷兰阿姆斯特丹 Herengracht 100 号', en: 'Herengracht 100, 1015 BS Amsterdam, the Netherlands' },
    ),
    email: describe(email, 'Email address at which individuals and authorities can reach the representative', '个人和监管机构联系该代表的电子邮箱', 'eu-rep@nimbusnotes.example'),
  })
  .strict();

const exampleAddress = { 'zh-CN': '浙江省杭州市西湖区文三路 398 号 12 层', en: '12/F, 398 Wensan Road, Xihu District, Hangzhou, Zhejiang, China' };
const exampleCompany = { 'zh-CN': '云笺科技（杭州）有限公司', en: 'Yunjian Technology (Hangzhou) Co., Ltd.' };
const exampleRepresentative = {
  name: 'Nimbus Notes Europe B.V.',
  address: { 'zh-CN': '荷兰阿姆斯特丹 Herengracht 100 号', en: 'Herengracht 100, 1015 BS Amsterdam, the Netherlands' },
  email: 'eu-rep@nimbusnotes.example',
};

export const controller = describe(
  z
    .object({
      name: describe(
        localized,
        'Full legal name of the company responsible for the data, as registered',
        '个人信息处理者（公司）的登记全称',
        exampleCompany,
      ),
      short_name: describe(localized, 'Name used in the running text, e.g. the brand', '正文中使用的简称，如品牌名', { 'zh-CN': '云笺', en: 'Nimbus Notes' }).optional(),
      address: describe(localized, 'Registered or postal address where individuals can write to the company', '注册地址或个人可寄送信件的通讯地址', exampleAddress),
      email: describe(email, 'The email address for privacy requests and questions, printed in the policy', '受理隐私请求和咨询的电子邮箱，写入政策', 'privacy@example.com'),
      phone: describe(text, 'Company phone number with country code, if you publish one', '公司联系电话（含国家代码），如需公布', '+86 571 8000 0000').optional(),
      website: describe(httpUrl, 'Company website (not printed in the policy)', '公司网站（不写入政策）', 'https://nimbusnotes.example').optional(),
      registration: describe(
        localized,
        'Company registration details, e.g. the unified social credit code, printed with the contact details',
        '公司登记信息，如统一社会信用代码，与联系方式一并写入政策',
        { 'zh-CN': '统一社会信用代码 91330106MA2H7K8Q3L（虚构）', en: 'Unified social credit code 91330106MA2H7K8Q3L (fictional)' },
      ).optional(),
      main_establishment_country: describe(
        country,
        "Country of the company's main establishment, as a two-letter ISO 3166 code in capitals (for the GDPR it decides the lead supervisory authority, Art. 56)",
        '公司主要营业机构所在国家或地区，使用两位大写 ISO 3166 代码（在 GDPR 下决定牵头监管机构，第 56 条）',
        'CN',
      ).optional(),
      establishments: describe(
        z.array(country).default([]),
        'Every country where the company has an establishment (an office, branch or subsidiary that takes part in the processing), as two-letter ISO codes. An establishment in the EEA or the UK means no Art. 27 representative is needed there',
        '公司设有营业机构（参与处理活动的办公室、分支机构或子公司）的所有国家或地区，使用两位 ISO 代码。在欧洲经济区或英国设有营业机构的，无需在当地指定第 27 条代表',
        ['CN', 'NL'],
      ).optional(),
    })
    .strict(),
  'The company responsible for the data (PIPL personal information processor; GDPR controller), named with its contact details (PIPL Art. 17(1); GDPR Art. 13(1)(a); LGPD Art. 9 III–IV)',
  '对个人信息负责的公司（个人信息处理者，GDPR 下的控制者），政策载明其名称和联系方式（《个人信息保护法》第十七条第一款；GDPR 第 13(1)(a) 条；LGPD 第 9 条 III–IV）',
  { name: exampleCompany, address: exampleAddress, email: 'privacy@nimbusnotes.example' },
);

export const dpo = describe(
  contactPerson,
  'Data protection officer, whose contact details must be published (GDPR Art. 13(1)(b), 37(7); LGPD Art. 41 encarregado)',
  '数据保护官，其联系方式须公开（GDPR 第 13(1)(b)、37(7) 条；LGPD 第 41 条 encarregado）',
  { name: { 'zh-CN': '陈梅', en: 'Chen Mei' }, email: 'dpo@nimbusnotes.example' },
).optional();

export const pipo = describe(
  contactPerson,
  'Person in charge of personal information protection; publish their contact details once you process data of 1,000,000 or more individuals (PIPL Art. 52)',
  '个人信息保护负责人；处理 100 万人以上个人信息的，应公开其联系方式（《个人信息保护法》第五十二条）',
  { name: { 'zh-CN': '林晓', en: 'Lin Xiao' }, email: 'pipo@nimbusnotes.example' },
).optional();

export const representatives = describe(
  z
    .object({
      eu: describe(
        representative,
        'Representative in the EU, needed when a company without an EU establishment offers services to, or monitors, people in the EU (GDPR Art. 27, 13(1)(a))',
        '欧盟代表：在欧盟无营业机构的公司向欧盟境内个人提供服务或监控其行为时须指定（GDPR 第 27 条、第 13(1)(a) 条）',
        exampleRepresentative,
      ).optional(),
      uk: describe(
        representative,
        'Representative in the UK, needed on the same terms for people in the UK (UK GDPR Art. 27)',
        '英国代表：对英国境内个人适用相同条件（英国 GDPR 第 27 条）',
        { name: 'Nimbus Notes UK Ltd', address: { 'zh-CN': '英国伦敦 Old Street 20 号', en: '20 Old Street, London EC1V 9AB, United Kingdom' }, email: 'uk-rep@nimbusnotes.example' },
      ).optional(),
    })
    .strict(),
  'Representatives of a company established outside the EU or the UK (GDPR and UK GDPR Art. 27)',
  '在欧盟或英国境外设立的公司所指定的代表（GDPR 及英国 GDPR 第 27 条）',
  { eu: exampleRepresentative },
).optional();
