/**
 * The archive of released versions, written into a policy's output folder by `build`:
 *
 *   versions/<N>/<locale>/index.html    the page as released (permanent address)
 *   versions/<N>/<locale>/policy.md     the released Markdown, byte for byte (its sha256 is in the ledger)
 *   versions/<N>/<locale>/notice.md|html  the change notice of version N
 *   versions/<N>/<locale>/redline.html  what changed from version N-1 (N ≥ 2)
 *   versions/index.html                 every version, with dates, notes and notices
 *   feed.xml                            an Atom feed of releases carrying each notice
 *   policy-version.json, versions/<N>/policy-version.json, versions/versions.json  (version-record.ts)
 *
 * Pure: files are returned, not written; everything comes from the ledger and the library,
 * so rebuilding gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { formatDate, type LocaleDocument } from '../compose/compose.js';
import type { Library } from '../library/library.js';
import { documentPageTitle, policyPage } from '../publish/publish.js';
import { compareSides, type Comparison } from './compare.js';
import type { LedgerEntry } from './ledger.js';
import type { NoticeLinks } from './notice.js';
import { atomFeed, versionsIndexPage, withArchivedBanner, type FeedEntry, type IndexSection } from './pages.js';
import { noticeDocument, redlineDocument } from './render.js';
import { documentIds, ofDocument, sideFromEntry, SINGLE, withoutStamp } from './sides.js';
import { localeText } from './text.js';
import { versionRecordFiles } from './version-record.js';

export interface ArchiveFile {
  /** Relative to the policy's output folder, forward slashes. */
  path: string;
  content: string;
}

/** A deterministic urn:uuid (version 5 layout) from any text. */
export function urnUuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** From `versions/<N>/<locale>/` of a document in folder `dir` (`''` or `china/`) up to the output folder's assets. */
function assetsFrom(dir: string, levels: number): string {
  return '../'.repeat(levels + dir.split('/').filter(Boolean).length) + 'assets/';
}

function companyName(facts: Record<string, unknown>, locale: string): string {
  const controller = (facts.controller ?? {}) as Record<string, Record<string, string> | undefined>;
  const name = controller.short_name ?? controller.name;
  return name?.[locale] ?? name?.en ?? '';
}

function legalName(facts: Record<string, unknown>, locale: string): string {
  const name = (facts.controller as Record<string, Record<string, string> | undefined> | undefined)?.name;
  return name?.[locale] ?? name?.en ?? '';
}

function asLocaleDocument(entry: LedgerEntry, doc: LedgerEntry['documents'][number]): LocaleDocument {
  return { document: doc.document ?? SINGLE, locale: doc.locale, title: doc.title, stamp: doc.stamp, dateText: formatDate(entry.effective_date, doc.locale), markdown: doc.markdown, headings: doc.headings, refs: {} };
}

/**
 * A released document as its archived page shows it. Its Markdown links pages beside the
 * published one (`../../global/en/index.html`, the other document; `collection-list.html`,
 * a China list) relative to `<dir><locale>/`; the archived page is at
 * `<dir>versions/<N>/<locale>/`, so those links are rebased to reach the same pages. The
 * archived policy.md keeps the released bytes.
 */
