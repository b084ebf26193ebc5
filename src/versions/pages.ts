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
  /** build --base-url: the document folder's absolute address, as `xml:base`. */
  base?: string;
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

/**
 * build --base-url: a page's head with absolute addresses. `<link rel="canonical">` names
 * `pageUrl` itself (an archived page's permanent version address). A page with versions in
 * other languages lists every language, itself included, with absolute hreflang alternates in
 * the order of `locales` (the document's languages), and `x-default` is the first of them. A
 * feed link becomes absolute. Stylesheets and the body are left as they are.
 */
export function withAbsoluteHead(html: string, pageUrl: string, locales: readonly string[]): string {
  const end = html.indexOf('</head>');
  if (end < 0) return html;
  const absolute = (href: string) => attr(new URL(href.replace(/&amp;/g, '&'), pageUrl).href);
  const alternates: { locale: string; href: string }[] = [];
  const head = html
    .slice(0, end)
    .replace(/<link rel="alternate" hreflang="([^"]+)" href="([^"]*)">\n/g, (_m, locale: string, href: string) => {
      alternates.push({ locale, href: absolute(href) });
      return '';
    })
    .replace(/<link rel="alternate" type="application\/atom\+xml" href="([^"]*)"/g, (_m, href: string) => `<link rel="alternate" type="application/atom+xml" href="${absolute(href)}"`);
  const lang = /<html lang="([^"]+)"/.exec(html)?.[1];
  if (alternates.length && lang) alternates.push({ locale: lang, href: attr(pageUrl) });
  const rank = (l: string) => (locales.includes(l) ? locales.indexOf(l) : locales.length);
  alternates.sort((x, y) => rank(x.locale) - rank(y.locale));
  const added = [
    `<link rel="canonical" href="${attr(pageUrl)}">`,
    ...alternates.map((a) => `<link rel="alternate" hreflang="${a.locale}" href="${a.href}">`),
    ...(alternates.length ? [`<link rel="alternate" hreflang="x-default" href="${alternates[0]!.href}">`] : []),
  ];
  return `${head}${added.join('\n')}\n${html.slice(end)}`;
}

/** The hreflang alternates a page's head names (after withAbsoluteHead), in order, for the sitemap. */
export function headAlternates(html: string): { locale: string; href: string }[] {
  const head = html.slice(0, Math.max(0, html.indexOf('</head>')));
  return [...head.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]*)">/g)].map((m) => ({ locale: m[1]!, href: m[2]! }));
}

function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** `sitemap.xml` of one policy folder (sitemaps.org, with Google's `xhtml:link` hreflang alternates). */
export function sitemap(pages: readonly { url: string; alternates: readonly { locale: string; href: string }[] }[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'];
  for (const page of pages) {
    lines.push('  <url>', `    <loc>${attr(page.url)}</loc>`);
    for (const a of page.alternates) lines.push(`    <xhtml:link rel="alternate" hreflang="${attr(a.locale)}" href="${a.href}"/>`);
    lines.push('  </url>');
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}

/** The output folder's `sitemap.xml`: an index of the policies' own sitemaps. */
export function sitemapIndex(sitemaps: readonly string[]): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...sitemaps.map((s) => `  <sitemap><loc>${attr(s)}</loc></sitemap>`), '</sitemapindex>', ''].join('\n');
}
