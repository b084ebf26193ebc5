/**
 * Legal consistency: checks that the facts do not make the policy say something a law
 * does not allow, or say two different things to one reader. Each law's rules come from
 * its module (bases, territory, whose legal obligations it accepts, transfer mechanisms);
 * nothing here knows a law by heart except through the module.
 *
 * Errors stop `check` and `build`; warnings (a fact printed nowhere, a promise beyond the
 * law) are printed and do not.
 */
import { formatPath, type Diagnostic } from '../diagnostics.js';
import type { Facts, Jurisdiction } from '../facts/schema.js';
import { basisUnder, establishedIn, within } from '../facts/regions.js';
import { needsChildrenRules } from '../facts/documents.js';
import { describeField } from '../facts/load.js';
import { allRecipients } from '../facts/references.js';
import { closest } from '../facts/suggest.js';
import { say } from '../messages.js';
import { handTypedNumbers } from '../compose/custom.js';
import { checkLabels } from './labels.js';
import type { JurisdictionModule } from '../library/modules.js';

type Path = (string | number)[];
export type ConsistencyProblem = Diagnostic & { pathParts: Path };

const DAYS_IN_TEXT = /\d+\s*(?:个)?(?:工作日|日|天|(?:business |calendar |working )?days?\b)/iu;

