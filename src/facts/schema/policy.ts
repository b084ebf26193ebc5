/** The policy document itself, the laws it must satisfy, and the products it covers. */
import { z } from 'zod';
import { JURISDICTIONS } from './codes.js';
import { describe, httpUrl, isoDate, localized } from './primitives.js';

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
        z.array(z.string().regex(/^[a-z]{2,3}(?:-[A-Z][a-zA-Z]{1,3})?$/, 'use a locale code like zh-CN, en or pt-BR')).min(1),
        'Output languages, each with a folder under locales/',
        '输出语言，每种语言在 locales/ 下有目录',
        ['zh-CN', 'en'],
      ).default(['zh-CN', 'en']),
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
