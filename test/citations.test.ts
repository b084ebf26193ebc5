/**
 * Statute citations name their law; the policy's own sections never read as articles.
 *
 * The Chinese policy numbers its sections 一、（二）3. If a cross-reference said "第十六条"
 * and a PIPL sentence ended "（第十六条）", a reader could not tell this policy's section 16
 * from Article 16 of the PIPL. So, in the composed example (both languages):
 * - zh-CN: every article citation "第…条" is preceded by its law's name (《…》, GDPR, 英国 GDPR,
 *   CCPA, LGPD), directly or through a chain such as "第 6 条第 1 款" or "第 44 条至第 49 条";
 *   cross-references read "第十六部分", never "第十六条"; the text never calls a section of
 *   this policy "本条" / "其他各条".
 * - en: every "Art." / "Article" / "§" / "s." citation has its law's name right before it
 *   ("CCPA § 1798.120", "LGPD Art. 7, I") or after it in the same parenthesis or clause
 *   ("Art. 15 GDPR", "Article 17 of the PIPL").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose, type LocaleDocument } from '../src/compose/compose.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import type { Facts } from '../src/facts/schema.js';
import { factsFrom, library } from './helpers/library.js';

const exampleYaml = readFileSync(join(PACKAGE_ROOT, 'data', 'example.yaml'), 'utf8');

/** An article number: Chinese numerals, or Arabic with letters and brackets ("1798.140(ag)、(j)", "12A"). */
const NUMBER = String.raw`(?:[一二三四五六七八九十百零]+|\d[0-9A-Za-z.()]*(?:、\s*\([0-9A-Za-z]+\))*)`;
const ZH_ARTICLE = new RegExp(String.raw`第\s*${NUMBER}\s*条`, 'g');
/** What a citation may be chained to: a preceding unit ("第 11 编", "第 44 条") and a connector. */
const ZH_UNIT_AT_END = new RegExp(String.raw`第\s*${NUMBER}\s*(?:编|章|节|条|款|项|目|段)\s*(?:、|至|和|及|或)?\s*$`);
/** A law's name right before the citation. */
const ZH_LAW_AT_END = /(?:》|GDPR|CCPA|LGPD)\s*$/;

/** zh-CN article citations not preceded by a law's name, each with the text before it. */
function unnamedZh(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(ZH_ARTICLE)) {
    let before = text.slice(0, match.index);
    for (let unit = ZH_UNIT_AT_END.exec(before); unit; unit = ZH_UNIT_AT_END.exec(before)) before = before.slice(0, unit.index);
    if (!ZH_LAW_AT_END.test(before)) found.push(`${text.slice(Math.max(0, match.index! - 30), match.index)}【${match[0]}】`);
  }
  return found;
}

/** This policy's own sections written like statute articles. */
function sectionsAsArticles(text: string): string[] {
  const links = [...text.matchAll(/\[([^\]]*)\]\(#[^)]*\)/g)].map((m) => m[1]!).filter((label) => /条/.test(label));
  const prose = [...text.matchAll(/(?<!条及)(?:本|该|其他各|以下各)条(?![款件例文目])/g)].map((m) => `${text.slice(Math.max(0, m.index! - 20), m.index)}【${m[0]}】`);
  return [...links, ...prose];
}

const EN_CITATION = /(?:\bArts?\.|\bArticles?\b|§§?|\bs\.)\s*(?=\d)/g;
const EN_LAW = String.raw`(?:UK GDPR|GDPR|CCPA|LGPD|PIPL|Data Protection Act 2018|Cal\. Civ\. Code|Cal\. Code Regs\. tit\. \d+,|Cybersecurity Law|Network Data Security Management Regulations,?|Regulations on the Protection of Minors Online,?)`;
const EN_LAW_BEFORE = new RegExp(String.raw`${EN_LAW}\s*$`);
const EN_LAW_AFTER = new RegExp(String.raw`\b${EN_LAW}`);

/** Each en citation with the text right before it and the rest of its parenthesis or clause. */
function citationsEn(text: string): { before: string; citation: string; after: string }[] {
  return [...text.matchAll(EN_CITATION)].flatMap((match) => {
    const before = text.slice(Math.max(0, match.index! - 60), match.index);
    // "LGPD Art. 14, §2": a paragraph of the article just cited, not a citation of its own.
    if (/\b(?:Arts?\.|Articles?)\s*\d[0-9A-Za-z().]*,\s*$/.test(before)) return [];
    return [{ before, citation: match[0], after: clauseRest(text.slice(match.index! + match[0].length)) }];
  });
}

/** Text up to the ")" closing the enclosing parenthesis, ";", ":", a line end or a sentence end. */
function clauseRest(rest: string): string {
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '(') depth++;
    else if (c === ')' && depth-- === 0) return rest.slice(0, i);
    else if (c === ';' || c === ':' || c === '\n' || (c === '.' && /^\.(?:\s+[A-Z*]|$)/.test(rest.slice(i, i + 3)))) return rest.slice(0, i);
  }
  return rest;
}

/** en citations with no law's name right before them or later in the same parenthesis or clause. */
function unnamedEn(text: string): string[] {
  return citationsEn(text)
    .filter(({ before, after }) => !EN_LAW_BEFORE.test(before) && !EN_LAW_AFTER.test(after))
    .map(({ before, citation, after }) => `${before.slice(-30)}【${citation}${after.slice(0, 20)}】`);
}

async function composeVariant(change: (facts: Facts) => Facts = (f) => f): Promise<LocaleDocument[]> {
  const facts = change(factsFrom(exampleYaml, 'data/example.yaml'));
  return compose(facts, await library(), { date: facts.policy.effective_date! }).documents;
}