export function checkConsistency(facts: Facts, modules: ReadonlyMap<Jurisdiction, JurisdictionModule>): ConsistencyProblem[] {
  // Transfer mechanisms first: each transfer needs one that the law of its origin accepts.
  const out: ConsistencyProblem[] = checkTransferMechanisms(facts, modules);
  const add = (id: Diagnostic['id'], severity: Diagnostic['severity'], pathParts: Path, text: ReturnType<typeof say>) =>
    out.push({ id, severity, pathParts, path: formatPath(pathParts), ...text });
  const enabled = facts.jurisdictions.filter((j) => modules.has(j));
  const lawName = (j: Jurisdiction) => modules.get(j)!.name.en;

  // 1. Legal bases: one per purpose under each law that has bases, from that law's own list.
  facts.purposes.forEach((purpose, i) => {
    for (const law of enabled) {
      const module = modules.get(law)!;
      const accepted = Object.keys(module.bases);
      if (!accepted.length) continue;
      const basis = basisUnder(purpose, law);
      const at: Path = ['purposes', i, 'bases'];
      if (!basis) {
        add('basis-missing', 'error', at, say('basisMissing.message', { purpose: purpose.id, law: lawName(law) }, 'basisMissing.fix', { key: law === 'uk' ? 'gdpr (or uk)' : law, accepted: [...accepted, 'not_applicable'].join(', ') }));
        continue;
      }
      if (basis === 'not_applicable') continue;
      const key = law === 'uk' && !(purpose.bases as Record<string, unknown>).uk ? 'gdpr' : law;
      if (!accepted.includes(basis)) {
        add('basis-not-in-law', 'error', [...at, key], say('basisNotInLaw.message', { purpose: purpose.id, law: lawName(law), basis }, 'basisNotInLaw.fix', { accepted: accepted.join(', ') }));
        continue;
      }
      if (basis === 'legal_obligation' && purpose.obligations?.length) {
        const serves = purpose.obligations.some((o) => within(o.jurisdiction, module.obligation_jurisdictions));
        if (!serves) {
          add(
            'basis-foreign-law',
            'error',
            [...at, key],
            say('basisForeignLaw.message', { purpose: purpose.id, law: lawName(law), whose: purpose.obligations.map((o) => o.jurisdiction).join(', '), citation: module.bases.legal_obligation ?? '' }, 'basisForeignLaw.fix', {
              accepted: module.obligation_jurisdictions.join(', '),
              key,
            }),
          );
        }
      }
    }
  });

  // 2. Special categories (GDPR Art. 9; LGPD Art. 11): only the bases that law accepts for them.
  facts.data_categories.forEach((category, i) => {
    if (!category.special_category) return;
    for (const purposeId of category.purposes) {
      const purpose = facts.purposes.find((p) => p.id === purposeId);
      if (!purpose) continue;
      for (const law of enabled) {
        const special = modules.get(law)!.special_bases;
        const basis = basisUnder(purpose, law);
        if (!special || !basis || basis === 'not_applicable' || special.includes(basis)) continue;
        add('sensitive-basis', 'error', ['data_categories', i, 'special_category'], say('sensitiveBasis.message', { category: category.id, purpose: purpose.id, law: lawName(law), basis }, 'sensitiveBasis.fix', { accepted: special.join(', ') }));
      }
    }
  });

  // 3. Transfers: every recipient outside a law's territory is in a transfer from it; no
  // "transfer" inside one territory; each law sees the mechanisms it accepts.
  for (const law of enabled) {
    const module = modules.get(law)!;
    if (!module.territory.length) continue;
    // Recipients and SDKs alike: an SDK sends what it collects to its provider's country.
    for (const recipient of allRecipients(facts)) {
      if (within(recipient.country, module.territory)) continue;
      const covered = facts.transfers.some((t) => t.country === recipient.country && t.recipients.some((name) => recipient.names.includes(name)) && t.from.some((f) => within(f, module.territory)));
      if (!covered) {
        add('transfer-missing', 'error', [...recipient.at, 'country'], say('transferMissing.message', { recipient: recipient.label, country: recipient.country, territory: module.territory.join(', '), law: lawName(law) }, 'transferMissing.fix', { from: module.territory[0]!, country: recipient.country, recipient: recipient.label }));
      }
    }
  }
  facts.transfers.forEach((transfer, i) => {
    transfer.from.forEach((origin, j) => {
      if (within(transfer.country, [origin])) {
        add('transfer-within-territory', 'error', ['transfers', i, 'from', j], say('transferWithin.message', { country: transfer.country, origin }, 'transferWithin.fix'));
      }
      const laws = enabled.filter((law) => within(origin, modules.get(law)!.territory));
      if (!laws.length) add('fact-unused', 'warning', ['transfers', i, 'from', j], say('originUnused.message', { origin }, 'originUnused.fix'));
    });
  });

  // 4. Ages: one threshold per reader, and consent below the law's age needs a parent.
  const consentUnder = (law: Jurisdiction) => facts.purposes.some((p) => basisUnder(p, law) === 'consent');
  for (const law of ['gdpr', 'uk'] as const) {
    if (!enabled.includes(law)) continue;
    const consentAge = law === 'gdpr' ? (facts.gdpr?.child_consent_age ?? 16) : 13;
    const admitted = law === 'gdpr' && facts.gdpr?.min_age ? facts.gdpr.min_age : facts.children.min_age;
    if (admitted < consentAge && consentUnder(law) && !facts.children.guardian_consent_process) {
      add('age-conflict', 'error', law === 'gdpr' && facts.gdpr?.min_age ? ['gdpr', 'min_age'] : ['children', 'min_age'], say('ageConflict.message', { law: lawName(law), admitted, consentAge }, law === 'gdpr' ? 'ageConflict.fixGdpr' : 'ageConflict.fixUk', { consentAge }));
    }
  }
  // The children's rules (PIPL Art. 31 para. 2), a document of their own: what they print.
  checkChildrenRules(facts, add);

  // 5. Representatives: Art. 27 only for a company with no establishment there.
  if (facts.representatives?.eu && establishedIn(facts, 'EEA')) add('fact-unused', 'warning', ['representatives', 'eu'], say('representativeUnneeded.message', { where: 'EEA' }, 'representativeUnneeded.fix'));
  if (facts.representatives?.uk && establishedIn(facts, 'GB')) add('fact-unused', 'warning', ['representatives', 'uk'], say('representativeUnneeded.message', { where: 'GB' }, 'representativeUnneeded.fix'));

  // 5a. App permissions: refusing one may cost the user only the function that needs it
  // (PIPL Art. 16). One the user cannot refuse must serve a purpose the service cannot do
  // without: named in `purposes`, and not resting on consent under the PIPL.
  if (enabled.includes('pipl')) {
    facts.permissions.forEach((permission, i) => {
      if (permission.refusable) return;
      const consented = (permission.purposes ?? []).filter((id) => {
        const purpose = facts.purposes.find((p) => p.id === id);
        return purpose && basisUnder(purpose, 'pipl') === 'consent';
      });
      if (!permission.purposes?.length) add('permission-forced', 'warning', ['permissions', i, 'refusable'], say('permissionForced.message', { permission: permission.permission }, 'permissionForced.fix'));
      else if (consented.length) add('permission-forced', 'warning', ['permissions', i, 'refusable'], say('permissionForced.messageConsent', { permission: permission.permission, purposes: consented.join(', ') }, 'permissionForced.fix'));
    });
  }

  // 6. Facts printed nowhere.
  const unused = (on: boolean, path: Path, what: string) => {
    if (on) add('fact-unused', 'warning', path, say('factUnused.message', { field: formatPath(path), what }, 'factUnused.fix'));
  };
  for (const law of ['pipl', 'gdpr', 'ccpa', 'lgpd'] as const) unused(!!facts[law] && !enabled.includes(law), [law], law);
  unused(!!facts.representatives?.eu && !enabled.includes('gdpr'), ['representatives', 'eu'], 'gdpr');
  unused(!!facts.representatives?.uk && !enabled.includes('uk'), ['representatives', 'uk'], 'uk');
  unused(!!facts.pipo && !enabled.includes('pipl'), ['pipo'], 'pipl');
  // The app permission list is published beside a policy under the PIPL only.
  unused(facts.permissions.length > 0 && !enabled.includes('pipl'), ['permissions'], 'pipl');
  if (!facts.purposes.some((p) => Object.values(p.bases).includes('legitimate_interests'))) unused(facts.purposes.some((p) => p.legitimate_interest), ['purposes'], 'legitimate_interests');

  // 7. One deadline per reader: a number of days written into free text contradicts (or
  // duplicates) the fields each law's part prints.
  const texts: [Path, unknown][] = [
    [['rights', 'account_deletion'], facts.rights.account_deletion],
    [['rights', 'verification'], facts.rights.verification],
    [['rights', 'authorized_agents'], facts.rights.authorized_agents],
    [['consent', 'withdrawal_method'], facts.consent?.withdrawal_method],
    [['complaints', 'channel'], facts.complaints?.channel],
  ];
  for (const [path, value] of texts) {
    if (!value) continue;
    for (const [locale, text] of Object.entries(value as Record<string, string>)) {
      const match = DAYS_IN_TEXT.exec(text);
      if (match) {
        add('deadline-in-text', 'error', [...path, locale], say('deadlineInText.message', { text: match[0].trim() }, 'deadlineInText.fix'));
        break;
      }
    }
  }

  // 8. Promises beyond the law and claims the law does not support.
  facts.security.certifications.forEach((c, i) => {
    if (Object.values(c).some((text) => /等级保护|等保|MLPS|Multi-Level Protection/i.test(String(text)))) {
      add('mlps-certification', 'error', ['security', 'certifications', i], say('mlpsCertification.message', {}, 'mlpsCertification.fix'));
    }
  });
  facts.data_categories.forEach((category, i) => {
    const note = category.retention.note;
    if (note && claimsLawWithoutNaming(note)) add('unnamed-law', 'warning', ['data_categories', i, 'retention', 'note'], say('unnamedLaw.message', { category: category.id }, 'unnamedLaw.fix'));
  });
  // 9. A platform's data about its customers' users: retention written out as for data
  // categories, and training on it is the platform's own purpose, which the policy must name.
  if (facts.platform) checkPlatform(facts, enabled, modules, add);
  // 10. "We do not sell" in every document while the California part says the company sells or shares.
  if (facts.sells_personal_information === false && enabled.includes('ccpa') && facts.ccpa?.sells_or_shares) {
    add('sale-conflict', 'error', ['sells_personal_information'], say('saleConflict.message', {}, 'saleConflict.fix'));
  }
  // 11. A custom section's body that types the policy's own section numbers by hand ("见第3条"):
  // they go stale when clauses move; [](#id) prints the number.
  out.push(...handTypedNumbers(facts).map((d) => ({ ...d, path: formatPath(d.pathParts) })));
  // 12. App-store labels: what they declare, the policy says (src/jurisdictions/labels.ts).
  out.push(...checkLabels(facts));
  return out;
}

