/**
 * The embeddable fragment: a policy for sites that have their own layout. The policy body as
 * the page shows it — title, stamp (or draft label), key facts, contents, clauses, tables as
 * cards in a narrow column — without the page shell (no `<html>`, `<head>`, `<body>`, no
 * language switch, no skip links, no script), in one root element, `<article class="policygen"
 * lang="…">`, and its stylesheet (FRAGMENT_CSS, published as `policygen-fragment.css` beside
 * it), in which every selector starts with `.policygen`.
 *
 * Why a stylesheet file and not a `<style>` in the fragment: a host with a Content Security
 * Policy (`style-src` without 'unsafe-inline') refuses inline styles; one cached file serves
 * every fragment of a site (a policy has four: two documents, two languages); the host keeps
 * its stylesheets in its `<head>`, and the fragment stays content only. (The W3C checker also
 * validates CSS inside `<style>`, and its CSS checker does not know container queries yet:
 * inline, the same CSS would be two errors on the host page.)
 *
 * Ids: a host page has ids of its own (`main`, `contact`, `top` are common), so every id in
 * the fragment starts with `policygen-` (FRAGMENT_ID_PREFIX), and so does every in-fragment
 * link: `#contact` on the page and in policy.md is `#policygen-contact` here. The clause ids
 * themselves (which GitHub, pandoc and our page share) are kept after the prefix, so a link
 * into the page maps to the fragment by adding the prefix.
 *
 * Pure. The text is sanitised exactly as on the page (markdownToHtml); the rest is escaped here.
 */
import type { LocaleDocument } from '../compose/types.js';
import { pageParts, tocTree, unescapeText, type TocEntry } from './html.js';

/** The fragment's root class: every rule of FRAGMENT_CSS is under it. */
export const FRAGMENT_CLASS = 'policygen';
/** Put before every id of the fragment and every link inside it. */
export const FRAGMENT_ID_PREFIX = 'policygen-';
/** The stylesheet's file name, beside each policy.fragment.html. */
export const FRAGMENT_CSS_FILE = 'policygen-fragment.css';

