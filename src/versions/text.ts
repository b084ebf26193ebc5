/**
 * Locale text for the versions stage. All wording lives in locales/<lang>/versions.json
 * under the top-level key `versions` (plus the policy's own enums and durations); the
 * library's parity check guarantees every key exists in every locale.
 */
import type { Library } from '../library/library.js';
import { PolicygenError } from '../diagnostics.js';
import { say } from '../messages.js';

export type Translate = (key: string, vars?: Record<string, unknown>) => string;

export interface LocaleText {
  locale: string;
  t: Translate;
  /** True when the key exists (for optional, generic lookups). */
  has: (key: string) => boolean;
  /** A raw resource value (e.g. the glossary array). */
  resource: (key: string) => unknown;
  list: (items: readonly string[]) => string;
  country: (code: string) => string;
}

const cache = new WeakMap<Library, Map<string, LocaleText>>();

export function localeText(library: Library, locale: string): LocaleText {
  let perLibrary = cache.get(library);
  if (!perLibrary) cache.set(library, (perLibrary = new Map()));
  const cached = perLibrary.get(locale);
  if (cached) return cached;
  const bundle = library.locales.get(locale);
  if (!bundle) {
    throw new PolicygenError([{ id: 'unknown-locale', severity: 'error', ...say('noLocale.messageBare', { locale }, 'noLocale.fixBare') }]);
  }
  const { i18n } = bundle;
  const t: Translate = (key, vars = {}) => {
    const text = i18n.exists(key, vars) ? (i18n.t(key, vars) as unknown) : undefined;
    if (typeof text !== 'string' || text === key) {
      throw new PolicygenError([{ id: 'missing-key', severity: 'error', file: bundle.file, path: key, ...say('localeNoText.message', { locale, key }, 'localeNoText.fix', { key, file: `locales/${locale}/versions.json` }) }]);
    }
    return text;
  };
  const listFormat = new Intl.ListFormat(locale, { type: 'conjunction' });
  const regions = new Intl.DisplayNames([locale], { type: 'region' });
  const text: LocaleText = {
    locale,
    t,
    has: (key) => i18n.exists(key),
    resource: (key) => i18n.getResource(locale, 'policy', key) as unknown,
    list: (items) => listFormat.format(items),
    country: (code) => {
      try {
        return regions.of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
  perLibrary.set(locale, text);
  return text;
}