/** A text saying "the law requires" without naming which law (no 《…》, no named Act, Law or Article). */
export function claimsLawWithoutNaming(value: Record<string, string>): boolean {
  const zh = value['zh-CN'] ?? '';
  const en = value.en ?? '';
  const zhClaims = /法律|法规|依法|法定/.test(zh) && !/《[^》]+》/.test(zh);
  const enClaims = /\b(?:law|laws|legal|regulations?|required by)\b/i.test(en) && !/\b(?:Art\.|Article|Section|§)|[A-Z][\w-]*(?: [A-Z][\w-]*)* (?:Law|Act|Regulations?|Code|Rules)\b/.test(en);
  return zhClaims || enClaims;
}

/** Transfers need, for each enabled jurisdiction whose territory they leave, a mechanism that jurisdiction accepts. */
function checkTransferMechanisms(facts: Facts, modules: ReadonlyMap<Jurisdiction, JurisdictionModule>): ConsistencyProblem[] {
  const out: ConsistencyProblem[] = [];
  facts.transfers.forEach((transfer, i) => {
    for (const jurisdiction of facts.jurisdictions) {
      const module = modules.get(jurisdiction);
      if (!module || !transfer.from.some((origin) => within(origin, module.territory))) continue;
      const accepted = module.transfer_mechanisms;
      if (accepted.length && !transfer.mechanisms.some((m) => accepted.includes(m))) {
        out.push({
          id: 'transfer-mechanism',
          severity: 'error',
          pathParts: ['transfers', i, 'mechanisms'],
          path: formatPath(['transfers', i, 'mechanisms']),
          ...say('transferMechanism.message', { country: transfer.country, jurisdiction }, 'transferMechanism.fix', { accepted: accepted.join(', ') }),
        });
      }
    }
  });
  return out;
}

