/**
 * The children's rules (儿童个人信息保护规则; PIPL Art. 31 para. 2): a document of their own,
 * published when PIPL applies and the service admits children under 14 or is aimed at
 * children. Composed in both languages from the facts, numbered, linked both ways with the
 * China policy; required facts missing are refused at their line; facts stay inert text.
 *
 * Two companies: test/fixtures/valid/children.yaml (PIPL only, a reading app aimed at
 * children: the single layout, so the policy and the rules) and data/example.yaml with
 * `min_age: 12` (five laws: a China and a global policy, and the rules).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { compose, type Composed, type LocaleDocument } from '../src/compose/compose.js';
import { documentPlans, type DocumentPlan } from '../src/facts/documents.js';
import type { Facts } from '../src/facts/schema.js';
import type { Library } from '../src/library/library.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { preparePolicy } from '../src/pipeline/prepare.js';
import { checkConsistency } from '../src/jurisdictions/consistency.js';
import { markdownToHtml } from '../src/render/html.js';
import { factsFrom, library } from './helpers/library.js';

const FIXTURE = join(PACKAGE_ROOT, 'test', 'fixtures', 'valid', 'children.yaml');
const fixtureYaml = readFileSync(FIXTURE, 'utf8');
const exampleYaml = readFileSync(join(PACKAGE_ROOT, 'data', 'example.yaml'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'policygen-children-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the example needs to admit children from 12 under the PIPL. */
const CHILDREN_12 = {
  min_age: 12,
  directed_to_children: false,
  guardian_consent_process: { 'zh-CN': '监护人在“设置 › 家庭”中验证本人手机号后确认同意', en: 'the guardian confirms in Settings › Family after verifying their own mobile number' },
  contact: { name: { 'zh-CN': '儿童个人信息保护专员 王芳', en: "Wang Fang, children's data protection officer" }, email: 'children@nimbusnotes.example' },
  data: ['account', 'notes'],
  recipients: ['Alibaba Cloud', 'Anthropic'],
};

function example(change: (data: Record<string, any>) => void = () => {}): string {
  const data = parseYaml(exampleYaml);
  change(data);
  return stringifyYaml(data);
}

const twelve = () => example((d) => (d.children = structuredClone(CHILDREN_12)));

function composeAll(facts: Facts, lib: Library): Map<string, Composed> {
  return new Map(documentPlans(facts).map((plan) => [plan.id, compose(facts, lib, { date: '2026-04-01', document: plan })]));
}

const doc = (c: Composed, locale: string): LocaleDocument => c.documents.find((d) => d.locale === locale)!;

