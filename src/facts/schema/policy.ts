/** The policy document itself, the laws it must satisfy, and the products it covers. */
import { z } from 'zod';
import { JURISDICTIONS } from './codes.js';
import { describe, httpUrl, id, isoDate, localized } from './primitives.js';

const localeCode = z.string().regex(/^[a-z]{2,3}(?:-[A-Z][a-zA-Z]{1,3})?$/, 'use a locale code like zh-CN, en or pt-BR');

export const policy = describe(
  z
    .object({
      title: describe(
        localized,
        'Document title; leave out to use "Privacy Policy" in each language',
        '文件标题；不填则各语言使用“隐私政策”',
        { 'zh-CN': '云笺隐私政策', en: 'Nimbus Notes Privacy Policy' },
      ).optional(),
      effective_date: describe(
        isoDate,
        'Date this version takes effect, written YYYY-MM-DD and shown as the "last updated" date (CCPA requires it: 11 CCR 7011(e)(4)); `--date` overrides it',
        '本版本的生效日期，格式为 YYYY-MM-DD，作为“最近更新”日期显示；命令行 `--date` 可覆盖',
        '2026-03-07',
      ).optional(),
      url: describe(
        httpUrl,
        'Web address where the policy is published, so it is easy to find and keep (PIPL Art. 17(3); NDSR Art. 21)',
        '政策的公开发布地址，便于查阅和保存（《个人信息保护法》第十七条第三款；《网络数据安全管理条例》第二十一条）',
        'https://nimbusnotes.example/privacy',
      ).optional(),
      locales: describe(
        z.array(localeCode).min(1),
        'Output languages, each with a folder under locales/',
        '输出语言，每种语言在 locales/ 下有目录',
        ['zh-CN', 'en'],
      ).default(['zh-CN', 'en']),
      documents: describe(
        z.union([
          z.enum(['by_audience', 'single']),
          z
            .array(
              z
                .object({
                  id: describe(id, 'Short code of the document, used as its folder name', '文件的简短代码，用作其目录名', 'china'),
                  title: describe(localized, 'Title of this document; leave out for policy.title', '本文件的标题；不填则使用 policy.title', { 'zh-CN': '云笺隐私政策（中国大陆）', en: 'Nimbus Notes Privacy Policy (mainland China)' }).optional(),
                  laws: describe(
                    z.array(z.enum(JURISDICTIONS)).min(1),
                    'The enabled laws this document covers, each enabled law in exactly one document: pipl = China PIPL, gdpr = EU GDPR, uk = UK GDPR and DPA 2018, ccpa = California CCPA as amended by the CPRA, lgpd = Brazil LGPD',
                    '本文件涵盖的已启用法律，每部已启用的法律恰好属于一个文件：pipl = 中国《个人信息保护法》，gdpr = 欧盟 GDPR，uk = 英国 GDPR 及 2018 年《数据保护法》，ccpa = 经 CPRA 修订的加州 CCPA，lgpd = 巴西 LGPD',
                    ['pipl'],
                  ),
                  locales: describe(
                    z.array(localeCode).min(1),
                    'Languages of this document, from policy.locales; the first is the original',
                    '本文件的语言，取自 policy.locales；第一种为原文',
                    ['zh-CN', 'en'],
                  ).optional(),
                  prevails: describe(localeCode, 'The language whose version prevails if the versions differ', '各语言版本不一致时以哪种语言为准', 'zh-CN').optional(),
                })
                .strict(),
            )
            .min(1),
        ]),
        'Which documents to publish. by_audience (the default when pipl is enabled with another law): a "china" document (PIPL; Chinese, with an English translation; the Chinese text prevails) and a "global" document (the other laws). single: one document for every law. Or a list of documents, each with its id, laws, locales and prevailing language',
        '发布哪些文件。by_audience（启用 pipl 及其他法律时的默认值）：“china”文件（《个人信息保护法》；中文原文并附英文译本，以中文为准）和“global”文件（其他法律）。single：所有法律合为一个文件。也可列出各文件的 id、法律、语言和优先语言',
        'by_audience',
        'single',
      ).optional(),
      prevailing_language: describe(
        localeCode,
        'For the global or single document: the language that prevails if the versions differ (default en when English is published, else the first locale); the china document always follows the Chinese text',
        '适用于 global 或 single 文件：各语言版本不一致时以哪种语言为准（默认：发布英文时为 en，否则为第一种语言）；china 文件始终以中文为准',
        'en',
      ).optional(),
      numbering: describe(
        z.record(
          z.string(),
          describe(
            z.enum(['chinese', 'decimal']),
            'Numbering style for this locale: chinese = 一、（一）1., decimal = 1. 1.1',
            '该语言的标题编号方式：chinese = 一、（一）1.，decimal = 1. 1.1',
            'chinese',
          ),
        ),
        'Heading numbering style per locale: chinese (一、（一）1.) or decimal (1. 1.1)',
        '每种语言的标题编号方式：chinese（一、（一））或 decimal（1. 1.1）',
        { 'zh-CN': 'chinese' },
      ).default({}),
    })
    .strict(),
  'The policy document itself: where it is published, when it takes effect, its languages and heading numbering',
  '政策文件本身：发布地址、生效日期、输出语言和标题编号',
  { url: 'https://nimbusnotes.example/privacy', effective_date: '2026-03-07', locales: ['zh-CN', 'en'], numbering: { 'zh-CN': 'chinese' } },
);

export const jurisdictions = describe(
  z.array(z.enum(JURISDICTIONS)).min(1, 'enable at least one jurisdiction'),
  'Laws the policy must satisfy: pipl = China PIPL, gdpr = EU GDPR, uk = UK GDPR and DPA 2018, ccpa = California CCPA as amended by the CPRA, lgpd = Brazil LGPD',
  '政策须满足的法律：pipl = 中国《个人信息保护法》，gdpr = 欧盟 GDPR，uk = 英国 GDPR 及 2018 年《数据保护法》，ccpa = 经 CPRA 修订的加州 CCPA，lgpd = 巴西 LGPD',
  ['pipl', 'gdpr', 'uk', 'ccpa', 'lgpd'],
);

export const products = describe(
  z
    .array(
      z
        .object({
          name: describe(localized, 'Name of the product or service', '产品或服务名称', { 'zh-CN': '云笺笔记', en: 'Nimbus Notes' }),
          description: describe(
            localized,
            'What the product is, in one short phrase printed after its name',
            '用一句简短的话说明产品是什么，显示在名称之后',
            { 'zh-CN': '支持多端同步和 AI 摘要的笔记应用（网页版、iOS 与 Android）', en: 'a note-taking app with sync across devices and AI summaries (web, iOS and Android)' },
          ),
        })
        .strict(),
    )
    .min(1, 'list at least one product or service'),
  'Products and services the policy covers, listed in its introduction',
  '本政策适用的产品和服务，列于引言',
  [
    {
      name: { 'zh-CN': '云笺笔记', en: 'Nimbus Notes' },
      description: { 'zh-CN': '支持多端同步和 AI 摘要的笔记应用', en: 'a note-taking app with sync across devices and AI summaries' },
    },
  ],
);
