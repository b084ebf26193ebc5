/**
 * Legal consistency (issue 11): each defect a bilingual lawyer found in the example's
 * policy either cannot be produced any more (the output is checked) or is refused by
 * `check` with a located diagnostic (the data file that used to produce it is checked).
 * Every case is a small edit of data/example.yaml, so lines and columns are real ones.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/pipeline/check.js';
import { compose } from '../src/compose/compose.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { factsFrom, library } from './helpers/library.js';
import { replaced } from './helpers/workspace.js';

const EXAMPLE = readFileSync(join(PACKAGE_ROOT, 'data', 'example.yaml'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'policygen-consistency-'));

/** The example with each [from, to] replaced once; fails if a `from` is not found (the test would assert nothing). */
function edit(...pairs: [string, string][]): string {
  return replaced(EXAMPLE, 'example', pairs);
}

let n = 0;
async function diagnose(text: string): Promise<Diagnostic[]> {
  const file = join(dir, `case-${n++}.yaml`);
  writeFileSync(file, text);
  const report = await check([file]);
  return [...report.diagnostics, ...report.policies.flatMap((p) => p.diagnostics)];
}

/** The 1-based line of the first occurrence of `needle` in `text`. */
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

async function expectRefused(text: string, id: string, path: string, lineNeedle: string, says: RegExp[] = []) {
  const found = await diagnose(text);
  const hit = found.find((d) => d.id === id && d.path === path);
  expect(hit, `expected [${id}] at ${path}; got:\n${found.map((d) => `${d.line}:${d.column} [${d.id}] ${d.path} ${d.message}`).join('\n')}`).toBeDefined();
  expect(hit!.line).toBe(lineOf(text, lineNeedle));
  expect(hit!.column).toBeGreaterThan(0);
  expect(hit!.fix, 'every refusal says what to write').toBeTruthy();
  for (const re of says) expect(`${hit!.message} ${hit!.fix}`).toMatch(re);
  return hit!;
}

async function composed(text = EXAMPLE) {
  const doc = compose(factsFrom(text), await library(), { date: '2026-03-07' });
  return Object.fromEntries(doc.documents.map((d) => [d.locale, d.markdown])) as Record<'zh-CN' | 'en', string>;
}

