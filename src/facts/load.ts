/**
 * Loading a data file: bytes → YAML document (with source positions) → validated Facts.
 * Every problem is reported with file:line:column, the field path and a fix; nothing
 * stops at the first error.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { formatPath, hasErrors, type Diagnostic, type DiagnosticId } from '../diagnostics.js';
import { factsSchema, type Facts } from './schema.js';
import { checkReferences } from './references.js';
import { closest } from './suggest.js';

/** Limits that keep hostile files from costing unbounded time or memory. */
export const LIMITS = {
  maxFileBytes: 2 * 1024 * 1024,
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
  /** `<id>` of the output folder: the data file's name without extension. */
  id: string;
}

export function policyIdFromPath(file: string): string {
  return basename(file, extname(file));
}

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
            message: `the file is ${info.size} bytes; the limit is ${LIMITS.maxFileBytes} bytes`,
            fix: 'split long texts or remove pasted content; a policy data file is normally under 100 KB',
          },
        ],
      };
    }
    bytes = await readFile(file);
  } catch (error) {
    return {
      id,
      diagnostics: [{ id: 'file-not-found', severity: 'error', file, message: `cannot read ${file}: ${(error as Error).message}`, fix: 'check the path' }],
    };
  }
  return { id, ...parseFacts(bytes, file) };
}

/** Validates data-file content. Pure: the same bytes always give the same result. */
export function parseFacts(bytes: Uint8Array | string, file: string): { facts?: Facts; diagnostics: Diagnostic[]; locate?: Locate; raw?: unknown } {
  let source: string;
  if (typeof bytes === 'string') source = bytes;
  else {
    try {
      source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return {
        diagnostics: [{ id: 'invalid-encoding', severity: 'error', file, message: 'the file is not valid UTF-8', fix: 'save the file as UTF-8 (without a byte-order mark is best)' }],
      };
    }
  }
  source = source.replace(/^\uFEFF/, '');

  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  const diagnostics: Diagnostic[] = [];
  for (const err of doc.errors) {
    const duplicate = err.code === 'DUPLICATE_KEY';
    diagnostics.push({
      id: duplicate ? 'invalid-value' : 'yaml-syntax',
      severity: 'error',
      file,
      ...at(err.pos[0]),
      message: duplicate ? 'the same key appears twice in one mapping' : firstLine(err.message),
      fix: duplicate
        ? 'keep one of the two entries'
        : err.code === 'TAB_AS_INDENT'
          ? 'indent with spaces, not tabs'
          : 'check indentation, colons and quotes on this line; quote values that contain ": " or start with a special character',
    });
  }
  if (hasErrors(diagnostics)) return { diagnostics };

  diagnostics.push(...checkStructure(doc, file, at));
  if (hasErrors(diagnostics)) return { diagnostics };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (error) {
    return {
      diagnostics: [{ id: 'yaml-limit', severity: 'error', file, message: firstLine((error as Error).message), fix: `use at most ${LIMITS.maxAliasCount} aliases; write values out instead` }],
    };
  }
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    return {
      diagnostics: [{ id: 'wrong-type', severity: 'error', file, line: 1, column: 1, message: 'the file must be a mapping of fields (policy:, controller:, …)', fix: 'start from data/example.yaml or `policygen init`' }],
    };
  }

  const parsed = factsSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) diagnostics.push(...issueToDiagnostics(issue, doc, file, at));
    return { diagnostics: sortDiagnostics(diagnostics), raw: data };
  }
  for (const { pathParts, ...d } of checkReferences(parsed.data)) {
    diagnostics.push({ ...d, file, path: formatPath(pathParts), ...at(nodeAt(doc, pathParts)?.range?.[0]) });
  }
  const locate: Locate = (path) => at(nodeAt(doc, path)?.range?.[0]);
  return hasErrors(diagnostics) ? { diagnostics: sortDiagnostics(diagnostics), locate } : { facts: parsed.data, diagnostics, locate };
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
      out.push({ id: 'yaml-limit', severity: 'error', file, ...at((node as YamlNode).range?.[0]), path: formatPath(path), message: `nesting deeper than ${LIMITS.maxDepth} levels`, fix: 'flatten the structure; no field needs this depth' });
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (FORBIDDEN_KEYS.has(key)) {
          out.push({ id: 'forbidden-key', severity: 'error', file, ...at((pair.key as YamlNode | null)?.range?.[0]), path: formatPath([...path, key]), message: `the key "${key}" is not allowed`, fix: 'remove this key' });
          continue;
        }
        walk(pair.value, [...path, key], depth + 1);
      }
    } else if (isSeq(node)) {
      if (node.items.length > LIMITS.maxListLength) {
        out.push({ id: 'yaml-limit', severity: 'error', file, ...at(node.range?.[0]), path: formatPath(path), message: `the list has ${node.items.length} entries; the limit is ${LIMITS.maxListLength}`, fix: 'shorten the list' });
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

function issueToDiagnostics(issue: z.core.$ZodIssue, doc: Document, file: string, at: At): Diagnostic[] {
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
        message: `unknown field "${key}"`,
        fix: suggestion ? `did you mean "${suggestion}"?` : `remove it; fields allowed here: ${allowed.join(', ')}`,
      };
    });
  }
  const input = (issue as { input?: unknown }).input;
  if (issue.code === 'invalid_type' && input === undefined) {
    const field = String(path[path.length - 1]);
    const description = describeField(path);
    return [
      {
        ...base,
        id: 'missing-field',
        ...where(path.slice(0, -1)),
        path: formatPath(path),
        message: `the required field "${field}" is missing`,
        fix: `add \`${field}: …\`${description ? ` — ${description}` : ''}`,
      },
    ];
  }
  if (issue.code === 'invalid_type') {
    return [
      {
        ...base,
        id: 'wrong-type',
        ...where(path),
        path: formatPath(path),
        message: `expected ${kindName(issue.expected)}, found ${kindOf(input)}`,
        fix: fixForKind(issue.expected, path),
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
        message: `"${String(input)}" is not allowed here`,
        fix: `use one of: ${issue.values.map(String).join(', ')}`,
      },
    ];
  }
  if (issue.code === 'invalid_union') {
    return [{ ...base, id: 'invalid-value', ...where(path), path: formatPath(path), message: 'the value matches none of the allowed forms', fix: describeField(path) ?? 'see the schema (`policygen schema`)' }];
  }
  // too_small, too_big, invalid_format, custom: zod's message already says what to write.
  return [
    {
      ...base,
      id: 'invalid-value',
      ...where(path),
      path: formatPath(path),
      message: `invalid value${input === undefined ? '' : ` ${JSON.stringify(input).slice(0, 60)}`}`,
      fix: issue.message,
    },
  ];
}

