/**
 * Redline and notice as complete pages (HTML strings). Pure: the same comparison gives
 * the same bytes. PDF comes from these pages (see write.ts).
 */
import { formatDate } from '../compose/compose.js';
import type { Library } from '../library/library.js';
import { markdownToHtml } from '../render/html.js';
import type { Comparison } from './compare.js';
import { noticeMarkdown, noticeTitle, type NoticeInput } from './notice.js';
import { noticePage, redlinePage } from './pages.js';
import { redlineHtml } from './redline-html.js';
import type { Side } from './sides.js';
import { localeText } from './text.js';

/** "version 2 (April 1, 2026)" / "working draft (not released)". */
export function sideLabel(side: Side, library: Library, locale: string): string {
  const lt = localeText(library, locale);
  if (side.version === undefined) return side.date ? lt.t('versions.redline.working_dated', { date: formatDate(side.date, locale) }) : lt.t('versions.redline.working');
  return lt.t('versions.redline.version', { version: side.version, date: side.date ? formatDate(side.date, locale) : '' });
}

export function redlineDocument(comparison: Comparison, locale: string, library: Library, assets: string): string | undefined {
  const redline = comparison.redlines.find((r) => r.locale === locale);
  if (!redline) return undefined;
  const lt = localeText(library, locale);
  return redlinePage({
    lang: locale,
    title: lt.t('versions.redline.title'),
    between: lt.t('versions.redline.between', { from: sideLabel(comparison.from, library, locale), to: sideLabel(comparison.to, library, locale) }),
    legend: lt.t('versions.redline.legend'),
    inserted: lt.t('versions.redline.inserted'),
    deleted: lt.t('versions.redline.deleted'),
    body: redlineHtml(redline, lt),
    assets,
  });
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
  return { title, markdown, bodyHtml, html: noticePage({ lang: input.locale, title, body: bodyHtml, assets }) };
}
