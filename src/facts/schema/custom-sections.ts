/** Company-specific sections, numbered and cross-referenced like built-in clauses. */
import { z } from 'zod';
import { clauseId, describe, id, localized } from './primitives.js';

const exampleSection = {
  id: 'ai_no_training',
  after: 'use',
  title: { 'zh-CN': '我们不使用您的笔记训练 AI 模型', en: 'We do not train AI models on your notes' },
  body: {
    'zh-CN': '您的笔记内容仅用于为您生成摘要，不会用于训练我们或任何第三方的 AI 模型。',
    en: "Your notes are used only to produce summaries for you. They are never used to train our own or anyone else's AI models.",
  },
};

export const customSections = describe(
  z
    .array(
      z
        .object({
          id: describe(id, 'Short code for the section, used as its anchor and in cross-references', '该节的简短代码，用作锚点和交叉引用', 'ai_no_training'),
          title: describe(localized, 'Section heading; the number is added automatically', '章节标题，编号自动添加', exampleSection.title),
          body: describe(
            localized,
            'Markdown: paragraphs separated by blank lines, **bold**, *emphasis*, lists with "- " or "1. " (one level of nesting), links to https:// or mailto: addresses; [text](#security) links to a clause and [](#security) prints its number ("Section 9"). Every language needs the same lists and clause links. Anything else (HTML, images, headings, tables, code) is printed as typed',
            'Markdown：以空行分段，**加粗**、*强调*，以“- ”或“1. ”开头的列表（可嵌套一层），指向 https:// 或 mailto: 地址的链接；[文字](#security) 链接到某一条款，[](#security) 显示该条款的编号（“第九部分”）。各语言的列表和条款链接须一致。其他内容（HTML、图片、标题、表格、代码）按原样显示',
            exampleSection.body,
          ),
          under: describe(
            clauseId,
            'Id of the clause this section goes inside, as its last sub-section (e.g. collection, or another custom section); a section under a clause the policy leaves out is left out with it. Give under or after, not both; at most 3 levels deep',
            '本节所属的条款 id，本节作为其最后一个子节（如 collection，或另一个自定义章节）；所属条款不在政策中时本节一并省略。under 与 after 二选一；最多 3 级',
            'collection',
          ).optional(),
          after: describe(
            clauseId,
            'Id of the clause this section follows at the same level, e.g. use, security or a sub-clause such as collection_sensitive. Give after or under, not both',
            '本节紧随其后、与之同级的条款 id，如 use、security 或 collection_sensitive 等子条款。after 与 under 二选一',
            'use',
          ).optional(),
        })
        .strict(),
    )
    .max(50),
  'Company-specific sections, numbered and cross-referenced like built-in clauses',
  '公司特有的章节，与内置条款一样编号和交叉引用',
  [exampleSection],
).default([]);