/**
 * `platform.customer_data`: the platform processes it as its customers' processor. Using it to
 * train its own models is a purpose of its own, for which it is a controller (GDPR Art. 28(10);
 * PIPL Art. 21 para. 2): that purpose, with its basis under each law, must be in purposes[].
 */
function checkPlatform(
  facts: Facts,
  enabled: readonly Jurisdiction[],
  modules: ReadonlyMap<Jurisdiction, JurisdictionModule>,
  add: (id: Diagnostic['id'], severity: Diagnostic['severity'], pathParts: Path, text: ReturnType<typeof say>) => void,
): void {
  const data = facts.platform!.customer_data;
  const at: Path = ['platform', 'customer_data'];
  const missing = (field: Path) => {
    const name = String(field[field.length - 1]);
    add('missing-field', 'error', [...at, ...field], say('missingField.message', { field: name }, 'missingField.fixDescribed', { field: name, description: describeField([...at, ...field]) ?? '' }));
  };
  const r = data.retention;
  if (r.period === undefined && r.criteria === undefined) missing(['retention', 'period']);
  if (r.period !== 'not stored' && r.period !== 'until processed' && !r.after_expiry) missing(['retention', 'after_expiry']);
  if (r.note && claimsLawWithoutNaming(r.note)) add('unnamed-law', 'warning', [...at, 'retention', 'note'], say('unnamedLaw.message', { category: formatPath(at) }, 'unnamedLaw.fix'));

  // Training is the platform's own purpose: named in purposes[], carried out under every law
  // (one training setting covers every reader's data).
  const path: Path = [...at, 'training_purposes'];
  if (data.training === 'never') {
    if (data.training_purposes) add('fact-unused', 'warning', path, say('factUnused.message', { field: formatPath(path), what: 'training' }, 'factUnused.fix'));
    return;
  }
  if (!data.training_purposes?.length) add('training-purpose-missing', 'error', [...at, 'training'], say('trainingPurposeMissing.message', { training: data.training }, 'trainingPurposeMissing.fix'));
  const purposeIds = facts.purposes.map((p) => p.id);
  data.training_purposes?.forEach((id, j) => {
    const i = purposeIds.indexOf(id);
    if (i < 0) {
      const near = closest(id, purposeIds);
      add('unknown-reference', 'error', [...path, j], near ? say('unknownPurpose.message', { id }, 'refSuggest.fix', { suggestion: near }) : say('unknownPurpose.message', { id }, 'refOneOf.fix', { field: 'purposes', ids: purposeIds.join(', ') }));
      return;
    }
    for (const law of enabled) {
      if (basisUnder(facts.purposes[i]!, law) !== 'not_applicable') continue;
      const params = { purpose: id, law: modules.get(law)!.name.en };
      add('training-purpose-missing', 'error', ['purposes', i, 'bases'], say('trainingPurposeMissing.notApplicable', params, 'trainingPurposeMissing.fixNotApplicable', params));
    }
  });
}

