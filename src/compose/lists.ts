/**
 * China's lists, published beside a mainland-China privacy policy and read by regulators and
 * app-store reviewers: the 个人信息收集清单 (personal information collected), the 第三方共享清单
 * (third parties, SDKs included) and, for apps, the 应用权限清单 (system permissions). NDSR
 * Art. 21 para. 2 asks for collection and provision to others "以清单等形式予以列明".
 *
 * Pure: facts and the library in, one page of Markdown and one CSV file per list out, in one
 * language. Both are built from the same cells: Markdown cells are escaped once here (facts
 * may hold `|`, `*`, `<script>`), CSV cells are the plain text, made inert for spreadsheets.
 * Which documents get lists, and where they are written, is the publisher's business.
 */
import { PolicygenError, type Diagnostic } from '../diagnostics.js';
import type { Facts } from '../facts/schema.js';
import type { Library } from '../library/library.js';
import { say } from '../messages.js';
import { escapeMarkdown } from './escape.js';

export type ChinaListId = 'collection' | 'sharing' | 'permissions';

/** One thing a list names, in the words the list prints it with (plain text). */
export interface ChinaListEntry {
  kind: 'category' | 'recipient' | 'sdk' | 'permission';
  name: string;
  /** Where it comes from in the data file, e.g. `sdks[1]`. */
  path: string;
}

export interface ChinaList {
  id: ChinaListId;
  title: string;
  /** A complete page: `# title`, one sentence linking the policy, the table (and a legend). */
  markdown: string;
  /** RFC 4180, CRLF line ends, a UTF-8 byte-order mark; headers in the list's language. */
  csv: string;
  /** What the rows name, in order (for the check against the policy, src/jurisdictions/lists.ts). */
  entries: ChinaListEntry[];
}

export interface ChinaListOptions {
  locale: string;
  /** Link to the policy page the lists belong to, relative to the list page (e.g. `index.html`). */
  policyHref: string;
}

/** Whether a document with these facts publishes the lists: they are PIPL's (NDSR Art. 21 para. 2). */
export function needsChinaLists(facts: Pick<Facts, 'jurisdictions'>): boolean {
  return (facts.jurisdictions as string[]).includes('pipl');
}

/** The file each list is published as, in the folder of the policy page (pipl_lists links to them). */
export const CHINA_LIST_FILES: Readonly<Record<ChinaListId, string>> = {
  collection: 'collection-list',
  sharing: 'sharing-list',
  permissions: 'permissions-list',
};

/** A table cell: the same content as Markdown (escaped) and as plain text (for CSV). */
interface Cell {
  md: string;
  text: string;
}

const plain = (text: string): Cell => ({ md: escapeMarkdown(text), text });

