/**
 * Page shells of the versions stage (templates/versions/*.hbs): redline, notice, archive
 * banner, versions index and Atom feed. Handlebars escapes every value; only bodies built
 * from escaped or sanitised HTML are inserted raw (`{{{body}}}`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { PACKAGE_ROOT } from '../package-root.js';
import { compileTemplate, HTML_TEMPLATE } from '../library/precompiled.js';

const hb = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

function template(name: string): HandlebarsTemplateDelegate {
  let t = compiled.get(name);
  if (!t) compiled.set(name, (t = compileTemplate(hb, readFileSync(join(PACKAGE_ROOT, 'templates', 'versions', name), 'utf8'), HTML_TEMPLATE)));
  return t;
}

let css: string | undefined;
/** The versions stylesheet, inlined into each page (no extra asset to deploy). */
export function versionsCss(): string {
  css ??= readFileSync(join(PACKAGE_ROOT, 'templates', 'versions', 'versions.css'), 'utf8');
  return css;
}

export interface RedlinePageInput {
  lang: string;
  title: string;
  /** The `<title>`: "<company> · <document> (version N): what changed". */
  pageTitle: string;
  between: string;
  legend: string;
  inserted: string;
  deleted: string;
  /** Escaped HTML from redlineHtml(). */
  body: string;
  assets: string;
}

export function redlinePage(input: RedlinePageInput): string {
  return template('redline.html.hbs')({ ...input, css: versionsCss() });
}

/** A change notice; `pageTitle` is its `<title>`: "<company> · <document> (version N): change notice". */
export function noticePage(input: { lang: string; title: string; pageTitle: string; body: string; assets: string }): string {
  return template('notice.html.hbs')({ ...input, css: versionsCss() });
}

export interface ArchivedBanner {
  banner: string;
  newer: string | null;
  current: string;
  currentLabel: string;
  index: string;
  indexLabel: string;
}

/**
 * An archived version's page: the policy page as published, with a note saying which
 * version it is and linking to the current policy and the list of versions.
 */
export function withArchivedBanner(html: string, banner: ArchivedBanner): string {
  const note = template('archived.html.hbs')(banner).trim();
  return html.replace('</header>', `${note}\n</header>`);
}

export interface IndexVersion {
  version: number;
  anchor: string;
  label: string;
  current: string | null;
  effective: string;
  kind: string;
  note: string | null;
  highlights: string[];
  page: string;
  markdown: string;
  notice: string | null;
  redline: string | null;
  readLabel: string;
  noticeLabel: string;
  redlineLabel: string;
  hashLabel: string;
  hash: string;
}

export interface IndexSection {
  locale: string;
  title: string;
  intro: string;
  versions: IndexVersion[];
  feed: string;
  feedLabel: string;
}

export function versionsIndexPage(input: { lang: string; title: string; assets: string; feed: string; sections: IndexSection[] }): string {
  return template('index.html.hbs')({ ...input, css: versionsCss() });
}

export interface FeedEntry {
  title: string;
  id: string;
  updated: string;
  links: { locale: string; href: string }[];
  summary: string;
  /** HTML, escaped once more by the template (Atom `type="html"`). */
  content: string;
}

export interface FeedInput {
  lang: string;
  title: string;
  id: string;
  updated: string;
  self: string;
  alternate: string;
  author: string;
  email: string | null;
  entries: FeedEntry[];
}

export function atomFeed(input: FeedInput): string {
  return template('feed.xml.hbs')(input);
}
