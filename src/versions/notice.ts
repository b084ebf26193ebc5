/**
 * The change notice a company sends or posts: what changed, most important first, when the
 * new version takes effect, and where to read it and the version before. Written as
 * Markdown (facts escaped), then rendered to HTML through the policy's own sanitising
 * pipeline, and to PDF from that HTML.
 */
import { escapeMarkdown, unescapeMarkdown } from '../compose/escape.js';
import { formatDate } from '../compose/compose.js';
import type { Library } from '../library/library.js';
import { JURISDICTIONS } from '../facts/schema.js';
import type { Comparison } from './compare.js';
import type { FactChange } from './describe.js';
import { localeText } from './text.js';
import { articleId, comparisonMateriality, MATERIALITY_LAWS, rank, type Materiality } from './materiality.js';

export interface NoticeLinks {
  /** The new version (or the working policy). */
  policy: string;
  /** The version before, when there is one. */
  previous?: string;
  /** The redline, when published beside the notice. */
  redline?: string;
}

export interface NoticeInput {
  locale: string;
  comparison?: Comparison;
  /** The version this notice announces; absent for a draft. */
  version?: number;
  date?: string;
  /** The version before; absent for the first version. */
  previous?: { version: number; date: string };
  note?: string;
  links: NoticeLinks;
  facts: Record<string, unknown>;
  /** With several documents: the title of the document the notice is about (Markdown, as composed). */
  documentTitle?: string;
  /** What each of the document's laws requires for these changes (`materiality.ts`), shown as its own section. */
  materiality?: Materiality;
}

const md = (text: string) => escapeMarkdown(text);
const link = (text: string, href: string) => `[${md(text)}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`;

export function companyName(facts: Record<string, unknown>, locale: string): string {
  const controller = (facts.controller ?? {}) as Record<string, Record<string, string> | undefined>;
  const name = controller.short_name ?? controller.name;
  return name?.[locale] ?? name?.en ?? '';
}

/** The notice's title, as plain text (for <title>, feeds and PDF headers). */
export function noticeTitle(library: Library, locale: string, facts: Record<string, unknown>, documentTitle?: string): string {
  if (documentTitle) {
    const company = companyName(facts, locale);
    const title = unescapeMarkdown(documentTitle);
    // "云笺隐私政策（中国大陆）更新通知"; a title that names the company already is not prefixed again.
    return localeText(library, locale).t(title.startsWith(company) ? 'versions.notice.title_doc_named' : 'versions.notice.title_doc', { company, title });
  }
  return localeText(library, locale).t('versions.notice.title', { company: companyName(facts, locale) });
}

function changeLine(change: FactChange, locale: string, all: readonly string[], library: Library): string {
  const lt = localeText(library, locale);
  const details: string[] = [];
  const refs = change.clauseRefs[locale] ?? [];
  if (refs.length) details.push(lt.t('versions.notice.where', { clauses: lt.list(refs) }));
  // Jurisdictions are named only when a change concerns some of them, not all.
  if (change.jurisdictions.length && change.jurisdictions.length < all.length) {
    details.push(lt.t('versions.notice.concerns', { list: lt.list(change.jurisdictions.map((j) => lt.t(`versions.jurisdiction.${j}`))) }));
  }
  const text = md(change.text[locale] ?? '');
  return details.length ? `- ${text}  \n  ${md(details.join(lt.t('punct.space')))}` : `- ${text}`;
}

