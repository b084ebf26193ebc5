/**
 * The preview's own pages: both languages side by side (clause k of every language in row
 * k), the error page, and the small script that reloads a page when the sources change.
 * The script lives only in responses of the preview server; the published pages
 * (src/render) stay free of scripts.
 */
import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { formatLocation, type Diagnostic } from '../diagnostics.js';
import { localize, tr, type MessageParams } from '../messages.js';
import { languageName, type Snapshot } from './rebuild.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Keeps an open page current: on each new build the server announces a version over
 * /events; the page fetches itself again and swaps in what changed (scroll position
 * kept, no flash), or reloads entirely when the kind of page changed (policy ↔ errors)
 * or a stylesheet changed. `document.documentElement.dataset.previewVersion` tells tests
 * and people which build is shown.
 */
const RELOAD_SCRIPT = `(() => {
  const meta = (d) => d.querySelector('meta[name="policygen-preview"]');
  const root = document.documentElement;
  const own = meta(document);
  if (!own) return;
  const kind = own.dataset.kind;
  root.dataset.previewVersion = own.content;
  let busy = false;
  let again = false;
  const sameAttributes = (a, b) => a.attributes.length === b.attributes.length && Array.from(a.attributes).every((x) => b.getAttribute(x.name) === x.value);
  // Replaces only what changed (down to a clause cell): less for the browser to lay out again.
  function patch(into, from, depth) {
    const now = into.childNodes;
    const next = Array.from(from.childNodes);
    if (depth === 0 || now.length !== next.length) { into.replaceChildren(...next); return; }
    next.forEach((node, i) => {
      const old = now[i];
      if (old.isEqualNode(node)) return;
      if (old.nodeType === 1 && node.nodeType === 1 && old.tagName === node.tagName && sameAttributes(old, node)) patch(old, node, depth - 1);
      else old.replaceWith(node);
    });
  }
  async function update() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const response = await fetch(location.href, { cache: 'no-store', headers: { accept: 'text/html' } });
      const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
      const next = meta(doc);
      if (!next || next.dataset.kind !== kind) { location.reload(); return; }
      document.title = doc.title;
      root.lang = doc.documentElement.lang;
      document.body.className = doc.body.className;
      patch(document.body, doc.body, 3);
      root.dataset.previewVersion = next.content;
    } catch (error) {
      location.reload();
      return;
    } finally {
      busy = false;
    }
    if (again) { again = false; update(); }
  }
  const events = new EventSource('/events');
  events.addEventListener('version', (event) => {
    const data = JSON.parse(event.data);
    if (data.version === root.dataset.previewVersion) return;
    if (data.full) location.reload(); else update();
  });
})();`;

/** For the Content-Security-Policy of preview pages: this script and nothing else may run. */
export const RELOAD_SCRIPT_HASH = `sha256-${createHash('sha256').update(RELOAD_SCRIPT).digest('base64')}`;

/** What kind of page a response is: a body swap is possible only between pages of one kind. */
export type PageKind = 'shell' | `page-${string}`;

function previewHead(version: string, kind: PageKind): string {
  return `<meta name="policygen-preview" content="${escapeHtml(version)}" data-kind="${escapeHtml(kind)}">\n<script>${RELOAD_SCRIPT}</script>\n`;
}

/** A published page (renderPage output) with the reload script added, for the preview only. */
export function injectReload(html: string, version: string, locale: string): string {
  const at = html.indexOf('</head>');
  if (at < 0) throw new Error('page has no </head>');
  return `${html.slice(0, at)}${previewHead(version, `page-${locale}`)}${html.slice(at)}`;
}

