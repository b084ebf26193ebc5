/**
 * Loading a data file: bytes → YAML document (with source positions) → validated Facts.
 * Every problem is reported with file:line:column, the field path and a fix; nothing
 * stops at the first error.
 */
import { readFile, stat } from 'node:fs/promises';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { formatPath, hasErrors, type Diagnostic, type DiagnosticId } from '../diagnostics.js';
import { allowedKeys, elementOf, fieldMeta, isLocalized, requiredKeys, schemaAt, unwrap } from './introspect.js';
import { factsSchema, type Facts } from './schema/index.js';
import { checkReferences, PLACEHOLDER } from './references.js';
import { documentProblems } from './documents.js';
import { closest } from './suggest.js';
import { say } from '../messages.js';
import { policyIdFromPath } from './id.js';

/** Limits that keep hostile files from costing unbounded time or memory. */
export const LIMITS = {
  // 40× the example. Rendering cost grows faster than size for hostile text (a 2 MB file of
  // escaped table cells took 65 s and 3.6 GB; 512 KB takes 8 s and 1.6 GB): README, Security.
  maxFileBytes: 512 * 1024,
  maxAliasCount: 100,
  maxDepth: 32,
  maxListLength: 2_000,
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Where a field path sits in the data file (or its closest existing ancestor). */
export type Locate = (path: readonly (string | number)[]) => { line?: number; column?: number };

export interface LoadResult {
  /** Present only when there are no errors. */
  facts?: Facts;
  diagnostics: Diagnostic[];
  locate?: Locate;
  /** The data as parsed, when it parsed but failed validation (to explain what needs a missing field). */
  raw?: unknown;
  /**
   * The facts as the schema accepted them, when only cross-field checks failed (a dangling
   * reference, a missing translation): the legal consistency check still runs on them, so one
   * run reports both kinds of problem.
   */
  checked?: Facts;
  /** `<id>` of the output folder: the data file's name without extension. */
  id: string;
}

export { policyIdFromPath };

/** Reads and validates one data file. Never throws for content problems. */
export async function loadFacts(file: string): Promise<LoadResult> {
  const id = policyIdFromPath(file);
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.size > LIMITS.maxFileBytes) {
      return {
        id,
        diagnostics: [
          {
            id: 'file-too-large',
            severity: 'error',
            file,
            ...say('fileTooLarge.message', { size: info.size, limit: LIMITS.maxFileBytes }, 'fileTooLarge.fix'),
          },
        ],
      };
    }
    bytes = await readFile(file);
  } catch (error) {
    return {
      id,
      diagnostics: [{ id: 'file-not-found', severity: 'error', file, ...say('fileUnreadable.message', { file, reason: (error as Error).message }, 'fileUnreadable.fix') }],
    };
  }
  return { id, ...parseFacts(bytes, file) };
}

