/**
 * A platform's data about its customers' users (`platform.customer_data`, clause "platform"):
 * the fixture test/fixtures/valid/platform.yaml (an agent builder) composed in both languages,
 * one sentence per training choice and per retention form, the clause absent without the block,
 * single-law documents worded for one law, and every refusal located at its line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compose } from '../src/compose/compose.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { check } from '../src/pipeline/check.js';
import { preparePolicy } from '../src/pipeline/prepare.js';
import { factsFrom, library } from './helpers/library.js';
import { replaced } from './helpers/workspace.js';

const FIXTURE = join(PACKAGE_ROOT, 'test', 'fixtures', 'valid', 'platform.yaml');
const YAML = readFileSync(FIXTURE, 'utf8');
const EXAMPLE = readFileSync(join(PACKAGE_ROOT, 'data', 'example.yaml'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'policygen-platform-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Words = Record<string, string>;
const words = (locale: string): Words => (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'locales', locale, 'platform.json'), 'utf8')) as { clauses: { platform: Words } }).clauses.platform;
const EN = words('en');
const ZH = words('zh-CN');

/** The fixture with each [from, to] replaced once; fails if a `from` is not there (the case would test nothing). */
function edit(...pairs: [string, string][]): string {
  return replaced(YAML, 'fixture', pairs);
}

/** The "platform" clause of a composed document: its heading line up to the next top-level heading. */
function clause(markdown: string): string | undefined {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith('## ') && (l.endsWith(EN.title!) || l.endsWith(ZH.title!)));
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** The whole policy (every law in one document) composed from YAML text: the clause per locale. */
async function composed(text: string): Promise<{ en: string; zh: string; headings: string[] }> {
  const { documents } = compose(factsFrom(text), await library(), { date: '2026-03-07' });
  const md = (locale: string) => documents.find((d) => d.locale === locale)!.markdown;
  return { en: clause(md('en')) ?? '', zh: clause(md('zh-CN')) ?? '', headings: documents[0]!.headings.map((h) => h.id) };
}

let n = 0;
async function diagnose(text: string): Promise<Diagnostic[]> {
  const file = join(dir, `case-${n++}.yaml`);
  writeFileSync(file, text);
  const report = await check([file]);
  return [...report.diagnostics, ...report.policies.flatMap((p) => p.diagnostics)];
}

const lineOf = (text: string, needle: string) => {
  expect(text.includes(needle), `no ${JSON.stringify(needle)} in the case`).toBe(true);
  return text.slice(0, text.indexOf(needle)).split('\n').length;
};

async function expectRefused(text: string, id: string, path: string, lineNeedle: string, severity: 'error' | 'warning' = 'error'): Promise<Diagnostic> {
  const found = await diagnose(text);
  const hit = found.find((d) => d.id === id && d.path === path);
  expect(hit, `expected [${id}] at ${path}; got:\n${found.map((d) => `${d.line}:${d.column} [${d.id}] ${d.path} ${d.message}`).join('\n')}`).toBeDefined();
  expect(hit!.severity).toBe(severity);
  expect(hit!.file).toMatch(/case-\d+\.yaml$/);
  expect(hit!.line).toBe(lineOf(text, lineNeedle));
  expect(hit!.column).toBeGreaterThan(0);
  expect(hit!.fix, 'every refusal says what to write').toBeTruthy();
  return hit!;
}

