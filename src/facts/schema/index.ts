/**
 * The facts schema: the one source of truth for what a data file may contain.
 * TypeScript types (`Facts`) and the editor JSON Schema (`factsJsonSchema()`) both
 * come from here, so they cannot drift apart.
 *
 * Each top-level section lives in its own file beside this one, each law's own settings
 * under laws/; this file only assembles them, in the order editors see them.
 *
 * Conventions:
 * - every object is strict: an unknown key (a typo like `retension:`) is an error;
 * - `localized(...)` values are `{ zh-CN: …, en: … }`, both required; further locales
 *   (e.g. `pt-BR`) may be added as extra keys without code changes;
 * - enumerations (legal bases, cookie types…) are codes that locale files translate.
 */
import { z } from 'zod';
import { app } from './app.js';
import { automatedDecisions } from './automated-decisions.js';
import { children } from './children.js';
import { controller, dpo, pipo, representatives } from './controller.js';
import { cookies } from './cookies.js';
import { customSections } from './custom-sections.js';
import { dataCategories } from './data-categories.js';
import { ccpa } from './laws/ccpa.js';
import { gdpr } from './laws/gdpr.js';
import { lgpd } from './laws/lgpd.js';
import { pipl } from './laws/pipl.js';
import { platform } from './platform.js';
import { permissions } from './permissions.js';
import { policyChanges } from './policy-changes.js';
import { jurisdictions, policy, products } from './policy.js';
import { purposes } from './purposes.js';
import { recipients, sellsPersonalInformation, transfers } from './recipients-transfers.js';
import { complaints, consent, rights } from './rights.js';
import { sdks } from './sdks.js';
import { security } from './security.js';

export {
  BASIS_LAWS,
  CCPA_CATEGORIES,
  CCPA_SENSITIVE,
  GDPR_BASES,
  JURISDICTIONS,
  LGPD_BASES,
  PIPL_BASES,
  RETENTION_PERIOD,
  TRANSFER_MECHANISMS,
  type Jurisdiction,
} from './codes.js';
export { localized, MAX_TEXT_LENGTH, type Localized } from './primitives.js';
export { PERMISSIONS } from './permissions.js';
export * from './app-stores.js';
export { APP_PLATFORMS } from './sdks.js';
export { channelProblem } from './rights.js';

// Key order here is the order of the JSON Schema's properties, the scaffold and the docs.
export const factsSchema = z
  .object({
    policy,
    jurisdictions,
    controller,
    dpo,
    pipo,
    representatives,
    products,
    purposes,
    data_categories: dataCategories,
    recipients,
    sells_personal_information: sellsPersonalInformation,
    transfers,
    sdks,
    permissions,
    app,
    cookies,
    children,
    rights,
    consent,
    policy_changes: policyChanges,
    complaints,
    automated_decisions: automatedDecisions,
    platform,
    custom_sections: customSections,
    pipl,
    gdpr,
    ccpa,
    lgpd,
    security,
  })
  .strict();

export type Facts = z.infer<typeof factsSchema>;
export type FactsInput = z.input<typeof factsSchema>;

/** JSON Schema (draft 2020-12) for editors: `# yaml-language-server: $schema=…`. */
export function factsJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(factsSchema, {
      io: 'input',
      unrepresentable: 'any',
      // Editors (yaml-language-server, VS Code) show these instead of the raw regex or
      // format name: the same sentence `check` prints, taken from the schema's own message.
      override: ({ zodSchema, jsonSchema }) => {
        if (typeof jsonSchema.pattern !== 'string' && typeof jsonSchema.format !== 'string') return;
        const parsed = (zodSchema as unknown as z.ZodType).safeParse('\u0000 not valid');
        const message = parsed.success ? undefined : parsed.error.issues[0]?.message;
        if (!message || /^Invalid/.test(message)) return;
        if (typeof jsonSchema.pattern === 'string') jsonSchema.patternErrorMessage = message;
        else jsonSchema.errorMessage = message;
      },
    }),
    $id: 'https://policygen.dev/schema/facts.schema.json',
    title: 'policygen facts',
  };
}
