/**
 * The facts as one document sees them: only its laws are enabled, and what belongs to the
 * other laws' readers is left out — transfers leaving other territories, purposes not
 * carried out for this document's readers, another law's officer or representative. The
 * outline's conditions and the templates then need no idea of documents.
 */
import type { DocumentPlan } from '../facts/documents.js';
import { basisUnder, within } from '../facts/regions.js';
import type { Facts, Jurisdiction } from '../facts/schema.js';
import type { JurisdictionModule } from '../library/modules.js';

/** Laws whose readers a data protection officer is named for (GDPR Art. 13(1)(b); LGPD Art. 41). */
const DPO_LAWS: readonly Jurisdiction[] = ['gdpr', 'uk', 'lgpd'];
const BASIS_LAWS: readonly Jurisdiction[] = ['pipl', 'gdpr', 'uk', 'lgpd'];

export function scopeFacts(facts: Facts, plan: DocumentPlan, modules: ReadonlyMap<Jurisdiction, JurisdictionModule>): Facts {
  const all = facts.jurisdictions as Jurisdiction[];
  const laws = all.filter((law) => plan.laws.includes(law));
  if (laws.length === all.length && plan.locales.join() === facts.policy.locales.join() && plan.prevails === facts.policy.prevailing_language) return facts;
  const territories = laws.flatMap((law) => modules.get(law)?.territory ?? []);
  // A purpose stays when one of this document's laws that names bases has it carried out (a
  // document whose laws name no bases, CCPA alone, keeps every purpose).
  const basisLaws = laws.filter((law) => BASIS_LAWS.includes(law));
  const carriedOut = (purpose: Facts['purposes'][number]) => !basisLaws.length || basisLaws.some((law) => basisUnder(purpose, law) !== 'not_applicable');
  const purposes = facts.purposes.filter(carriedOut);
  const kept = new Set(purposes.map((p) => p.id));
  // A category collected only for purposes this document's readers are not subject to goes
  // too, unless this document's own law lists it (the CCPA's disclosures).
  const named = new Set(laws.includes('ccpa') && facts.ccpa ? [...facts.ccpa.sold_or_shared_12m, ...facts.ccpa.disclosed_for_business_purpose_12m] : []);
  const categories = facts.data_categories
    .filter((c) => named.has(c.id) || c.purposes.some((p) => kept.has(p)))
    .map((c) => ({
      ...c,
      purposes: c.purposes.some((p) => kept.has(p)) ? c.purposes.filter((p) => kept.has(p)) : c.purposes,
      // "Sensitive personal information" is PIPL's category (Art. 28): printed only where PIPL applies.
      sensitive: laws.includes('pipl') ? c.sensitive : false,
    }));
  const categoryIds = new Set(categories.map((c) => c.id));
  const recipients = facts.recipients.map((r) => ({ ...r, data: r.data.filter((d) => categoryIds.has(d)) })).filter((r) => r.data.length);
  const sdks = facts.sdks
    .map((sdk) => ({ ...sdk, data: sdk.data.filter((d) => categoryIds.has(d)), ...(sdk.purposes ? { purposes: sdk.purposes.filter((p) => kept.has(p)) } : {}) }))
    .filter((sdk) => sdk.data.length);
  // Transfers name an SDK in any of its languages.
  const receivers = new Set([...recipients.map((r) => r.name), ...sdks.flatMap((sdk) => Object.values(sdk.name).map(String))]);
  const permissions = facts.permissions.map((p) => (p.purposes ? { ...p, purposes: p.purposes.filter((id) => kept.has(id)) } : p));
  const representatives = facts.representatives
    ? Object.fromEntries(Object.entries(facts.representatives).filter(([key]) => laws.includes((key === 'eu' ? 'gdpr' : key) as Jurisdiction)))
    : undefined;
  const scoped: Facts = {
    ...facts,
    jurisdictions: laws as Facts['jurisdictions'],
    policy: { ...facts.policy, locales: plan.locales, ...(plan.prevails ? { prevailing_language: plan.prevails } : { prevailing_language: undefined }) },
    purposes,
    data_categories: categories,
    recipients,
    sdks,
    permissions,
    // Transfers leaving this document's territories, from those places only, to its recipients.
    transfers: facts.transfers
      .filter((t) => t.from.some((place) => within(place, territories)))
      .map((t) => ({ ...t, from: t.from.filter((place) => within(place, territories)), recipients: t.recipients.filter((name) => receivers.has(name)) }))
      .filter((t) => t.recipients.length),
    representatives: representatives as Facts['representatives'],
  };
  if (!laws.includes('pipl')) delete (scoped as Partial<Facts>).pipo;
  if (!laws.some((law) => DPO_LAWS.includes(law))) delete (scoped as Partial<Facts>).dpo;
  return scoped;
}
