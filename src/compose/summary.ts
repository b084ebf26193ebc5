/**
 * The key-facts summary at the top of each policy document: eight rows (who we are, what
 * we collect, why, who receives it, where it is kept and sent, for how long, your main
 * rights, how to contact us), each from the same facts the body prints and each linking
 * to the section it summarises. It cannot disagree with the body: both read the same
 * (scoped) facts, and a row links only to a section this document contains.
 */
import type { Facts, Jurisdiction } from '../facts/schema.js';
import { escapeMarkdown } from './escape.js';

export interface SummaryContext {
  facts: Facts;
  locale: string;
  t: (key: string, vars?: Record<string, unknown>) => string;
  /** `[第二部分](#collection)`; undefined when the document lacks the clause. */
  ref: (id: string) => string | undefined;
  /** A retention period in words ("账号存续期间及其后 30 天"). */
  retention: (period: string) => string;
}

/** Laws whose rights the summary names, in this order; the UK GDPR's are the GDPR's. */
const RIGHTS_LAWS: readonly (Jurisdiction | 'gdpr_uk')[] = ['pipl', 'gdpr_uk', 'ccpa', 'lgpd'];

/** The EEA and the UK share a part: its region is named by the laws enabled. */
function regionKey(law: string, enabled: readonly string[]): string {
  if (law !== 'gdpr_uk') return law;
  return enabled.includes('gdpr') ? (enabled.includes('uk') ? 'gdpr_uk' : 'gdpr') : 'uk';
}

export function keyFactsSummary(ctx: SummaryContext): string {
  const { facts, locale, t } = ctx;
  const text = (value: Record<string, string> | undefined) => (value ? escapeMarkdown(String(value[locale])) : '');
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  const countries = new Intl.DisplayNames([locale], { type: 'region' });
  const country = (code: string) => (code === 'EEA' ? t('regions.eea_place') : escapeMarkdown(countries.of(code) ?? code));
  const sep = t('summary.separator');

  const company = facts.controller.short_name ? `${text(facts.controller.name)}${t('summary.short', { short: text(facts.controller.short_name) })}` : text(facts.controller.name);
  const categories = facts.data_categories.map((c) => `${text(c.name)}${c.sensitive && (facts.jurisdictions as string[]).includes('pipl') ? t('summary.sensitive') : ''}`);
  const purposes = facts.purposes.map((p) => text(p.description));
  const recipients = facts.recipients.map((r) => t('summary.recipient', { name: escapeMarkdown(r.name), country: country(r.country) }));
  // Where: the company's home and every destination of this document's transfers.
  const home = facts.controller.main_establishment_country;
  const destinations = [...new Set(facts.transfers.map((tr) => tr.country))].filter((c) => c !== home);
  const where = [
    ...(home ? [t('summary.where_home', { country: country(home) })] : []),
    ...(destinations.length ? [t('summary.where_abroad', { countries: list.format(destinations.map(country)) })] : []),
  ];
  const kept = facts.data_categories.map((c) =>
    t('summary.kept_item', { category: text(c.name), period: c.retention.period ? ctx.retention(c.retention.period) : t('summary.kept_criteria') }),
  );
  const enabled = facts.jurisdictions as string[];
  const rights = RIGHTS_LAWS.filter((law) => (law === 'gdpr_uk' ? enabled.includes('gdpr') || enabled.includes('uk') : enabled.includes(law)));
  const rightsText =
    rights.length === 1
      ? t(`summary.rights.${rights[0]}`)
      : rights.map((law) => t('summary.rights_in', { region: t(`regions.${regionKey(law, enabled)}`), rights: t(`summary.rights.${law}`) })).join(sep);
  const contacts = [
    t('summary.contact_email', { email: facts.controller.email }),
    ...(facts.pipo ? [t('summary.contact_pipo', { email: facts.pipo.email })] : []),
    ...(facts.dpo ? [t('summary.contact_dpo', { email: facts.dpo.email })] : []),
  ];

  const rows: [string, string, string][] = [
    ['who', company, 'intro'],
    ['what', list.format(categories), 'collection'],
    ['why', purposes.join(sep), 'use'],
    ['recipients', recipients.length ? list.format(recipients) : t('summary.no_recipients'), 'sharing'],
    ['where', where.join(sep) || t('summary.where_unknown'), facts.transfers.length ? 'transfers' : 'sharing'],
    ['kept', kept.join(sep), 'retention'],
    ['rights', rightsText, 'rights'],
    ['contact', contacts.join(sep), 'contact'],
  ];
  const cell = (value: string) => value.replace(/\n/g, ' ');
  const lines = [
    `**${t('summary.title')}**`,
    '',
    `| ${t('summary.topic')} | ${t('summary.answer')} | ${t('summary.details')} |`,
    '| --- | --- | --- |',
    ...rows.map(([key, value, clause]) => `| ${t(`summary.row.${key}`)} | ${cell(value)} | ${ctx.ref(clause) ?? ''} |`),
  ];
  return lines.join('\n');
}
