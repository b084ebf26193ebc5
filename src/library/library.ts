/**
 * The library: templates and locale resources read from disk once, compiled, and checked
 * for parity before any policy is composed. A build of many data files shares one library.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import i18next, { type i18n } from 'i18next';
import { PolicygenError, type Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';
import { JURISDICTIONS, type Jurisdiction } from '../facts/schema.js';
import { loadModules, type JurisdictionModule } from './modules.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { NUMBERING_STYLES, type NumberingStyle } from './numbering.js';
import { compileTemplate, MARKDOWN_TEMPLATE, parseTrustedYaml } from './precompiled.js';


export interface Condition {
  /** Included when any of these jurisdictions is enabled. */
  jurisdiction?: string[];
  /** Included when this fact (a dotted path; `list[]` means any element) is set, true and not empty. */
  fact?: string;
  /** Included when this fact is given at all, even as an empty list (an explicit "none"). */
  present?: string;
}

export interface OutlineClause {
  id: string;
  when?: Condition;
  children: OutlineClause[];
  /** Set for a data file's own section: its index in facts.custom_sections. */
  custom?: number;
}

export interface LocaleBundle {
  locale: string;
  /** The i18next instance of this locale alone: no fallback language exists. */
  i18n: i18n;
  numbering: NumberingStyle;
  file: string;
}

export interface Library {
  root: string;
  outline: OutlineClause[];
  /**
   * The outline of each kind of document: `policy` (templates/outline.yaml, the same as
   * `outline`) and `children`, the children's rules (templates/outline.children.yaml).
   * Clause ids are unique across all of them; templates are found the same way.
   */
  outlines: Map<string, OutlineClause[]>;
  /** Clause id → template per locale (a shared template is stored under every locale). */
  templates: Map<string, Map<string, HandlebarsTemplateDelegate>>;
  locales: Map<string, LocaleBundle>;
  /** Jurisdiction modules: required disclosures, numbers, authorities. */
  modules: Map<Jurisdiction, JurisdictionModule>;
  /** sha256 over every template and locale file: identifies the wording used for a build. */
  fingerprint: string;
}

export interface LibraryOptions {
  /** Folder holding templates/ and locales/ (default: the package root). */
  root?: string;
}

/** Handlebars environment for Markdown templates: facts arrive pre-escaped (view.ts). */
export const markdownHandlebars = Handlebars.create();