/** The text of one top-level clause (its heading line to the next top-level heading). */
function section(markdown: string, headingStart: RegExp): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => headingStart.test(l));
  expect(start, `no heading ${headingStart}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** Everything before the first region section: the clauses every reader reads. */
function shared(markdown: string, locale: 'zh-CN' | 'en'): string {
  const marker = locale === 'en' ? '## 14. Additional information' : '## 十四、';
  const at = markdown.indexOf(marker);
  expect(at).toBeGreaterThan(0);
  return markdown.slice(0, at);
}

describe('one list of bases per law', () => {
  it("each module's bases (the law's part, with citations) are exactly the codes the schema offers for that law", async () => {
    const { PIPL_BASES, GDPR_BASES, LGPD_BASES } = await import('../src/facts/schema.js');
    const { modules } = await library();
    const schemaCodes = { pipl: PIPL_BASES, gdpr: GDPR_BASES, uk: GDPR_BASES, lgpd: LGPD_BASES } as const;
    for (const [law, codes] of Object.entries(schemaCodes)) {
      expect([...Object.keys(modules.get(law as 'pipl')!.bases), 'not_applicable'].sort(), law).toEqual([...codes].sort());
    }
    expect(Object.keys(modules.get('ccpa')!.bases)).toEqual([]);
  });
});

describe('the example passes every consistency check', () => {
  it('check reports no error and no warning', async () => {
    const found = await diagnose(EXAMPLE);
    expect(found.map((d) => `${d.severity} [${d.id}] ${d.path}: ${d.message}`)).toEqual([]);
  });
});

describe('1. legal bases come from each law, in its own part', () => {
  it('PIPL has no legitimate interests: refused, naming the purpose, the law and what it accepts', async () => {
    const text = edit(['bases: { pipl: legal_obligation, gdpr: legitimate_interests, lgpd: legitimate_interests }\n    obligations:\n      - law:\n          zh-CN: 《中华人民共和国网络安全法》（网络安全', 'bases: { pipl: legitimate_interests, gdpr: legitimate_interests, lgpd: legitimate_interests }\n    obligations:\n      - law:\n          zh-CN: 《中华人民共和国网络安全法》（网络安全']);
    await expectRefused(text, 'basis-not-in-law', 'purposes[5].bases.pipl', 'pipl: legitimate_interests', [/"security"/, /PIPL/, /consent, contract/]);
  });

  it('a file that enables only PIPL is refused for legitimate interests as well', async () => {
    const text = edit(['jurisdictions: [pipl, gdpr, uk, ccpa, lgpd]', 'jurisdictions: [pipl]'], ['bases: { pipl: contract, gdpr: contract, lgpd: contract }\n  - id: ai_summaries', 'bases: { pipl: legitimate_interests }\n  - id: ai_summaries']);
    await expectRefused(text, 'basis-not-in-law', 'purposes[0].bases.pipl', 'pipl: legitimate_interests');
  });

  it('a Chinese legal obligation is no GDPR Art. 6(1)(c) basis (Art. 6(3))', async () => {
    const text = edit(['bases: { pipl: legal_obligation, gdpr: not_applicable, lgpd: not_applicable }', 'bases: { pipl: legal_obligation, gdpr: legal_obligation, lgpd: not_applicable }']);
    await expectRefused(text, 'basis-foreign-law', 'purposes[4].bases.gdpr', 'gdpr: legal_obligation', [/CN/, /6\(3\)/]);
  });

  it('nor an LGPD Art. 7 II basis', async () => {
    const text = edit(['bases: { pipl: legal_obligation, gdpr: not_applicable, lgpd: not_applicable }', 'bases: { pipl: legal_obligation, gdpr: not_applicable, lgpd: legal_obligation }']);
    await expectRefused(text, 'basis-foreign-law', 'purposes[4].bases.lgpd', 'lgpd: legal_obligation', [/BR/]);
  });

  it('a purpose with no basis under an enabled law is refused', async () => {
    const text = edit(['bases: { pipl: consent, gdpr: consent, lgpd: consent }', 'bases: { pipl: consent, gdpr: consent }']);
    await expectRefused(text, 'basis-missing', 'purposes[1].bases', 'bases: { pipl: consent, gdpr: consent }', [/ai_summaries/, /LGPD|Brazil/]);
  });

  it('special-category data on a contract basis is refused under GDPR Art. 9 and LGPD Art. 11', async () => {
    const text = edit(['    ccpa_category: sensory_data', '    special_category: true\n    ccpa_category: sensory_data']);
    const found = await diagnose(text);
    const hits = found.filter((d) => d.id === 'sensitive-basis');
    expect(hits.map((d) => d.path)).toContain('data_categories[1].special_category');
    expect(hits.some((d) => /GDPR/.test(d.message)) && hits.some((d) => /LGPD|Brazil/.test(d.message))).toBe(true);
  });

  it('the shared clauses state no legal basis; each law part states its own', async () => {
    const md = await composed();
    // The phrases each law uses for a basis: none of them may appear before the region parts.
    expect(shared(md.en, 'en')).not.toMatch(/legitimate interest|Art\. 6\(1\)|Article 13\(1\)|Art\. 7, /i);
    expect(shared(md['zh-CN'], 'zh-CN')).not.toMatch(/正当利益|第 6 条第 1 款|第十三条第一款|第 7 条第/);
    expect(section(md.en, /^## 3\. /)).not.toMatch(/legal ground shown|necessary to perform|your consent, which/);
    // Each part names the bases of its own law only.
    const pipl = section(md.en, /^## 14\. /);
    expect(pipl).toMatch(/PIPL Article 13\(1\)\(iii\)/);
    expect(pipl).not.toMatch(/our legitimate interests|Art\. 6\(1\)/);
    const gdpr = section(md.en, /^## 15\. /);
    expect(gdpr).toMatch(/verifying the real identity[^\n]*not applicable: we do not carry out this purpose for people in the EEA/);
    expect(gdpr).not.toMatch(/Art\. 6\(1\)\(c\) GDPR\)\n/);
    expect(section(md['zh-CN'], /^## 十四、/)).not.toMatch(/我们的正当利益|第 6 条第 1 款/);
  });
});

describe('2. one answer per reader', () => {
  it('deadlines: the shared rights clause points to each law part; PIPL prints the company commitment, labelled', async () => {
    const md = await composed();
    const rights = section(md.en, /^## 11\. /);
    expect(rights).not.toMatch(/We reply within \d+ days/);
    expect(rights).toMatch(/time limit for your region is in \[Section 14\.7\]\(#pipl_rights\)/);
    expect(section(md.en, /^## 14\. /)).toMatch(/sets no fixed number of days\. We commit to replying within 15 days[^.]*; this time limit is our own commitment, not one set by law/);
    expect(section(md['zh-CN'], /^## 十四、/)).toMatch(/未规定具体天数。我们承诺在收到请求后 15 日内答复；该期限是我们自己的承诺，并非法律规定/);
    expect(section(md.en, /^## 15\. /)).toMatch(/within one month/);
    expect(section(md.en, /^## 16\. /)).toMatch(/45 calendar days/);
    expect(section(md.en, /^## 17\. /)).toMatch(/within 15 days of your request \(LGPD Art\. 19/);
    // The one-month, 45-day and 15-day LGPD deadlines appear nowhere before the region parts.
    expect(shared(md.en, 'en')).not.toMatch(/one month|45 (calendar )?days|within 15 days of (receiving|your request)(?!; this time limit is our own)/);
  });

  it('a number of days written into free text is refused (it would give a second deadline)', async () => {
    const text = edit(['    zh-CN: 在“设置 › 账号 › 注销账号”中提交，或发送邮件至 privacy@nimbusnotes.example\n', '    zh-CN: 在“设置 › 账号 › 注销账号”中提交，或发送邮件至 privacy@nimbusnotes.example；我们在 15 日内完成注销\n']);
    await expectRefused(text, 'deadline-in-text', 'rights.account_deletion.zh-CN', '我们在 15 日内完成注销', [/15 日/, /account_deletion_days/]);
  });

  it('account closure is described one way: the PIPL part defers to the retention table', async () => {
    const md = await composed();
    const storage = section(md.en, /^## 14\. /);
    expect(storage).not.toMatch(/When you close your account, we delete your personal information or anonymise it\./);
    expect(storage).toMatch(/delete or anonymise it when the periods in \[Section 9\]\(#retention\) end/);
    expect(section(md.en, /^## 9\. /)).toMatch(/as long as your account exists, and 30 days after it is closed/);
  });

  it('ID documents: one retention, one method, and no separate consent for a legal-duty basis', async () => {
    const md = await composed();
    expect(md.en).not.toMatch(/store the ID number encrypted/);
    expect(section(md.en, /^## 9\. /)).toMatch(/Identity document details \| until the request or check it was collected for is complete/);
    expect(section(md.en, /^## 2\. /)).toMatch(/Where that ground is your consent, we first ask for your separate consent[^\n]*where it is another ground in Article 13 of the PIPL, such as a statutory duty, we do not ask for consent/);
    expect(section(md.en, /^## 14\. /)).toMatch(/processing sensitive personal information on the basis of your consent \(PIPL Article 29\)/);
    expect(section(md.en, /^## 14\. /)).toMatch(/verifying the real identity of team-plan administrators in mainland China\*\*: necessary to perform a statutory duty or obligation under the PRC Cybersecurity Law/);
  });

  it('minors: no guardian-consent promise without the dedicated rules; one age per reader', async () => {
    const md = await composed();
    const children = section(md.en, /^## 12\. /);
    expect(children).not.toMatch(/without the consent of a parent or guardian/);
    expect(children).toMatch(/not designed for children under 14\. In the EEA the minimum age is 16/);
    expect(section(md.en, /^## 15\. /)).toMatch(/In the EEA, our services are open only to people aged 16 or over/);
  });

  it('admitting 14-year-olds in the EEA while relying on consent, with no parental consent, is refused (GDPR Art. 8)', async () => {
    const text = edit(['  min_age: 16   # AI summaries', '  # min_age: 16   # AI summaries']);
    await expectRefused(text, 'age-conflict', 'children.min_age', 'min_age: 14', [/16/, /gdpr\.min_age/]);
  });

  it('under-14s without guardian consent and dedicated rules are refused (PIPL Art. 31)', async () => {
    const text = edit(['  min_age: 14\n', '  min_age: 13\n'], ['  min_age: 16   # AI summaries', '  min_age: 16   # in the EEA']);
    const found = await diagnose(text);
    expect(found.filter((d) => d.id === 'guardian-rules-missing').map((d) => d.path).sort()).toEqual(['children.contact', 'children.data', 'children.guardian_consent_process', 'children.recipients']);
  });

  it('a service directed at children is held to Art. 31 even with min_age 14', async () => {
    const text = edit(['  directed_to_children: false', '  directed_to_children: true']);
    const found = await diagnose(text);
    expect(found.filter((d) => d.id === 'guardian-rules-missing').length).toBe(4);
  });
});

describe('3. facts the schema can now state', () => {
  it('a company established in Germany passes without an Art. 27 representative, and its policy names none', async () => {
    const text = edit(['  establishments: [CN]   # no establishment', '  establishments: [CN, DE]   # no establishment'], ['  eu:\n    name: Nimbus Notes Europe B.V.', '  x_eu:\n    name: Nimbus Notes Europe B.V.']);
    const cleaned = text.replace(/  x_eu:\n(?:    .*\n|      .*\n)+/, '');
    expect(cleaned).not.toContain('Nimbus Notes Europe B.V.');
    expect((await diagnose(cleaned)).filter((d) => d.severity === 'error')).toEqual([]);
    const md = await composed(cleaned);
    expect(section(md.en, /^## 15\. /)).toMatch(/We have an establishment in the EEA, so we have not designated a representative in the Union under Art\. 27 GDPR\./);
    expect(md.en).not.toMatch(/representative in the European Union under Art\. 27/);
  });

  it('a representative given anyway is a warning: printed nowhere', async () => {
    const text = edit(['  establishments: [CN]   # no establishment', '  establishments: [CN, DE]   # no establishment']);
    const found = await diagnose(text);
    expect(found.find((d) => d.id === 'fact-unused' && d.path === 'representatives.eu')?.severity).toBe('warning');
    expect(found.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('without an EEA establishment, the representative is required', async () => {
    const text = edit(['  eu:\n    name: Nimbus Notes Europe B.V.', '  x_eu:\n    name: Nimbus Notes Europe B.V.']);
    const cleaned = text.replace(/  x_eu:\n(?:    .*\n|      .*\n)+/, '');
    const found = await diagnose(cleaned);
    expect(found.filter((d) => d.id === 'missing-disclosure').map((d) => d.path)).toEqual(expect.arrayContaining(['representatives.eu.name', 'representatives.eu.address', 'representatives.eu.email']));
  });

  it('EEA → Germany is no transfer', async () => {
    const text = edit(['  - from: [EEA, GB, BR]\n    country: CN', '  - from: [EEA, GB, BR]\n    country: DE']);
    await expectRefused(text, 'transfer-within-territory', 'transfers[1].from[0]', '  - from: [EEA, GB, BR]\n    country: DE', [/DE/, /EEA/]);
  });

  it('the EEA → China transfer is described in the GDPR part, with its own mechanism', async () => {
    const md = await composed();
    // The SDKs' providers are in China too (sdks[].country), so the transfer names them.
    expect(section(md.en, /^## 8\. /)).toMatch(/\| the EEA, United Kingdom, and Brazil \| China \| Alibaba Cloud, Getui Push SDK, and Umeng\+ Analytics SDK \|/);
    expect(section(md.en, /^## 15\. /)).toMatch(/\*\*China\*\* \(Alibaba Cloud, Getui Push SDK, and Umeng\+ Analytics SDK\): this transfer does not rely on an adequacy decision\n {2}- the standard contractual clauses/);
    // Mechanisms are never mixed: the PIPL standard contract appears only in the PIPL part.
    expect(section(md.en, /^## 8\. /)).not.toMatch(/standard contract|Standard Contractual Clauses|Addendum/);
    expect(section(md.en, /^## 15\. /)).not.toMatch(/Cyberspace Administration/);
  });

  it('each law part lists only the transfers leaving its territory, and says so when there are none', async () => {
    // Only the EEA → China transfer is left: nothing leaves mainland China.
    const text = EXAMPLE.replace(/  - from: \[CN, EEA, GB, BR\]\n    country: US\n(?:    .*\n|      .*\n)+/, '').replace(/^(?=  - name: Stripe\n)[\s\S]*?(?=^cookies:)/m, (block) => block);
    const md = await composed(
      text
        .replace(/  - name: Stripe\n(?:    .*\n|      .*\n)+/, '')
        .replace(/  - name: Anthropic\n(?:    .*\n|      .*\n)+/, '')
        .replace('  - from: [EEA, GB, BR]\n    country: CN', '  - from: [EEA, BR]\n    country: CN'),
    );
    expect(md.en).not.toMatch(/#pipl_cross_border/);
    expect(section(md.en, /^## 14\. /)).not.toMatch(/Providing personal information outside/);
    expect(section(md.en, /^## 15\. /)).toMatch(/No transfer takes the personal data of people in the United Kingdom outside the United Kingdom\./);
    expect(section(md.en, /^## 15\. /)).toMatch(/\*\*China\*\* \(Alibaba Cloud, Getui Push SDK, and Umeng\+ Analytics SDK\)/);
  });

  it('a new recipient abroad with no transfer is refused, for each law whose territory it leaves', async () => {
    const text = edit(['recipients:\n', 'recipients:\n  - name: Mailgun\n    role: processor\n    service: { zh-CN: 发送邮件, en: sending email }\n    country: US\n    data: [account]\n    contact: privacy@mailgun.example\n']);
    const found = await diagnose(text);
    const hits = found.filter((d) => d.id === 'transfer-missing' && d.path === 'recipients[0].country');
    expect(hits.length).toBe(4); // PIPL (CN), GDPR (EEA), UK GDPR (GB), LGPD (BR)
    expect(hits[0]!.line).toBe(lineOf(text, '    country: US\n    data: [account]'));
  });

  it('no recipients: no table, and no sentence introducing "the recipients below"', async () => {
    const text = EXAMPLE.replace(/^recipients:\n(?:  .*\n)+/m, 'recipients: []\n')
      .replace(/^sdks:\n(?:  .*\n|#.*\n|\n(?=  ))+/m, 'sdks: []\n')
      .replace(/^transfers:\n(?:  .*\n)+/m, 'transfers: []\n')
      .replace(/disclosed_for_business_purpose_12m: \[[^\]]*\]/, 'disclosed_for_business_purpose_12m: []');
    expect(text).toContain('recipients: []');
    const md = await composed(text);
    const sharing = section(md.en, /^## \d+\. Who receives personal information/);
    expect(sharing).not.toMatch(/recipients below/);
    expect(sharing).toMatch(/We do not share personal information with other organisations/);
    expect(section(md['zh-CN'], /^## [一二三四五六七八九十]+、我们向谁提供个人信息/)).not.toMatch(/以下接收方/);
  });

  it('retention may be "1 day", "not stored", "until processed" or written criteria', async () => {
    const text = edit(['      period: 6 months', '      period: 1 day'], ['      period: account lifetime\n      after_expiry: delete', '      criteria:\n        zh-CN: 保存至您删除该笔记\n        en: until you delete the note\n      after_expiry: delete']);
    expect((await diagnose(text)).filter((d) => d.severity === 'error')).toEqual([]);
    const md = await composed(text);
    expect(section(md.en, /^## 9\. /)).toMatch(/Device and log data \| 1 day/);
    expect(section(md.en, /^## 9\. /)).toMatch(/Note content \| until you delete the note \| Deleted/);
    expect(section(md['zh-CN'], /^## 九、/)).toMatch(/设备与日志信息 \| 1 天/);
  });

  it('a retention with neither period nor criteria is refused', async () => {
    const text = edit(['      period: 6 months\n', '']);
    await expectRefused(text, 'missing-field', 'data_categories[3].retention.period', '      after_expiry: delete\n      note:\n        zh-CN: 《中华人民共和国网络安全法》');
  });

  it('channels are checked by their type', async () => {
    const email = edit(['    - type: email\n      value: privacy@nimbusnotes.example', '    - type: email\n      value: privacy at nimbusnotes dot example']);
    await expectRefused(email, 'invalid-value', 'rights.channels[1].value', 'value: privacy at nimbusnotes dot example', [/email address/]);
    const script = edit(['    - type: in_app\n      value: 设置 › 隐私 / Settings › Privacy', '    - type: in_app\n      value: "javascript:alert(1)"']);
    await expectRefused(script, 'invalid-value', 'rights.channels[0].value', 'value: "javascript:alert(1)"', [/path in the app/]);
  });
});

describe('one run reports every problem it can', () => {
  it('a dangling reference and a legal problem are reported together', async () => {
    const text = edit(['    purposes: [billing, tax_records]', '    purposes: [billing, tax_recrods]'], ['recipients:\n', 'recipients:\n  - name: Mailgun\n    role: processor\n    service: { zh-CN: 发送邮件, en: sending email }\n    country: US\n    data: [account]\n    contact: privacy@mailgun.example\n']);
    const ids = (await diagnose(text)).map((d) => d.id);
    expect(ids).toContain('unknown-reference');
    expect(ids).toContain('transfer-missing');
  });
});

describe('4. no promise the law does not require', () => {
  it('incidents: the legal duty by default, every incident only when the company commits to it', async () => {
    const md = await composed();
    expect(section(md.en, /^## 10\. /)).toMatch(/Where the law that applies to you requires it/);
    expect(section(md.en, /^## 10\. /)).not.toMatch(/whether or not the law requires it/);
    const committed = await composed(edit(['  mlps_level: 3', '  mlps_level: 3\n  notify_all_incidents: true']));
    expect(section(committed.en, /^## 10\. /)).toMatch(/whether or not the law requires it/);
  });

  it('the MLPS as a certification is refused; as a filed level it is printed as filing and assessment', async () => {
    const text = edit(['  certifications:\n    - zh-CN: ISO/IEC 27001', '  certifications:\n    - zh-CN: 网络安全等级保护三级认证\n      en: MLPS Level 3 certification\n    - zh-CN: ISO/IEC 27001']);
    await expectRefused(text, 'mlps-certification', 'security.certifications[0]', '    - zh-CN: 网络安全等级保护三级认证', [/mlps_level/]);
    const md = await composed();
    expect(section(md['zh-CN'], /^## 十、/)).toMatch(/网络安全等级保护第 3 级向公安机关备案，并通过了相应级别的等级测评/);
    expect(md['zh-CN']).not.toMatch(/等级保护[^。]*认证/);
  });

  it('"we do not sell" only from a fact: sells_personal_information: false (every document) or ccpa.sells_or_shares: false (the CCPA part); never both ways', async () => {
    const sale = /我们不出售您的个人信息|We do not sell your personal information/;
    const stated = await composed();
    expect(stated['zh-CN']).toMatch(sale);
    // No fact, no promise: without the statement and without the CCPA there is no sentence.
    const silent = await composed(edit(['sells_personal_information: false\n', ''], ['jurisdictions: [pipl, gdpr, uk, ccpa, lgpd]', 'jurisdictions: [pipl, gdpr, uk, lgpd]'], ['ccpa:\n', 'ccpa_unused:\n']).replace(/\nccpa_unused:\n(?:  .*\n|    .*\n)*/, '\n'));
    expect(silent['zh-CN']).not.toMatch(sale);
    expect(silent.en).not.toMatch(sale);
    const text = edit(['  sells_or_shares: false', '  sells_or_shares: true']);
    await expectRefused(text, 'sale-conflict', 'sells_personal_information', 'sells_personal_information: false', [/ccpa\.sells_or_shares/]);
  });

  it('a retention note that claims a law without naming it is a warning', async () => {
    const text = edit(['        zh-CN: 与我们的会计档案保存期限一致\n        en: in line with our accounting records schedule', '        zh-CN: 税务法规要求的最短期限\n        en: the minimum period required by tax law']);
    const found = await diagnose(text);
    const hit = found.find((d) => d.id === 'unnamed-law');
    expect(hit?.severity).toBe('warning');
    expect(hit?.path).toBe('data_categories[2].retention.note');
  });

  it('the California part says whether the CCPA thresholds are met; a file that does not say is refused', async () => {
    expect(section((await composed()).en, /^## 16\. /)).toMatch(/We are a "business" under the CCPA/);
    const voluntary = await composed(edit(['  thresholds_met: true', '  thresholds_met: false']));
    expect(section(voluntary.en, /^## 16\. /)).toMatch(/We nonetheless apply the commitments in this section to California residents voluntarily/);
    expect(section(voluntary['zh-CN'], /^## 十六、/)).toMatch(/自愿/);
    const found = await diagnose(edit(['  thresholds_met: true\n', '']));
    expect(found.find((d) => d.path === 'ccpa.thresholds_met')?.id).toBe('missing-field');
  });
});

describe('the coverage table lists every disclosure of each enabled law', () => {
  it('not applicable and not expressed rows say why', async () => {
    const file = join(dir, 'coverage.yaml');
    writeFileSync(file, EXAMPLE);
    const report = await check([file]);
    const rows = report.policies[0]!.coverage;
    const minors = rows.find((r) => r.disclosure === 'pipl.minors.dedicated_rules')!;
    expect(minors.applies).toBe(false);
    expect(minors.why).toEqual({ key: 'naBelow', params: { path: 'children.min_age', value: 14, limit: 14 } });
    for (const id of ['ccpa.financial_incentive', 'ccpa.minors', 'lgpd.children']) expect(rows.find((r) => r.disclosure === id)?.applies, id).toBe(false);
    expect(rows.find((r) => r.disclosure === 'gdpr.joint_controllers')?.why?.key).toBe('notExpressed');
    expect(rows.find((r) => r.disclosure === 'gdpr.representative')?.applies).not.toBe(false);
  });
});
