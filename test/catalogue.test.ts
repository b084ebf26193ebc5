/**
 * The one catalogue of diagnostics (src/diagnostics.ts + locales/<lang>/cli/messages.json):
 * every id has a doc and its message groups in every language; every message key the code
 * uses exists in every language with the same {{parameters}}; every id the code uses is
 * in the catalogue; the CLI's exit codes come from it alone; docs/diagnostics.md is what
 * the catalogue renders; and no user-facing English is written inline in src/.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, EXIT_CODES, exitCodeFor, type DiagnosticId } from '../src/diagnostics.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { EXIT } from '../src/cli/options.js';
// @ts-expect-error — a plain .mjs script without types
import { DOC_PATH, readMessageFiles, renderDiagnosticsDoc } from '../scripts/diagnostics-doc.mjs';

type Json = { [key: string]: Json } | string;
const files = readMessageFiles(PACKAGE_ROOT) as Map<string, Json>;
const langs = [...files.keys()];
const at = (obj: Json | undefined, key: string): Json | undefined =>
  key.split('.').reduce<Json | undefined>((o, k) => (o && typeof o === 'object' ? o[k] : undefined), obj);
const params = (text: string): string => [...new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort().join(',');
/** Every string under `value`, as [key, text]. */
const strings = (prefix: string, value: Json | undefined): [string, string][] =>
  typeof value === 'string' ? [[prefix, value]] : Object.entries(value ?? {}).flatMap(([k, v]) => strings(`${prefix}.${k}`, v));

function sourceFiles(dir = join(PACKAGE_ROOT, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}
const sources = sourceFiles().map((file) => ({ file: relative(PACKAGE_ROOT, file), text: readFileSync(file, 'utf8') }));

/** The text of each call `name(…)` in `text` (balanced parentheses, strings skipped roughly). */
function calls(text: string, name: RegExp): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(name)) {
    let depth = 0;
    let i = m.index! + m[0].length - 1;
    let quote = '';
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = '';
        continue;
      }
      if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
    }
    out.push(text.slice(m.index!, i + 1));
  }
  return out;
}

/** Files whose `say` is the diagnostic one of src/messages.ts (cli/options.ts has a `say` for labels). */
const diagnosticSay = (text: string): RegExp | undefined => {
  const m = /import \{[^}]*\bsay(?: as (\w+))?\b[^}]*\} from '(?:\.\.?\/)+messages\.js'/.exec(text);
  return m ? new RegExp(`\\b${m[1] ?? 'say'}\\(`, 'g') : undefined;
};

/** Message keys (`group.message`, `group.fix`) written literally in say() calls, with where. */
function messageKeys(): { key: string; file: string }[] {
  const out: { key: string; file: string }[] = [];
  for (const { file, text } of sources) {
    const pattern = diagnosticSay(text);
    if (!pattern) continue;
    for (const call of calls(text, pattern)) {
      for (const m of call.matchAll(/'([A-Za-z]\w*(?:\.[A-Za-z]\w*)+)'/g)) out.push({ key: m[1]!, file });
    }
  }
  return out;
}

/** Keys of a group: `ledgerTampered.facts` → `ledgerTampered`; `migrate.todoDays.fix` → `migrate.todoDays`. */
const groupOf = (key: string): string => key.split('.').slice(0, -1).join('.');

