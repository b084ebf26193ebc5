/** Reading facts by dotted path, shared by outline conditions and disclosure conditions. */

/**
 * Values at a dotted path; `list[]` fans out over a list's elements, `list[?field=VALUE]`
 * over those whose field is VALUE or a list containing it (`transfers[?from=CN]`).
 */
export function valuesAt(root: unknown, path: string): unknown[] {
  let values: unknown[] = [root];
  for (const part of path.split('.')) {
    const filter = /^(\w+)\[\?(\w+)=(\w+)\]$/.exec(part);
    const fan = part.endsWith('[]') || !!filter;
    const key = filter ? filter[1]! : fan ? part.slice(0, -2) : part;
    values = values.flatMap((v) => {
      const next = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
      if (!fan) return [next];
      const items = Array.isArray(next) ? next : [];
      if (!filter) return items;
      return items.filter((item) => {
        const field = item && typeof item === 'object' ? (item as Record<string, unknown>)[filter[2]!] : undefined;
        return Array.isArray(field) ? field.includes(filter[3]) : field === filter[3];
      });
    });
  }
  return values;
}

/** Set, true and not an empty list or string. */
export function nonEmpty(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== '' && !(Array.isArray(value) && value.length === 0);
}
