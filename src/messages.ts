/**
 * Messages people read on the command line (and in --json, preview, the library's
 * diagnostics), in every language that has `locales/<lang>/cli/messages.json`, through
 * i18next. A diagnostic keeps the key and parameters of its message and fix, so it can be
 * shown in another language later (`--lang zh-CN`); its `message`/`fix` are English.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import type { Diagnostic } from './diagnostics.js';
import { PACKAGE_ROOT } from './package-root.js';

export type MessageParams = Record<string, string | number>;
export interface MessageRef {
  /** Key under `messages.` in locales/<lang>/cli/messages.json, e.g. `unknownField.message`. */
  key: string;
  params: MessageParams;
}

const LOCALES_DIR = join(PACKAGE_ROOT, 'locales');
let languages: string[] | undefined;
/** One i18next instance per language, made on first use: a run in English never parses the other catalogues. */
const instances = new Map<string, i18n>();

function instanceFor(lang: string): i18n | undefined {
  let instance = instances.get(lang);
  if (instance || !messageLanguages().includes(lang)) return instance;
  instance = i18next.createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: false,
    resources: { [lang]: { cli: JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'cli', 'messages.json'), 'utf8')) } },
    ns: ['cli'],
    defaultNS: 'cli',
    initAsync: false,
    returnEmptyString: true,
    interpolation: { escapeValue: false, skipOnVariables: true },
  });
  instances.set(lang, instance);
  return instance;
}

/** Languages CLI messages exist in. */
export function messageLanguages(): string[] {
  languages ??= readdirSync(LOCALES_DIR)
    .sort()
    .filter((lang) => existsSync(join(LOCALES_DIR, lang, 'cli', 'messages.json')));
  return [...languages];
}

/** The language to use: an explicit choice, else the system locale (LC_ALL, LC_MESSAGES, LANG), else English. */
export function resolveLanguage(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const available = messageLanguages();
  const candidates = [explicit, env.LC_ALL, env.LC_MESSAGES, env.LANG].filter((v): v is string => Boolean(v));
  for (const raw of candidates) {
    const tag = raw.split('.')[0]!.replace('_', '-');
    const exact = available.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const base = available.find((l) => l.split('-')[0] === tag.split('-')[0]);
    if (base) return base;
    if (raw === explicit) break; // an explicit unknown language falls back to English, not the system's
  }
  return 'en';
}

/** A label or message by full key (`labels.error`, `messages.x.message`) in `lang`. */
export function tr(key: string, params: MessageParams = {}, lang = 'en'): string {
  const instance = instanceFor(lang) ?? instanceFor('en');
  if (!instance) return key;
  const resolved: MessageParams = {};
  // Parameters named …Kind hold a kind code ("array", "text") that is itself translated.
  for (const [name, value] of Object.entries(params)) {
    resolved[name] = name.endsWith('Kind') ? (instance.t(`kinds.${value}`, { sample: params.sample ?? '' }) as string) : value;
  }
  const text = instance.t(key, resolved) as string;
  return text === key && lang !== 'en' ? tr(key, params, 'en') : text;
}

/** Message (and fix) for a diagnostic: English text plus the references to re-render it. */
export function say(key: string, params: MessageParams = {}, fixKey?: string, fixParams: MessageParams = params): Pick<Diagnostic, 'message' | 'fix' | 'i18n'> {
  const message: MessageRef = { key, params };
  const fix: MessageRef | undefined = fixKey ? { key: fixKey, params: fixParams } : undefined;
  return {
    message: tr(`messages.${key}`, params),
    ...(fix ? { fix: tr(`messages.${fix.key}`, fix.params) } : {}),
    i18n: { message, ...(fix ? { fix } : {}) },
  };
}

/** The diagnostic in another language (unchanged where no translation exists). */
export function localize(d: Diagnostic, lang: string): Diagnostic {
  if (lang === 'en' || !d.i18n) return d;
  return {
    ...d,
    message: tr(`messages.${d.i18n.message.key}`, d.i18n.message.params, lang),
    ...(d.i18n.fix ? { fix: tr(`messages.${d.i18n.fix.key}`, d.i18n.fix.params, lang) } : {}),
  };
}

/** "2026年3月7日" / "March 7, 2026": the calendar date, never shifted by time zone. */
export function formatDate(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}