/** The body of one clause: from its heading to the next heading of the same or a higher level. */
function clause(d: LocaleDocument, id: string): string {
  const heading = d.headings.find((h) => h.id === id);
  if (!heading) throw new Error(`${d.document}/${d.locale}: no clause ${id}`);
  const lines = d.markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${'#'.repeat(heading.level + 1)} ${heading.label}`));
  const end = lines.findIndex((l, i) => i > start && /^#{1,6} /.test(l) && l.indexOf(' ') <= heading.level + 1);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** Where a relative link written on `from`'s page in `locale` leads, as a path under the policy's output folder. */
function target(from: DocumentPlan, locale: string, href: string): string {
  return posix.normalize(posix.join(posix.dirname(`${from.dir}${locale}/index.html`), href));
}
const pageOf = (plan: DocumentPlan, locale: string) => `${plan.dir}${locale}/index.html`;
/** The targets of the Markdown links in `text` that are relative (not #anchors, not URLs, not <autolinks>). */
const relativeLinks = (text: string) => [...text.matchAll(/\]\(([^)#][^)]*)\)/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/i.test(href));

let lib: Library;
beforeAll(async () => {
  lib = await library();
});

describe('when the rules are published', () => {
  it('under 14 admitted or a service for children, with PIPL: a children document; otherwise none', () => {
    const ids = (yaml: string) => documentPlans(factsFrom(yaml)).map((p) => `${p.id}:${p.kind}`);
    expect(ids(fixtureYaml)).toEqual(['policy:policy', 'children:children']);
    expect(ids(twelve())).toEqual(['china:policy', 'global:policy', 'children:children']);
    // The example as it is: 14, not for children.
    expect(ids(exampleYaml)).toEqual(['china:policy', 'global:policy']);
    // Directed at children, but without PIPL: the PIPL rules are not this company's.
    const noPipl = example((d) => {
      d.jurisdictions = ['gdpr', 'uk', 'ccpa', 'lgpd'];
      d.children.directed_to_children = true;
      delete d.pipl;
      delete d.pipo;
      d.transfers = d.transfers.map((t: { from: string[] }) => ({ ...t, from: t.from.filter((f) => f !== 'CN') })).filter((t: { from: string[] }) => t.from.length);
    });
    expect(ids(noPipl).some((id) => id.startsWith('children'))).toBe(false);
  });
});

describe('the rules of a reading app for children (PIPL only)', () => {
  let docs: Map<string, Composed>;
  let facts: Facts;
  beforeAll(() => {
    facts = factsFrom(fixtureYaml, 'children.yaml');
    docs = composeAll(facts, lib);
  });

  it('compose in Chinese first, then English, numbered in each language, with the same clauses', () => {
    const rules = docs.get('children')!;
    expect(rules.documents.map((d) => d.locale)).toEqual(['zh-CN', 'en']);
    const zh = doc(rules, 'zh-CN');
    const en = doc(rules, 'en');
    expect(zh.title).toBe('小书虫儿童个人信息保护规则');
    expect(en.title).toBe("Bookworm Rules for the Protection of Children's Personal Information");
    const ids = ['child_for_children', 'child_scope', 'child_consent', 'child_collection', 'child_sharing', 'child_storage', 'child_security', 'child_rights', 'child_contact', 'child_changes', 'child_language'];
    expect(zh.headings.map((h) => h.id)).toEqual(ids);
    expect(en.headings.map((h) => h.id)).toEqual(ids);
    expect(zh.headings.map((h) => h.label)).toEqual(['一、', '二、', '三、', '四、', '五、', '六、', '七、', '八、', '九、', '十、', '十一、']);
    expect(en.headings.map((h) => h.label)).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.', '10.', '11.']);
    expect(zh.markdown).toContain('## 五、谁会接触孩子的信息');
    expect(en.markdown).toContain("## 5. Who else handles your child's information");
    // Cross-references land on this document's own numbers.
    expect(clause(zh, 'child_storage')).toContain('见[第八部分](#child_rights)');
    expect(clause(en, 'child_collection')).toContain('as described in [Section 7](#child_security)');
    expect(clause(zh, 'child_language')).toBe('\n本文件以中文和英语发布。各语言版本如有不一致，以中文版本为准。\n');
  });

  it('say who is responsible, what is collected from children and who receives it — from the facts', () => {
    const zh = doc(docs.get('children')!, 'zh-CN');
    const en = doc(docs.get('children')!, 'en');
    expect(clause(zh, 'child_contact')).toContain('- 负责人：儿童个人信息保护负责人 李静\n- 电子邮箱：<children@bookworm.example>\n- 电话：\\+86 28 8000 0001');
    expect(clause(en, 'child_contact')).toContain("- Person responsible: Li Jing, person responsible for children's personal information\n- Email: <children@bookworm.example>");
    expect(clause(zh, 'child_consent')).toContain('您可以按以下方式表示同意：监护人用本人手机号注册，验证后为孩子创建账号，并在“家长中心”勾选同意。');
    // Only the categories collected from children: not the guardian's payment records.
    const collected = clause(en, 'child_collection');
    expect(collected).toContain("| Child's account details | nickname, school year, avatar | creating the child's reading account");
    expect(collected).toContain('| Reading history |');
    expect(collected).toContain('| Device and log data |');
    expect(collected).not.toContain("Guardian's transaction records");
    // Only the recipients that receive children's data, with only the children's categories.
    const shared = clause(zh, 'child_sharing');
    expect(shared).toContain('- **Tencent Cloud**\n  - 身份：受托处理者\n  - 提供的服务：云服务器与数据存储（中国境内）\n  - 所在地：中国\n  - 联系方式：<https://cloud.tencent.com/>\n  - 涉及孩子的以下信息：\n    - 孩子的账号信息\n    - 阅读记录\n    - 设备与日志信息\n');
    expect(shared).not.toContain('WeChat Pay');
    expect(shared).not.toContain('监护人的交易信息');
    // Nothing leaves China: no cross-border paragraph.
    expect(shared).not.toContain('第三十九条');
    expect(clause(doc(docs.get('children')!, 'en'), 'child_sharing')).not.toContain('Article 39');
    // Retention per category collected from children.
    expect(clause(zh, 'child_storage')).toContain('| 设备与日志信息 | 6 个月 | 删除 |');
    expect(clause(zh, 'child_storage')).toContain('我们在中华人民共和国境内收集和产生的孩子的个人信息，存储在境内。');
  });

  it('the rights clause: deletion grounds, the guardian\'s own channel, and the deadline as the company\'s own commitment', () => {
    const zh = clause(doc(docs.get('children')!, 'zh-CN'), 'child_rights');
    const en = clause(doc(docs.get('children')!, 'en'), 'child_rights');
    expect(zh).toContain('- 您撤回同意；\n- 孩子或者您通过注销账号等方式停止使用我们的服务。');
    expect(zh).toContain('请按以下方式提出请求：在“家长中心 › 孩子的信息”中提交，或发送邮件至 children@bookworm.example；我们会先通过监护人注册时使用的手机号核实身份。');
    // guardian_rights_process replaces the general channels.
    expect(zh).not.toContain('- 电子邮件：<privacy@bookworm.example>');
    expect(zh).toContain('我们承诺在收到请求后 15 日内答复；该期限是我们自己的承诺，并非法律规定。');
    expect(en).toContain('We commit to replying within 15 days of receiving it; this time limit is our own commitment, not one set by law.');
    expect(en).toContain('If we refuse a request, we tell you why in writing (Regulations on the Protection of Minors Online, Article 34)');
  });

  it('a service for children opens with a part a child can read', () => {
    const zh = clause(doc(docs.get('children')!, 'zh-CN'), 'child_for_children');
    const en = clause(doc(docs.get('children')!, 'en'), 'child_for_children');
    expect(zh).toContain('- 如果你还不满十四周岁，使用我们的服务前，要先问爸爸妈妈或者其他监护人。他们同意了，你才能使用。');
    expect(zh).toContain('监护人也可以发邮件给我们：<children@bookworm.example>。');
    expect(en).toContain('Only the companies named in these rules may handle it');
    // Short sentences: none in the children's part is longer than 40 characters (zh) or 20 words (en).
    const sentences = (text: string, split: RegExp) => text.replace(/^- /gm, '').split(split).map((s) => s.trim()).filter(Boolean);
    for (const s of sentences(zh, /[。！？\n]/)) expect(s.length, s).toBeLessThanOrEqual(40);
    for (const s of sentences(en, /[.!?]\s|\n/)) expect(s.split(/\s+/).length, s).toBeLessThanOrEqual(20);
  });

  it('link back to the privacy policy, and the policy links to them, in each language', () => {
    const plans = documentPlans(facts);
    const policy = plans.find((p) => p.id === 'policy')!;
    const rules = plans.find((p) => p.id === 'children')!;
    for (const locale of ['zh-CN', 'en']) {
      const scope = clause(doc(docs.get('children')!, locale), 'child_scope');
      expect(relativeLinks(scope).map((href) => target(rules, locale, href))).toEqual([pageOf(policy, locale)]);
      const minors = clause(doc(docs.get('policy')!, locale), 'pipl_minors');
      expect(relativeLinks(minors).map((href) => target(policy, locale, href))).toEqual([pageOf(rules, locale)]);
    }
    expect(clause(doc(docs.get('policy')!, 'zh-CN'), 'pipl_minors')).toMatch(/^\n我们的服务面向儿童；不满十四周岁的儿童须经父母或者其他监护人同意后使用。/);
    expect(clause(doc(docs.get('policy')!, 'zh-CN'), 'pipl_minors')).toContain('我们为处理儿童个人信息专门制定了[小书虫儿童个人信息保护规则](../children/zh-CN/index.html)（《个人信息保护法》第三十一条第二款）');
  });
});

describe('the example admitting children from 12', () => {
  let docs: Map<string, Composed>;
  let facts: Facts;
  beforeAll(() => {
    facts = factsFrom(twelve(), 'example.yaml');
    docs = composeAll(facts, lib);
  });

  it('the China policy states the age rule and links to the rules; the rules link back to the China policy, not the global one', () => {
    const plans = documentPlans(facts);
    const china = plans.find((p) => p.id === 'china')!;
    const rules = plans.find((p) => p.id === 'children')!;
    for (const locale of ['zh-CN', 'en']) {
      const minors = clause(doc(docs.get('china')!, locale), 'pipl_minors');
      expect(relativeLinks(minors).map((href) => target(china, locale, href))).toEqual(['children/' + locale + '/index.html']);
      const scope = clause(doc(docs.get('children')!, locale), 'child_scope');
      expect(relativeLinks(scope).map((href) => target(rules, locale, href))).toEqual([pageOf(china, locale)]);
    }
    expect(clause(doc(docs.get('china')!, 'en'), 'pipl_minors')).toMatch(/^\nChildren under 14 may use our service with the consent of a parent or other guardian\. /);
    expect(clause(doc(docs.get('children')!, 'en'), 'child_scope')).toContain('our [Privacy Policy (Mainland China)](../../china/en/index.html) applies.');
    // The global policy is not the PIPL's: it has no PIPL part and no link to the rules.
    expect(doc(docs.get('global')!, 'en').headings.some((h) => h.id === 'pipl_minors')).toBe(false);
    // Not aimed at children: no part written for children.
    expect(doc(docs.get('children')!, 'en').headings.map((h) => h.id)[0]).toBe('child_scope');
  });

  it('a recipient abroad brings in the separate consent of PIPL Art. 39; categories stay the children\'s', () => {
    const zh = clause(doc(docs.get('children')!, 'zh-CN'), 'child_sharing');
    expect(zh).toContain('- **Anthropic**\n  - 身份：受托处理者\n  - 提供的服务：生成 AI 摘要（不用于训练模型）\n  - 所在地：美国\n  - 联系方式：<privacy@anthropic.com>\n  - 涉及孩子的以下信息：\n    - 笔记内容\n');
    // Alibaba Cloud also stores payment and logs, which are not collected from children here.
    expect(zh).toMatch(/- \*\*Alibaba Cloud\*\*[\s\S]*涉及孩子的以下信息：\n {4}- 账号信息\n {4}- 笔记内容\n- \*\*Anthropic/);
    expect(zh).toContain('并取得您的单独同意（《个人信息保护法》第三十九条）。');
    expect(zh).not.toContain('Stripe');
  });

  it('one retention for all children\'s data when the facts give one', () => {
    const text = example((d) => (d.children = { ...structuredClone(CHILDREN_12), retention: { period: '30 days', after_expiry: 'anonymise' } }));
    const rules = composeAll(factsFrom(text), lib).get('children')!;
    const zh = clause(doc(rules, 'zh-CN'), 'child_storage');
    expect(zh).toContain('| 本规则所述的全部儿童个人信息 | 30 天 | 匿名化处理 |');
    expect(zh).not.toContain('| 账号信息 |');
    expect(clause(doc(rules, 'en'), 'child_storage')).toContain("| All of your child's personal information covered by these rules | 30 days | Anonymised |");
  });

  it('every statute the rules cite is named, in both languages', () => {
    const zh = doc(docs.get('children')!, 'zh-CN').markdown;
    const en = doc(docs.get('children')!, 'en').markdown;
    // zh: each 第…条 follows a law's 《name》, directly or through a chain of 第…条/款、.
    const unnamedZh = [...zh.matchAll(/第[一二三四五六七八九十百]+条/g)].filter((m) => {
      const before = zh.slice(0, m.index).replace(/(?:第[一二三四五六七八九十百]+[条款项](?:、|至|和)?)+$/, '');
      return !before.endsWith('》');
    });
    expect(unnamedZh.map((m) => zh.slice(m.index! - 20, m.index! + 5))).toEqual([]);
    expect([...zh.matchAll(/《[^》]+》/g)].map((m) => m[0]).filter((v, i, a) => a.indexOf(v) === i).sort()).toEqual(
      ['《个人信息保护法》', '《儿童个人信息网络保护规定》', '《未成年人网络保护条例》', '《网络数据安全管理条例》'].sort(),
    );
    // en: each "Article(s) N" has its law right before it ("PIPL Article 28", "…Information, Article 8").
    const LAWS = /(?:PIPL|Provisions on the Cyber Protection of Children's Personal Information,|Regulations on the Protection of Minors Online,|Network Data Security Management Regulations,)\s*$/;
    const unnamedEn = [...en.matchAll(/\bArticles? \d/g)].filter((m) => !LAWS.test(en.slice(0, m.index)));
    expect(unnamedEn.map((m) => en.slice(m.index! - 30, m.index! + 10))).toEqual([]);
  });
});

describe('what the China policy says without the rules document', () => {
  it('the example as it is (14, not for children): no minors clause, nothing changed', () => {
    const china = composeAll(factsFrom(exampleYaml), lib).get('china')!;
    expect(doc(china, 'zh-CN').headings.some((h) => h.id === 'pipl_minors')).toBe(false);
  });

  it('minors below 18 admitted with a guardian\'s consent (min_age 18): under-14s can join with it, so the rules document exists and the clause links it', () => {
    const text = example((d) => (d.children = { ...structuredClone(CHILDREN_12), min_age: 18, rules_url: 'https://nimbusnotes.example/children-privacy' }));
    const docs = composeAll(factsFrom(text), lib);
    expect(docs.has('children')).toBe(true);
    const minors = clause(doc(docs.get('china')!, 'zh-CN'), 'pipl_minors');
    expect(minors).toContain('](../../children/zh-CN/index.html)');
    expect(minors).toContain('<https://nimbusnotes.example/children-privacy>');
  });

  it('min_age 14 without a guardian\'s consent process and not aimed at children: no rules document, no minors clause', () => {
    const text = example((d) => (d.children = { min_age: 14, directed_to_children: false }));
    const docs = composeAll(factsFrom(text), lib);
    expect(docs.has('children')).toBe(false);
    expect(doc(docs.get('china')!, 'zh-CN').headings.map((h) => h.id)).not.toContain('pipl_minors');
  });

  it('with rules_url and the rules document, both: the link and the published address', () => {
    const text = example((d) => (d.children = { ...structuredClone(CHILDREN_12), rules_url: 'https://nimbusnotes.example/children-privacy' }));
    const minors = clause(doc(composeAll(factsFrom(text), lib).get('china')!, 'en'), 'pipl_minors');
    expect(minors).toContain("[Nimbus Notes Rules for the Protection of Children's Personal Information](../../children/en/index.html) (PIPL Article 31, paragraph 2)");
    expect(minors).toContain('They are also published at <https://nimbusnotes.example/children-privacy>.');
  });
});

describe('check: the facts the rules need', () => {
  let n = 0;
  async function prepare(text: string) {
    const file = join(dir, `case-${n++}.yaml`);
    writeFileSync(file, text);
    return { file, ...(await preparePolicy(file, lib)) };
  }
  const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

  it('min_age 12 without the person responsible: guardian-rules-missing at children.contact, at the children mapping', async () => {
    const text = example((d) => {
      d.children = structuredClone(CHILDREN_12);
      delete d.children.contact;
    });
    const { file, diagnostics } = await prepare(text);
    const found = diagnostics.filter((d) => d.id === 'guardian-rules-missing');
    expect(found.map((d) => d.path)).toEqual(['children.contact']);
    // A missing key is reported where its mapping starts: the first line under `children:`.
    expect(found[0]).toMatchObject({ severity: 'error', file, line: lineOf(text, 'min_age: 12'), column: 3 });
    expect(lineOf(text, 'min_age: 12')).toBe(lineOf(text, '\nchildren:') + 2);
    expect(found[0]!.message).toContain('`children.contact`');
    expect(found[0]!.fix).toMatch(/^add `children\.contact` with `name`/);
  });

  it('every missing fact is named, each with what to write, in English and Chinese', async () => {
    const text = example((d) => (d.children = { min_age: 13, directed_to_children: false }));
    const { diagnostics } = await prepare(text);
    const found = diagnostics.filter((d) => d.id === 'guardian-rules-missing');
    expect(found.map((d) => d.path).sort()).toEqual(['children.contact', 'children.data', 'children.guardian_consent_process', 'children.recipients']);
    const data = found.find((d) => d.path === 'children.data')!;
    expect(data.fix).toBe('add `children.data`: the ids of the data_categories you collect from children, e.g. [account]');
    const { localize } = await import('../src/messages.js');
    expect(localize(data, 'zh-CN').fix).toBe('添加 `children.data`：收集儿童个人信息所属的 data_categories 的 id，如 [account]');
  });

  it('a category or recipient the rules name must exist: unknown-reference at its own line', async () => {
    const text = example((d) => (d.children = { ...structuredClone(CHILDREN_12), data: ['account', 'notez'], recipients: ['Alibaba Cloud', 'Anthropik'] }));
    const { diagnostics } = await prepare(text);
    const category = diagnostics.find((d) => d.id === 'unknown-reference' && d.path === 'children.data[1]')!;
    expect(category).toMatchObject({ line: lineOf(text, '- notez') });
    expect(category.fix).toContain('"notes"');
    const recipient = diagnostics.find((d) => d.id === 'unknown-reference' && d.path === 'children.recipients[1]')!;
    expect(recipient).toMatchObject({ line: lineOf(text, '- Anthropik') });
    expect(recipient.fix).toContain('"Anthropic"');
  });

  it('the fixture passes with no diagnostic at all', () => {
    expect(checkConsistency(factsFrom(fixtureYaml), lib.modules)).toEqual([]);
  });

  it('the rules\' facts without the rules (min_age 14) are printed nowhere: a warning each', () => {
    const text = example((d) => (d.children = { min_age: 14, directed_to_children: false, contact: CHILDREN_12.contact, data: ['account'] }));
    const found = checkConsistency(factsFrom(text), lib.modules).filter((d) => d.id === 'fact-unused');
    expect(found.map((d) => [d.path, d.severity])).toEqual([
      ['children.contact', 'warning'],
      ['children.data', 'warning'],
    ]);
  });

  it('a retention for children\'s data needs a period or criteria, and what happens after', () => {
    const text = example((d) => (d.children = { ...structuredClone(CHILDREN_12), retention: { period: '30 days' } }));
    const found = checkConsistency(factsFrom(text), lib.modules).filter((d) => d.id === 'missing-field');
    expect(found.map((d) => d.path)).toEqual(['children.retention.after_expiry']);
  });
});

describe('facts stay inert text in the rules', () => {
  const PAYLOAD = `<script>alert(1)</script><img src=x onerror=alert(2)> {{constructor.constructor 'return 1'}} $t(document.title) [click](javascript:alert(3))`;
  it('in the person responsible, the guardian\'s process and the rights process', () => {
    const text = example((d) => {
      d.children = structuredClone(CHILDREN_12);
      d.children.contact.name = { 'zh-CN': `${PAYLOAD} 王芳`, en: PAYLOAD };
      d.children.guardian_consent_process = { 'zh-CN': `${PAYLOAD} 同意`, en: PAYLOAD };
      d.children.guardian_rights_process = { 'zh-CN': `${PAYLOAD} 请求`, en: PAYLOAD };
    });
    const rules = composeAll(factsFrom(text), lib).get('children')!;
    for (const d of rules.documents) {
      const html = markdownToHtml(d.markdown, d.headings);
      expect(html).not.toMatch(/<script|<img|href="javascript|<[a-z]+[^>]*\son\w+=/i);
      expect(d.markdown).not.toContain('[object');
      const visible = html.replace(/<[^>]+>/g, '').replace(/&#x3C;/g, '<').replace(/&#x26;/g, '&').replace(/&quot;|&#x22;/g, '"');
      // Shown literally, three times: contact, consent process, rights process.
      expect(visible.split("{{constructor.constructor 'return 1'}}").length - 1).toBe(3);
      expect(visible.split('$t(document.title)').length - 1).toBe(3);
    }
  });
});
