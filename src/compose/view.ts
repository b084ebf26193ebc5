/**
 * The view: what templates see for one locale. Built by walking the facts *schema*, so
 * every field exists (absent optional facts are `null`, letting strict Handlebars catch
 * template typos), localized values are resolved to the locale, and every string is
 * Markdown-escaped exactly once.
 */
import { z } from 'zod';
import { factsSchema, type Facts } from '../facts/schema.js';
import { escapeMarkdown } from './escape.js';

export type View = Record<string, unknown>;

export function buildView(facts: Facts, locale: string): View {
  return toView(factsSchema, facts, locale) as View;
}

function isLocalized(schema: z.ZodObject): boolean {
  return 'zh-CN' in schema.shape && 'en' in schema.shape;
}

function toView(schema: z.ZodType, value: unknown, locale: string): unknown {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) {
    if (value === undefined) return null;
    return toView(schema._zod.def.innerType as z.ZodType, value, locale);
  }
  if (value === undefined || value === null) return null;
  if (schema instanceof z.ZodObject) {
    const obj = value as Record<string, unknown>;
    if (isLocalized(schema)) return escapeMarkdown(String(obj[locale]));
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      out[key] = toView(child, obj[key], locale);
    }
    return out;
  }
  if (schema instanceof z.ZodArray) {
    return (value as unknown[]).map((item) => toView(schema.element as z.ZodType, item, locale));
  }
  if (schema instanceof z.ZodRecord) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toView(schema._zod.def.valueType as z.ZodType, v, locale)]),
    );
  }
  if (schema instanceof z.ZodUnion) {
    return typeof value === 'string' ? escapeMarkdown(value) : value;
  }
  if (schema instanceof z.ZodEnum) return value; // a code validated by the schema
  if (typeof value === 'string') return escapeMarkdown(value);
  return value;
}
