/** Code lists of the facts schema: jurisdictions, legal bases, transfer mechanisms, CCPA categories, retention periods. */

export const JURISDICTIONS = ['pipl', 'gdpr', 'uk', 'ccpa', 'lgpd'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/** PIPL Art. 13(1)(一)–(七). `not_applicable`: the purpose is not carried out for people covered by the law. */
export const PIPL_BASES = ['consent', 'contract', 'hr_management', 'legal_obligation', 'emergency', 'news_reporting', 'public_information', 'other_law', 'not_applicable'] as const;
/** GDPR and UK GDPR Art. 6(1)(a)–(f). */
export const GDPR_BASES = ['consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests', 'not_applicable'] as const;
/** LGPD Art. 7 I–X. */
export const LGPD_BASES = [
  'consent',
  'legal_obligation',
  'public_administration',
  'research',
  'contract',
  'legal_proceedings',
  'vital_interests',
  'health_protection',
  'legitimate_interests',
  'credit_protection',
  'not_applicable',
] as const;
/** The laws whose purposes state a legal basis, and the key each uses in purposes[].bases. */
export const BASIS_LAWS = ['pipl', 'gdpr', 'uk', 'lgpd'] as const;

/** Legal mechanisms a transfer abroad may rely on (transfers[].mechanisms); each law accepts some of them. */
export const TRANSFER_MECHANISMS = [
  'adequacy',
  'standard_contract',
  'scc',
  'idta',
  'uk_addendum',
  'bcr',
  'security_assessment',
  'certification',
  'consent',
  'derogation',
] as const;

/** California Civil Code 1798.140(v)(1)(A)–(K): categories of personal information. */
export const CCPA_CATEGORIES = [
  'identifiers',
  'customer_records',
  'protected_characteristics',
  'commercial_information',
  'biometric_information',
  'internet_activity',
  'geolocation',
  'sensory_data',
  'professional_information',
  'education_information',
  'inferences',
] as const;

/** California Civil Code 1798.140(ae): sensitive personal information. */
export const CCPA_SENSITIVE = [
  'government_identifiers',
  'account_credentials',
  'precise_geolocation',
  'racial_or_ethnic_origin',
  'religious_beliefs',
  'union_membership',
  'communications_content',
  'genetic_data',
  'biometric_identification',
  'health',
  'sex_life_or_orientation',
] as const;

/**
 * "30 days", "1 day", "6 months", "7 years", "account lifetime", "account lifetime + 90 days",
 * "not stored" (used and discarded at once) or "until processed" (deleted once the request
 * it came with is handled).
 */
export const RETENTION_PERIOD = /^(?:account lifetime(?: \+ (?:1 (?:day|month|year)|[1-9]\d{0,3} (?:days|months|years)))?|1 (?:day|month|year)|[1-9]\d{0,3} (?:days|months|years)|not stored|until processed)$/;
