/**
 * Jurisdiction modules: data, not code. Each `templates/jurisdictions/<id>.yaml` declares
 * what the law needs from a policy — the disclosures (with citations), the clause that
 * makes each one and the facts it needs — plus the module's numbers: age threshold,
 * response deadline, supervisory authority, complaint route, accepted transfer mechanisms.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { parseTrustedYaml } from './precompiled.js';
import type { Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';
import { JURISDICTIONS, TRANSFER_MECHANISMS, type Jurisdiction } from '../facts/schema.js';

const localized = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }).catchall(z.string().min(1));

/** A condition on facts: `fact` truthy (non-empty), `not` falsy, `below: [path, n]` a number under n. */
const condition = z
  .object({
    fact: z.string().optional(),
    not: z.string().optional(),
    below: z.tuple([z.string(), z.number()]).optional(),
    /** The company has no establishment in this territory (EEA or a country code). */
    established_outside: z.string().optional(),
  })
  .strict();

const disclosure = z
  .object({
    id: z.string().regex(/^[a-z]+(\.[a-z0-9_]+)+$/),
    /** What must be disclosed, in a few words (both languages). */
    summary: localized,
    citation: z.string().min(1),
    /** The clause whose text makes this disclosure; absent for data-file checks that publish nothing. */
    clause: z.string().optional(),
    /** Fact paths that must be present: `a.b`, `list[].field`, `list[?flag].field`. */
    facts: z.array(z.string()).default([]),
    when: condition.optional(),
    /** V verified against the law text, S secondary source, U unverified (see shared/law). */
    status: z.enum(['V', 'S', 'U']),
    note: z.string().optional(),
  })
  .strict();

const moduleSchema = z
  .object({
    id: z.enum(JURISDICTIONS),
    name: localized,
    law: localized,
    age: z.object({ threshold: z.number().int(), rule: localized, citation: z.string() }).strict(),
    response: z
      .object({
        /** Calendar days to answer a request; null where the law sets no number (PIPL: "及时"). */
        days: z.number().int().nullable(),
        extension_days: z.number().int().nullable().default(null),
        text: localized,
        citation: z.string(),
      })
      .strict(),
    authority: z.object({ name: localized, url: z.string().url().optional() }).strict(),
    complaint_route: localized,
    /** Where the law's territory is: data leaving it is a transfer under this law. EEA or country codes. */
    territory: z.array(z.string()),
    /** Whose law a legal_obligation basis may come from (country codes, EU, EEA). */
    obligation_jurisdictions: z.array(z.string()),
    /** The law's own list of legal bases (code → citation); empty for a law without bases. */
    bases: z.record(z.string(), z.string()),
    /** Bases that also cover special categories / sensitive data (GDPR Art. 9(2); LGPD Art. 11). */
    special_bases: z.array(z.string()).optional(),
    transfer_mechanisms: z.array(z.enum(TRANSFER_MECHANISMS)).min(1),
    disclosures: z.array(disclosure).min(1),
    /** Requirements of the law that no fact can express yet, shown in the coverage table as "not expressed". */
    not_expressed: z.array(z.object({ id: z.string(), citation: z.string(), summary: localized, reason: localized }).strict()).default([]),
  })
  .strict();

export type JurisdictionModule = z.infer<typeof moduleSchema>;
export type Disclosure = z.infer<typeof disclosure>;
export type FactCondition = z.infer<typeof condition>;

export async function loadModules(templatesDir: string, update: (name: string, source: string) => void): Promise<{ modules: Map<Jurisdiction, JurisdictionModule>; diagnostics: Diagnostic[] }> {
  const modules = new Map<Jurisdiction, JurisdictionModule>();
  const diagnostics: Diagnostic[] = [];
  for (const id of JURISDICTIONS) {
    const file = join(templatesDir, 'jurisdictions', `${id}.yaml`);
    const rel = relative(process.cwd(), file);
    let source: string;
    try {
      source = await readFile(file, 'utf8');
    } catch {
      diagnostics.push({ id: 'template-error', severity: 'error', file: rel, ...say('moduleMissing.message', { id, file: rel }, 'moduleMissing.fix') });
      continue;
    }
    update(`jurisdictions/${id}.yaml`, source);
    let data: unknown;
    try {
      data = parseTrustedYaml(source);
    } catch (error) {
      diagnostics.push({ id: 'template-error', severity: 'error', file: rel, ...say('moduleYaml.message', { detail: (error as Error).message.split('\n')[0] ?? '' }, 'moduleYaml.fix') });
      continue;
    }
    const parsed = moduleSchema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        diagnostics.push({ id: 'template-error', severity: 'error', file: rel, path: issue.path.join('.'), ...say('moduleInvalid.message', { detail: issue.message }, 'moduleInvalid.fix') });
      }
      continue;
    }
    if (parsed.data.id !== id) diagnostics.push({ id: 'template-error', severity: 'error', file: rel, ...say('moduleId.message', { declared: parsed.data.id, id }, 'moduleId.fix') });
    const seen = new Set<string>();
    for (const d of parsed.data.disclosures) {
      if (seen.has(d.id)) diagnostics.push({ id: 'duplicate-id', severity: 'error', file: rel, ...say('disclosureTwice.message', { id: d.id }, 'disclosureTwice.fix') });
      seen.add(d.id);
    }
    modules.set(id, parsed.data);
  }
  return { modules, diagnostics };
}
