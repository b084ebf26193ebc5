/**
 * A structural diff of two facts snapshots, driven by the data alone (no field list), so
 * fields added to the schema later are compared like any other.
 *
 * - Objects are compared key by key; a localized value `{zh-CN, en}` is one value.
 * - Lists of plain values (jurisdictions, purpose ids) are sets: added / removed items.
 * - Lists of objects are matched by identity (`id`, `name`, `country`, `title`,
 *   `description` or `value`, the first one that is unique in both lists); without one,
 *   by position of equal items (an item replaced in place is "changed").
 */
import { diffArrays } from 'diff';
import { canonicalJson } from './ledger.js';

export type PathPart = string | number;

export interface Owner {
  /** Pattern of the list item, e.g. `data_categories[]`. */
  pattern: string;
  old?: unknown;
  new?: unknown;
}

export interface FactOp {
  kind: 'added' | 'removed' | 'changed';
  /** Where in the schema, list items written `[]`: `data_categories[].retention.period`. */
  pattern: string;
  /** Where in the data, list items named by identity: `data_categories[notes].retention.period`. */
  path: string;
  /** Location in the old facts (changed, removed) or where an added field goes. */
  oldPath: PathPart[];
  /** For an added list item: the old list it joins. */
  appendTo?: PathPart[];
  before?: unknown;
  after?: unknown;
  /** The list items this change lies inside, outermost first (to name them). */
  owners: Owner[];
}

/** Fields the ledger supersedes: never reported as a change of facts. */
const IGNORED = new Set(['policy.effective_date']);