/** Styles of the preview's own pages (not of the policy: that is templates/assets/policy.css). */
const PREVIEW_CSS = `
body.preview { max-width: none; padding: 0 0 4rem; }
.pv-bar { position: sticky; top: 0; z-index: 10; display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center;
  padding: .45rem 1.25rem; background: #1d232a; color: #e8edf2; font-size: .85rem; line-height: 1.5; }
.pv-bar a { color: #9cc7f5; }
.pv-bar nav { display: flex; flex-wrap: wrap; gap: .1rem .9rem; margin-left: auto; }
.pv-bar code { color: #fff; }
.pv-status { font-weight: 700; padding: 0 .45rem; border-radius: 3px; }
.pv-status.ok { background: #1f7a3d; }
.pv-status.error { background: #b3261e; }
.pv-status.warning { background: #8a5a00; }
.sbs { padding: 0 1.25rem; max-width: 110rem; margin: 0 auto; }
.sbs-row { display: grid; grid-template-columns: repeat(var(--columns), minmax(0, 1fr)); column-gap: 2.5rem; scroll-margin-top: 2.5rem; }
.sbs-cell { min-width: 0; border-top: 1px solid var(--rule); padding-bottom: .75rem; }
.sbs-head .sbs-cell { border-top: 0; }
.sbs-cell > h2:first-child, .sbs-cell > h3:first-child, .sbs-cell > h4:first-child { margin-top: 1rem; }
.sbs-row:target .sbs-cell { background: #fff7d6; }
.sbs-cell.missing { color: var(--draft); font-style: italic; }
.pv-warnings { max-width: 110rem; margin: 1rem auto 0; padding: 0 1.25rem; }
.pv-errors { max-width: 60rem; margin: 0 auto; padding: 0 1.25rem; }
.pv-errors h1 { color: #b3261e; }
.diagnostics { padding: 0; }
.diag { border: 1px solid var(--rule); border-left: 4px solid #b3261e; border-radius: 4px; padding: .5rem 1rem; margin: 1rem 0; list-style: none; }
.diag.warning { border-left-color: #8a5a00; }
.diag p { margin: .2rem 0; }
.diag .where, .diag pre { font-family: ui-monospace, 'DejaVu Sans Mono', monospace, 'Noto Sans SC'; }
.diag .where { font-size: .9rem; }
.diag .id, .diag .path { color: var(--muted); }
.diag .fix { color: #1f5e2e; }
.diag pre { background: var(--bg-soft); padding: .4rem .6rem; overflow-x: auto; font-size: .85rem; line-height: 1.45; margin: .4rem 0 .2rem; }
.diag pre .hit { background: #ffe1dc; display: inline-block; min-width: 100%; }
@media (max-width: 50rem) {
  .sbs-row { grid-template-columns: minmax(0, 1fr); }
  .sbs-cell + .sbs-cell { border-top: 1px dashed var(--rule); }
}
`;

/** The preview's own words in the language of its messages (`--lang`). */
const label = (ui: string, key: string, params: MessageParams = {}): string => tr(`labels.${key}`, params, ui);

function shell(snapshot: Snapshot, lang: string, title: string, bodyClass: string, main: string, ui = lang): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/assets/fonts.css">
<link rel="stylesheet" href="/assets/policy.css">
<style>${PREVIEW_CSS}</style>
${previewHead(snapshot.version, 'shell')}</head>
<body class="${escapeHtml(bodyClass)}">
${bar(snapshot, ui)}
${main}
</body>
</html>
`;
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** Locales the preview offers: those of the composed policy, else those of the library. */
export function previewLocales(snapshot: Snapshot): string[] {
  if (snapshot.shown) return snapshot.shown.documents.map((d) => d.locale);
  return snapshot.library ? [...snapshot.library.locales.keys()] : [];
}

function bar(snapshot: Snapshot, ui: string): string {
  const errors = snapshot.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = snapshot.diagnostics.length - errors;
  const status = snapshot.ok
    ? warnings
      ? `<span class="pv-status warning">${escapeHtml(countLabel(ui, 'warnings', warnings))}</span>`
      : `<span class="pv-status ok">${escapeHtml(label(ui, 'preview.ok'))}</span>`
    : `<span class="pv-status error">${escapeHtml(countLabel(ui, 'errors', errors))}</span>`;
  const locales = previewLocales(snapshot);
  const links = [
    `<a href="/">${escapeHtml(label(ui, 'preview.sideBySide'))}</a>`,
    ...locales.map((l) => `<a href="/${escapeHtml(l)}/" lang="${escapeHtml(l)}">${escapeHtml(languageName(snapshot.library, l))}</a>`),
    ...locales.map((l) => `<a href="/pdf/${escapeHtml(l)}" lang="${escapeHtml(l)}">PDF ${escapeHtml(languageName(snapshot.library, l))}</a>`),
  ];
  return `<header class="pv-bar"><strong>policygen preview</strong> <code>${escapeHtml(displayPath(snapshot.file))}</code> ${status} <span class="pv-build">${escapeHtml(label(ui, 'preview.build', { seq: snapshot.seq, ms: Math.round(snapshot.ms) }))}</span><nav aria-label="${escapeHtml(label(ui, 'preview.nav'))}">${links.join(' ')}</nav></header>`;
}

/** `/`: every language in its own column, clause k of each in row k. */
export function sideBySidePage(snapshot: Snapshot, ui = 'en'): string {
  const docs = snapshot.shown!.documents;
  const blocks = new Map(docs.map((d) => [d.locale, new Map((snapshot.clauses.get(d.locale) ?? []).map((b) => [b.id, b.html]))]));
  // Rows follow the first language's outline; parity (checked by compose) makes all the same.
  const order = [...new Set(docs.flatMap((d) => d.headings.map((h) => h.id)))];
  const head = docs
    .map(
      (d) =>
        `<div class="sbs-cell" lang="${escapeHtml(d.locale)}"><h1>${escapeHtml(d.title)}</h1>${snapshot.draft ? `<p class="draft" role="status">${escapeHtml(d.stamp)}</p>` : `<p class="stamp">${escapeHtml(d.stamp)}</p>`}</div>`,
    )
    .join('\n');
  const rows = order
    .map((id) => {
      const cells = docs.map((d) => {
        const html = blocks.get(d.locale)!.get(id);
        return html === undefined
          ? `<div class="sbs-cell missing" lang="${escapeHtml(d.locale)}" data-clause="${escapeHtml(id)}">${escapeHtml(label(ui, 'preview.noClause', { clause: id, locale: d.locale }))}</div>`
          : `<div class="sbs-cell" lang="${escapeHtml(d.locale)}" data-clause="${escapeHtml(id)}">\n${html}\n</div>`;
      });
      return `<section class="sbs-row" id="${escapeHtml(id)}" data-clause="${escapeHtml(id)}">\n${cells.join('\n')}\n</section>`;
    })
    .join('\n');
  const warnings = snapshot.diagnostics.filter((d) => d.severity !== 'error');
  const warningList = warnings.length
    ? `<details class="pv-warnings"><summary>${escapeHtml(countLabel(ui, 'warnings', warnings.length))}</summary>${diagnosticList(warnings, snapshot, ui)}</details>\n`
    : '';
  const title = docs.map((d) => d.title).join(' · ');
  return shell(
    snapshot,
    // The preview's own text is in the language of messages; each column says its language, so each gets its font.
    ui,
    label(ui, 'preview.titleShort', { title }),
    'preview',
    `${warningList}<main id="main" class="sbs" style="--columns: ${docs.length}">\n<div class="sbs-row sbs-head">\n${head}\n</div>\n${rows}\n</main>`,
  );
}

/** Any page while the sources have errors: every diagnostic with where, what, and the fix. */
export function errorPage(snapshot: Snapshot, ui = 'en'): string {
  const errors = snapshot.diagnostics.filter((d) => d.severity === 'error');
  const sorted = [...errors, ...snapshot.diagnostics.filter((d) => d.severity !== 'error')];
  const count = countLabel(ui, 'errors', errors.length);
  return shell(
    snapshot,
    ui,
    label(ui, 'preview.title', { title: count }),
    'preview preview-errors',
    `<main id="main" class="pv-errors">
