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
            'Paragraphs separated by blank lines; lines starting with "- " form a list',
            '以空行分段；以“- ”开头的行构成列表',
            exampleSection.body,
          ),
          after: describe(clauseId, 'Id of the clause this section follows, e.g. use, security or rights', '本节紧随其后的条款 id，如 use、security 或 rights', 'use'),
        })
        .strict(),
    )
    .max(50),
  'Company-specific sections, numbered and cross-referenced like built-in clauses',
  '公司特有的章节，与内置条款一样编号和交叉引用',
  [exampleSection],
).default([]);
