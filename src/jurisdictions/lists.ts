/**
 * China's lists against the policy they belong to: the 个人信息收集清单 and the policy's
 * collection clause name the same data categories, the 第三方共享清单 and the sharing clause
 * the same recipients and SDKs, in every language. Both are composed from the facts, so a
 * difference means a template (or locale text) dropped an entry, or one of them was composed
 * from other facts; a reviewer comparing the two pages would find it first.
 *
 * Given a composed document (markdown and headings), each name is looked for in its clause
 * only ("collection", "sharing", with their sub-clauses), so a name that also appears
 * elsewhere (a transfer table, a custom section) does not hide a clause that lost it; given
 * only Markdown, in the whole text.
 */
import { formatPath, type Diagnostic } from '../diagnostics.js';
import type { ChinaList, ChinaListEntry } from '../compose/lists.js';
import type { Heading } from '../compose/types.js';
import { escapeMarkdown } from '../compose/escape.js';
import type { Facts } from '../facts/schema.js';
import { say } from '../messages.js';

type Path = (string | number)[];
export type ListProblem = Diagnostic & { pathParts: Path };

/** A composed policy in one language: its Markdown, and its headings to find each clause. */
export type PolicyText = string | { markdown: string; headings: readonly Pick<Heading, 'id' | 'level' | 'label' | 'title'>[] };

/** What each checked list names, and the clause of the policy that must name the same. */
const CHECKED = [
  { list: 'collection', clause: 'collection', kinds: ['category'], listKind: 'collection_list' },
  { list: 'sharing', clause: 'sharing', kinds: ['recipient', 'sdk'], listKind: 'sharing_list' },
] as const;

/**
 * Every data category, recipient and SDK is named by its list and by its clause of the
 * policy, in each language of `policies` (locale → composed Markdown or document); a list
 * entry the policy does not name, and a fact one of them leaves out, are each an error.
 */
export function checkListsAgainstPolicy(lists: Readonly<Record<string, readonly ChinaList[]>>, policies: Readonly<Record<string, PolicyText>>, facts: Facts): ListProblem[] {
  const out: ListProblem[] = [];
  const add = (pathParts: Path, key: string, params: Record<string, string>, field: string, clause: string) =>
    out.push({ id: 'list-mismatch', severity: 'error', pathParts, ...(pathParts.length ? { path: formatPath(pathParts) } : {}), ...say(`listMismatch.${key}`, params, 'listMismatch.fix', { field, clause }) });

  for (const [locale, policy] of Object.entries(policies)) {
    const name = (value: Record<string, string>) => String(value[locale] ?? '');
    // What the facts say each list and clause must name, with where it is in the data file.
    const expected: Record<string, { entry: ChinaListEntry; at: Path }[]> = {
      collection: facts.data_categories.map((c, i) => ({ entry: { kind: 'category', name: name(c.name), path: `data_categories[${i}]` }, at: ['data_categories', i, 'name'] })),
      sharing: [
        ...facts.recipients.map((r, i) => ({ entry: { kind: 'recipient', name: r.name, path: `recipients[${i}]` } as ChinaListEntry, at: ['recipients', i, 'name'] as Path })),
        ...facts.sdks.map((s, i) => ({ entry: { kind: 'sdk', name: name(s.name), path: `sdks[${i}]` } as ChinaListEntry, at: ['sdks', i, 'name'] as Path })),
      ],
    };
    for (const { list: listId, clause, kinds, listKind } of CHECKED) {
      const field = listId === 'collection' ? 'data_categories' : 'recipients, sdks';
      const list = lists[locale]?.find((l) => l.id === listId);
      if (!list) {
        add([], 'noList', { listKind, locale }, field, clause);
        continue;
      }
      const text = clauseText(policy, clause);
      const inPolicy = (item: string) => mentions(text, item);
      const inList = (item: string) => list.entries.some((e) => (kinds as readonly string[]).includes(e.kind) && e.name === item) && mentions(list.markdown, item);
      const known = new Set(expected[listId]!.map((x) => x.entry.name));
      // What the list names that the policy does not (an entry from other facts included).
      for (const entry of list.entries.filter((e) => (kinds as readonly string[]).includes(e.kind))) {
        if (known.has(entry.name) || inPolicy(entry.name)) continue;
        add([], 'notInPolicy', { listKind, locale, item: entry.name, clause }, field, clause);
      }
      // What the facts name: in the policy and in the list, or a problem on whichever lacks it.
      for (const { entry, at } of expected[listId]!) {
        const policyHas = inPolicy(entry.name);
        const listHas = inList(entry.name);
        if (policyHas && listHas) continue;
        const key = !policyHas && !listHas ? 'notInEither' : policyHas ? 'notInList' : 'notInPolicy';
        add(at, key, { listKind, locale, item: entry.name, clause }, field, clause);
      }
    }
  }
  return out;
}

/** Whether Markdown names this fact: as the composer writes it (escaped), or literally. */
function mentions(markdown: string, item: string): boolean {
  return item !== '' && (markdown.includes(escapeMarkdown(item)) || markdown.includes(item));
}

/** The text of a clause and its sub-clauses, found by its heading; the whole text when headings are not given. */
export function clauseText(policy: PolicyText, id: string): string {
  if (typeof policy === 'string') return policy;
  const heading = policy.headings.find((h) => h.id === id);
  if (!heading) return '';
  const lines = policy.markdown.split('\n');
  const marks = '#'.repeat(heading.level + 1);
  const start = lines.findIndex((line) => line.startsWith(`${marks} ${heading.label}`) && line.endsWith(heading.title));
  if (start < 0) return '';
  let end = start + 1;
  while (end < lines.length) {
    const level = /^(#+) /.exec(lines[end]!)?.[1]?.length;
    if (level !== undefined && level <= marks.length) break;
    end++;
  }
  return lines.slice(start, end).join('\n');
}