export interface FragmentOptions {
  /** The contents' heading: "目录" / "Contents". */
  contentsLabel: string;
  /** Shown instead of the stamp when the working data is not released. */
  draftLabel?: string;
  /** Default FRAGMENT_ID_PREFIX; '' keeps the page's ids (for a host that knows they do not clash). */
  idPrefix?: string;
  /**
   * The absolute URL of the fragment's own folder (build --base-url): relative links (another
   * document, a China list) are resolved against it, so they work from the host's page. Without
   * it they stay relative to the folder the fragment is published in.
   */
  hrefBase?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function tocList(entries: readonly TocEntry[], prefix: string): string {
  const items = entries.map(
    (e) =>
      `<li><a href="#${escapeHtml(prefix + e.id)}"><span class="policygen-num">${escapeHtml(e.label)}</span> ${escapeHtml(unescapeText(e.title))}</a>${e.children.length ? tocList(e.children, prefix) : ''}</li>`,
  );
  return `<ol>${items.join('')}</ol>`;
}

/** One language of a policy as an embeddable fragment (see the file's comment). */
export function renderFragment(doc: LocaleDocument, options: FragmentOptions): string {
  const prefix = options.idPrefix ?? FRAGMENT_ID_PREFIX;
  const id = (name: string) => escapeHtml(`${prefix}${name}`);
  const { summaryTitle, summary, body } = pageParts(doc, { ...(prefix ? { idPrefix: prefix } : {}), ...(options.hrefBase ? { hrefBase: options.hrefBase } : {}) });
  const toc = tocTree(doc.headings);
  const out: string[] = [
    `<article class="${FRAGMENT_CLASS}" lang="${escapeHtml(doc.locale)}" aria-labelledby="${id('top')}">`,
    '<header class="policygen-header">',
    `<h1 id="${id('top')}">${escapeHtml(unescapeText(doc.title))}</h1>`,
    options.draftLabel ? `<p class="policygen-draft" role="status">${escapeHtml(options.draftLabel)}</p>` : `<p class="policygen-stamp">${escapeHtml(doc.stamp)}</p>`,
    '</header>',
  ];
  if (summary) {
    out.push(
      `<section class="policygen-key-facts"${summaryTitle ? ` aria-labelledby="${id('key-facts-title')}"` : ''}>`,
      ...(summaryTitle ? [`<h2 id="${id('key-facts-title')}">${escapeHtml(summaryTitle)}</h2>`] : []),
      summary,
      '</section>',
    );
  }
  if (toc.length) {
    out.push(`<nav class="policygen-toc" aria-labelledby="${id('toc-title')}">`, `<h2 id="${id('toc-title')}">${escapeHtml(options.contentsLabel)}</h2>`, tocList(toc, prefix), '</nav>');
  }
  out.push('<div class="policygen-body">', body, '</div>', '</article>');
  return `${out.join('\n')}\n`;
}

/**
 * The fragment's stylesheet. Every selector starts with `.policygen`; no `@font-face`, no
 * `:root`/`html`/`body`/`*` rule, so nothing reaches the host's own elements. It sets, for
 * every element the fragment contains, the properties a host's element rules commonly set
 * (display, size, colour, margins, list style), so `h2 { font-size: 40px }` or
 * `table { display: none }` on the host does not reach the policy; the font family is the
 * host's (inherited). Colours are custom properties on `.policygen` (`--policygen-text`, …),
 * for a host to restyle. Tables become a card per row when the fragment's own column is
 * narrow (a container query: a narrow sidebar on a wide screen counts too).
 */
export const FRAGMENT_CSS = `/* policygen embeddable fragment: every rule is under .policygen (see src/render/fragment.ts). */
.policygen {
  --policygen-text: #1d232a;
  --policygen-muted: #5b6673;
  --policygen-rule: #d9dee4;
  --policygen-accent: #0b5cad;
  --policygen-soft: #f4f6f8;
  --policygen-draft: #a33a00;
  --policygen-background: #fff;
  display: block;
  container-type: inline-size;
  box-sizing: border-box;
  max-width: 46rem;
  margin: 0;
  padding: 0;
  color: var(--policygen-text);
  background: var(--policygen-background);
  font-size: 1rem;
  font-weight: 400;
  line-height: 1.7;
  text-align: start;
  overflow-wrap: anywhere;
}
.policygen header, .policygen section, .policygen nav, .policygen div { display: block; margin: 0; padding: 0; border: 0; background: none; color: inherit; font-size: 1em; }
.policygen h1, .policygen h2, .policygen h3, .policygen h4, .policygen h5, .policygen h6 { display: block; color: inherit; background: none; font-family: inherit; font-weight: 700; font-style: normal; text-transform: none; letter-spacing: normal; padding: 0; border: 0; }
.policygen h1 { font-size: 1.9em; line-height: 1.3; margin: .5em 0; }
.policygen h2 { font-size: 1.35em; line-height: 1.4; margin: 1.6em 0 .6em; }
.policygen h3 { font-size: 1.1em; line-height: 1.5; margin: 1.4em 0 .5em; }
.policygen h4, .policygen h5, .policygen h6 { font-size: 1em; line-height: 1.5; margin: 1.2em 0 .4em; }
.policygen p { display: block; margin: 0 0 1em; padding: 0; color: inherit; font-size: 1em; line-height: inherit; }
.policygen strong { font-weight: 700; }
.policygen a { color: var(--policygen-accent); text-decoration: underline; background: none; font-size: inherit; }
.policygen a:focus-visible { outline: 2px solid var(--policygen-accent); outline-offset: 2px; }
.policygen ul, .policygen ol { display: block; margin: 0 0 1em; padding: 0 0 0 1.75em; list-style-position: outside; }
.policygen ul { list-style-type: disc; }
.policygen ol { list-style-type: decimal; }
.policygen li { display: list-item; margin: .25em 0; padding: 0; color: inherit; font-size: 1em; }
.policygen code { font-family: ui-monospace, monospace; font-size: .9em; }
.policygen .long-run { overflow-wrap: anywhere; }
.policygen .policygen-header { border-bottom: 1px solid var(--policygen-rule); margin-bottom: 1.5em; }
.policygen .policygen-stamp { color: var(--policygen-muted); margin: .25em 0 1em; }
.policygen .policygen-draft { display: inline-block; color: #fff; background: var(--policygen-draft); padding: .2em .6em; border-radius: 3px; font-weight: 700; }
.policygen .policygen-key-facts { margin: 1em 0 1.5em; }
.policygen .policygen-key-facts h2 { margin-top: 1em; }
.policygen .policygen-toc { background: var(--policygen-soft); padding: .75em 1.25em; border-radius: 6px; margin: 0 0 1.5em; }
.policygen .policygen-toc h2 { font-size: 1.05em; margin: .25em 0 .5em; }
.policygen .policygen-toc ol { list-style: none; padding-left: 0; margin: 0; }
.policygen .policygen-toc ol ol { padding-left: 1.5em; }
.policygen .policygen-toc a { text-decoration: none; }
.policygen .policygen-toc a:hover { text-decoration: underline; }
.policygen .policygen-num { color: var(--policygen-muted); }
.policygen .policygen-body h2:target, .policygen .policygen-body h3:target { background: #fff7d6; }
/* A table wider than the column scrolls in its own box, a labelled region the keyboard can reach. */
.policygen .table-wrap { display: block; overflow-x: auto; margin: 1em 0; }
.policygen .table-wrap:focus-visible { outline: 2px solid var(--policygen-accent); outline-offset: 2px; }
.policygen table { display: table; visibility: visible; border-collapse: collapse; border-spacing: 0; width: 100%; margin: 0; font-size: .92em; color: inherit; background: none; overflow-wrap: break-word; }
.policygen thead { display: table-header-group; }
.policygen tbody { display: table-row-group; }
.policygen tr { display: table-row; background: none; }
.policygen th, .policygen td { display: table-cell; border: 1px solid var(--policygen-rule); padding: .4em .55em; text-align: start; vertical-align: top; color: inherit; font-size: 1em; }
.policygen th { background: var(--policygen-soft); font-weight: 700; }
.policygen td { background: none; font-weight: 400; }
.policygen .policygen-key-facts th:first-child, .policygen .policygen-key-facts td:first-child { width: 7.5em; }
.policygen .policygen-key-facts th:last-child, .policygen .policygen-key-facts td:last-child { width: 1%; white-space: nowrap; }
@media screen {
  .policygen .table-wrap {
    background:
      linear-gradient(to right, #fff 30%, rgb(255 255 255 / 0)) left / 2.5rem 100% no-repeat local,
      linear-gradient(to left, #fff 30%, rgb(255 255 255 / 0)) right / 2.5rem 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, rgb(0 0 0 / .25), rgb(0 0 0 / 0)) left / .9rem 100% no-repeat scroll,
      radial-gradient(farthest-side at 100% 50%, rgb(0 0 0 / .25), rgb(0 0 0 / 0)) right / .9rem 100% no-repeat scroll;
  }
}
/* A narrow column: each row a card, each cell labelled with its column's header (data-label); the header row stays for screen readers. */
@container (max-width: 40rem) {
  .policygen .table-wrap { background: none; }
  .policygen .table-wrap table, .policygen .table-wrap tbody, .policygen .table-wrap tr, .policygen .table-wrap td { display: block; width: auto; }
  .policygen .table-wrap thead { display: block; position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .policygen .table-wrap tr { border: 1px solid var(--policygen-rule); border-radius: 6px; padding: .2em .8em; margin: 0 0 .75em; }
  .policygen .table-wrap td { border: 0; padding: .35em 0; }
  .policygen .table-wrap td + td { border-top: 1px solid var(--policygen-rule); }
  .policygen .table-wrap td:first-child { font-weight: 700; }
  .policygen .table-wrap td[data-label]::before { content: attr(data-label) / ""; display: block; font-size: .8rem; font-weight: 700; color: var(--policygen-muted); }
  .policygen .policygen-key-facts th:first-child, .policygen .policygen-key-facts td:first-child, .policygen .policygen-key-facts th:last-child, .policygen .policygen-key-facts td:last-child { width: auto; white-space: normal; }
  .policygen h1 { font-size: 1.5em; }
}
@media print {
  .policygen { max-width: none; }
  .policygen .policygen-toc { background: none; padding: 0; }
  .policygen .table-wrap { overflow: visible; }
  .policygen tr, .policygen li { break-inside: avoid; }
  .policygen h2, .policygen h3 { break-after: avoid; }
}
`;
