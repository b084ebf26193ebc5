/**
 * A platform's data about its customers' users: model API gateways, agent builders and
 * chatbot platforms process what their business customers' own users send (prompts,
 * conversations, uploaded files) on those customers' behalf. For that data the customer
 * is the controller (个人信息处理者) and the platform its processor (受托人; operador;
 * service provider), so the policy says so, and says what the platform does with it.
 */
import { z } from 'zod';
import { RETENTION_PERIOD } from './codes.js';
import { dataCategories } from './data-categories.js';
import { describe, httpUrl, id, localized } from './primitives.js';

const exampleDescription = {
  'zh-CN': '客户的用户与客户部署的智能体之间的对话内容（提问和回复）、用户上传的文件，以及相关的调用日志',
  en: "the conversations between our customers' users and the agents our customers deploy (questions and replies), files those users upload, and the related request logs",
};
const exampleRetention = { period: '30 days', after_expiry: 'delete' };

/**
 * The retention block of data categories (period / criteria / after_expiry / note), so the
 * same words, checks and rendering apply. One difference: "account lifetime" would read as
 * the reader's own account, and the customers' users have none with the platform.
 */
const categoryRetention = dataCategories.element.shape.retention;
const period = z
  .string()
  .regex(RETENTION_PERIOD, 'write e.g. "1 day", "30 days", "6 months", "not stored" or "until processed"; or leave period out and write criteria')
  .refine((value) => !value.startsWith('account lifetime'), {
    message:
      '"account lifetime" would mean the reader\'s own account, and your customers\' users have none with you: write a number of days, months or years, "not stored" or "until processed", or leave period out and write criteria (e.g. until the customer deletes it)',
  });

export const platform = describe(
  z
    .object({
      customer_data: describe(
        z
          .object({
            description: describe(
              localized,
              "What personal information you process for your business customers about their own users: prompts, conversations, uploaded files, logs… (GDPR Art. 28(3); PIPL Art. 21)",
              '您为企业客户处理的、关于客户自己的用户的个人信息：提示词、对话内容、上传的文件、日志等（GDPR 第 28(3) 条；《个人信息保护法》第二十一条）',
              exampleDescription,
            ),
            customer_role: describe(
              z.enum(['controller', 'controller_or_processor']),
              "Who your customers are for this data: controller = each customer decides why and how its users' data is processed, and you are its processor (PIPL Art. 21; GDPR Art. 28; LGPD Art. 39; CCPA 1798.140(ag)); controller_or_processor = some customers act in turn for another organisation (an agency building a chatbot for its client), which is then the controller, and you are a sub-processor (GDPR Art. 28(2), (4); PIPL Art. 21 para. 3)",
              '客户就这些信息的身份：controller = 每个客户自行决定其用户信息的处理目的和处理方式，您是其受托人（《个人信息保护法》第二十一条；GDPR 第 28 条；LGPD 第 39 条；CCPA 第 1798.140(ag) 条）；controller_or_processor = 部分客户本身受其他组织委托（如为其客户搭建聊天机器人的代理商），该组织为个人信息处理者，您是转委托的受托人（GDPR 第 28(2)、(4) 条；《个人信息保护法》第二十一条第三款）',
              'controller',
            ),
            training: describe(
              z.enum(['never', 'opt_in', 'yes']),
              "Whether you use this data to train or improve your own models (models you offer to others too; fine-tuning a customer's own model at its request is processing on its behalf, not this): never = not at all; opt_in = only for customers who switch it on; yes = you do. With opt_in or yes you decide that use yourself and are a controller for it (GDPR Art. 28(10); PIPL Art. 21 para. 2), so name its purpose in training_purposes",
              '是否使用这些信息训练或改进您自己的模型（也向他人提供的模型；应客户要求为其微调专属模型属于代其处理，不在此列）：never = 不使用；opt_in = 仅在客户开启时使用；yes = 使用。选择 opt_in 或 yes 时，该项使用由您自行决定，您对其而言是个人信息处理者（控制者）（GDPR 第 28(10) 条；《个人信息保护法》第二十一条第二款），须在 training_purposes 中写明其处理目的',
              'never',
              'opt_in',
            ),
            training_purposes: describe(
              z.array(id).min(1),
              'Ids of the purposes, from purposes[].id, for which you train models on this data; needed when training is opt_in or yes, so the policy states the purpose and its legal basis under each law (PIPL Art. 17(1); GDPR Art. 13(1)(c))',
              '使用这些信息训练模型的处理目的，填写 purposes[].id；training 为 opt_in 或 yes 时必填，以便政策写明该目的及其在各法律下的合法性基础（《个人信息保护法》第十七条第一款；GDPR 第 13(1)(c) 条）',
              ['model_improvement'],
            ).optional(),
            retention: describe(
              categoryRetention.extend({
                period: describe(
                  period,
                  'How long you keep this data for the customer: a number of days, months or years ("30 days"), "not stored" (used at once and not kept) or "until processed" (deleted once the request it came with is handled). "account lifetime" is not available here: the customers\' users have no account with you; write criteria instead',
                  '您为客户保存这些信息的期限：若干 days、months 或 years（“30 days”），“not stored”（即用即弃，不保存），或“until processed”（请求处理完毕即删除）。此处不能使用“account lifetime”：客户的用户在您处没有账号，请改写 criteria',
                  '30 days',
                  'not stored',
                ).optional(),
              }),
              'How long you keep this data and what happens afterwards, written as for data_categories[].retention (GDPR Art. 28(3)(g); PIPL Art. 21 para. 2)',
              '这些信息的保存期限及期满后的处理，写法同 data_categories[].retention（GDPR 第 28(3)(g) 条；《个人信息保护法》第二十一条第二款）',
              exampleRetention,
            ),
            forward_requests_days: describe(
              z.number().int().min(1).max(30),
              "Days within which you pass on to the customer a request about this data that one of its users sends to you, printed as your own commitment (no law sets a number; GDPR Art. 28(3)(e) and PIPL Art. 59 require you to assist the customer)",
              '客户的用户就这些信息向您提出请求时，您转交客户的天数，作为您自己的承诺写入政策（法律未规定具体天数；GDPR 第 28(3)(e) 条和《个人信息保护法》第五十九条要求您协助客户）',
              5,
            ).optional(),
            sub_processors_url: describe(
              httpUrl,
              'Web address of your list of sub-processors for this data (GDPR Art. 28(2); CCPA 1798.140(ag)(2))',
              '处理这些信息的再受托方（次级处理者）清单的网址（GDPR 第 28(2) 条；CCPA 第 1798.140(ag)(2) 条）',
              'https://agents.example/sub-processors',
            ).optional(),
          })
          .strict(),
        "Personal information of your business customers' own users that you process on the customers' behalf",
        '您受企业客户委托、代其处理的客户自己的用户的个人信息',
        {
          description: exampleDescription,
          customer_role: 'controller',
          training: 'never',
          retention: exampleRetention,
          forward_requests_days: 5,
        },
      ),
    })
    .strict(),
  "For platforms (model APIs, agent builders, chatbot platforms) whose business customers deploy them to their own users: the data you process for those customers as their processor; leave out if you have none",
  '适用于企业客户将其部署给自己用户使用的平台（模型 API、智能体搭建平台、聊天机器人平台）：您作为受托人为客户处理的信息；没有则不填',
  {
    customer_data: {
      description: exampleDescription,
      customer_role: 'controller',
      training: 'never',
      retention: exampleRetention,
    },
  },
).optional();
