import type { Facts, Jurisdiction } from './schema.js';

/**
 * Places named in data files: ISO 3166 country codes, plus EEA (and EU, for whose law an
 * obligation is). Laws' territories are written the same way in their modules.
 */

/** EU member states plus Iceland, Liechtenstein and Norway (ISO 3166-1 alpha-2; Greece is GR). */
export const EEA_COUNTRIES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO',
] as const;

/** Whether a place (a country code, EEA or EU) lies within a territory written as EEA/EU or codes. */
export function within(place: string, territory: readonly string[]): boolean {
  const inEea = place === 'EEA' || place === 'EU' || (EEA_COUNTRIES as readonly string[]).includes(place);
  return territory.some((t) => t === place || ((t === 'EEA' || t === 'EU') && inEea));
}

/** The basis a purpose has under a law: `uk` falls back to the gdpr one. */
export function basisUnder(purpose: Facts['purposes'][number], law: Jurisdiction): string | undefined {
  const bases = purpose.bases as Record<string, string | undefined>;
  if (law === 'uk') return bases.uk ?? bases.gdpr;
  return bases[law];
}

/** Whether the company has an establishment in a territory (EEA or a country code). */
export function establishedIn(facts: Facts, territory: string): boolean {
  const places = [...(facts.controller.establishments ?? []), ...(facts.controller.main_establishment_country ? [facts.controller.main_establishment_country] : [])];
  return places.some((p) => within(p, [territory]));
}