/** The collection and sharing lists, and the permission list when the facts list permissions. */
export function composeChinaLists(facts: Facts, library: Library, options: ChinaListOptions): ChinaList[] {
  const { locale } = options;
  const bundle = library.locales.get(locale);
  if (!bundle) {
    throw new PolicygenError([{ id: 'unknown-locale', severity: 'error', path: 'policy.locales', ...say('noLocale.message', { locale, available: [...library.locales.keys()].join(', ') }, 'noLocale.fix') }]);
  }
  const diagnostics: Diagnostic[] = [];
  /** Locale text with values interpolated as given (already escaped for Markdown, or plain for CSV). */
  const t = (key: string, vars: Record<string, string> = {}): string => {
    const text = bundle.i18n.exists(key) ? (bundle.i18n.t(key, vars) as unknown) : undefined;
    if (typeof text !== 'string' || text === key) {
      diagnostics.push({ id: 'missing-key', severity: 'error', file: bundle.file, path: key, ...say('localeNoText.message', { locale, key }, 'localeNoText.fix', { key, file: bundle.file }) });
      return `⟦${key}⟧`;
    }
    return text;
  };
  /** The same locale sentence twice: with escaped values for Markdown, with raw values for CSV. */
  const both = (key: string, vars: Record<string, Cell>): Cell => ({
    md: t(key, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.md]))),
    text: t(key, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.text]))),
  });
  const word = (key: string): Cell => {
    const text = t(key);
    return { md: escapeMarkdown(text), text };
  };
  const loc = (value: Record<string, string> | undefined): string => (value ? String(value[locale] ?? '') : '');
  const join = (cells: Cell[], separator: string): Cell => ({ md: cells.map((c) => c.md).join(separator), text: cells.map((c) => c.text).join(separator) });
  /** "账号信息、笔记内容和交易信息" / "account, notes and payment", as the policy lists them. */
  const listOf = (cells: Cell[], format: Intl.ListFormat): Cell => ({ md: format.format(cells.map((c) => c.md)), text: format.format(cells.map((c) => c.text)) });
  const and = new Intl.ListFormat(locale, { type: 'conjunction' });
  const narrow = new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' });
  const semicolon = t('punct.semicolon');
  const none = word('lists.none');

  const purposeText = new Map(facts.purposes.map((p) => [p.id, plain(loc(p.description))]));
  const categoryName = new Map(facts.data_categories.map((c) => [c.id, plain(loc(c.name))]));
  // A purpose this document leaves out (not carried out for its readers, see compose/scope.ts) is not printed.
  const purposesOf = (ids: readonly string[]): Cell => join([...new Set(ids)].flatMap((id) => purposeText.get(id) ?? []), semicolon);
  const categoriesOf = (ids: readonly string[]): Cell => listOf(ids.map((id) => categoryName.get(id) ?? plain(id)), and);
  const link = (raw: string | undefined): Cell => (raw ? { md: linkMarkdown(raw), text: raw } : none);

  const company = plain(loc(facts.controller.name));
  const policyTitle = facts.policy.title ? loc(facts.policy.title) : t('document.title');
  const policyLink = plain(t('lists.policy_link', { title: policyTitle }));
  const intro = (id: ChinaListId): string =>
    t(`lists.${id}.intro`, { company: escapeMarkdown(company.text), policy: `[${policyLink.md}](<${encodeURI(options.policyHref)}>)` });

  const lists: ChinaList[] = [];

  // 个人信息收集清单: one row per data category.
  {
    const header = ['category', 'purposes', 'scenario', 'source', 'sensitive'].map((c) => word(`lists.collection.columns.${c}`));
    const yes = word('lists.collection.yes');
    const no = word('lists.collection.no');
    const entries: ChinaListEntry[] = [];
    const rows = facts.data_categories.map((category, i): Cell[] => {
      entries.push({ kind: 'category', name: loc(category.name), path: `data_categories[${i}]` });
      const named = both('lists.collection.category', { name: plain(loc(category.name)), examples: plain(loc(category.examples)) });
      // Sensitive personal information is marked where the eye lands first: a star before the
      // name and a bold 是 (the CSV says 是/否 in its own column and needs no star).
      const name: Cell = category.sensitive ? { md: `\\*${named.md}`, text: named.text } : named;
      const source = word(`lists.collection.source.${category.source}`);
      const how = category.source_detail ? both('lists.collection.source_detail', { source, detail: plain(loc(category.source_detail)) }) : source;
      const purposes = purposesOf(category.purposes);
      const scenario = category.scenario ? plain(loc(category.scenario)) : purposes;
      const sensitive = category.sensitive ? { md: `**${yes.md}**`, text: yes.text } : no;
      return [name, purposes, scenario, how, sensitive];
    });
    const legend = facts.data_categories.some((c) => c.sensitive) ? [t('lists.collection.legend', { mark: '\\*' })] : [];
    lists.push(page('collection', header, rows, [], legend, entries));
  }

  // 第三方共享清单: recipients, then the SDKs embedded in the apps.
  {
    const header = ['name', 'purpose', 'scenario', 'method', 'data', 'link'].map((c) => word(`lists.sharing.columns.${c}`));
    const entries: ChinaListEntry[] = [];
    const rows: Cell[][] = [];
    facts.recipients.forEach((recipient, i) => {
      entries.push({ kind: 'recipient', name: recipient.name, path: `recipients[${i}]` });
      const purposes = facts.data_categories.filter((c) => recipient.data.includes(c.id)).flatMap((c) => c.purposes);
      rows.push([
        plain(recipient.name),
        plain(loc(recipient.service)),
        recipient.scenario ? plain(loc(recipient.scenario)) : purposesOf(purposes),
        word(`lists.method.${recipient.method ?? 'unspecified'}`),
        categoriesOf(recipient.data),
        link(recipient.contact),
      ]);
    });
    facts.sdks.forEach((sdk, i) => {
      entries.push({ kind: 'sdk', name: loc(sdk.name), path: `sdks[${i}]` });
      const purpose = join([...(sdk.purposes?.length ? [purposesOf(sdk.purposes)] : []), ...(sdk.purpose ? [plain(loc(sdk.purpose))] : [])], semicolon);
      const data = sdk.data_detail ? both('lists.collection.category', { name: categoriesOf(sdk.data), examples: plain(loc(sdk.data_detail)) }) : categoriesOf(sdk.data);
      rows.push([
        both('lists.sharing.sdk_name', { sdk: plain(loc(sdk.name)), provider: plain(loc(sdk.provider)) }),
        purpose,
        plain(loc(sdk.scenario)),
        word('lists.method.sdk'),
        data,
        link(sdk.privacy_url),
      ]);
    });
    lists.push(page('sharing', header, rows, rows.length ? [] : [t('lists.sharing.empty')], [], entries));
  }

  // 应用权限清单: only for apps that request permissions.
  if (facts.permissions.length) {
    const header = ['permission', 'purpose', 'when', 'refusable'].map((c) => word(`lists.permissions.columns.${c}`));
    const entries: ChinaListEntry[] = [];
    const rows = facts.permissions.map((p, i): Cell[] => {
      const permission = word(`lists.permission.${p.permission}`);
      entries.push({ kind: 'permission', name: permission.text, path: `permissions[${i}]` });
      const platforms = p.platforms?.length ? listOf(p.platforms.map((code) => word(`lists.platform.${code}`)), narrow) : undefined;
      return [
        platforms ? both('lists.permissions.with_platforms', { permission, platforms }) : permission,
        plain(loc(p.purpose)),
        plain(loc(p.requested_when)),
        both(p.refusable ? 'lists.permissions.refusable' : 'lists.permissions.not_refusable', { consequence: plain(loc(p.if_refused)) }),
      ];
    });
    lists.push(page('permissions', header, rows, [], [t('lists.permissions.settings')], entries));
  }

  if (diagnostics.length) throw new PolicygenError(diagnostics);
  return lists;

  function page(id: ChinaListId, header: Cell[], cells: Cell[][], instead: string[], after: string[], entries: ChinaListEntry[]): ChinaList {
    const title = t(`lists.${id}.title`);
    const rows = cells.map((row) => row.map((cell) => (cell.text === '' ? none : cell)));
    const table = rows.length
      ? [`| ${header.map((c) => c.md).join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map((c) => c.md).join(' | ')} |`)].join('\n')
      : '';
    const blocks = [`# ${escapeMarkdown(title)}`, intro(id), table, ...instead, ...after].filter(Boolean);
    return {
      id,
      title,
      markdown: `${blocks.join('\n\n')}\n`,
      csv: toCsv([header.map((c) => c.text), ...rows.map((row) => row.map((c) => c.text))]),
      entries,
    };
  }
}

