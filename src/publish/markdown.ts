/**
 * The published policy.md: the composed Markdown with an explicit anchor on each heading
 * (`## 18. How to contact us <a id="contact"></a>`), so that the cross-references
 * (`[Section 18](#contact)`) resolve wherever the file is rendered — GitHub, GitLab, pandoc,
 * static-site generators — whatever heading ids those make. Our HTML gives the headings the
 * same ids, so a link into either works for both. The composed Markdown (ledger, redlines,
 * notices) is left as it is.
 */
import type { LocaleDocument } from '../compose/types.js';

export function portableMarkdown(doc: Pick<LocaleDocument, 'markdown' | 'headings'>): string {
  const ids = doc.headings.map((h) => h.id);
  let next = 0;
  return doc.markdown
    .split('\n')
    .map((line) => {
      // The document title is "# …"; clause headings are "## …" and deeper, in outline order.
      if (!/^#{2,6} /.test(line) || next >= ids.length) return line;
      return `${line} <a id="${ids[next++]}"></a>`;
    })
    .join('\n');
}