export async function loadLibrary(options: LibraryOptions = {}): Promise<Library> {
  const root = options.root ?? PACKAGE_ROOT;
  const diagnostics: Diagnostic[] = [];
  const hash = createHash('sha256');
  const templatesDir = join(root, 'templates');
  const localesDir = join(root, 'locales');

  const outlineFile = join(templatesDir, 'outline.yaml');
  const outlineSource = await readFile(outlineFile, 'utf8');
  hash.update(`outline.yaml\0${outlineSource}\0`);
  const clauseIdsSeen = new Set<string>();
  const outline = parseOutline(parseTrustedYaml(outlineSource), relative(process.cwd(), outlineFile), diagnostics, clauseIdsSeen);
  const outlines = new Map<string, OutlineClause[]>([['policy', outline]]);
  for (const name of (await readdir(templatesDir)).filter((n) => /^outline\.[a-z]+\.yaml$/.test(n)).sort()) {
    const source = await readFile(join(templatesDir, name), 'utf8');
    hash.update(`${name}\0${source}\0`);
    outlines.set(name.split('.')[1]!, parseOutline(parseTrustedYaml(source), relative(process.cwd(), join(templatesDir, name)), diagnostics, clauseIdsSeen));
  }
  const allClauses = [...outlines.values()].flatMap((o) => flatten(o));

  // Locales: every folder under locales/ with a policy.json. All *.json files of a folder
  // form one set of resources (policy.json for the shared text, one file per topic beside
  // it); a key defined in two files is an error.
  const locales = new Map<string, LocaleBundle>();
  const resources = new Map<string, Record<string, unknown>>();
  const keyFiles = new Map<string, Map<string, string>>();
  for (const entry of (await readdir(localesDir, { withFileTypes: true })).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = join(localesDir, entry.name);
    const file = join(dir, 'policy.json');
    if (!existsSync(file)) continue;
    const data: Record<string, unknown> = {};
    const owners = new Map<string, string>();
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
      const source = await readFile(join(dir, name), 'utf8');
      hash.update(`${entry.name}/${name}\0${source}\0`);
      const rel = relative(process.cwd(), join(dir, name));
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(source) as Record<string, unknown>;
      } catch (error) {
        diagnostics.push({ id: 'template-error', severity: 'error', file: rel, ...say('localeJson.message', { detail: (error as Error).message }, 'localeJson.fix') });
        continue;
      }
      for (const key of flattenKeys(parsed)) {
        if (owners.has(key)) diagnostics.push({ id: 'locale-parity', severity: 'error', file: rel, path: key, ...say('localeKeyTwice.message', { key, other: owners.get(key)! }, 'localeKeyTwice.fix') });
        else owners.set(key, rel);
      }
      deepMerge(data, parsed);
    }
    keyFiles.set(entry.name, owners);
    resources.set(entry.name, data);
    const instance = i18next.createInstance();
    await instance.init({
      lng: entry.name,
      fallbackLng: false,
      supportedLngs: [entry.name],
      resources: { [entry.name]: { policy: data } },
      ns: ['policy'],
      defaultNS: 'policy',
      initAsync: false,
      returnNull: false,
      returnEmptyString: true, // an empty string is a deliberate value (e.g. no space between Chinese sentences)
      returnObjects: false,
      // Values are Markdown-escaped by the view; i18next must not HTML-escape them again,
      // and must never expand $t(…) or {{…}} found inside a value.
      interpolation: { escapeValue: false, skipOnVariables: true },
    });
    const style = (data.meta as Record<string, unknown> | undefined)?.numbering;
    locales.set(entry.name, {
      locale: entry.name,
      i18n: instance,
      numbering: NUMBERING_STYLES.includes(style as NumberingStyle) ? (style as NumberingStyle) : 'decimal',
      file: relative(process.cwd(), file),
    });
  }
  diagnostics.push(...checkKeyParity(resources, keyFiles));

  // Templates: clauses/<id>.md.hbs shared, or clauses/<id>.<locale>.md.hbs per locale.
  const templates = new Map<string, Map<string, HandlebarsTemplateDelegate>>();
  const clauseDir = join(templatesDir, 'clauses');
  const files = (await readdir(clauseDir)).filter((f) => f.endsWith('.md.hbs')).sort();
  // A shared template serves every locale: one compiled function per file, not per locale
  // (Handlebars compiles on first use, and compiling is most of its cost).
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const sources = new Map<string, string>();
  for (const clause of allClauses) {
    const perLocale = new Map<string, HandlebarsTemplateDelegate>();
    for (const locale of locales.keys()) {
      const name = files.includes(`${clause.id}.${locale}.md.hbs`) ? `${clause.id}.${locale}.md.hbs` : `${clause.id}.md.hbs`;
      if (!files.includes(name)) {
        diagnostics.push({
          id: 'clause-parity',
          severity: 'error',
          file: relative(process.cwd(), join(clauseDir, name)),
          ...say('clauseNoTemplate.message', { clause: clause.id, locale }, 'clauseNoTemplate.fix'),
        });
        continue;
      }
      const source = sources.get(name) ?? (await readFile(join(clauseDir, name), 'utf8'));
      sources.set(name, source);
      hash.update(`${name}\0${source}\0`); // once per locale, as the ledger's fingerprints were made
      const known = compiled.get(name);
      if (known) {
        perLocale.set(locale, known);
        continue;
      }
      try {
        const template = compileTemplate(markdownHandlebars, source, MARKDOWN_TEMPLATE);
        compiled.set(name, template);
        perLocale.set(locale, template);
      } catch (error) {
        diagnostics.push({ id: 'template-error', severity: 'error', file: relative(process.cwd(), join(clauseDir, name)), ...say('templateSyntax.message', { detail: (error as Error).message.split('\n')[0] ?? '' }, 'templateSyntax.fix') });
      }
    }
    templates.set(clause.id, perLocale);
  }
  const { modules, diagnostics: moduleProblems } = await loadModules(templatesDir, (name, source) => hash.update(`${name}\0${source}\0`));
  diagnostics.push(...moduleProblems);
  const clauseIds = new Set(flatten(outline).map((c) => c.id));
  for (const module of modules.values()) {
    for (const d of module.disclosures) {
      if (d.clause && !clauseIds.has(d.clause)) {
        diagnostics.push({ id: 'unknown-clause', severity: 'error', file: `templates/jurisdictions/${module.id}.yaml`, path: d.id, ...say('disclosureClause.message', { id: d.id, clause: d.clause }, 'disclosureClause.fix') });
      }
    }
  }
  if (diagnostics.length) throw new PolicygenError(diagnostics);
  return { root, outline, outlines, templates, locales, modules, fingerprint: hash.digest('hex') };
}

