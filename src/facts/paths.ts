/** Reading facts by dotted path, shared by outline conditions and disclosure conditions. */

/** Values at a dotted path; `list[]` fans out over a list's elements. */
export function valuesAt(root: unknown, path: string): unknown[] {
  let values: unknown[] = [root];
  for (const part of path.split('.')) {
    const fan = part.endsWith('[]');
    const key = fan ? part.slice(0, -2) : part;
    values = values.flatMap((v) => {
      const next = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
      return fan ? (Array.isArray(next) ? next : []) : [next];
    });
  }
  return values;
}

/** Set, true and not an empty list or string. */
export function nonEmpty(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== '' && !(Array.isArray(value) && value.length === 0);
}