/** A validated http(s) URL or email as an autolink (as compose's `link` helper does); anything else as text. */
function linkMarkdown(raw: string): string {
  if (/^https?:\/\//.test(raw)) {
    let url: string;
    try {
      url = encodeURI(decodeURI(raw));
    } catch {
      url = encodeURI(raw);
    }
    return `<${url}>`;
  }
  if (/^[^\s<>@]+@[^\s<>@]+$/.test(raw)) return `<${raw}>`;
  return escapeMarkdown(raw);
}

/**
 * RFC 4180 CSV: fields holding `"`, `,`, CR or LF are quoted with inner quotes doubled; CRLF
 * after every record; a UTF-8 byte-order mark first, without which Excel and WPS read Chinese
 * as another code page. A cell a spreadsheet would run as a formula (starting with =, +, -,
 * @, tab or CR) gets a leading apostrophe, so hostile facts stay text (OWASP "CSV injection").
 * Twelve lines against a dependency: csv-stringify quotes as well, but neither adds the mark
 * nor neutralises formulas, so both would still be written here.
 */
export function toCsv(records: readonly (readonly string[])[]): string {
  const field = (value: string): string => {
    const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
  };
  return `\uFEFF${records.map((record) => `${record.map(field).join(',')}\r\n`).join('')}`;
}