export function flatten(outline: readonly OutlineClause[]): OutlineClause[] {
  return outline.flatMap((c) => [c, ...flatten(c.children)]);
}

/** `seen`: the clause ids of outlines read before (ids are unique across all outlines). */
function parseOutline(data: unknown, file: string, diagnostics: Diagnostic[], seen = new Set<string>()): OutlineClause[] {
  const walk = (list: unknown, path: string): OutlineClause[] => {
    if (!Array.isArray(list)) {
      diagnostics.push({ id: 'template-error', severity: 'error', file, path, ...say('outlineList.message', {}, 'outlineList.fix') });
      return [];
    }
    return list.map((raw, i) => {
      const entry = raw as { id?: unknown; when?: Condition; children?: unknown };
      const id = String(entry.id);
      if (seen.has(id)) diagnostics.push({ id: 'duplicate-id', severity: 'error', file, path: `${path}[${i}]`, ...say('clauseTwice.message', { id }, 'clauseTwice.fix') });
      seen.add(id);
      for (const j of entry.when?.jurisdiction ?? []) {
        if (!(JURISDICTIONS as readonly string[]).includes(j)) diagnostics.push({ id: 'invalid-value', severity: 'error', file, path: `${path}[${i}].when`, ...say('outlineJurisdiction.message', { jurisdiction: j }, 'outlineJurisdiction.fix', { allowed: JURISDICTIONS.join(', ') }) });
      }
      return { id, ...(entry.when ? { when: entry.when } : {}), children: entry.children ? walk(entry.children, `${path}[${i}].children`) : [] };
    });
  };
  return walk((data as { clauses?: unknown })?.clauses, 'clauses');
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Every locale must define the same keys as every other (plural forms aside). */
function checkKeyParity(resources: Map<string, Record<string, unknown>>, keyFiles: Map<string, Map<string, string>>): Diagnostic[] {
  const keySets = new Map<string, Set<string>>();
  for (const [locale, data] of resources) keySets.set(locale, new Set(flattenKeys(data).map((k) => k.replace(PLURAL_SUFFIX, ''))));
  const all = new Set([...keySets.values()].flatMap((s) => [...s]));
  const out: Diagnostic[] = [];
  for (const [locale, keys] of keySets) {
    for (const key of [...all].sort()) {
      if (!keys.has(key)) {
        const others = [...keySets].filter(([, s]) => s.has(key)).map(([l]) => l);
        // The file it belongs in: the same file name as where another locale keeps it.
        const otherFile = [...(keyFiles.get(others[0]!) ?? [])].find(([k]) => k.replace(PLURAL_SUFFIX, '') === key)?.[1] ?? 'policy.json';
        const file = join('locales', locale, otherFile.split(/[\\/]/).pop()!);
        out.push({
          id: 'locale-parity',
          severity: 'error',
          file,
          path: key,
          ...say('localeKeyMissing.message', { key, others: others.join(', '), locale }, 'localeKeyMissing.fix', { key, file }),
        });
      }
    }
  }
  return out;
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(source)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    const existing = target[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && existing && typeof existing === 'object') deepMerge(existing as Record<string, unknown>, v as Record<string, unknown>);
    else target[k] = v;
  }
}

function flattenKeys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? flattenKeys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