/** The fields of `children` that only the children's rules print. */
const CHILDREN_RULES_FIELDS = ['contact', 'data', 'recipients', 'retention', 'guardian_rights_process', 'rules_url'] as const;

/**
 * The children's rules are published when PIPL applies and the service admits children
 * under 14 or is aimed at children (src/facts/documents.ts). Then they need a guardian's
 * consent process, the person responsible (Provisions on the Cyber Protection of Children's
 * Personal Information, Art. 8), what is collected from children and who receives it; the
 * categories and recipients they name must exist. Otherwise their own fields are printed
 * nowhere.
 */
function checkChildrenRules(facts: Facts, add: (id: Diagnostic['id'], severity: Diagnostic['severity'], pathParts: Path, text: ReturnType<typeof say>) => void): void {
  const c = facts.children;
  if (!needsChildrenRules(facts)) {
    for (const field of CHILDREN_RULES_FIELDS) {
      if (c[field] !== undefined) add('fact-unused', 'warning', ['children', field], say('childrenRulesUnused.message', { field: `children.${field}` }, 'childrenRulesUnused.fix'));
    }
    return;
  }
  const required = [
    ['guardian_consent_process', 'guardianRules.fixProcess'],
    ['contact', 'guardianRules.fixContact'],
    ['data', 'guardianRules.fixData'],
    ['recipients', 'guardianRules.fixRecipients'],
  ] as const;
  for (const [field, fix] of required) {
    if (c[field] === undefined) add('guardian-rules-missing', 'error', ['children', field], say('guardianRules.message', { field }, fix));
  }
  const categoryIds = facts.data_categories.map((d) => d.id);
  c.data?.forEach((id, j) => {
    if (categoryIds.includes(id)) return;
    const near = closest(id, categoryIds);
    add('unknown-reference', 'error', ['children', 'data', j], near ? say('unknownCategory.message', { id }, 'refSuggest.fix', { suggestion: near }) : say('unknownCategory.message', { id }, 'refOneOf.fix', { field: 'data_categories', ids: categoryIds.join(', ') }));
  });
  const recipientNames = facts.recipients.map((r) => r.name);
  c.recipients?.forEach((name, j) => {
    if (recipientNames.includes(name)) return;
    const near = closest(name, recipientNames);
    add('unknown-reference', 'error', ['children', 'recipients', j], near ? say('unknownRecipient.message', { id: name }, 'refSuggest.fix', { suggestion: near }) : say('unknownRecipient.message', { id: name }, 'refOneOf.fix', { field: 'recipients', ids: recipientNames.join(', ') || '—' }));
  });
  const r = c.retention;
  if (r) {
    if (r.period === undefined && r.criteria === undefined) add('missing-field', 'error', ['children', 'retention', 'period'], say('childRetention.message', {}, 'childRetention.fix'));
    if (r.period !== 'not stored' && r.period !== 'until processed' && !r.after_expiry) add('missing-field', 'error', ['children', 'retention', 'after_expiry'], say('childRetention.messageExpiry', {}, 'childRetention.fixExpiry'));
  }
}
