/**
 * Flag parsing shared by the commands (main.ts and versions.ts import it; it imports
 * neither, so the CLI has no cycle): exit codes, the language of parse-time messages,
 * and the parsers of values that more than one command takes.
 */
import { InvalidArgumentError } from 'commander';
import { EXIT_CODES } from '../diagnostics.js';
import { messageLanguages, tr } from '../messages.js';

/** Exit codes: the catalogue's exit classes (src/diagnostics.ts), plus success. */
export const EXIT = { ok: 0, ...EXIT_CODES } as const;

/** The language of messages printed while flags are parsed (set from --lang or the system locale first). */
let parseLang = 'en';
/** Set once the --lang flag (or the system locale) is known. */
export function setParseLanguage(lang: string): void {
  parseLang = lang;
}
export const say = (key: string, params: Record<string, string | number> = {}) => tr(`labels.${key}`, params, parseLang);
/** A help text — a command's, argument's or flag's description, or commander's own words — in the parse language (`help.<key>`). */
export const help = (key: string, params: Record<string, string | number> = {}) => tr(`help.${key}`, params, parseLang);

/** YYYY-MM-DD of a day that exists: "2026-06-31" is refused as a day June does not have, not as a format error. */
export function parseDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new InvalidArgumentError(say('dateFormat'));
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) throw new InvalidArgumentError(say('dateNoMonth', { date: value, month }));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) throw new InvalidArgumentError(say('dateNoDay', { date: value, day, days, month: tr(`labels.months.${month}`, {}, parseLang), year }));
  return value;
}

/** --lang: one of the languages messages exist in (en, zh-CN; zh_CN or en-US are understood too). */
export function parseLang_(value: string): string {
  const tag = value.split('.')[0]!.replace('_', '-').toLowerCase();
  const known = messageLanguages();
  if (!known.some((l) => l.toLowerCase() === tag || l.split('-')[0]!.toLowerCase() === tag.split('-')[0])) {
    throw new InvalidArgumentError(say('langUnknown', { lang: value, supported: known.join(', ') }));
  }
  return value;
}

export function parseWait(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(n) || n > 86_400) throw new InvalidArgumentError(say('waitRange'));
  return n;
}

/** --base-url (build and diff): an http or https address. */
export function parseBaseUrl(value: string): string {
  if (!/^https?:\/\/\S+$/.test(value)) throw new InvalidArgumentError(say('urlFormat'));
  return value;
}