const doc = (docs: LocaleDocument[], locale: string) => docs.find((d) => d.locale === locale)!;

describe('the checks themselves', () => {
  it('flag the old Chinese citations and accept the named ones', () => {
    expect(unnamedZh('向境外提供您的个人信息（第三十九条）。')).toHaveLength(1);
    expect(unnamedZh('撤回不影响处理（第 8 条第 5 款）。')).toHaveLength(1);
    expect(unnamedZh('限制在第 1798.121(a) 条所允许的目的范围内')).toHaveLength(1);
    expect(unnamedZh('（《个人信息保护法》第三十九条）')).toEqual([]);
    expect(unnamedZh('（GDPR 第 6 条第 1 款 (a) 项）（英国 GDPR 第 44 条至第 49 条）')).toEqual([]);
    expect(unnamedZh('（CCPA 第 1798.100 条、第 1798.110 条、第 1798.115 条）（CCPA 第 1798.140(ag)、(j) 条）')).toEqual([]);
    expect(unnamedZh('（《加州法规汇编》第 11 编第 7026 条）（consentimento，LGPD 第 7 条第 I 项）')).toEqual([]);
    expect(unnamedZh('欧盟第 2016/679 号条例；第 13.709/2018 号法律')).toEqual([]);
  });
  it('flag cross-references and prose that call a section of this policy an article', () => {
    expect(sectionsAsArticles('见[第十六条](#contact)')).toHaveLength(1);
    expect(sectionsAsArticles('本条与其他各条不一致的，以本条为准')).toHaveLength(3);
    expect(sectionsAsArticles('见[第十六部分（二）](#contact)；本部分与其他各部分不一致的；本条例；《加州民法典》第 1798.100 条及以下各条')).toEqual([]);
  });
  it('flag the old English citations and accept the named ones', () => {
    expect(unnamedEn('**Access** (Art. 15): to learn')).toHaveLength(1);
    expect(unnamedEn('to the purposes permitted by § 1798.121(a) (§ 1798.121);')).toHaveLength(2);
    expect(unnamedEn('your consent (consentimento; Art. 7, I)')).toHaveLength(1);
    expect(unnamedEn('in {{rights}} (Art. 14, §2).')).toHaveLength(1);
    expect(unnamedEn('under Art. 27. You, and the GDPR')).toHaveLength(1);
    expect(unnamedEn('**Access** (Art. 15 GDPR): to learn (Art. 49(1) UK GDPR, second subparagraph)')).toEqual([]);
    expect(unnamedEn('(CCPA §§ 1798.100, 1798.110, 1798.115) (Cal. Code Regs. tit. 11, § 7026) (LGPD Art. 7, I) (LGPD Art. 14, §2)')).toEqual([]);
    expect(unnamedEn('under Article 17 of the PIPL. (Network Data Security Management Regulations, Article 24) (s. 164A Data Protection Act 2018)')).toEqual([]);
  });
});

describe('citations in the composed example', () => {
  const variants: [string, (facts: Facts) => Facts][] = [
    ['all laws (the example)', (f) => f],
    ['UK GDPR without the EU GDPR', (f) => ({ ...f, jurisdictions: f.jurisdictions.filter((j) => j !== 'gdpr') })],
    ['EU GDPR without the UK GDPR', (f) => ({ ...f, jurisdictions: f.jurisdictions.filter((j) => j !== 'uk') })],
    ['decimal numbering in Chinese', (f) => ({ ...f, policy: { ...f.policy, numbering: { ...f.policy.numbering, 'zh-CN': 'decimal' } } })],
  ];
  for (const [name, change] of variants) {
    it(`${name}: every statute citation names its law, in both languages`, async () => {
      const docs = await composeVariant(change);
      const zh = doc(docs, 'zh-CN');
      const en = doc(docs, 'en');
      expect(unnamedZh(zh.markdown)).toEqual([]);
      expect(unnamedEn(en.markdown)).toEqual([]);
    });
    it(`${name}: the policy's own sections never read as articles`, async () => {
      const docs = await composeVariant(change);
      const zh = doc(docs, 'zh-CN');
      expect(zh.headings.map((h) => h.refText).filter((ref) => /条/.test(ref))).toEqual([]);
      expect(sectionsAsArticles(zh.markdown)).toEqual([]);
    });
  }

  it('cites the UK GDPR, not the GDPR, where only the UK GDPR applies', async () => {
    const docs = await composeVariant((f) => ({ ...f, jurisdictions: f.jurisdictions.filter((j) => j !== 'gdpr') }));
    const zh = doc(docs, 'zh-CN').markdown;
    const en = doc(docs, 'en').markdown;
    expect(zh).toContain('英国 GDPR 第 15 条');
    expect([...zh.matchAll(/(?<!英国 )GDPR 第/g)]).toEqual([]);
    expect(en).toContain('Art. 15 UK GDPR');
    const euCitations = citationsEn(en).filter(({ before, after }) => /(?<!UK )GDPR\s*$/.test(before) || /(?<!UK )GDPR\b/.test(after));
    expect(euCitations.map(({ citation, after }) => citation + after)).toEqual([]);
  });

  it('writes Chinese cross-references as 第十六部分（二）3', async () => {
    const docs = await composeVariant();
    const refs = doc(docs, 'zh-CN').headings.map((h) => h.refText);
    expect(refs.filter((r) => !/^第[一二三四五六七八九十百零]+部分(?:（[一二三四五六七八九十百零]+）(?:\d+)?)?$/.test(r))).toEqual([]);
    expect(refs).toContain('第一部分');
  });
});