describe('the fixture', () => {
  it('checks with no errors or warnings, as its own documents (china: PIPL; global: the other laws)', async () => {
    const result = await preparePolicy(FIXTURE, await library());
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} [${d.id}] ${d.path} ${d.message}`)).toEqual([]);
    expect(result.policy!.documents.map((d) => d.plan.id)).toEqual(['china', 'global']);
  });

  it('puts the clause right after "who we are", in both languages, with the facts', async () => {
    const { en, zh, headings } = await composed(YAML);
    expect(headings.slice(0, 3)).toEqual(['intro', 'platform', 'collection']);
    expect(en).toMatch(/^## 2\. Personal information we process on behalf of our customers\n/);
    expect(zh).toMatch(/^## 二、我们受客户委托处理的个人信息\n/);

    // What data, and who decides.
    expect(en).toContain("we process the following personal information on the customer's behalf: the conversations between our customers' users and the agents");
    expect(zh).toContain('我们受该客户委托处理以下个人信息：客户的用户与客户部署的智能体之间的对话内容');
    expect(en).toContain(EN.decides_training);
    expect(zh).toContain(ZH.decides_training);
    expect(en).toContain(EN.chain); // customer_role: controller_or_processor
    expect(zh).toContain(ZH.chain);

    // Each law's terms, one item per enabled law.
    expect(zh).toContain('- 《个人信息保护法》第二十一条和第五十九条：客户是个人信息处理者，我们是受其委托处理上述信息的受托人。');
    expect(zh).toContain('委托合同终止后，将上述信息返还客户或者予以删除，不予保留');
    expect(en).toContain('- PIPL Articles 21 and 59: the customer is the personal information processor, and we are the entrusted party');
    expect(en).toContain('- Arts. 28 and 29 GDPR: the customer is the controller and we are its processor.');
    expect(zh).toContain('- GDPR 第 28 条和第 29 条：客户是控制者，我们是其处理者。');
    expect(en).toContain('- LGPD Arts. 39 and 5, VII: the customer is the controller (controlador) and we are its operator (operador).');
    expect(zh).toContain('- CCPA 第 1798.140(ag) 条：我们是客户的服务提供者（service provider）');
    expect(en.match(/^- /gm)).toHaveLength(4);
    expect(en).toContain('listed at <https://lingxi-agents.example/sub-processors>.');

    // Training: opt-in, the platform's own purpose, its bases in the region parts, separate consent for mainland China.
    expect(en).toContain(EN.training_opt_in);
    expect(zh).toContain(ZH.training_opt_in);
    expect(en).toContain('for that use we are responsible for the information as a controller. Its purpose is listed in [Section 4](#use): training and improving our models on conversations');
    expect(zh).toContain('我们作为个人信息处理者（控制者）对上述信息承担责任。其处理目的列于[第四部分](#use)：在客户允许时，使用其用户与智能体的对话训练和改进我们的模型。');
    expect(en).toMatch(/Its legal basis under each law is stated in \[Section \d+\.\d\]\(#pipl_bases\) \(mainland China\), \[Section \d+\.\d\]\(#gdpr_legal_bases\) \(EEA and United Kingdom\), and \[Section \d+\.\d\]\(#lgpd_basis\) \(Brazil\)\./);
    expect(zh).toContain('这属于客户向其他个人信息处理者（即我们）提供其个人信息，客户须取得其单独同意（《个人信息保护法》第二十三条）。');
    expect(en).toContain('for which the customer must obtain their separate consent (PIPL Article 23).');
    expect(en).toContain('you can exercise your rights against us directly, as described in [Section 11](#rights).');

    // Retention (period with its criteria) and what happens at its end; forwarding within 5 days.
    expect(en).toContain('**How long we keep it:** 30 days (a customer can set a shorter period in the console). When the period ends, we delete the information.');
    expect(zh).toContain('**保存期限**：30 天（客户可在控制台中设置更短的期限）。期限届满后，我们删除上述信息。');
    expect(en).toContain('we pass it on to the customer within 5 days of receiving it; this time limit is our own commitment.');
    expect(zh).toContain('我们会在收到后 5 日内将其转交该客户；该期限是我们自己的承诺。');
  });

  it('leaves no template syntax, raw code or untranslated English in the Chinese clause', async () => {
    const { en, zh } = await composed(YAML);
    for (const text of [en, zh]) {
      expect(text).not.toMatch(/\{\{|⟦|model_improvement|controller_or_processor|opt_in/);
    }
    // Latin script in the Chinese clause: law abbreviations, the LGPD's and CCPA's own terms, links, ids.
    const latin = zh.replace(/<https?:[^>]+>|\(#\w+\)|\bid="\w+"/g, '').match(/[A-Za-z][A-Za-z ]*[A-Za-z]|[A-Za-z]/g) ?? [];
    expect([...new Set(latin)].sort()).toEqual(['CCPA', 'GDPR', 'LGPD', 'VII', 'ag', 'controlador', 'operador', 'service provider'].sort());
  });

  it('names the law of every statute citation in the clause', async () => {
    const { en, zh } = await composed(YAML);
    // zh: every 第…条 follows a law's name, directly or through a chain (第二十一条和第五十九条).
    const zhCitations = [...zh.matchAll(/((?:《[^》]+》|GDPR|LGPD|CCPA)\s*)?((?:第\s*[^第条]{1,12}\s*[条项]\s*(?:和|及|、)?\s*)+)/g)];
    expect(zhCitations.length).toBeGreaterThanOrEqual(5);
    for (const m of zhCitations) expect(m[1], `unnamed citation: ${m[0]}`).toBeTruthy();
    // en: every Article/Art./§ citation has its law on the same line segment.
    for (const m of en.matchAll(/(?:\bArts?\.|\bArticles?\b|§)\s*\d[^:;)]*/g)) {
      const around = en.slice(Math.max(0, m.index! - 6), m.index! + m[0].length);
      expect(around, `unnamed citation: ${m[0]}`).toMatch(/PIPL|GDPR|LGPD|CCPA/);
    }
  });

  it('is worded for one law in a document for one law (china: PIPL only)', async () => {
    const result = await preparePolicy(FIXTURE, await library());
    const china = result.policy!.documents.find((d) => d.plan.id === 'china')!;
    const globalDoc = result.policy!.documents.find((d) => d.plan.id === 'global')!;
    const zh = clause(china.documents.find((d) => d.locale === 'zh-CN')!.markdown)!;
    const en = clause(china.documents.find((d) => d.locale === 'en')!.markdown)!;
    expect(zh).toContain(ZH.laws_single);
    expect(zh).not.toContain(ZH.laws);
    expect(en).toContain(EN.laws_single);
    expect(zh).toMatch(/其合法性基础见\[第[一二三四五六七八九十]+部分（[一二三四五六七八九十]+）\]\(#pipl_bases\)。/);
    expect(en.match(/^- /gm)).toHaveLength(1);
    const global = clause(globalDoc.documents.find((d) => d.locale === 'en')!.markdown)!;
    expect(global).toContain(EN.laws);
    expect(global).not.toContain('PIPL');
    expect(global.match(/^- /gm)).toHaveLength(3);
  });
});

describe('what the facts change', () => {
  it('no platform block, no clause (the example has none)', async () => {
    const example = await composed(EXAMPLE);
    expect(example.headings).not.toContain('platform');
    const without = YAML.slice(0, YAML.indexOf('platform:\n  customer_data:')) + YAML.slice(YAML.indexOf('pipl:\n  storage_in_china'));
    expect(without).not.toMatch(/^platform:/m);
    const { en, zh, headings } = await composed(without);
    expect(headings.slice(0, 2)).toEqual(['intro', 'collection']);
    expect([en, zh]).toEqual(['', '']);
  });

  it('each training choice has its own sentence, and only opt_in and yes make the platform a controller for it', async () => {
    const never = await composed(edit(['training: opt_in\n    training_purposes: [model_improvement]\n', 'training: never\n']));
    const optIn = await composed(YAML);
    const yes = await composed(edit(['training: opt_in', 'training: yes']));
    const sentences = { never: [EN.training_never, ZH.training_never], opt_in: [EN.training_opt_in, ZH.training_opt_in], yes: [EN.training_yes, ZH.training_yes] };
    const docs = { never, opt_in: optIn, yes };
    for (const [choice, doc] of Object.entries(docs)) {
      for (const [other, [en, zh]] of Object.entries(sentences)) {
        expect(doc.en.includes(en!), `${choice}: en sentence of ${other}`).toBe(choice === other);
        expect(doc.zh.includes(zh!), `${choice}: zh sentence of ${other}`).toBe(choice === other);
      }
    }
    // Never: "for no purpose of our own", no controller sentence, and the CCPA item says no other purpose.
    expect(never.en).toContain(EN.decides_never);
    expect(never.en).not.toContain('as a controller');
    expect(never.zh).not.toContain('个人信息处理者（控制者）');
    expect(never.en).toContain(EN.law_ccpa_never);
    expect(optIn.en).toContain(EN.law_ccpa);
    // Opt-in and yes: the customer's notice duty in its own words.
    expect(optIn.en).toContain(EN.notice_opt_in);
    expect(yes.en).toContain(EN.notice_yes);
    expect(yes.zh).toContain(ZH.notice_yes);
    expect(yes.en).toContain('as a controller. Its purpose is listed in');
  });

  it('retention: not stored, criteria alone, anonymised; forwarding without a number of days, and one day', async () => {
    const retention = '    retention:\n      period: 30 days\n      criteria:\n        zh-CN: 客户可在控制台中设置更短的期限\n        en: a customer can set a shorter period in the console\n      after_expiry: delete\n';
    const notStored = await composed(edit([retention, '    retention:\n      period: not stored\n']));
    expect(notStored.en).toContain(EN.not_stored);
    expect(notStored.zh).toContain(ZH.not_stored);
    expect(notStored.en).not.toContain(EN.retention);
    expect(notStored.en).not.toContain(EN.after_delete);

    const criteria = await composed(edit([retention, '    retention:\n      criteria:\n        zh-CN: 保存至客户删除该对话或注销账号为止\n        en: until the customer deletes the conversation or closes its account\n      after_expiry: anonymise\n']));
    expect(criteria.en).toContain('**How long we keep it:** until the customer deletes the conversation or closes its account. When the period ends, we anonymise the information so that it no longer identifies anyone.');
    expect(criteria.zh).toContain('**保存期限**：保存至客户删除该对话或注销账号为止。期限届满后，我们对上述信息进行匿名化处理，使其无法识别特定个人。');

    const untilProcessed = await composed(edit([retention, '    retention:\n      period: until processed\n']));
    expect(untilProcessed.en).toContain('**How long we keep it:** until the request or check it was collected for is complete.\n\nIf you use a product');

    const noDays = await composed(edit(['    forward_requests_days: 5\n', '']));
    expect(noDays.en).toContain(`${EN.requests} ${EN.forward}`);
    expect(noDays.zh).toContain(`${ZH.requests}${ZH.forward}`);
    expect(noDays.en).not.toContain('own commitment');
    const oneDay = await composed(edit(['forward_requests_days: 5', 'forward_requests_days: 1']));
    expect(oneDay.en).toContain('within 1 day of receiving it;');
    expect(oneDay.zh).toContain('在收到后 1 日内');

    const controllerOnly = await composed(edit(['customer_role: controller_or_processor', 'customer_role: controller'], ['    sub_processors_url: https://lingxi-agents.example/sub-processors\n', '']));
    expect(controllerOnly.en).not.toContain(EN.chain);
    expect(controllerOnly.en).not.toContain('sub-processors');
    expect(controllerOnly.zh).not.toContain(ZH.chain);
  });
});

describe('refusals, each at its line', () => {
  it('training opt_in or yes without the purpose it serves', async () => {
    const text = edit(['training: opt_in\n    training_purposes: [model_improvement]\n', 'training: yes\n']);
    const hit = await expectRefused(text, 'training-purpose-missing', 'platform.customer_data.training', 'training: yes');
    expect(hit.message).toContain('training is yes');
    expect(hit.message).toContain('GDPR Art. 28(10)');
    expect(hit.fix).toContain('training_purposes');
  });

  it('a training purpose that is not in purposes[], with a suggestion', async () => {
    const text = edit(['training_purposes: [model_improvement]', 'training_purposes: [model_improvment]']);
    const hit = await expectRefused(text, 'unknown-reference', 'platform.customer_data.training_purposes[0]', 'training_purposes: [model_improvment]');
    expect(hit.fix).toContain('did you mean "model_improvement"?');
  });

  it('a training purpose not carried out under one of the laws', async () => {
    const text = edit(['bases: { pipl: consent, gdpr: legitimate_interests, lgpd: legitimate_interests }', 'bases: { pipl: not_applicable, gdpr: legitimate_interests, lgpd: legitimate_interests }']);
    const hit = await expectRefused(text, 'training-purpose-missing', 'purposes[1].bases', 'bases: { pipl: not_applicable');
    expect(hit.message).toMatch(/purpose "model_improvement" is not carried out under the .*Personal Information Protection Law/);
  });

  it('retention with neither period nor criteria, and a period with no end', async () => {
    const none = edit(['      period: 30 days\n      criteria:\n        zh-CN: 客户可在控制台中设置更短的期限\n        en: a customer can set a shorter period in the console\n', '']);
    const hit = await expectRefused(none, 'missing-field', 'platform.customer_data.retention.period', '      after_expiry: delete\n    forward');
    expect(hit.fix).toContain('How long you keep this data');
    const noEnd = edit(['      after_expiry: delete\n    forward', '    forward']);
    await expectRefused(noEnd, 'missing-field', 'platform.customer_data.retention.after_expiry', '      period: 30 days');
  });

  it('"account lifetime": the customers\' users have no account with the platform', async () => {
    const text = edit(['      period: 30 days\n', '      period: account lifetime + 30 days\n']);
    const hit = await expectRefused(text, 'invalid-value', 'platform.customer_data.retention.period', 'period: account lifetime + 30 days\n      criteria');
    expect(hit.fix).toContain('your customers\' users have none with you');
  });

  it('a training choice and a number of days outside what the schema allows', async () => {
    const choice = await expectRefused(edit(['training: opt_in', 'training: sometimes']), 'invalid-value', 'platform.customer_data.training', 'training: sometimes');
    expect(choice.fix).toBe('use one of: never, opt_in, yes');
    await expectRefused(edit(['forward_requests_days: 5', 'forward_requests_days: 0']), 'invalid-value', 'platform.customer_data.forward_requests_days', 'forward_requests_days: 0');
  });

  it('a training purpose with training: never is a warning, not an error', async () => {
    const text = edit(['training: opt_in', 'training: never']);
    await expectRefused(text, 'fact-unused', 'platform.customer_data.training_purposes', 'training_purposes:', 'warning');
    const report = await check([join(dir, `case-${n - 1}.yaml`)]);
    expect(report.ok).toBe(true);
  });
});