function linksFromArchive(doc: LocaleDocument): LocaleDocument {
  const rebased = doc.markdown.replace(/\]\((?![a-z][a-z0-9+.-]*:|[#/<])([^)\s]+)\)/gi, (_, href: string) => `](${posix.join('../../..', doc.locale, href)})`);
  return { ...doc, markdown: rebased };
}

/**
 * The entries in which one document's text changed (its first appearance included), each
 * holding only that document's locales. A release that changed only another document is
 * not a version of this one: it gets no page, notice or feed entry here.
 */
export function documentEntries(entries: readonly LedgerEntry[], document: string): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  let last: string | undefined;
  for (const entry of entries) {
    const docs = ofDocument(entry.documents, document);
    if (!docs.length) continue;
    const text = docs.map((d) => `${d.locale}\u0000${withoutStamp(d)}`).join('\u0000');
    if (text !== last) out.push({ ...entry, documents: docs });
    last = text;
  }
  return out;
}

/**
 * Every document's archive (`<dir>versions/…`, `<dir>feed.xml`, where `dir` is the
 * document's folder: '' for the single layout) and the policy's anchor.
 */
export function archiveFiles(
  entries: readonly LedgerEntry[],
  library: Library,
  dirOf: (document: string) => string = (d) => (d === SINGLE ? '' : `${d}/`),
  /** build --base-url: the policy folder's absolute address (ending in `/`); feeds become absolute, one more per language. */
  policyUrl?: string,
): ArchiveFile[] {
  if (!entries.length) return [];
  const files: ArchiveFile[] = [];
  for (const document of documentIds(entries.flatMap((e) => e.documents))) {
    const dir = dirOf(document);
    for (const file of documentArchive(documentEntries(entries, document), library, document, dir, policyUrl === undefined ? undefined : `${policyUrl}${dir}`)) files.push({ ...file, path: `${dir}${file.path}` });
  }
  // policy-version.json (current and per release) and versions/versions.json: the records consent systems read (version-record.ts).
  files.push(...versionRecordFiles(entries, { library, dirOf, ...(policyUrl === undefined ? {} : { policyUrl }) }));
  const newest = entries[entries.length - 1]!;
  // The anchor: what was published, for `verify` and the next `build` to compare the ledger with.
  files.push({ path: ANCHOR, content: `${JSON.stringify({ head: newest.hash, versions: entries.map((e) => ({ version: e.version, effective_date: e.effective_date, hash: e.hash })) }, null, 2)}\n` });
  return files;
}

function documentArchive(entries: readonly LedgerEntry[], library: Library, document: string, dir: string, documentUrl?: string): ArchiveFile[] {
  if (!entries.length) return [];
  const ASSETS = assetsFrom(dir, 4);
  const files: ArchiveFile[] = [];
  const newest = entries[entries.length - 1]!;
  const comparisons = new Map<number, Comparison>();
  entries.forEach((entry, i) => {
    const previous = entries[i - 1];
    if (previous) {
      comparisons.set(entry.version, compareSides(sideFromEntry(previous, document), sideFromEntry(entry, document), library, { wording: entry.kind === 'wording' || entry.kind === 'facts_and_wording' }));
    }
  });
  const known = (locale: string) => library.locales.has(locale);

  // Pages, Markdown, notices and redlines of each version.
  for (const [i, entry] of entries.entries()) {
    const previous = entries[i - 1];
    const comparison = comparisons.get(entry.version);
    const docs = entry.documents.filter((d) => known(d.locale));
    for (const doc of docs) {
      const lt = localeText(library, doc.locale);
      const dir = `versions/${entry.version}/${doc.locale}`;
      // The page as build publishes it (one publisher), with links to the same version in the other languages.
      const page = policyPage(linksFromArchive(asLocaleDocument(entry, doc)), docs.map((d) => asLocaleDocument(entry, d)), library, { assets: ASSETS, href: (l) => `../${l}/index.html`, company: companyName(entry.facts, doc.locale), version: entry.version });
      files.push({
        path: `${dir}/index.html`,
        content: withArchivedBanner(page, {
          banner: lt.t('versions.archive.banner', { version: entry.version, date: formatDate(entry.effective_date, doc.locale) }),
          newer: entry === newest ? null : lt.t('versions.archive.banner_newer'),
          current: `../../../${doc.locale}/index.html`,
          currentLabel: lt.t('versions.archive.current_link'),
          index: '../../index.html',
          indexLabel: lt.t('versions.archive.all_versions'),
        }),
      });
      files.push({ path: `${dir}/policy.md`, content: doc.markdown });
      const links = { policy: 'index.html', ...(previous ? { previous: `../../${previous.version}/${doc.locale}/index.html`, redline: 'redline.html' } : {}) };
      const notice = entryNotice(entry, previous, comparison, doc.locale, links, library, ASSETS);
      files.push({ path: `${dir}/notice.md`, content: notice.markdown }, { path: `${dir}/notice.html`, content: notice.html });
      if (comparison) {
        const html = redlineDocument(comparison, doc.locale, library, ASSETS);
        if (html) files.push({ path: `${dir}/redline.html`, content: html });
      }
    }
  }

  files.push({ path: 'versions/index.html', content: indexPage(entries, comparisons, library, document, assetsFrom(dir, 2)) });
  files.push({ path: 'feed.xml', content: feed(entries, comparisons, library, document, documentUrl) });
  // With a base URL, one feed per language as well: its entries link that language's page.
  if (documentUrl !== undefined) {
    for (const locale of newest.documents.map((d) => d.locale).filter(known)) files.push({ path: `feed.${locale}.xml`, content: feed(entries, comparisons, library, document, documentUrl, locale) });
  }
  return files;
}

/** `versions/ledger.json` in a policy's output folder: every published version's hash, and the head. */
export const ANCHOR = 'versions/ledger.json';

export interface PublishedVersions {
  /** Number of versions the output folder publishes (0: none, or no archive). */
  count: number;
  /** Version → hash, where the anchor file says. */
  hashes: Map<number, string>;
  /** Where that was read (for messages). */
  where: string;
}

/**
 * The versions `outDir/<id>/` already publishes: from its anchor file, else from the
 * numbered folders of its archive, and from manifest.json — the largest count wins.
 */
export async function publishedVersions(outDir: string, id: string): Promise<PublishedVersions> {
  const dir = join(outDir, id);
  const result: PublishedVersions = { count: 0, hashes: new Map(), where: join(dir, 'versions') };
  try {
    const anchor = JSON.parse(await readFile(join(dir, ...ANCHOR.split('/')), 'utf8')) as { versions?: Array<{ version: number; hash: string }> };
    for (const v of anchor.versions ?? []) if (Number.isInteger(v.version) && typeof v.hash === 'string') result.hashes.set(v.version, v.hash);
    result.count = Math.max(0, ...result.hashes.keys());
    result.where = join(dir, ...ANCHOR.split('/'));
  } catch {
    // no anchor (an archive built before it existed, or none)
  }
  // Each document's archive: `versions/` (the single layout) and `<document>/versions/`.
  const archives = [join(dir, 'versions')];
  try {
    for (const entry of await readdir(dir, { withFileTypes: true })) if (entry.isDirectory() && entry.name !== 'versions') archives.push(join(dir, entry.name, 'versions'));
  } catch {
    // no policy folder
  }
  for (const archive of archives) {
    try {
      const numbered = (await readdir(archive)).filter((n) => /^\d+$/.test(n)).map(Number);
      if (Math.max(0, ...numbered) > result.count) {
        result.count = Math.max(...numbered);
        result.where = archive;
      }
    } catch {
      // no archive
    }
  }
  try {
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as { policies?: Record<string, { artifacts?: Array<{ path: string }> }> };
    // `<id>/versions/<N>/…` or `<id>/<document>/versions/<N>/…`
    const numbers = (manifest.policies?.[id]?.artifacts ?? []).map((a) => (a.path.startsWith(`${id}/`) ? Number(/^(?:[^/]+\/)?versions\/(\d+)\//.exec(a.path.slice(id.length + 1))?.[1] ?? 0) : 0));
    if (Math.max(0, ...numbers) > result.count) {
      result.count = Math.max(...numbers);
      result.where = join(outDir, 'manifest.json');
    }
  } catch {
    // no manifest
  }
  return result;
}

/** The change notice of one released version, with links relative to where it is shown. */
function entryNotice(
  entry: LedgerEntry,
  previous: LedgerEntry | undefined,
  comparison: Comparison | undefined,
  locale: string,
  links: NoticeLinks,
  library: Library,
  assets: string,
): ReturnType<typeof noticeDocument> {
  return noticeDocument(
    {
      locale,
      ...(comparison ? { comparison } : {}),
      version: entry.version,
      date: entry.effective_date,
      ...(previous ? { previous: { version: previous.version, date: previous.effective_date } } : {}),
      ...(entry.note?.[locale] ? { note: entry.note[locale] } : {}),
      links,
      facts: entry.facts,
      // With several documents, the notice names its document (an entry here holds one document's locales).
      ...(entry.documents[0]?.document ? { documentTitle: entry.documents.find((d) => d.locale === locale)?.title ?? entry.documents[0].title } : {}),
    },
    library,
    assets,
  );
}

/** The title of an entry's document in a locale (the entries given here hold one document). */
function titleIn(entry: LedgerEntry, locale: string): string {
  return entry.documents.find((d) => d.locale === locale)?.title ?? entry.documents[0]?.title ?? '';
}

function kindLabel(entry: LedgerEntry, library: Library, locale: string): string {
  return localeText(library, locale).t(`versions.archive.kind_${entry.kind}`);
}

function indexPage(entries: readonly LedgerEntry[], comparisons: Map<number, Comparison>, library: Library, document: string, assets: string): string {
  const newest = entries[entries.length - 1]!;
  const locales = newest.documents.map((d) => d.locale).filter((l) => library.locales.has(l));
  const sections: IndexSection[] = locales.map((locale) => {
    const lt = localeText(library, locale);
    const company = companyName(newest.facts, locale);
    return {
      locale,
      title: document === SINGLE ? lt.t('versions.archive.index_title', { company }) : lt.t('versions.archive.index_title_doc', { title: titleIn(newest, locale) }),
      intro: lt.t('versions.archive.intro'),
      feed: '../feed.xml',
      feedLabel: lt.t('versions.archive.feed'),
      versions: [...entries]
        .reverse()
        .filter((e) => e.documents.some((d) => d.locale === locale))
        .map((entry) => {
          const comparison = comparisons.get(entry.version);
          const dir = `${entry.version}/${locale}`;
          return {
            version: entry.version,
            anchor: `v${entry.version}-${locale}`,
            label: lt.t('versions.archive.version', { version: entry.version }),
            current: entry === newest ? lt.t('versions.archive.current') : null,
            effective: lt.t('versions.archive.effective', { date: formatDate(entry.effective_date, locale) }),
            kind: kindLabel(entry, library, locale),
            note: entry.note?.[locale] ?? null,
            highlights: (comparison?.changes ?? []).slice(0, 3).map((c) => c.text[locale] ?? ''),
            page: `${dir}/index.html`,
            markdown: `${dir}/policy.md`,
            notice: `${dir}/notice.html`,
            redline: comparison ? `${dir}/redline.html` : null,
            readLabel: lt.t('versions.archive.read'),
            noticeLabel: lt.t('versions.archive.notice'),
            redlineLabel: lt.t('versions.archive.redline'),
            hashLabel: lt.t('versions.archive.hash'),
            hash: entry.hash,
          };
        }),
    };
  });
  // "云笺 · 隐私政策（中国大陆）历史版本 / Nimbus Notes · Privacy Policy (Mainland China): all versions"
  const title = locales.map((l) => localeText(library, l).t('versions.archive.page_title', { title: documentPageTitle(library, l, companyName(newest.facts, l), titleIn(newest, l)) })).join(' / ');
  return versionsIndexPage({ lang: locales[0] ?? 'en', title, assets, feed: '../feed.xml', sections });
}

/**
 * The Atom feed of a document's releases. Without `documentUrl` (no --base-url) every link is
 * relative to the feed's own address, as it always was; with it every link is absolute and the
 * feed carries `xml:base`. With `only`, the feed of one language: its title, entries, links and
 * notices are that language's alone.
 */
function feed(entries: readonly LedgerEntry[], comparisons: Map<number, Comparison>, library: Library, document: string, documentUrl?: string, only?: string): string {
  const newest = entries[entries.length - 1]!;
  const first = entries[0]!;
  const base = documentUrl ?? '';
  const shown = (l: string) => library.locales.has(l) && (only === undefined || l === only);
  const locales = newest.documents.map((d) => d.locale).filter(shown);
  const both = (key: string, vars: (locale: string) => Record<string, unknown>) => locales.map((l) => localeText(library, l).t(key, vars(l))).join(' / ');
  const idOf = (what: string | number) => urnUuid(`policygen:${first.hash}:${document === SINGLE ? '' : `${document}:`}${what}${only === undefined ? '' : `:${only}`}`);
  const feedEntries: FeedEntry[] = [...entries].reverse().map((entry) => {
    const previous = entries[entries.indexOf(entry) - 1];
    const comparison = comparisons.get(entry.version);
    const content = entry.documents
      .filter((d) => shown(d.locale))
      .map((doc) => {
        // Links relative to the feed's own address (output/<id>/<dir>feed.xml), or absolute with a base URL.
        const links = {
          policy: `${base}versions/${entry.version}/${doc.locale}/index.html`,
          ...(previous ? { previous: `${base}versions/${previous.version}/${doc.locale}/index.html`, redline: `${base}versions/${entry.version}/${doc.locale}/redline.html` } : {}),
        };
        const notice = entryNotice(entry, previous, comparison, doc.locale, links, library, '');
        return `<div lang="${doc.locale}">${notice.bodyHtml}</div>`;
      })
      .join('\n');
    return {
      title: both(document === SINGLE ? 'versions.archive.entry_title' : 'versions.archive.entry_title_doc', (l) => ({ version: entry.version, date: formatDate(entry.effective_date, l), title: titleIn(entry, l) })),
      id: idOf(`${entry.version}:${entry.hash}`),
      updated: `${entry.effective_date}T00:00:00Z`,
      links: entry.documents.filter((d) => shown(d.locale)).map((d) => ({ locale: d.locale, href: `${base}versions/${entry.version}/${d.locale}/index.html` })),
      summary: both(`versions.archive.kind_${entry.kind}`, () => ({})),
      content,
    };
  });
  const email = (newest.facts.controller as Record<string, unknown> | undefined)?.email;
  return atomFeed({
    lang: only ?? locales[0] ?? 'en',
    ...(documentUrl !== undefined ? { base: documentUrl } : {}),
    title: document === SINGLE ? both('versions.archive.feed_title', (l) => ({ company: companyName(newest.facts, l) })) : both('versions.archive.feed_title_doc', (l) => ({ title: titleIn(newest, l) })),
    id: idOf('feed'),
    updated: `${newest.effective_date}T00:00:00Z`,
    self: `${base}${only === undefined ? 'feed.xml' : `feed.${only}.xml`}`,
    alternate: `${base}versions/index.html${only === undefined ? '' : `#${only}`}`,
    author: [...new Set(locales.map((l) => legalName(newest.facts, l)))].join(' / '),
    email: typeof email === 'string' ? email : null,
    entries: feedEntries,
  });
}