/** Validates data-file content. Pure: the same bytes always give the same result. */
export function parseFacts(bytes: Uint8Array | string, file: string): { facts?: Facts; diagnostics: Diagnostic[]; locate?: Locate; raw?: unknown; checked?: Facts } {
  let source: string;
  if (typeof bytes === 'string') source = bytes;
  else {
    try {
      source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // Point at the first bad byte: decode leniently and find the replacement character.
      const lenient = new TextDecoder('utf-8').decode(bytes);
      const bad = lenient.indexOf('\uFFFD');
      const before = lenient.slice(0, Math.max(0, bad));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      return { diagnostics: [{ id: 'invalid-encoding', severity: 'error', file, ...(bad >= 0 ? { line, column } : {}), ...say('invalidEncoding.message', {}, 'invalidEncoding.fix') }] };
    }
  }
  source = source.replace(/^\uFEFF/, '');

  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  } catch {
    // The YAML parser recurses per nesting level; absurd nesting exhausts the stack.
    return { diagnostics: [{ id: 'yaml-limit', severity: 'error', file, ...say('tooDeep.message', { max: LIMITS.maxDepth }, 'tooDeep.fix') }] };
  }
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  const diagnostics = yamlErrors(doc, source, file, at);
  if (hasErrors(diagnostics)) return { diagnostics };

  diagnostics.push(...checkStructure(doc, file, at));
  if (hasErrors(diagnostics)) return { diagnostics };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (error) {
    return { diagnostics: [{ id: 'yaml-limit', severity: 'error', file, ...say('yamlAliases.message', { detail: firstLine((error as Error).message), max: LIMITS.maxAliasCount }, 'yamlAliases.fix') }] };
  }
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    return { diagnostics: [{ id: 'wrong-type', severity: 'error', file, ...(at(doc.contents?.range?.[0]).line ? at(doc.contents?.range?.[0]) : { line: 1, column: 1 }), ...say('notMapping.message', {}, 'notMapping.fix') }] };
  }

  // Fields of an older format: one located message each, saying what replaced them.
  const replaced = replacedFields(data as Record<string, unknown>, file);
  for (const r of replaced) diagnostics.push({ ...r.diagnostic, ...at((keyNodeAt(doc, r.parent, r.key) ?? nodeAt(doc, r.parent))?.range?.[0]) });
  const parsed = factsSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const covered = new Set(replaced.flatMap((r) => r.covers));
    for (const issue of parsed.error.issues) {
      for (const d of issueToDiagnostics(issue, doc, file, at, data)) if (!d.path || !covered.has(d.path)) diagnostics.push(d);
    }
    // Only choices left to make (a code or true/false written TODO, as `init` writes them):
    // list every other placeholder too, so that one `check` shows all there is to fill in.
    if (diagnostics.length && diagnostics.every((d) => d.id === 'placeholder')) {
      const reported = new Set(diagnostics.map((d) => d.path));
      const walk = (value: unknown, path: (string | number)[]): void => {
        if (typeof value === 'string') {
          const match = PLACEHOLDER.exec(value);
          if (match && !reported.has(formatPath(path))) diagnostics.push({ id: 'placeholder', severity: 'error', file, path: formatPath(path), ...at(nodeAt(doc, path)?.range?.[0]), ...say('placeholder.message', { text: match[0] }, 'placeholder.fix') });
        } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
        else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
      };
      walk(data, []);
    }
    return { diagnostics: sortDiagnostics(dropFollowOns(diagnostics)), raw: data };
  }
  if (replaced.length) return { diagnostics: sortDiagnostics(diagnostics), raw: data };
  for (const { pathParts, ...d } of [...checkReferences(parsed.data), ...documentProblems(parsed.data)]) {
    diagnostics.push({ ...d, file, path: formatPath(pathParts), ...at(nodeAt(doc, pathParts)?.range?.[0]) });
  }
  const locate: Locate = (path) => at(nodeAt(doc, path)?.range?.[0]);
  return hasErrors(diagnostics) ? { diagnostics: sortDiagnostics(diagnostics), locate, checked: parsed.data } : { facts: parsed.data, diagnostics, locate };
}

interface Replaced {
  parent: (string | number)[];
  key: string;
  diagnostic: Diagnostic;
  /** Paths of the schema's own complaints that this message already explains. */
  covers: string[];
}

/**
 * Fields that an older data-file format had and this one replaced. Each gets one message
 * at the old key saying what to write now; `policygen migrate` does it for the whole file.
 */
function replacedFields(data: Record<string, unknown>, file: string): Replaced[] {
  const out: Replaced[] = [];
  const entry = (parent: (string | number)[], key: string, what: string, fix: string, covers: string[]) =>
    out.push({
      parent,
      key,
      covers: [formatPath([...parent, key]), ...covers],
      diagnostic: { id: 'field-replaced', severity: 'error', file, path: formatPath([...parent, key]), ...say('fieldReplaced.message', { field: key, what }, 'fieldReplaced.fix', { fix, file }) },
    });
  const purposes = Array.isArray(data.purposes) ? data.purposes : [];
  purposes.forEach((p, i) => {
    if (!p || typeof p !== 'object' || !('legal_basis' in p)) return;
    const old = String((p as Record<string, unknown>).legal_basis);
    entry(['purposes', i], 'legal_basis', 'one legal basis for every law is replaced by `bases:`, one per law from that law\'s own list', `write \`bases: { pipl: …, gdpr: …, lgpd: … }\` (was ${old}; PIPL has no legitimate_interests, and legal_obligation needs \`obligations:\` naming the law)`, [
      formatPath(['purposes', i, 'bases']),
    ]);
  });
  const rights = data.rights as Record<string, unknown> | undefined;
  if (rights && typeof rights === 'object' && 'response_days' in rights) {
    entry(['rights'], 'response_days', 'a response deadline for every reader is replaced by each law\'s own deadline; PIPL sets none, so your commitment moves to `pipl.response_days`', `move it to \`pipl: { response_days: ${String(rights.response_days)} }\``, []);
  }
  const transfers = Array.isArray(data.transfers) ? data.transfers : [];
  transfers.forEach((t, i) => {
    if (t && typeof t === 'object' && !('from' in t)) {
      entry(['transfers', i], 'from', 'a transfer now says where the data leaves from', 'add `from: [CN]` (or EEA, GB, BR: the territories whose people\'s data takes this route)', []);
    }
  });
  return out;
}

