/**
 * Reading the facts schema itself: the node at a data path, the fields an object allows,
 * whether a field may be left out, and the "English / 中文" description and examples that
 * `describe` attached. Shared by the loader (fixes), the scaffold (`init`) and change notices.
 */
import { z } from 'zod';
import { factsSchema } from './schema/index.js';

/** What `describe` attaches to a schema node. */
export interface FieldMeta {
  description?: string;
  examples?: unknown[];
}

/** True for a field that may be left out (it is optional or has a default). */
export function isOptional(schema: z.ZodType | undefined): boolean {
  return schema instanceof z.ZodOptional || schema instanceof z.ZodDefault;
}

/** The schema inside any optional / default / nullable wrappers. */
export function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s._zod.def.innerType as z.ZodType;
  return s;
}

/** `{ zh-CN: …, en: … }`: text written in every output language. */
export function isLocalized(schema: z.ZodType | undefined): schema is z.ZodObject {
  return schema instanceof z.ZodObject && 'zh-CN' in schema.shape && 'en' in schema.shape;
}

/** The field `key` of an object (or its catch-all), or the value schema of a record. */
export function fieldOf(schema: z.ZodType | undefined, key: string): z.ZodType | undefined {
  if (schema instanceof z.ZodObject) return (schema.shape as Record<string, z.ZodType>)[key] ?? (schema._zod.def.catchall as z.ZodType | undefined);
  if (schema instanceof z.ZodRecord) return schema._zod.def.valueType as z.ZodType;
  return undefined;
}

/** The entry schema of a list. */
export function elementOf(schema: z.ZodType | undefined): z.ZodType | undefined {
  return schema instanceof z.ZodArray ? (schema.element as z.ZodType) : undefined;
}

/**
 * The schema node at a data path such as `['data_categories', 0, 'retention']`, through
 * optional / default wrappers; the last node is returned as written (still wrapped).
 */
export function schemaAt(path: readonly PropertyKey[], root: z.ZodType = factsSchema): z.ZodType | undefined {
  let schema: z.ZodType | undefined = root;
  for (const part of path) {
    schema = unwrap(schema);
    if (!schema) return undefined;
    schema = schema instanceof z.ZodArray ? elementOf(schema) : fieldOf(schema, String(part));
  }
  return schema;
}

/**
 * The schema node at a field pattern such as `data_categories[].retention.period`, where
 * `[]` steps into a list's entries (a key on a list without `[]` finds nothing).
 */
export function schemaAtPattern(pattern: string, root: z.ZodType = factsSchema): z.ZodType | undefined {
  let node: z.ZodType | undefined = root;
  for (const part of pattern.split('.')) {
    const list = part.endsWith('[]');
    node = fieldOf(unwrap(node), list ? part.slice(0, -2) : part);
    if (list) node = elementOf(unwrap(node));
    if (!node) return undefined;
  }
  return node;
}

/** The keys an object at a data path allows, in schema order; [] when it is not an object. */
export function allowedKeys(path: readonly PropertyKey[]): string[] {
  const schema = unwrap(schemaAt(path));
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** The keys of an object that must be given (neither optional nor defaulted). */
export function requiredKeys(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape as Record<string, z.ZodType>)
    .filter(([, s]) => !isOptional(s))
    .map(([k]) => k);
}

/**
 * The description and examples `describe` attached to a field: those of the node as written,
 * else those of the type inside its optional / default wrappers. `except` skips a shared node
 * whose own description is not about the field (e.g. `localized`). `inWrappers` also looks at
 * the wrappers in between: `controller.establishments` is described on its `.default([])`,
 * inside `.optional()`; the scaffold shows that description, fixes and change notices do not.
 */
export function fieldMeta(schema: z.ZodType | undefined, options: { except?: z.ZodType; inWrappers?: boolean } = {}): FieldMeta | undefined {
  const candidates: z.ZodType[] = [];
  for (let s = schema; s; s = s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable ? (s._zod.def.innerType as z.ZodType) : undefined) {
    candidates.push(s);
  }
  const looked = options.inWrappers ? candidates : [candidates[0], candidates[candidates.length - 1]];
  for (const s of looked) {
    if (!s || s === options.except) continue;
    const meta = z.globalRegistry.get(s) as FieldMeta | undefined;
    if (meta?.description) return meta;
  }
  return undefined;
}

/** A description "English / 中文" in the language asked for (English when it has no other). */
export function descriptionIn(description: string, locale: string): string {
  const [en, zh] = description.split(' / ');
  return (locale.startsWith('zh') ? zh : en) ?? en ?? '';
}