<h1>${escapeHtml(label(ui, 'preview.errorsIn', { count, file: displayPath(snapshot.file) }))}</h1>
<p>${escapeHtml(label(ui, 'preview.errorsIntro'))}</p>
${diagnosticList(sorted, snapshot, ui)}
</main>`,
  );
}

/** "1 error", "3 warnings" in the language of messages. */
function countLabel(ui: string, what: 'errors' | 'warnings', count: number): string {
  return label(ui, `preview.${what}${count === 1 ? 'One' : 'Many'}`, { count });
}

function diagnosticList(list: readonly Diagnostic[], snapshot: Snapshot, ui: string): string {
  const items = list.map((original) => {
    const d = localize(original, ui);
    const where = formatLocation(d);
    const parts = [
      `<p class="where">${where ? `<span class="location">${escapeHtml(where)}</span> ` : ''}<span class="severity">${escapeHtml(label(ui, d.severity))}</span> <span class="id">[${escapeHtml(d.id)}]</span></p>`,
      `<p class="message">${escapeHtml(d.message)}</p>`,
    ];
    if (d.path) parts.push(`<p class="path">${escapeHtml(label(ui, 'at'))} <code>${escapeHtml(d.path)}</code></p>`);
    if (d.fix) parts.push(`<p class="fix">${escapeHtml(label(ui, 'fix'))} ${escapeHtml(d.fix)}</p>`);
    const excerpt = sourceExcerpt(d, snapshot);
    if (excerpt) parts.push(excerpt);
    return `<li class="diag ${d.severity}" data-id="${escapeHtml(d.id)}"${d.line ? ` data-line="${d.line}"` : ''}>\n${parts.join('\n')}\n</li>`;
  });
  return `<ol class="diagnostics">\n${items.join('\n')}\n</ol>`;
}

/** The lines around a located problem in the data file, the line itself marked. */
function sourceExcerpt(d: Diagnostic, snapshot: Snapshot): string {
  if (!snapshot.source || !d.line || d.file !== snapshot.file) return '';
  const lines = snapshot.source;
  if (d.line > lines.length) return '';
  const from = Math.max(1, d.line - 2);
  const to = Math.min(lines.length, d.line + 1);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const text = (lines[n - 1] ?? '').slice(0, 300);
    const row = `${String(n).padStart(width)} │ ${escapeHtml(text)}`;
    out.push(n === d.line ? `<span class="hit">${row}</span>` : row);
  }
  return `<pre class="source">${out.join('\n')}</pre>`;
}

/** A small page for other problems (no browser for PDFs, unknown language). */
export function messagePage(snapshot: Snapshot, title: string, message: string, ui = 'en'): string {
  return shell(snapshot, ui, label(ui, 'preview.title', { title }), 'preview', `<main id="main" class="pv-errors"><h1>${escapeHtml(title)}</h1><pre>${escapeHtml(message)}</pre></main>`);
}
