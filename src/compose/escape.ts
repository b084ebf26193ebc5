/**
 * Facts are inserted into Markdown as inert text. Escaping happens once, when the view
 * is built (see view.ts), so no template path can emit a raw fact: `<script>` becomes
 * `\<script\>`, `[x](javascript:…)` loses its link syntax, `{{…}}` is just characters.
 */

// Characters that start Markdown/HTML constructs anywhere in a line.
const INLINE = /[\\`*[\]<>&|~]/g;

export function escapeMarkdown(value: string): string {
  return value
    .replace(/\r\n?|\n|\u2028|\u2029/g, ' ')
    .replace(INLINE, (c) => `\\${c}`)
    // `_` only opens emphasis next to a non-word character; keep ids like a_b readable.
    .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\\_'))
    // Block markers matter only at the start of a line, where a value may land.
    .replace(/^(\s*)([#>+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** Undo escapeMarkdown for values validated as URLs or emails before linking them. */
export function unescapeMarkdown(value: string): string {
  return value.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