/** YAML syntax errors: one per line (follow-on errors on the same line are noise), located where the fault starts. */
function yamlErrors(doc: Document, source: string, file: string, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seenLines = new Set<number>();
  for (const err of doc.errors) {
    let where = at(err.pos[0]);
    if (/stack size/i.test(err.message)) {
      return [{ id: 'yaml-limit', severity: 'error', file, ...say('tooDeep.message', { max: LIMITS.maxDepth }, 'tooDeep.fix') }];
    }
    if (err.code === 'MISSING_CHAR' || /closing quote|end of (?:the )?(?:flow|quoted)/i.test(err.message)) {
      // An unclosed quote is reported where the file ends; the fault is where it opened.
      const opening = unbalancedQuoteLine(source);
      if (opening) where = { line: opening, column: 1 };
    }
    if (where.line !== undefined && seenLines.has(where.line)) continue;
    if (where.line !== undefined) seenLines.add(where.line);
    if (err.code === 'DUPLICATE_KEY') {
      const key = /^\s*["']?([^"':\n]+)/.exec(source.slice(err.pos[0]))?.[1]?.trim() ?? '';
      out.push({ id: 'invalid-value', severity: 'error', file, ...where, ...(key ? { path: pathAtOffset(doc, err.pos[0]) ?? key } : {}), ...say('duplicateKey.message', { key }, 'duplicateKey.fix') });
      continue;
    }
    const tabs = err.code === 'TAB_AS_INDENT' || /tab/i.test(err.message);
    out.push({ id: 'yaml-syntax', severity: 'error', file, ...where, ...say(tabs ? 'yamlTabs.message' : 'yamlSyntax.message', { detail: firstLine(err.message) }, tabs ? 'yamlTabs.fix' : 'yamlSyntax.fix') });
  }
  return out;
}

/** The first line whose double or single quotes do not pair up (outside comments). */
function unbalancedQuoteLine(source: string): number | undefined {
  const lines = source.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.replace(/\s#.*$/, '');
    const value = text.replace(/^[^:]*:\s?/, '');
    const doubles = (value.replace(/\\"/g, '').match(/"/g) ?? []).length;
    if (/^\s*"/.test(value) && doubles % 2 === 1) return i + 1;
    const singles = (value.replace(/''/g, '').match(/'/g) ?? []).length;
    if (/^\s*'/.test(value) && singles % 2 === 1) return i + 1;
  }
  return undefined;
}

/** The field path of the mapping key that starts at `offset`, if any. */
function pathAtOffset(doc: Document, offset: number): string | undefined {
  let found: string | undefined;
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (found) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if ((pair.key as YamlNode | null)?.range?.[0] === offset) found = formatPath([...path, key]);
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(doc.contents, []);
  return found;
}

/** A misspelt field also shows up as a missing one; the "did you mean" error says it all. */
function dropFollowOns(list: Diagnostic[]): Diagnostic[] {
  const renamed = new Set(
    list.filter((d) => d.id === 'unknown-field' && d.i18n?.fix?.params.suggestion).map((d) => `${d.path!.replace(/\.[^.]+$/, '')}.${String(d.i18n!.fix!.params.suggestion)}`),
  );
  return list.filter((d) => !(d.id === 'missing-field' && d.path && renamed.has(d.path)));
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

type At = (offset: number | undefined) => { line?: number; column?: number };

/** Forbidden keys, nesting depth and list length, checked on the syntax tree. */
function checkStructure(doc: Document, file: string, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (node: unknown, path: (string | number)[], depth: number): void => {
    if (depth > LIMITS.maxDepth) {
      out.push({ id: 'yaml-limit', severity: 'error', file, ...at((node as YamlNode).range?.[0]), path: formatPath(path), ...say('tooDeep.message', { max: LIMITS.maxDepth }, 'tooDeep.fix') });
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (FORBIDDEN_KEYS.has(key)) {
          out.push({ id: 'forbidden-key', severity: 'error', file, ...at((pair.key as YamlNode | null)?.range?.[0]), path: formatPath([...path, key]), ...say('forbiddenKey.message', { key }, 'forbiddenKey.fix') });
          continue;
        }
        walk(pair.value, [...path, key], depth + 1);
      }
    } else if (isSeq(node)) {
      if (node.items.length > LIMITS.maxListLength) {
        out.push({ id: 'yaml-limit', severity: 'error', file, ...at(node.range?.[0]), path: formatPath(path), ...say('listTooLong.message', { count: node.items.length, max: LIMITS.maxListLength }, 'listTooLong.fix') });
        return;
      }
      node.items.forEach((item, i) => walk(item, [...path, i], depth + 1));
    }
  };
  walk(doc.contents, [], 0);
  return out;
}

/** The YAML node at a path, or the closest ancestor that exists. */
function nodeAt(doc: Document, path: readonly PropertyKey[]): YamlNode | undefined {
  let node: unknown = doc.contents;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(part));
      if (!pair) break;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number' && node.items[part]) {
      node = node.items[part];
    } else break;
  }
  return node as YamlNode | undefined;
}

/** The key node of `path`'s last part inside its parent mapping (for unknown fields). */
function keyNodeAt(doc: Document, parent: readonly PropertyKey[], key: string): YamlNode | undefined {
  const node = nodeAt(doc, parent);
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  return (pair?.key as YamlNode | undefined) ?? undefined;
}

function issueToDiagnostics(issue: z.core.$ZodIssue, doc: Document, file: string, at: At, data: unknown): Diagnostic[] {
  const path = issue.path;
  const where = (p: readonly PropertyKey[]) => at(nodeAt(doc, p)?.range?.[0]);
  const base = { severity: 'error' as const, file };

  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(path);
    return issue.keys.map((key) => {
      const suggestion = closest(key, allowed);
      return {
        ...base,
        id: 'unknown-field' as DiagnosticId,
        ...at(keyNodeAt(doc, path, key)?.range?.[0]),
        path: formatPath([...path, key]),
        ...(suggestion
          ? say('unknownField.message', { key }, 'unknownField.fixSuggest', { suggestion })
          : say('unknownField.message', { key }, 'unknownField.fixAllowed', { allowed: allowed.join(', ') })),
      };
    });
  }
  const input = (issue as { input?: unknown }).input;
  const parentPath = path.slice(0, -1);
  const parent = parentPath.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), data);
  const absent = input === undefined && parent !== null && typeof parent === 'object' && !(String(path[path.length - 1]) in parent);
  // A choice written as a placeholder (`pipl: TODO`, `thresholds_met: TODO`): say it is one, and what to choose.
  if ((issue.code === 'invalid_value' || issue.code === 'invalid_type') && typeof input === 'string' && PLACEHOLDER.test(input)) {
    const choices = issue.code === 'invalid_value' ? issue.values.map(String).join(', ') : issue.expected === 'boolean' ? 'true, false' : undefined;
    return [
      {
        ...base,
        id: 'placeholder',
        ...where(path),
        path: formatPath(path),
        ...(choices ? say('placeholder.message', { text: input }, 'notAllowed.fix', { allowed: choices }) : say('placeholder.message', { text: input }, 'placeholder.fix')),
      },
    ];
  }
  // A field that is not there at all is "missing", whatever kind of value it would need.
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && absent) {
    const field = String(path[path.length - 1]);
    // `zh:` written for `zh-CN:` (or a similar slip): say which key to rename.
    const strays = parent && typeof parent === 'object' ? Object.keys(parent).filter((k) => !allowedKeys(parentPath).includes(k)) : [];
    const stray = strays.find((k) => field.startsWith(k) || k.startsWith(field)) ?? closest(field, strays);
    const choices = issue.code === 'invalid_value' ? `one of: ${issue.values.map(String).join(', ')}` : undefined;
    // A missing block says which fields go inside it; a missing value, what it is for.
    const description = [describeContents(path) ?? describeField(path), choices].filter(Boolean).join('; ') || undefined;
    return [
      {
        ...base,
        id: 'missing-field',
        // A missing top-level section has no better place than the start of the file.
        ...(parentPath.length ? where(parentPath) : { line: 1, column: 1 }),
        path: formatPath(path),
        ...(stray
          ? say('missingField.message', { field }, 'renameKey.fix', { key: stray, field })
          : description
            ? say('missingField.message', { field }, 'missingField.fixDescribed', { field, description })
            : say('missingField.message', { field }, 'missingField.fix', { field })),
      },
    ];
  }
  if (issue.code === 'invalid_type') {
    const localizedText = isLocalized(unwrap(schemaAt(path)));
    const description = describeField(path);
    const params = { expectedKind: issue.expected, foundKind: kindOf(input), sample: typeof input === 'string' ? input.slice(0, 40) : '' };
    return [
      {
        ...base,
        id: 'wrong-type',
        ...where(path),
        path: formatPath(path),
        ...say('wrongType.message', params, localizedText ? 'wrongType.fixLocalized' : description ? 'wrongType.fixDescribed' : 'wrongType.fix', { ...params, description: description ?? '' }),
      },
    ];
  }
  // A legal basis that is not in that law's own list (legitimate interests under PIPL…).
  if (issue.code === 'invalid_value' && path.length === 4 && path[0] === 'purposes' && path[2] === 'bases') {
    const purposeId = String(((data as { purposes?: { id?: unknown }[] }).purposes?.[Number(path[1])] ?? {}).id ?? path[1]);
    const law = String(path[3]);
    const lawName = { pipl: 'PIPL (Art. 13)', gdpr: 'GDPR (Art. 6(1))', uk: 'UK GDPR (Art. 6(1))', lgpd: 'LGPD (Art. 7)' }[law] ?? law;
    return [
      {
        ...base,
        id: 'basis-not-in-law',
        ...where(path),
        path: formatPath(path),
        ...say('basisNotInLaw.message', { purpose: purposeId, law: lawName, basis: String(input) }, 'basisNotInLaw.fix', { accepted: issue.values.map(String).join(', ') }),
      },
    ];
  }
  if (issue.code === 'invalid_value') {
    return [
      {
        ...base,
        id: 'invalid-value',
        ...where(path),
        path: formatPath(path),
        ...say('notAllowed.message', { value: String(input) }, 'notAllowed.fix', { allowed: issue.values.map(String).join(', ') }),
      },
    ];
  }
  if (issue.code === 'invalid_union') {
    const detail = issue.message && !/^Invalid input/i.test(issue.message) ? issue.message : describeField(path);
    return [
      {
        ...base,
        id: 'invalid-value',
        ...where(path),
        path: formatPath(path),
        ...say('noForm.message', {}, detail ? 'noForm.fixDescribed' : 'noForm.fix', { description: detail ?? '' }),
      },
    ];
  }
  // too_small, too_big, invalid_format, custom: zod's message (from the schema) says what to write.
  return [
    {
      ...base,
      id: 'invalid-value',
      ...where(path),
      path: formatPath(path),
      ...(input === undefined
        ? say('invalidValue.messageBare', {}, 'invalidValue.fix', { detail: issue.message })
        : say('invalidValue.message', { value: JSON.stringify(input).slice(0, 60) }, 'invalidValue.fix', { detail: issue.message })),
    },
  ];
}