/** The schema node at a data path (through optional/default/array wrappers). */
function schemaAt(path: readonly PropertyKey[]): z.ZodType | undefined {
  let schema: z.ZodType | undefined = factsSchema;
  for (const part of path) {
    schema = unwrap(schema);
    if (!schema) return undefined;
    if (schema instanceof z.ZodObject) {
      schema = (schema.shape as Record<string, z.ZodType>)[String(part)] ?? (schema._zod.def.catchall as z.ZodType | undefined);
    } else if (schema instanceof z.ZodArray) {
      schema = schema.element as z.ZodType;
    } else if (schema instanceof z.ZodRecord) {
      schema = schema._zod.def.valueType as z.ZodType;
    } else return undefined;
  }
  return schema;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s._zod.def.innerType as z.ZodType;
  return s;
}

function allowedKeys(path: readonly PropertyKey[]): string[] {
  const schema = unwrap(schemaAt(path));
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** The schema's description and example of a field, for fixes. */
export function describeField(path: readonly PropertyKey[]): string | undefined {
  const schema = schemaAt(path);
  const meta = schema ? (z.globalRegistry.get(schema) ?? z.globalRegistry.get(unwrap(schema)!)) : undefined;
  const examples = meta?.examples as unknown[] | undefined;
  const description = meta?.description?.split(' / ')[0];
  if (!description && !examples) return undefined;
  return [description, examples?.length ? `e.g. ${JSON.stringify(examples[0])}` : undefined].filter(Boolean).join('; ');
}

function kindName(expected: string): string {
  return (
    { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list (lines starting with "- ")', object: 'a mapping of fields' } as Record<string, string>
  )[expected] ?? expected;
}

function kindOf(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text "${value.slice(0, 40)}"`;
  return `${typeof value} ${String(value)}`;
}

function fixForKind(expected: string, path: readonly PropertyKey[]): string {
  const schema = unwrap(schemaAt(path));
  if (schema instanceof z.ZodObject && 'zh-CN' in schema.shape) {
    return 'write the text in both languages:\n    zh-CN: …\n    en: …';
  }
  const description = describeField(path);
  return `write ${kindName(expected)}${description ? ` — ${description}` : ''}`;
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
