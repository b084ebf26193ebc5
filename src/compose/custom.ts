/**
 * The data file's own sections (`custom_sections`): where they go in the outline and how
 * their text becomes Markdown. Only a safe subset of Markdown gets through.
 */
import type { Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';
import type { Facts } from '../facts/schema.js';
import { flatten, type OutlineClause } from '../library/library.js';
import { escapeMarkdown } from './escape.js';

/**
 * The outline with the data file's own sections inserted after the clauses they name
 * (at the same level). A section may follow another custom section.
 */
export function withCustomSections(outline: readonly OutlineClause[], facts: Facts): { outline: OutlineClause[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let tree: OutlineClause[] = outline.map(function copy(c): OutlineClause {
    return { ...c, children: c.children.map(copy) };
  });
  const ids = new Set(flatten(tree).map((c) => c.id));
  facts.custom_sections.forEach((section, i) => {
    if (ids.has(section.id)) {
      diagnostics.push({ id: 'duplicate-id', severity: 'error', path: `custom_sections[${i}].id`, ...say('sectionIdTaken.message', { id: section.id }, 'sectionIdTaken.fix') });
      return;
    }
    let placed = false;
    const insert = (list: OutlineClause[]): OutlineClause[] =>
      list.flatMap((c) => {
        const here = { ...c, children: insert(c.children) };
        if (c.id !== section.after) return [here];
        placed = true;
        return [here, { id: section.id, custom: i, children: [] }];
      });
    tree = insert(tree);
    if (placed) ids.add(section.id);
    else {
      diagnostics.push({
        id: 'unknown-clause',
        severity: 'error',
        path: `custom_sections[${i}].after`,
        ...say('placeAfter.message', { after: section.after, id: section.id }, 'placeAfter.fix', { ids: [...ids].join(', ') }),
      });
    }
  });
  return { outline: tree, diagnostics };
}

/** A custom section's text: paragraphs and "- " lists, everything else inert. */
export function customBody(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => (/^[-*•] /.test(line) ? `- ${escapeMarkdown(line.slice(2).trim())}` : escapeMarkdown(line)))
        .join('\n'),
    )
    .filter(Boolean)
    .join('\n\n');
}