/** For a missing block (an object or a list of them): the fields it needs. */
function describeContents(path: readonly PropertyKey[]): string | undefined {
  let schema = unwrap(schemaAt(path));
  let prefix = 'with the fields: ';
  if (schema instanceof z.ZodArray) {
    schema = unwrap(elementOf(schema));
    prefix = 'a list of entries, each with the fields: ';
  }
  if (!(schema instanceof z.ZodObject)) return undefined;
  const required = requiredKeys(schema);
  return required.length ? `${prefix}${required.join(', ')}` : undefined;
}

/** The schema's description and example of a field, for fixes. */
export function describeField(path: readonly PropertyKey[]): string | undefined {
  const meta = fieldMeta(schemaAt(path));
  const examples = meta?.examples;
  const description = meta?.description?.split(' / ')[0];
  if (!description && !examples) return undefined;
  // Examples of lists and blocks are too long for a one-line fix; scalars are shown.
  const example = examples?.length && (typeof examples[0] !== 'object' || examples[0] === null) ? `e.g. ${JSON.stringify(examples[0])}` : undefined;
  return [description, example].filter(Boolean).join('; ');
}

/** The kind of a value, as a code that messages translate (kinds.* in cli/messages.json). */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  if (typeof value === 'string') return 'text';
  return typeof value;
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
