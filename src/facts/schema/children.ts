/**
 * Who may use the service and how children's data is handled. When PIPL applies and the
 * service admits children under 14 (or is aimed at children), the fields below the age
 * rule feed the children's rules, a document of their own (templates/outline.children.yaml;
 * PIPL Art. 31; Provisions on the Cyber Protection of Children's Personal Information).
 */
import { z } from 'zod';
import { RETENTION_PERIOD } from './codes.js';
import { describe, email, httpUrl, id, localized, text } from './primitives.js';

const exampleContact = {
  name: { 'zh-CN': '儿童个人信息保护专员 王芳', en: "Wang Fang, children's data protection officer" },
  email: 'children@nimbusnotes.example',
};

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
        "Web address where the children's rules that policygen writes are published, if you publish them at a fixed address; the China policy then gives it beside its link to them (PIPL Art. 31; NDSR Art. 21)",
        '生成的儿童个人信息保护规则在网上公布的固定网址（如有）；中国大陆隐私政策在链接该规则时一并列出（《个人信息保护法》第三十一条；《网络数据安全管理条例》第二十一条）',
        'https://nimbusnotes.example/children-privacy',
      ).optional(),
      contact: describe(
        z
          .object({
            name: describe(
              localized,
              "Name and role of the person you designate to be responsible for children's personal information, as printed in the children's rules",
              '负责儿童个人信息保护的专人的姓名和职务，按写入规则的样子填写',
              exampleContact.name,
            ),
            email: describe(email, 'Email address at which guardians reach this person directly', '监护人可直接联系该负责人的电子邮箱', exampleContact.email),
            phone: describe(text, 'Phone number with country code, if guardians may call', '联系电话（含国家代码），如监护人可以致电', '+86 571 8000 0002').optional(),
          })
          .strict(),
        "The person responsible for children's personal information, printed in the children's rules; needed when they are published (Provisions on the Cyber Protection of Children's Personal Information, Art. 8)",
        '负责儿童个人信息保护的专人，写入儿童个人信息保护规则；发布该规则时必填（《儿童个人信息网络保护规定》第八条）',
        exampleContact,
      ).optional(),
      data: describe(
        z.array(id).min(1),
        "Ids of the data categories (data_categories[].id) you collect from or about children; the children's rules list them with their purposes and retention (PIPL Arts. 17, 31; Provisions on the Cyber Protection of Children's Personal Information, Art. 10)",
        '收集的儿童个人信息所属的信息类别，填写 data_categories[].id；儿童个人信息保护规则据此列出用途和保存期限（《个人信息保护法》第十七条、第三十一条；《儿童个人信息网络保护规定》第十条）',
        ['account', 'notes'],
      ).optional(),
      recipients: describe(
        z.array(text),
        "Names of the recipients (recipients[].name) that receive children's personal information, each for the categories in both its data and children.data; write [] if no one does (PIPL Arts. 21, 23; Provisions on the Cyber Protection of Children's Personal Information, Art. 16)",
        '接触儿童个人信息的接收方名称，填写 recipients[].name，其接收的是该接收方 data 与 children.data 共有的类别；没有接收方时写 []（《个人信息保护法》第二十一条、第二十三条；《儿童个人信息网络保护规定》第十六条）',
        ['Alibaba Cloud'],
      ).optional(),
      retention: describe(
        z
          .object({
            period: describe(
              z.string().regex(RETENTION_PERIOD, 'write e.g. "1 day", "30 days", "6 months", "7 years", "account lifetime", "account lifetime + 90 days", "not stored" or "until processed"; or leave period out and write criteria'),
              'How long children\'s personal information is kept, written as for data_categories[].retention.period ("30 days", "account lifetime", "account lifetime + 30 days")',
              '儿童个人信息的保存期限，写法同 data_categories[].retention.period（“30 days”“account lifetime”“account lifetime + 30 days”）',
              'account lifetime',
            ).optional(),
            criteria: describe(
              localized,
              'How the period is decided, instead of a period or beside it to explain it; at least one of period and criteria is needed',
              '确定保存期限的标准，可代替 period，或与 period 并列说明；period 与 criteria 至少填写一项',
              { 'zh-CN': '保存至监护人撤回同意或孩子注销账号时', en: 'until the guardian withdraws consent or the child closes the account' },
            ).optional(),
            after_expiry: describe(
              z.enum(['delete', 'anonymise']),
              'What happens when the period ends: delete = the data is deleted, anonymise = it is anonymised so that it no longer identifies anyone (PIPL Art. 47)',
              '期满后的处理：delete = 删除，anonymise = 匿名化处理，使其无法识别特定个人（《个人信息保护法》第四十七条）',
              'delete',
            ).optional(),
          })
          .strict(),
        "How long children's personal information is kept, when it is shorter than or otherwise differs from each category's own retention; without it the children's rules give each category's retention (PIPL Art. 19; Provisions on the Cyber Protection of Children's Personal Information, Art. 10)",
        '儿童个人信息的保存期限，与各信息类别自身的保存期限不同（如更短）时填写；不填写的，规则列出各类别自身的保存期限（《个人信息保护法》第十九条；《儿童个人信息网络保护规定》第十条）',
        { period: 'account lifetime', after_expiry: 'delete' },
      ).optional(),
      guardian_rights_process: describe(
        localized,
        "How a parent or guardian exercises the child's rights (access, copy, correct, delete, withdraw consent), if it differs from rights.channels, e.g. how guardianship is verified; without it the children's rules list rights.channels (Regulations on the Protection of Minors Online, Art. 34)",
        '监护人如何代孩子行使权利（查阅、复制、更正、删除、撤回同意），与 rights.channels 不同时填写，例如如何核实监护关系；不填写的，规则列出 rights.channels（《未成年人网络保护条例》第三十四条）',
        {
          'zh-CN': '在“设置 › 家庭 › 孩子的信息”中提交请求，或发送邮件至 children@nimbusnotes.example；我们会先通过监护人绑定的手机号核实身份',
          en: "use Settings › Family › Child's information, or email children@nimbusnotes.example; we first confirm it is you through the guardian's registered mobile number",
        },
      ).optional(),
    })
    .strict(),
  "Who may use the service and how children's data is handled (PIPL Arts. 28, 31; GDPR Art. 8; LGPD Art. 14)",
  '服务的使用年龄及儿童个人信息的处理（《个人信息保护法》第二十八条、第三十一条；GDPR 第 8 条；LGPD 第 14 条）',
  { min_age: 14, directed_to_children: false },
);