export function noticeMarkdown(input: NoticeInput, library: Library): string {
  const { locale, comparison } = input;
  const lt = localeText(library, locale);
  const date = input.date ? formatDate(input.date, locale) : undefined;
  const out: string[] = [`# ${md(noticeTitle(library, locale, input.facts, input.documentTitle))}`, ''];

  if (!input.previous) out.push(md(lt.t('versions.notice.first', { date })));
  else if (!date) out.push(md(lt.t('versions.notice.intro_draft')));
  else if (input.version === undefined) out.push(md(lt.t('versions.notice.intro_dated', { date })));
  else out.push(md(lt.t('versions.notice.intro', { version: input.version, date })));
  out.push('');

  if (input.note) out.push(`## ${md(lt.t('versions.notice.note'))}`, '', md(input.note), '');

  if (comparison && input.previous) {
    const enabled = JURISDICTIONS.filter((j) => ((input.facts.jurisdictions as string[] | undefined) ?? []).includes(j));
    const major = comparison.changes.filter((c) => c.importance === 1);
    const other = comparison.changes.filter((c) => c.importance !== 1);
    for (const [heading, list] of [
      ['versions.notice.major', major],
      ['versions.notice.other', other],
    ] as const) {
      if (!list.length) continue;
      out.push(`## ${md(lt.t(heading))}`, '', ...list.map((c) => changeLine(c, locale, enabled, library)), '');
    }
    if (!comparison.changes.length) out.push(md(lt.t(comparison.textChanged ? 'versions.notice.wording_only' : 'versions.notice.none')), '');
    else if (comparison.wording) out.push(`## ${md(lt.t('versions.notice.wording'))}`, '', md(lt.t('versions.notice.wording_also')), '');
  }

  if (comparison && input.previous && comparison.changes.length) {
    out.push(...materialitySection(input.materiality ?? comparisonMateriality(comparison, library), input.facts, locale, library), '');
  }

  out.push(`## ${md(lt.t('versions.notice.read'))}`, '');
  const policyLabel = input.version !== undefined ? lt.t('versions.notice.new_policy', { version: input.version }) : date ? lt.t('versions.notice.new_policy_unnumbered') : lt.t('versions.notice.current_policy');
  out.push(`- ${link(policyLabel, input.links.policy)}`);
  if (input.previous && input.links.previous) {
    out.push(`- ${link(lt.t('versions.notice.previous', { version: input.previous.version, date: formatDate(input.previous.date, locale) }), input.links.previous)}`);
  }
  if (input.links.redline) out.push(`- ${link(lt.t('versions.notice.redline'), input.links.redline)}`);
  out.push('');
  const email = (input.facts.controller as Record<string, unknown> | undefined)?.email;
  if (typeof email === 'string') out.push(md(lt.t('versions.notice.questions', { email })), '');
  return `${out.join('\n').trim()}\n`;
}

interface PolicyChangesFacts {
  consent?: { when: string; by: string[] };
  inform?: { by: string[]; days_in_advance?: number };
}

/**
 * "What the law requires us to do": per law, each article behind a step it requires
 * (strongest first), and how the company asks again or tells — only as `policy_changes`
 * says; without that fact nothing is said about how.
 */
export function materialitySection(record: Materiality, facts: Record<string, unknown>, locale: string, library: Library): string[] {
  const lt = localeText(library, locale);
  const how = (facts.policy_changes ?? {}) as PolicyChangesFacts;
  const out = [`## ${md(lt.t('materiality.heading'))}`, ''];
  const lines: string[] = [];
  const asked = new Set<string>();
  for (const law of MATERIALITY_LAWS) {
    if (!(law in record.actions) || record.actions[law] === 'none') continue;
    // Every step this law requires, strongest first, each article once.
    const steps = record.changes
      .map((c) => c.laws[law])
      .filter((a) => a && a.action !== 'none' && a.article)
      .sort((a, b) => rank(b!.action) - rank(a!.action));
    const articles = [...new Set(steps.map((a) => a!.article!))];
    const sentences = articles.flatMap((citation) => {
      const id = articleId(citation);
      return id ? [lt.t(`materiality.reason.${id}`, { article: lt.t(`materiality.article.${id}`) })] : [];
    });
    for (const a of steps) if (a!.action === 'consent' || a!.action === 'separate-consent') asked.add(a!.action);
    lines.push(`- **${md(lt.t(`materiality.law.${law}`))}**${md(lt.t('punct.colon'))}${md(sentences.join(lt.t('punct.space')))}`);
  }
  if (!lines.length) return [...out, md(lt.t('materiality.none'))];
  out.push(...lines, '');
  const after: string[] = [];
  if (how.consent) {
    // One sentence, in the company's own terms: when and by what it asks.
    const ask = asked.size === 2 ? 'both' : [...asked][0];
    if (ask) after.push(lt.t(`materiality.ask.${ask}`, { when: lt.t(`materiality.when.${how.consent.when}`), by: lt.list(how.consent.by.map((b) => lt.t(`materiality.by.${b}`))) }));
  }
  if (how.inform) {
    const by = lt.list(how.inform.by.map((b) => lt.t(`materiality.by.${b}`)));
    after.push(how.inform.days_in_advance ? lt.t('materiality.sent_days', { by, days: how.inform.days_in_advance }) : lt.t('materiality.sent', { by }));
  }
  if (after.length) out.push(md(after.join(lt.t('punct.space'))));
  return out;
}