describe('the diagnostics catalogue', () => {
  it('gives every id an exit class and a one-line doc in every language, and nothing else a doc', () => {
    expect(langs).toEqual(expect.arrayContaining(['en', 'zh-CN']));
    for (const [id, entry] of Object.entries(CATALOGUE)) {
      expect(Object.keys(EXIT_CODES), id).toContain(entry.exit);
      for (const lang of langs) {
        const doc = at(files.get(lang), `diagnostics.${id}`);
        expect(typeof doc === 'string' && doc.trim().length > 5, `${lang}: diagnostics.${id}`).toBe(true);
      }
    }
    for (const lang of langs) expect(Object.keys(at(files.get(lang), 'diagnostics') as object).sort(), lang).toEqual(Object.keys(CATALOGUE).sort());
    // The Chinese docs are translations, not copies.
    for (const id of Object.keys(CATALOGUE)) expect(at(files.get('zh-CN'), `diagnostics.${id}`), id).not.toBe(at(files.get('en'), `diagnostics.${id}`));
  });

  it('has every message group it lists in every language, with the same {{parameters}}', () => {
    for (const [id, entry] of Object.entries(CATALOGUE)) {
      for (const group of entry.messages) {
        const en = strings(group, at(files.get('en'), `messages.${group}`));
        expect(en.length, `${id}: messages.${group} in en`).toBeGreaterThan(0);
        for (const lang of langs) {
          for (const [key, text] of en) {
            const other = at(files.get(lang), `messages.${key}`);
            expect(typeof other, `${lang}: messages.${key}`).toBe('string');
            expect(params(other as string), `${lang}: messages.${key}`).toBe(params(text));
          }
        }
      }
    }
  });

  it('every label and message exists in every language; messages with the same {{parameters}}', () => {
    const [first, ...rest] = langs;
    for (const section of ['labels', 'messages', 'kinds', 'help']) {
      const base = strings(section, at(files.get(first!), section));
      for (const lang of rest) {
        const other = new Map(strings(section, at(files.get(lang), section)));
        for (const [key, text] of base) {
          expect(other.has(key), `${lang}: ${key}`).toBe(true);
          // A diagnostic is re-rendered in another language from the same parameters; a label
          // is rendered once, and may take a parameter of its own (labels.notExpressed: reasonZh).
          if (section === 'messages' || section === 'help') expect(params(other.get(key)!), `${lang}: ${key}`).toBe(params(text));
        }
        expect(other.size, `${lang}: ${section} has keys ${first} lacks`).toBe(base.length);
      }
    }
  });

  it('every message key used in src/ exists in every language and belongs to a catalogue id', () => {
    const used = messageKeys();
    expect(used.length).toBeGreaterThan(100);
    const groups = new Set(Object.values(CATALOGUE).flatMap((e) => e.messages as readonly string[]));
    for (const { key, file } of used) {
      for (const lang of langs) expect(typeof at(files.get(lang), `messages.${key}`), `${file}: messages.${key} in ${lang}`).toBe('string');
      const group = groupOf(key);
      expect(groups.has(group) || groups.has(group.split('.')[0]!), `${file}: ${key} is in no catalogue entry's messages`).toBe(true);
    }
  });

  it('every help text used in src/cli exists in every language, none is unused, and the Chinese ones are Chinese', () => {
    const cli = sources.filter((s) => s.file.startsWith('src/cli/'));
    const used = new Set(cli.flatMap(({ text }) => [...text.matchAll(/\bhelp\('([\w.]+)'/g)].map((m) => m[1]!)));
    // Commander's headings, looked up through a table in main.ts ('Usage:': 'usage').
    for (const { text } of cli) for (const m of text.matchAll(/'[A-Z][\w ]*:': '(\w+)'/g)) used.add(`program.${m[1]}`);
    expect(used.size).toBeGreaterThan(60);
    for (const key of used) for (const lang of langs) expect(typeof at(files.get(lang), `help.${key}`), `help.${key} in ${lang}`).toBe('string');
    const defined = strings('help', at(files.get('en'), 'help')).map(([key]) => key.slice('help.'.length));
    expect(defined.filter((key) => !used.has(key)), 'help texts no source uses').toEqual([]);
    for (const [key, text] of strings('help', at(files.get('zh-CN'), 'help'))) expect(text, key).toMatch(/[\u4e00-\u9fff]/);
  });

  it('every diagnostic id written in src/ is in the catalogue', () => {
    const ids = new Set<string>();
    for (const { text } of sources) {
      for (const m of text.matchAll(/\bid: '([a-z]+(?:-[a-z]+)*)',\s*(?:severity|path):/g)) ids.add(m[1]!);
      for (const m of text.matchAll(/\b(?:add|err)\('([a-z]+(?:-[a-z]+)+)'/g)) ids.add(m[1]!);
    }
    expect(ids.size).toBeGreaterThan(30);
    for (const id of ids) expect(Object.keys(CATALOGUE), id).toContain(id);
  });

  it('the CLI takes its exit codes from the catalogue alone', () => {
    expect(EXIT).toEqual({ ok: 0, ...EXIT_CODES });
    for (const { file, text } of sources.filter((s) => s.file.startsWith('src/cli/'))) {
      expect(text, file).not.toMatch(/ENVIRONMENT_IDS|USAGE_IDS|EXIT_(CONTENT|USAGE|ENVIRONMENT)\s*=/);
      // No set or list of diagnostic ids that decides an exit code.
      expect(text, file).not.toMatch(/new Set\(\[\s*'(browser|pdf|output|release|unknown)-/);
    }
    const error = (id: DiagnosticId) => ({ id, severity: 'error' as const });
    expect(exitCodeFor([])).toBe(0);
    expect(exitCodeFor([{ id: 'pdf-failed', severity: 'warning' }])).toBe(0);
    expect(exitCodeFor([error('browser-not-found'), error('output-error')])).toBe(3);
    expect(exitCodeFor([error('unknown-version')])).toBe(2);
    expect(exitCodeFor([error('unknown-field')])).toBe(1);
    expect(exitCodeFor([error('output-locked'), error('unknown-field')])).toBe(1);
    for (const [id, entry] of Object.entries(CATALOGUE)) expect(exitCodeFor([error(id as DiagnosticId)]), id).toBe(EXIT_CODES[entry.exit]);
  });

  it('docs/diagnostics.md is what the catalogue renders (UPDATE=1 regenerates it)', () => {
    const text = renderDiagnosticsDoc(CATALOGUE, EXIT_CODES, files) as string;
    if (process.env.UPDATE === '1') writeFileSync(DOC_PATH, text);
    let committed = '';
    try {
      committed = readFileSync(DOC_PATH, 'utf8');
    } catch {
      // missing: fails below
    }
    expect(committed, 'docs/diagnostics.md is out of date: run `node scripts/diagnostics-doc.mjs` or UPDATE=1 npx vitest run test/catalogue.test.ts').toBe(text);
    for (const id of Object.keys(CATALOGUE)) expect(text).toContain(`\n## ${id}\n`);
  });
});

/**
 * No user-facing English in src/ outside the catalogue: a string literal with words in a
 * place people read — a diagnostic's message or fix, a flag's refusal, a page or a line the
 * CLI prints, a command's, argument's or flag's help text — fails here. Thrown errors of programmer mistakes (and the browser's own
 * failure reasons, shown as {{reason}} inside a catalogue message) are allowed per file.
 */
describe('no inline English', () => {
  /** A literal that reads as English: two words in a row. */
  const english = /[A-Za-z]{2,}[ ,;:]+[a-z]{2,}/;
  /** The string literals in a line of code, template literals without their ${…} parts. */
  function literals(code: string): string[] {
    const out: string[] = [];
    for (let i = 0; i < code.length; i++) {
      const q = code[i]!;
      if (q !== "'" && q !== '"' && q !== '`') continue;
      let text = '';
      for (i++; i < code.length && code[i] !== q; i++) {
        if (code[i] === '\\') i++;
        else if (q === '`' && code[i] === '$' && code[i + 1] === '{') {
          // Skip the expression, nested braces and strings included (roughly).
          let depth = 0;
          for (; i < code.length; i++) {
            if (code[i] === '{') depth++;
            else if (code[i] === '}' && --depth === 0) break;
          }
        } else text += code[i];
      }
      out.push(text);
    }
    return out;
  }
  const positions: [string, RegExp][] = [
    ['message/fix', /\b(?:message|fix):\s*(['"`])/g],
    ['InvalidArgumentError', /new InvalidArgumentError\(/g],
    ['command.error', /\.error\(\s*['"`]/g],
    ['res.end', /\bres\.end\(/g],
    ['printer output', /\bprinter\.(?:result|summary|notice|progress)\(/g],
    ['page', /\bmessagePage\(/g],
    ['line', /\bline\(\s*[`'"]/g],
    ['stderr', /process\.stderr\.write\(\s*[`'"]/g],
  ];
  /**
   * Help texts in src/cli: a description of a command, argument or flag, or text commander
   * prints around them. The whole call is read (its arguments may span lines).
   */
  const helpPositions: [string, RegExp][] = [
    ['help text', /\.(?:description|summary|usage|option|requiredOption|argument|addHelpText|showHelpAfterError|helpOption|helpCommand|version)\(/g],
    ['help text', /\bnew (?:Option|Argument|Command)\(/g],
  ];
  /** Programmer-error throws and technical failure reasons: file → how many literal throws it may have. */
  const THROWS_ALLOWED: Record<string, number> = {
    'src/library/numbering.ts': 1,
    'src/render/pdf.ts': 4,
    'src/render/pdf-bytes.ts': 6,
    'src/render/browser.ts': 6,
    'src/render/fonts.ts': 2,
    'src/package-root.ts': 1,
    'src/scaffold/migrate.ts': 1,
    'src/preview/pdf.ts': 3,
    'src/preview/rebuild.ts': 2,
    'src/preview/views.ts': 1,
    'src/preview/server.ts': 1,
  };

  function inlineEnglish(file: string, text: string): string[] {
    const found: string[] = [];
    for (const [what, pattern] of positions) {
      for (const m of text.matchAll(pattern)) {
        // From the match to the end of its line (such calls here fit on one line).
        const end = text.indexOf('\n', m.index!);
        const rest = text.slice(m.index!, end < 0 ? undefined : end);
        if (literals(rest).some((l) => english.test(l))) found.push(`${file}:${text.slice(0, m.index!).split('\n').length}: ${what}: ${rest.trim().slice(0, 120)}`);
      }
    }
    if (!file.startsWith('src/cli/') && file !== 'sample.ts') return found;
    for (const [what, pattern] of helpPositions) {
      for (const call of calls(text, pattern)) {
        const index = text.indexOf(call);
        if (literals(call).some((l) => english.test(l))) found.push(`${file}:${text.slice(0, index).split('\n').length}: ${what}: ${call.replace(/\s+/g, ' ').slice(0, 120)}`);
      }
    }
    return found;
  }

  it('finds English written inline where people read it', () => {
    const samples = [
      "out.push({ id: 'template-error', severity: 'error', message: `clause ${id} is broken`, fix: 'fix it' });",
      "throw new InvalidArgumentError('use a number from 1 to 9');",
      "res.end(`internal error: ${message}\\n`);",
      "printer.result(`${id}: no change since version ${n}`);",
      "body: messagePage(snapshot, 'Not found', 'Nothing here')",
      "line(`${time} rebuild failed`);",
      ".description('build policies into the output folder')",
      ".option('-o, --out <dir>', 'output folder', 'output')",
      ".requiredOption('-d, --date <YYYY-MM-DD>', 'effective date of the new version', parseDate)",
      ".addOption(new Option('-f, --format <list>', `formats to write: ${FORMATS.join(',')}`).argParser(parseFormats))",
      ".argument('[files...]', 'data files or folders of them', ['data'])",
      ".summary('build the policies')",
      ".option(\n      '--json',\n      'print a machine-readable report',\n    )",
      ".helpOption('-h, --help', 'display help for command')",
      ".addHelpText('after', '\\nExit codes: 0 success')",
    ];
    for (const sample of samples) expect(inlineEnglish('sample.ts', sample).length, sample).toBeGreaterThan(0);
    expect(inlineEnglish('sample.ts', "printer.result(printer.label('released', { id, kind: printer.label(`releaseKinds.${kind}`) }));")).toEqual([]);
    expect(inlineEnglish('sample.ts', "...say('moduleId.message', { declared: id }, 'moduleId.fix') }")).toEqual([]);
    expect(inlineEnglish('sample.ts', ".option('--pdf-timeout <seconds>', help('build.pdfTimeout'), parseSeconds, 60)")).toEqual([]);
    expect(inlineEnglish('sample.ts', ".addOption(new Option('-f, --format <list>', help('build.format', { list: FORMATS.join(',') })).argParser(parseFormats))")).toEqual([]);
    expect(inlineEnglish('sample.ts', ".argument('[file]', help('preview.file'), 'data/example.yaml')")).toEqual([]);
  });

  it('no message, fix, flag refusal, page, printed line or help text is written in English inline', () => {
    expect(sources.flatMap(({ file, text }) => inlineEnglish(file, text))).toEqual([]);
  });

  it('literal throws stay within the allowlist of programmer errors', () => {
    const counts: Record<string, number> = {};
    for (const { file, text } of sources) {
      const n = [...text.matchAll(/(?:throw new \w*Error\(|super\(|reject\(new Error\()\s*(['"`])/g)].length;
      if (n) counts[file] = n;
    }
    expect(counts).toEqual(THROWS_ALLOWED);
  });
});
