/**
 * A redline as HTML: <ins> for added text, <del> for removed text, a note on moved
 * clauses, and a list of the clauses that changed. Every piece of text is escaped here;
 * the page shell (templates/versions/redline.html.hbs) adds only trusted markup.
 */
import { splitLongRuns } from '../render/html.js';
import type { Redline, RedlineBlock, RedlineClause } from './redline.js';
import type { Part } from './segment.js';
import type { LocaleText } from './text.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Escaped text, long runs (a URL, a word typed without spaces) in a span that may break anywhere, as on the policy page. */
function text(value: string): string {
  return splitLongRuns(value)
    .map((piece) => (piece.long ? `<span class="long-run">${escapeHtml(piece.text)}</span>` : escapeHtml(piece.text)))
    .join('');
}

function parts(list: readonly Part[]): string {
  return list.map((p) => (p.type === 'same' ? text(p.text) : `<${p.type}>${text(p.text)}</${p.type}>`)).join('');
}

/** A cell's text as it now reads (deletions left out), for labels. */
const plain = (cell: readonly Part[]) => cell.filter((p) => p.type !== 'del').map((p) => p.text).join('').replace(/\s+/g, ' ').trim();

const blockClass = (b: RedlineBlock) => (b.status === 'ins' ? ' class="block-ins"' : b.status === 'del' ? ' class="block-del"' : b.status === 'changed' ? ' class="block-changed"' : '');

function headingTag(clause: RedlineClause): string {
  const level = (clause.after ?? clause.before)?.level ?? 1;
  return `h${Math.min(level + 1, 6)}`;
}

/**
 * Blocks in order, consecutive list items in one list, consecutive rows in one table. A
 * table is, as on the policy page (labelTables in src/render/html.ts), a focusable region
 * named after its clause (and its first column header when the clause has several tables),
 * each cell carrying its column's header for the narrow-screen cards.
 */
function blocksHtml(blocks: readonly RedlineBlock[], clause?: RedlineClause): string {
  const out: string[] = [];
  const tables = blocks.filter((b, i) => b.kind === 'row' && blocks[i - 1]?.kind !== 'row').length;
  const clauseName = clause ? headingText(clause.after ?? clause.before) : '';
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'li') {
      const items: string[] = [];
      while (i < blocks.length && blocks[i]!.kind === 'li') {
        const li = blocks[i]!;
        items.push(`<li${blockClass(li)}${li.depth ? ` style="margin-left:${li.depth * 1.5}rem"` : ''}>${parts(li.cells[0] ?? [])}</li>`);
        i++;
      }
      i--;
      out.push(`<ul>${items.join('')}</ul>`);
    } else if (b.kind === 'row') {
      const head: string[] = [];
      const rows: string[] = [];
      let labels: string[] = [];
      while (i < blocks.length && blocks[i]!.kind === 'row') {
        const row = blocks[i]!;
        const cell = row.header ? 'th' : 'td';
        if (row.header && !labels.length) labels = row.cells.map(plain);
        const label = (j: number) => (!row.header && labels[j] ? ` data-label="${escapeHtml(labels[j]!)}"` : '');
        // Header rows go in <thead>, which a printed table repeats on every page.
        (row.header ? head : rows).push(`<tr${blockClass(row)}>${row.cells.map((c, j) => `<${cell}${label(j)}>${parts(c)}</${cell}>`).join('')}</tr>`);
        i++;
      }
      i--;
      const first = labels.find(Boolean);
      const name = clauseName ? (tables > 1 && first ? `${clauseName} · ${first}` : clauseName) : (first ?? '');
      out.push(
        `<div class="table-wrap" role="region" tabindex="0"${name ? ` aria-label="${escapeHtml(name)}"` : ''}><table>${head.length ? `<thead>${head.join('')}</thead>` : ''}<tbody>${rows.join('')}</tbody></table></div>`,
      );
    } else if (b.kind === 'h' && clause) {
      const tag = headingTag(clause);
      out.push(`<${tag}${blockClass(b)}>${parts(b.cells[0] ?? [])}</${tag}>`);
    } else if (b.kind === 'title') {
      out.push(`<p class="doc-title${b.status === 'same' ? '' : ` block-${b.status}`}">${parts(b.cells[0] ?? [])}</p>`);
    } else {
      out.push(`<p${blockClass(b)}>${parts(b.cells[0] ?? [])}</p>`);
    }
  }
  return out.join('\n');
}

function headingText(h: { label: string; title: string } | undefined): string {
  if (!h) return '';
  return `${h.label}${/[、）]$/.test(h.label) ? '' : ' '}${h.title}`;
}

function clauseHtml(clause: RedlineClause, lt: LocaleText): string {
  const id = `c-${clause.id}`;
  if (clause.status === 'moved-away') {
    return `<p class="moved-away">${escapeHtml(lt.t('versions.redline.moved_to', { title: headingText(clause.before), ref: clause.after?.refText ?? '' }))} <a href="#${id}">↓</a></p>`;
  }
  const notes: string[] = [];
  if (clause.status === 'moved') notes.push(`<p class="moved-note">${escapeHtml(lt.t('versions.redline.moved_from', { ref: clause.before?.refText ?? '' }))}</p>`);
  if (clause.status === 'added') notes.push(`<p class="clause-tag">${escapeHtml(lt.t('versions.redline.added_clause'))}</p>`);
  if (clause.status === 'removed') notes.push(`<p class="clause-tag">${escapeHtml(lt.t('versions.redline.removed_clause'))}</p>`);
  const [heading, ...rest] = clause.blocks;
  const headingHtml = heading?.kind === 'h' ? blocksHtml([heading], clause) : '';
  const body = blocksHtml(heading?.kind === 'h' ? rest : clause.blocks, clause);
  return `<section class="clause ${clause.status}" id="${id}">\n${headingHtml}\n${notes.join('\n')}\n${body}\n</section>`;
}

/** The list of clauses with real changes, linking to them. */
function summaryHtml(redline: Redline, lt: LocaleText): string {
  const changed = redline.clauses.filter((c) => c.status !== 'same' && c.status !== 'moved-away');
  if (!changed.length && !redline.changed) return `<p class="summary">${escapeHtml(lt.t('versions.redline.summary_none'))}</p>`;
  const items = changed.map((c) => {
    const h = c.after ?? c.before;
    const tag = c.status === 'added' ? lt.t('versions.redline.added_clause') : c.status === 'removed' ? lt.t('versions.redline.removed_clause') : '';
    return `<li class="${c.status}"><a href="#c-${c.id}">${escapeHtml(headingText(h))}</a>${tag ? ` <span class="clause-tag">${escapeHtml(tag)}</span>` : ''}</li>`;
  });
  return `<nav class="summary"><p>${escapeHtml(lt.t('versions.redline.summary'))}</p><ul>${items.join('')}</ul></nav>`;
}

/** The redline's body: preamble, summary, then every clause. */
export function redlineHtml(redline: Redline, lt: LocaleText): string {
  return [
    `<header class="preamble">${blocksHtml(redline.preamble)}</header>`,
    summaryHtml(redline, lt),
    ...redline.clauses.map((c) => clauseHtml(c, lt)),
  ].join('\n');
}
