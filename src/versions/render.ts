/**
 * Redline and notice as complete pages (HTML strings). Pure: the same comparison gives
 * the same bytes. PDF comes from these pages (see write.ts).
 */
import { formatDate } from '../compose/compose.js';
import { unescapeMarkdown } from '../compose/escape.js';
import type { Library } from '../library/library.js';
import { markdownToHtml } from '../render/html.js';
import type { Comparison } from './compare.js';
import { documentPageTitle } from '../publish/publish.js';
import { companyName, noticeMarkdown, noticeTitle, type NoticeInput } from './notice.js';
import { noticePage, redlinePage } from './pages.js';
import { escapeHtml, redlineHtml } from './redline-html.js';
import type { Side } from './sides.js';
import { localeText, type LocaleText } from './text.js';

/** "version 2 (April 1, 2026)" / "working draft (not released)". */
export function sideLabel(side: Side, library: Library, locale: string): string {
  const lt = localeText(library, locale);
  if (side.version === undefined) return side.date ? lt.t('versions.redline.working_dated', { date: formatDate(side.date, locale) }) : lt.t('versions.redline.working');
  return lt.t('versions.redline.version', { version: side.version, date: side.date ? formatDate(side.date, locale) : '' });
}

/**
 * Every insertion and deletion says what it is, in the page's language: a label before
 * and after it that a screen reader reads ("Added text: … (end of added text)"), hidden
 * on screen and drawn in transparent ink in print, so that the PDF's tags keep the words
 * too (policy.css, .change-label). The labels sit beside <ins>/<del>, not inside them.
 */
function announceChanges(html: string, lt: LocaleText): string {
  const label = (key: string, side: 'start' | 'end'): string => {
    const text = lt.t(`versions.redline.announce.${key}_${side}`);
    // A space between the label and the words, where the language spaces its words.
    const spaced = side === 'start' ? (/[\x21-\x7e]$/.test(text) ? `${text} ` : text) : /^[\x21-\x7e]/.test(text) ? ` ${text}` : text;
    return `<span class="change-label">${escapeHtml(spaced)}</span>`;
  };
  const open = { ins: label('added', 'start'), del: label('removed', 'start') };
  const close = { ins: label('added', 'end'), del: label('removed', 'end') };
  return html.replace(/<(ins|del)>/g, (tag, name: 'ins' | 'del') => open[name] + tag).replace(/<\/(ins|del)>/g, (tag, name: 'ins' | 'del') => tag + close[name]);
}

export function redlineDocument(comparison: Comparison, locale: string, library: Library, assets: string): string | undefined {
  const redline = comparison.redlines.find((r) => r.locale === locale);
  if (!redline) return undefined;
  const lt = localeText(library, locale);
  const { to } = comparison;
  return redlinePage({
    lang: locale,
    // The heading names the document and the versions, as the redline PDF's title does.
    title: redlineTitle(comparison, locale, library),
    // "Nimbus Notes · Privacy Policy (Mainland China) (version 2): what changed"
    pageTitle: lt.t('versions.redline.page_title', { title: documentPageTitle(library, locale, companyName(to.facts, locale), titleOf(to.documents, to.facts, locale, library), to.version) }),
    between: lt.t('versions.redline.between', { from: sideLabel(comparison.from, library, locale), to: sideLabel(comparison.to, library, locale) }),
    legend: lt.t('versions.redline.legend'),
    inserted: lt.t('versions.redline.inserted'),
    deleted: lt.t('versions.redline.deleted'),
    body: announceChanges(redlineHtml(redline, lt), lt),
    assets,
  });
}

/**
 * The redline PDF's own title (its /Title and running header), not the notice's:
 * "云笺 · 隐私政策（中国大陆）：第 1 版至第 2 版的修订对照",
 * "Nimbus Notes · Privacy Policy (Mainland China): changes from version 1 to version 2".
 */
export function redlineTitle(comparison: Comparison, locale: string, library: Library): string {
  const lt = localeText(library, locale);
  const { from, to } = comparison;
  const company = companyName(to.facts, locale);
  // Plain text (the composed title is Markdown): a page escapes it as HTML, a PDF's /Title takes it as is.
  const docTitle = unescapeMarkdown(titleOf(to.documents, to.facts, locale, library));
  // "<company> · <title>", unless the title names the company already (as the policy PDFs do).
  const title = docTitle.startsWith(company) ? docTitle : `${company} · ${docTitle}`;
  return to.version === undefined ? lt.t('versions.redline.pdf_title_working', { title, from: from.version }) : lt.t('versions.redline.pdf_title', { title, from: from.version, to: to.version });
}

export interface NoticeDocument {
  title: string;
  markdown: string;
  /** The sanitised body alone (for feeds). */
  bodyHtml: string;
  html: string;
}

export function noticeDocument(input: NoticeInput, library: Library, assets: string): NoticeDocument {
  const markdown = noticeMarkdown(input, library);
  const bodyHtml = markdownToHtml(markdown, []);
  const title = noticeTitle(library, input.locale, input.facts, input.documentTitle);
  const { locale, facts } = input;
  const docTitle = input.documentTitle ?? titleOf(input.comparison?.to.documents ?? [], facts, locale, library);
  // "云笺 · 隐私政策（中国大陆）（第 2 版）更新通知"
  const pageTitle = localeText(library, locale).t('versions.notice.page_title', { title: documentPageTitle(library, locale, companyName(facts, locale), docTitle, input.version) });
  return { title, markdown, bodyHtml, html: noticePage({ lang: locale, title, pageTitle, body: bodyHtml, assets }) };
}

/** The title of the document a notice or redline is about: as released, else the data file's policy title, else "Privacy Policy". */
function titleOf(documents: readonly { locale: string; title: string }[], facts: Record<string, unknown>, locale: string, library: Library): string {
  const own = documents.find((d) => d.locale === locale)?.title;
  if (own) return own;
  const policyTitle = (facts.policy as { title?: Record<string, string> } | undefined)?.title?.[locale];
  return policyTitle ?? localeText(library, locale).t('document.title');
}