const IDENTITY_FIELDS = ['id', 'name', 'country', 'title', 'description', 'value'] as const;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ zh-CN: …, en: … }` (and any further locales): text, not a structure. */
export function isLocalized(value: unknown): value is Record<string, string> {
  return isPlainObject(value) && typeof value['zh-CN'] === 'string' && typeof value.en === 'string' && Object.values(value).every((v) => typeof v === 'string');
}

function isLeaf(value: unknown): boolean {
  return !Array.isArray(value) && (!isPlainObject(value) || isLocalized(value));
}

interface Context {
  oldPath: PathPart[];
  pattern: string;
  path: string;
  owners: Owner[];
}

const child = (ctx: Context, key: string, oldKey: PathPart = key): Context => ({
  oldPath: [...ctx.oldPath, oldKey],
  pattern: ctx.pattern ? `${ctx.pattern}.${key}` : key,
  path: ctx.path ? `${ctx.path}.${key}` : key,
  owners: ctx.owners,
});

export function diffFacts(before: Record<string, unknown>, after: Record<string, unknown>): FactOp[] {
  const ops: FactOp[] = [];
  walk(before, after, { oldPath: [], pattern: '', path: '', owners: [] }, ops);
  return ops;
}

function walk(a: unknown, b: unknown, ctx: Context, ops: FactOp[]): void {
  if (IGNORED.has(ctx.pattern)) return;
  const absentA = a === undefined || a === null;
  const absentB = b === undefined || b === null;
  if (absentA && absentB) return;
  if (absentA) {
    ops.push({ kind: 'added', pattern: ctx.pattern, path: ctx.path, oldPath: ctx.oldPath, after: b, owners: ctx.owners });
    return;
  }
  if (absentB) {
    ops.push({ kind: 'removed', pattern: ctx.pattern, path: ctx.path, oldPath: ctx.oldPath, before: a, owners: ctx.owners });
    return;
  }
  if (canonicalJson(a) === canonicalJson(b)) return;
  if (Array.isArray(a) && Array.isArray(b)) return diffList(a, b, ctx, ops);
  if (isPlainObject(a) && isPlainObject(b) && !isLocalized(a) && !isLocalized(b)) {
    const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
    for (const key of keys) walk(a[key], b[key], child(ctx, key), ops);
    return;
  }
  ops.push({ kind: 'changed', pattern: ctx.pattern, path: ctx.path, oldPath: ctx.oldPath, before: a, after: b, owners: ctx.owners });
}

function identityField(a: readonly unknown[], b: readonly unknown[]): string | undefined {
  const items = [...a, ...b];
  if (!items.length || !items.every(isPlainObject)) return undefined;
  return IDENTITY_FIELDS.find((field) => {
    const unique = (list: readonly unknown[]) => {
      const keys = list.map((item) => (item as Record<string, unknown>)[field]);
      return keys.every((k) => k !== undefined && k !== null) && new Set(keys.map((k) => canonicalJson(k))).size === keys.length;
    };
    return unique(a) && unique(b);
  });
}

function itemName(item: unknown, field: string | undefined, index: number): string {
  const key = field ? (item as Record<string, unknown>)[field] : undefined;
  return typeof key === 'string' ? key : String(index);
}

function diffList(a: unknown[], b: unknown[], ctx: Context, ops: FactOp[]): void {
  const pattern = `${ctx.pattern}[]`;
  const itemCtx = (oldIndex: number, name: string, owner: Owner): Context => ({
    oldPath: [...ctx.oldPath, oldIndex],
    pattern,
    path: `${ctx.path}[${name}]`,
    owners: [...ctx.owners, owner],
  });
  const added = (item: unknown, name: string) =>
    ops.push({ kind: 'added', pattern, path: `${ctx.path}[${name}]`, oldPath: [...ctx.oldPath, a.length], appendTo: ctx.oldPath, after: item, owners: ctx.owners });
  const removed = (item: unknown, index: number, name: string) =>
    ops.push({ kind: 'removed', pattern, path: `${ctx.path}[${name}]`, oldPath: [...ctx.oldPath, index], before: item, owners: ctx.owners });

  // A set of plain values: order carries no meaning.
  if ([...a, ...b].every(isLeaf) && ![...a, ...b].some(isLocalized)) {
    const keysA = a.map((v) => canonicalJson(v));
    const keysB = b.map((v) => canonicalJson(v));
    a.forEach((item, i) => keysB.includes(keysA[i]!) || removed(item, i, String(item)));
    b.forEach((item, i) => keysA.includes(keysB[i]!) || added(item, String(item)));
    return;
  }

  const field = identityField(a, b);
  if (field) {
    const indexA = new Map(a.map((item, i) => [canonicalJson((item as Record<string, unknown>)[field]), i]));
    const keysB = new Set(b.map((item) => canonicalJson((item as Record<string, unknown>)[field])));
    b.forEach((item, i) => {
      const key = canonicalJson((item as Record<string, unknown>)[field]);
      const j = indexA.get(key);
      const name = itemName(item, field, i);
      if (j === undefined) added(item, name);
      else walk(a[j], item, itemCtx(j, name, { pattern, old: a[j], new: item }), ops);
    });
    a.forEach((item, j) => keysB.has(canonicalJson((item as Record<string, unknown>)[field])) || removed(item, j, itemName(item, field, j)));
    return;
  }

  // No identity: equal items anchor the comparison; a run of removed items followed by as
  // many added ones is read as those items changed in place.
  const parts = diffArrays(a.map((v) => canonicalJson(v)), b.map((v) => canonicalJson(v)));
  let i = 0;
  let j = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    const next = parts[p + 1];
    if (!part.added && !part.removed) {
      i += part.count ?? part.value.length;
      j += part.count ?? part.value.length;
    } else if (part.removed && next?.added && next.value.length === part.value.length) {
      for (let k = 0; k < part.value.length; k++) {
        walk(a[i + k], b[j + k], itemCtx(i + k, String(j + k), { pattern, old: a[i + k], new: b[j + k] }), ops);
      }
      i += part.value.length;
      j += next.value.length;
      p++;
    } else if (part.removed) {
      for (let k = 0; k < part.value.length; k++) removed(a[i + k], i + k, String(i + k));
      i += part.value.length;
    } else {
      for (let k = 0; k < part.value.length; k++) added(b[j + k], String(j + k));
      j += part.value.length;
    }
  }
}

/** The old facts with one change applied (for finding the clauses it touches). */
export function applyOp(facts: Record<string, unknown>, op: FactOp): Record<string, unknown> {
  const root = structuredClone(facts);
  const parentOf = (path: PathPart[]): unknown => path.slice(0, -1).reduce<unknown>((node, part) => (node as Record<PathPart, unknown> | undefined)?.[part], root);
  if (op.kind === 'added' && op.appendTo) {
    const list = op.appendTo.reduce<unknown>((node, part) => (node as Record<PathPart, unknown> | undefined)?.[part], root);
    if (Array.isArray(list)) list.push(structuredClone(op.after));
    return root;
  }
  const parent = parentOf(op.oldPath) as Record<PathPart, unknown> | unknown[] | undefined;
  const last = op.oldPath[op.oldPath.length - 1]!;
  if (!parent || typeof parent !== 'object') return root;
  if (op.kind === 'removed') {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete (parent as Record<PathPart, unknown>)[last];
  } else {
    (parent as Record<PathPart, unknown>)[last] = structuredClone(op.after);
  }
  return root;
}
