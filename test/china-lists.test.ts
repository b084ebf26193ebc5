/**
 * China's lists (src/compose/lists.ts) and their check against the policy
 * (src/jurisdictions/lists.ts): the example's 个人信息收集清单, 第三方共享清单 and 应用权限清单 in
 * both languages, Markdown and CSV (read back with csv-parse); sensitive information marked;
 * hostile facts inert in both; SDK and permission facts with located errors; an SDK removed
 * from the facts leaves the list, the policy and the coverage table together; and the check
 * fails when a template forgets the SDKs, which the coverage table cannot see.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { composeChinaLists, needsChinaLists, toCsv, type ChinaList } from '../src/compose/lists.js';
import { compose, type Composed } from '../src/compose/compose.js';
import { documentPlans } from '../src/facts/documents.js';
import { parseFacts } from '../src/facts/load.js';
import type { Facts } from '../src/facts/schema.js';
import { checkConsistency } from '../src/jurisdictions/consistency.js';
import { checkListsAgainstPolicy, clauseText } from '../src/jurisdictions/lists.js';
import { loadLibrary, type Library } from '../src/library/library.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { preparePolicy, type PreparedPolicy } from '../src/pipeline/prepare.js';
import { markdownToHtml } from '../src/render/html.js';
import { copyLibraryRoot, factsFrom, library } from './helpers/library.js';

const examplePath = join(PACKAGE_ROOT, 'data', 'example.yaml');
const exampleYaml = readFileSync(examplePath, 'utf8');
const lib = await library();
const dir = mkdtempSync(join(tmpdir(), 'policygen-lists-'));
const LOCALES = ['zh-CN', 'en'] as const;

/** The example as data, to change and write back (comments are not needed here). */
const exampleData = () => parseYaml(exampleYaml) as Record<string, any>;

/** A data file composed and checked like `check` does; its errors fail the test. */
async function prepare(yaml: string, name: string, library: Library = lib): Promise<PreparedPolicy> {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, yaml);
  const result = await preparePolicy(file, library);
  expect(result.diagnostics.filter((d) => d.severity === 'error'), JSON.stringify(result.diagnostics, null, 2)).toEqual([]);
  return result.policy!;
}

/** The document that PIPL's readers get (the china document when the example is split by audience). */
const pipl = (policy: PreparedPolicy): Composed => {
  const found = policy.documents.filter((d) => needsChinaLists(d.facts));
  expect(found).toHaveLength(1);
  return found[0]!;
};

function listsOf(facts: Facts, library: Library = lib): Record<string, ChinaList[]> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, composeChinaLists(facts, library, { locale, policyHref: 'index.html' })]));
}
const list = (lists: Record<string, ChinaList[]>, locale: string, id: ChinaList['id']): ChinaList => lists[locale]!.find((l) => l.id === id)!;
const csvRecords = (csv: string): string[][] => parseCsv(csv, { bom: true, relax_column_count: false }) as string[][];
/** Body rows of the page's table (after the header and the `---` line). */
const tableRows = (markdown: string): string[] => markdown.split('\n').filter((l) => l.startsWith('| ')).slice(1).filter((l) => !l.startsWith('| ---'));
const docOf = (composed: Composed, locale: string) => composed.documents.find((d) => d.locale === locale)!;
const policies = (composed: Composed) => Object.fromEntries(composed.documents.map((d) => [d.locale, d]));

const base = await prepare(exampleYaml, 'example');
const china = pipl(base);
const exampleLists = listsOf(china.facts);

describe('the example’s lists', () => {
  it('are published with a PIPL document only, with the permission list because the example has permissions', () => {
    expect(base.documents.filter((d) => !needsChinaLists(d.facts)).length).toBeGreaterThan(0);
    for (const locale of LOCALES) expect(exampleLists[locale]!.map((l) => l.id)).toEqual(['collection', 'sharing', 'permissions']);
    const none = { ...china.facts, permissions: [] };
    expect(composeChinaLists(none, lib, { locale: 'zh-CN', policyHref: 'index.html' }).map((l) => l.id)).toEqual(['collection', 'sharing']);
  });

  it('个人信息收集清单: a page with its title, a sentence linking the policy, the table and the legend; sensitive information marked', () => {
    const zh = list(exampleLists, 'zh-CN', 'collection');
    expect(zh.title).toBe('个人信息收集清单');
    expect(zh.markdown.split('\n\n').slice(0, 3)).toEqual([
      '# 个人信息收集清单',
      '本清单是云笺科技（杭州）有限公司[《隐私政策》](<index.html>)的组成部分，逐项列明我们收集的个人信息种类、使用目的、使用场景、收集方式以及是否属于敏感个人信息。',
      expect.stringMatching(/^\| 信息种类 \| 使用目的 \| 使用场景 \| 收集方式 \| 是否敏感 \|\n\| --- \|/),
    ]);
    const rows = tableRows(zh.markdown);
    expect(rows).toHaveLength(china.facts.data_categories.length);
    // 使用场景 from the category's scenario (the example gives one).
    expect(rows).toContain('| \\*身份证件信息（团队版管理员的姓名和身份证件号码） | 为中国境内的团队版管理员核验真实身份 | 开通团队版、核验管理员身份时 | 您主动提供 | **是** |');
    expect(rows).toContain('| 设备与日志信息（IP 地址、设备型号、操作系统版本、访问时间、错误报告） | 保障服务安全，发现和阻止欺诈与滥用；创建和管理账号，存储并同步您的笔记 | 使用应用和网页版的全过程 | 使用时自动收集 | 否 |');
    // Exactly the sensitive categories carry the star and the bold 是.
    const sensitive = china.facts.data_categories.filter((c) => c.sensitive).map((c) => c.name['zh-CN']);
    expect(rows.filter((r) => r.startsWith('| \\*')).map((r) => /^\| \\\*([^（]+)/.exec(r)![1])).toEqual(sensitive);
    expect(rows.filter((r) => r.endsWith('| **是** |'))).toHaveLength(sensitive.length);
    expect(zh.markdown.trimEnd().split('\n').pop()).toBe('名称前带 \\* 号、“是否敏感”一栏为“是”的信息属于敏感个人信息（《中华人民共和国个人信息保护法》第二十八条）。');

    const en = list(exampleLists, 'en', 'collection');
    expect(en.markdown).toMatch(/^# List of personal information we collect\n\nThis list forms part of the \[Privacy Policy\]\(<index\.html>\) of Yunjian Technology \(Hangzhou\) Co\., Ltd\.;/);
    expect(tableRows(en.markdown)).toContain(
      '| \\*Identity document details (name and ID card number of team-plan administrators) | verifying the real identity of team-plan administrators in mainland China | when a team plan is opened and its administrator\'s identity is checked | You provide it | **Yes** |',
    );
    // The page renders to a table with the star and the bold answer, and a working link to the policy.
    const html = markdownToHtml(zh.markdown, []);
    expect(html).toContain('<a href="index.html">《隐私政策》</a>');
    // Each cell carries its column's header, for the narrow-screen cards.
    expect(html).toMatch(/<td data-label="信息种类">\*身份证件信息（团队版管理员的姓名和身份证件号码）<\/td>/);
    expect(html).toContain('<strong>是</strong>');
  });

  it('CSV: BOM, CRLF, headers in the list’s language, plain text, 是/否 — read back with csv-parse', () => {
    const csv = list(exampleLists, 'zh-CN', 'collection').csv;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).not.toMatch(/(?<!\r)\n/); // no multi-line cell in the example: every line break is a record's CRLF
    expect(csv).not.toMatch(/\\|\*\*/); // no Markdown escapes or bold
    const [header, ...rows] = csvRecords(csv);
    expect(header).toEqual(['信息种类', '使用目的', '使用场景', '收集方式', '是否敏感']);
    expect(rows).toHaveLength(china.facts.data_categories.length);
    expect(rows).toContainEqual(['身份证件信息（团队版管理员的姓名和身份证件号码）', '为中国境内的团队版管理员核验真实身份', '开通团队版、核验管理员身份时', '您主动提供', '是']);
    expect(rows.map((r) => r[4])).toEqual(china.facts.data_categories.map((c) => (c.sensitive ? '是' : '否')));

    const [enHeader, ...enRows] = csvRecords(list(exampleLists, 'en', 'collection').csv);
    expect(enHeader).toEqual(['Category of personal information', 'Purposes', 'Context', 'How we collect it', 'Sensitive?']);
    expect(enRows.map((r) => r[4])).toEqual(china.facts.data_categories.map((c) => (c.sensitive ? 'Yes' : 'No')));
    // A cell with commas is quoted, and comes back whole.
    expect(enRows[0]![0]).toBe('Account details (email address, display name, password (stored hashed))');
  });

  it('第三方共享清单: every recipient, then every SDK with its provider, "SDK 嵌入" and its privacy policy link', () => {
    const zh = list(exampleLists, 'zh-CN', 'sharing');
    const [header, ...rows] = csvRecords(zh.csv);
    expect(header).toEqual(['第三方名称', '使用目的', '使用场景', '共享方式', '共享信息', '第三方隐私政策链接']);
    expect(rows.map((r) => r[0])).toEqual(['Alibaba Cloud', 'Stripe', 'Anthropic', '个推推送 SDK（每日互动股份有限公司）', '友盟+ 统计 SDK（友盟同欣（北京）科技有限公司）']);
    expect(rows[3]).toEqual([
      '个推推送 SDK（每日互动股份有限公司）',
      '创建和管理账号，存储并同步您的笔记',
      '向您推送笔记提醒和共享笔记的更新',
      'SDK 嵌入，在您的设备上收集',
      '设备与日志信息（设备标识符（OAID、Android ID）、设备型号、网络类型）',
      'https://docs.getui.com/privacy/',
    ]);
    // A recipient without a URL: its contact (an email address).
    expect(rows[1]![5]).toBe('privacy@stripe.com');
    expect(tableRows(zh.markdown)[3]).toBe(
      '| 个推推送 SDK（每日互动股份有限公司） | 创建和管理账号，存储并同步您的笔记 | 向您推送笔记提醒和共享笔记的更新 | SDK 嵌入，在您的设备上收集 | 设备与日志信息（设备标识符（OAID、Android ID）、设备型号、网络类型） | <https://docs.getui.com/privacy/> |',
    );
    expect(zh.entries.map((e) => `${e.kind}:${e.name}`)).toEqual(['recipient:Alibaba Cloud', 'recipient:Stripe', 'recipient:Anthropic', 'sdk:个推推送 SDK', 'sdk:友盟+ 统计 SDK']);
    const [enHeader, ...enRows] = csvRecords(list(exampleLists, 'en', 'sharing').csv);
    expect(enHeader).toEqual(['Third party', 'Purpose', 'Context', 'How it is shared', 'Personal information shared', "Third party's privacy policy"]);
    expect(enRows[4]!.slice(0, 4)).toEqual([
      'Umeng+ Analytics SDK — Umeng+ (友盟同欣（北京）科技有限公司)',
      'collecting crash and error statistics so that we can find and fix faults',
      'when the app crashes or hits an error',
      'SDK embedded in our app, collecting on your device',
    ]);
  });

  it('应用权限清单: permission (platforms), purpose, when asked, whether it can be refused and what follows', () => {
    const [header, ...rows] = csvRecords(list(exampleLists, 'zh-CN', 'permissions').csv);
    expect(header).toEqual(['权限', '使用目的', '申请时机', '可否拒绝']);
    expect(rows[0]).toEqual(['相机（安卓、iOS）', '拍摄照片并插入笔记', '您第一次在笔记中点击“拍照”时', '可以拒绝。拒绝后，您无法在笔记中直接拍照，其他功能不受影响']);
    expect(rows.map((r) => r[0])).toEqual(['相机（安卓、iOS）', '麦克风（安卓、iOS）', '通知（安卓、iOS）']);
    const [, ...enRows] = csvRecords(list(exampleLists, 'en', 'permissions').csv);
    expect(enRows[2]).toEqual([
      'Notifications (Android, iOS)',
      'sending you note reminders and updates to shared notes',
      'the first time you set a reminder on a note',
      'Yes. If you refuse, you get no reminders or update notifications, but you can still see them in the app',
    ]);
    // Not refusable: said so, with the consequence.
    const forced = { ...china.facts, permissions: [{ ...china.facts.permissions[0]!, refusable: false }] };
    const [, row] = csvRecords(composeChinaLists(forced, lib, { locale: 'zh-CN', policyHref: 'index.html' }).find((l) => l.id === 'permissions')!.csv);
    expect(row![3]).toBe('不可拒绝。拒绝后，您无法在笔记中直接拍照，其他功能不受影响');
  });

  it('recipients’ method and scenario, and a category’s scenario, fill their columns when given', () => {
    const facts = structuredClone(china.facts);
    facts.recipients[1]!.method = 'api';
    facts.recipients[1]!.scenario = { 'zh-CN': '您购买或续订付费方案时', en: 'when you buy or renew a paid plan' };
    facts.data_categories[0]!.scenario = { 'zh-CN': '您注册账号和登录时', en: 'when you sign up and sign in' };
    const lists = listsOf(facts);
    expect(csvRecords(list(lists, 'zh-CN', 'sharing').csv)[2]!.slice(2, 4)).toEqual(['您购买或续订付费方案时', '通过接口（API）传输']);
    expect(csvRecords(list(lists, 'en', 'collection').csv)[1]![2]).toBe('when you sign up and sign in');
  });
});

describe('hostile facts stay inert in Markdown and in CSV', () => {
  const data = exampleData();
  const formula = '=HYPERLINK("https://evil.example","点我")|<script>alert(1)</script>**粗**';
  data.data_categories[0].name = { 'zh-CN': formula, en: '=HYPERLINK("https://evil.example","click")|<script>alert(1)</script>**bold**' };
  data.data_categories[0].examples = { 'zh-CN': '甲,乙 "引号"\n第二行 | 竖线', en: 'a,b "quoted"\nsecond line | pipe' };
  const stripe = '+cmd|\' /C calc\'!A0';
  data.recipients[1].name = stripe;
  data.transfers[0].recipients[0] = stripe;
  data.sdks[0].name = { 'zh-CN': '-2+3 推送 SDK <img src=x onerror=alert(1)>', en: '@SUM(1+1)*2 push SDK' };
  data.transfers[1].recipients[1] = '@SUM(1+1)*2 push SDK';
  data.permissions[0].purpose = { 'zh-CN': '<img src=x onerror=alert(1)> 拍照', en: '<img src=x onerror=alert(1)> photos' };
  const facts = factsFrom(stringifyYaml(data));
  const lists = listsOf(facts);

  it('Markdown: escaped, one cell per column, and the rendered HTML has no element from a fact', () => {
    for (const locale of LOCALES) {
      for (const l of lists[locale]!) {
        expect(l.markdown).not.toMatch(/(?<!\\)<(?:script|img)/);
        const columns = l.markdown.split('\n').find((line) => line.startsWith('| '))!.match(/(?<!\\)\|/g)!.length;
        for (const row of tableRows(l.markdown)) expect(row.match(/(?<!\\)\|/g)!.length, row).toBe(columns);
        const html = markdownToHtml(l.markdown, []);
        expect(html).not.toMatch(/<script|<img|<strong>粗|<strong>bold/);
        expect(html.match(/<tr>/g)!.length).toBe(tableRows(l.markdown).length + 1);
      }
    }
    expect(list(lists, 'zh-CN', 'collection').markdown).toContain('\\<script\\>alert(1)\\</script\\>\\*\\*粗\\*\\*');
    expect(markdownToHtml(list(lists, 'zh-CN', 'collection').markdown, [])).toContain('&#x3C;script>alert(1)&#x3C;/script>**粗**');
  });

  it('CSV: every value comes back exactly, and a cell a spreadsheet would run gets a leading apostrophe', () => {
    const collection = csvRecords(list(lists, 'zh-CN', 'collection').csv);
    expect(collection[1]![0]).toBe(`'${formula}（甲,乙 "引号"\n第二行 | 竖线）`);
    const sharing = csvRecords(list(lists, 'zh-CN', 'sharing').csv);
    expect(sharing[2]![0]).toBe(`'${stripe}`);
    expect(sharing[4]![0]).toBe("'-2+3 推送 SDK <img src=x onerror=alert(1)>（每日互动股份有限公司）");
    expect(csvRecords(list(lists, 'en', 'sharing').csv)[4]![0]).toBe("'@SUM(1+1)*2 push SDK — Merit Interactive Co., Ltd. (每日互动股份有限公司)");
    for (const locale of LOCALES) {
      for (const l of lists[locale]!) {
        for (const cell of csvRecords(l.csv).flat()) expect(cell, l.id).not.toMatch(/^[=+\-@]/);
      }
    }
  });

  it('toCsv: quoting, doubled quotes, CRLF, byte-order mark and inert formulas', () => {
    expect(toCsv([['a', 'b,c', 'd"e'], ['x\r\ny', '=1+1', '-5', '@me', '+1', '\tTab', '中文']])).toBe(
      '\uFEFFa,"b,c","d""e"\r\n"x\r\ny",\'=1+1,\'-5,\'@me,\'+1,\'\tTab,中文\r\n',
    );
    expect(csvRecords(toCsv([['a', 'b,c', 'd"e'], ['x\r\ny', 'q', '']]))).toEqual([['a', 'b,c', 'd"e'], ['x\r\ny', 'q', '']]);
  });
});

describe('SDK and permission facts', () => {
  const located = (yaml: string) => parseFacts(yaml, 'sdk.yaml').diagnostics.map((d) => ({ id: d.id, path: d.path, line: d.line, message: d.message, fix: d.fix }));
  const lineOf = (yaml: string, text: string, after = 0) => yaml.split('\n').findIndex((l, i) => i >= after && l.includes(text)) + 1;

  it('unknown data and purpose ids, located, with the near id suggested', () => {
    const yaml = exampleYaml.replace('    data: [device_logs]\n    data_detail:\n      zh-CN: 设备标识符（OAID', '    data: [device_log]\n    data_detail:\n      zh-CN: 设备标识符（OAID').replace('    purposes: [provide_service]\n    scenario:', '    purposes: [provide_servce]\n    scenario:');
    const sdkLine = lineOf(yaml, '- name:', lineOf(yaml, 'sdks:'));
    expect(located(yaml)).toEqual([
      { id: 'unknown-reference', path: 'sdks[0].purposes[0]', line: lineOf(yaml, 'purposes: [provide_servce]', sdkLine), message: 'no purpose has the id "provide_servce"', fix: 'did you mean "provide_service"?' },
      { id: 'unknown-reference', path: 'sdks[0].data[0]', line: lineOf(yaml, 'data: [device_log]', sdkLine), message: 'no data category has the id "device_log"', fix: 'did you mean "device_logs"?' },
    ]);
  });

  it('an SDK says what it is for: purposes or purpose', () => {
    const data = exampleData();
    delete data.sdks[0].purposes;
    const diagnostics = parseFacts(stringifyYaml(data), 'sdk.yaml').diagnostics;
    expect(diagnostics.map((d) => [d.id, d.path, d.message])).toEqual([['missing-field', 'sdks[0].purposes', 'SDK Getui Push SDK says neither which purposes it serves nor what it is used for']]);
  });

  it('its privacy policy link is required and must be a URL', () => {
    const data = exampleData();
    delete data.sdks[1].privacy_url;
    data.sdks[0].privacy_url = 'docs.getui.com/privacy';
    const diagnostics = parseFacts(stringifyYaml(data), 'sdk.yaml').diagnostics;
    expect(diagnostics.map((d) => [d.id, d.path])).toEqual([
      ['invalid-value', 'sdks[0].privacy_url'],
      ['missing-field', 'sdks[1].privacy_url'],
    ]);
  });

  it('an SDK abroad needs a transfer, like any recipient (one error per law whose territory it leaves), at its country', async () => {
    const data = exampleData();
    data.sdks[1].country = 'US';
    const file = join(dir, 'sdk-abroad.yaml');
    const yaml = stringifyYaml(data);
    writeFileSync(file, yaml);
    const { diagnostics } = await preparePolicy(file, lib);
    const missing = diagnostics.filter((d) => d.id === 'transfer-missing');
    expect(missing.map((d) => d.message)).toEqual(
      (['pipl', 'gdpr', 'uk', 'lgpd'] as const).map((j) => {
        const module = lib.modules.get(j)!;
        return `recipient Umeng+ Analytics SDK in US is outside ${module.territory.join(', ')}, so giving it data of people covered by the ${module.name.en} is a transfer, but no transfer lists it`;
      }),
    );
    for (const d of missing) expect(d).toMatchObject({ path: 'sdks[1].country', file, line: lineOf(yaml, 'country: US', lineOf(yaml, 'Umeng+ Analytics SDK')) });
    // Listing it (by its name in either language) in a transfer from each territory clears it.
    data.transfers[0].recipients.push('友盟+ 统计 SDK');
    data.transfers[1].recipients = data.transfers[1].recipients.filter((n: string) => n !== 'Umeng+ Analytics SDK');
    writeFileSync(file, stringifyYaml(data));
    expect((await preparePolicy(file, lib)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a transfer may name an SDK in any language; a name nobody has is refused', () => {
    const data = exampleData();
    data.transfers[1].recipients = ['Alibaba Cloud', '个推推送 SDK', 'Umeng+ Analytics SDK'];
    expect(parseFacts(stringifyYaml(data), 'x.yaml').diagnostics).toEqual([]);
    data.transfers[1].recipients = ['Alibaba Cloud', 'Getui SDK', 'Umeng+ Analytics SDK'];
    expect(parseFacts(stringifyYaml(data), 'x.yaml').diagnostics.map((d) => [d.path, d.message])).toEqual([['transfers[1].recipients[1]', 'no recipient is named "Getui SDK"']]);
  });

  it('a permission the user cannot refuse: a warning unless it serves a purpose that does not rest on consent (PIPL Art. 16)', () => {
    const facts = structuredClone(china.facts) as Facts;
    const warnings = () => checkConsistency(facts, lib.modules).filter((d) => d.id === 'permission-forced').map((d) => [d.severity, d.path, d.message]);
    expect(warnings()).toEqual([]);
    facts.permissions[0]!.refusable = false;
    delete facts.permissions[0]!.purposes;
    expect(warnings()).toEqual([
      ['warning', 'permissions[0].refusable', 'permission "camera" cannot be refused (refusable: false), but no purposes say which service needs it; under PIPL Art. 16 refusing a permission may cost the user only a service that cannot work without it'],
    ]);
    facts.permissions[0]!.purposes = ['provide_service', 'ai_summaries'];
    expect(warnings()).toEqual([
      ['warning', 'permissions[0].refusable', 'permission "camera" cannot be refused (refusable: false), but it serves ai_summaries, which rest on consent under the PIPL; PIPL Art. 16 forbids refusing the service because consent is refused, unless the processing is necessary to provide it'],
    ]);
    facts.permissions[0]!.purposes = ['provide_service'];
    expect(warnings()).toEqual([]);
  });

  it('permissions with no PIPL document: printed nowhere, said so', () => {
    const facts = { ...base.facts, jurisdictions: ['gdpr'] } as Facts;
    expect(checkConsistency(facts, lib.modules).filter((d) => d.path === 'permissions').map((d) => d.id)).toEqual(['fact-unused']);
  });
});

describe('an SDK removed from the facts leaves the sharing list, the policy and the coverage table together', () => {
  const sdkCoverage = (policy: PreparedPolicy) => policy.coverage.find((e) => e.disclosure === 'pipl.third_party.sdks')!;

  it('one SDK: its row goes from the list and from the policy’s SDK table, nothing else changes', async () => {
    const data = exampleData();
    data.sdks.splice(1, 1);
    data.transfers[1].recipients = ['Alibaba Cloud', 'Getui Push SDK'];
    const after = await prepare(stringifyYaml(data), 'one-sdk-less');
    const afterLists = listsOf(pipl(after).facts);
    for (const [locale, name] of [['zh-CN', '友盟+ 统计 SDK'], ['en', 'Umeng+ Analytics SDK']] as const) {
      const before = list(exampleLists, locale, 'sharing');
      const now = list(afterLists, locale, 'sharing');
      expect(csvRecords(now.csv)).toEqual(csvRecords(before.csv).filter((r) => !r[0]!.startsWith(name)));
      expect(now.entries.map((e) => e.name)).not.toContain(name);
      // The policy: exactly the SDK's row of the sharing clause's table is gone.
      const was = docOf(china, locale).markdown;
      const row = was.split('\n').find((l) => l.startsWith(`| ${name}`))!;
      expect(row).toBeDefined();
      expect(docOf(pipl(after), locale).markdown).toBe(was.replace(`${row}\n`, ''));
    }
    // Still covered, by the same clause.
    expect(sdkCoverage(after)).toEqual(sdkCoverage(base));
    expect(sdkCoverage(base)).toMatchObject({ covered: true, clause: 'sharing' });
    expect(Object.keys(sdkCoverage(base).numbers)).toEqual(['zh-CN', 'en']);
    expect(checkListsAgainstPolicy(afterLists, policies(pipl(after)), pipl(after).facts)).toEqual([]);
  });

  it('every SDK: the table and its rows go, and the coverage table says the disclosure does not apply', async () => {
    const data = exampleData();
    data.sdks = [];
    data.transfers[1].recipients = ['Alibaba Cloud'];
    const after = await prepare(stringifyYaml(data), 'no-sdks');
    const afterLists = listsOf(pipl(after).facts);
    expect(csvRecords(list(afterLists, 'zh-CN', 'sharing').csv).map((r) => r[0])).toEqual(['第三方名称', 'Alibaba Cloud', 'Stripe', 'Anthropic']);
    for (const locale of LOCALES) {
      const sharing = clauseText(docOf(pipl(after), locale), 'sharing');
      expect(sharing).not.toMatch(/SDK/);
      expect(clauseText(docOf(china, locale), 'sharing')).toMatch(/SDK/);
    }
    expect(sdkCoverage(after)).toMatchObject({ covered: true, applies: false, why: { key: 'naFact', params: { path: 'sdks' } } });
    expect(sdkCoverage(base).applies).toBeUndefined();
    expect(checkListsAgainstPolicy(afterLists, policies(pipl(after)), pipl(after).facts)).toEqual([]);
  });

  it('no recipients but SDKs: the SDK table, without "we do not share"', async () => {
    // PIPL alone, so the SDKs (in China) need no transfer entry.
    const data = exampleData();
    data.jurisdictions = ['pipl'];
    for (const key of ['gdpr', 'ccpa', 'lgpd', 'representatives', 'dpo']) delete data[key];
    data.recipients = [];
    data.transfers = [];
    const after = await prepare(stringifyYaml(data), 'sdks-only');
    const sharing = clauseText(docOf(pipl(after), 'zh-CN'), 'sharing');
    expect(sharing).toContain('| SDK 及其提供方 | 身份 | 用途 | 所在地 | 涉及的信息 |');
    expect(sharing).not.toContain('我们不会向其他组织提供个人信息供其用于自身目的');
    expect(sharing).not.toContain('| 接收方 |');
  });
});

describe('checkListsAgainstPolicy', () => {
  it('finds nothing to say about the example, in either language', () => {
    expect(checkListsAgainstPolicy(exampleLists, policies(china), china.facts)).toEqual([]);
  });

  it('a policy text missing an SDK fails, naming it and its fact', () => {
    const doc = docOf(china, 'zh-CN');
    const markdown = doc.markdown.split('\n').filter((l) => !l.startsWith('| 个推推送 SDK')).join('\n');
    const problems = checkListsAgainstPolicy({ 'zh-CN': exampleLists['zh-CN']! }, { 'zh-CN': { markdown, headings: doc.headings } }, china.facts);
    expect(problems.map(({ id, severity, path, message }) => ({ id, severity, path, message }))).toEqual([
      { id: 'list-mismatch', severity: 'error', path: 'sdks[0].name', message: 'the third-party sharing list (zh-CN) names 个推推送 SDK, but the policy\'s clause "sharing" does not' },
    ]);
    expect(problems[0]!.fix).toContain('templates/clauses/sharing.md.hbs');
  });

  it('a sharing template that forgets SDKs fails the check in both languages, though the coverage table passes', async () => {
    const root = copyLibraryRoot();
    writeFileSync(
      join(root, 'templates', 'clauses', 'sharing.md.hbs'),
      readFileSync(join(PACKAGE_ROOT, 'templates', 'clauses', 'sharing.md.hbs'), 'utf8').replace(/\{\{#if sdks\.length\}\}\n\{\{t "clauses\.sharing\.sdk_intro"\}\}[\s\S]*?\{\{\/each\}\}\n\{\{\/if\}\}\n/, ''),
    );
    const forgetful = await loadLibrary({ root });
    const file = join(dir, 'forgetful.yaml');
    writeFileSync(file, exampleYaml);
    const result = await preparePolicy(file, forgetful);
    // The coverage table cannot see it: the clause the disclosure names is there.
    expect(result.coverage!.find((e) => e.disclosure === 'pipl.third_party.sdks')).toMatchObject({ covered: true, clause: 'sharing' });
    // Located at the SDK's name (its first line: the mapping under `name:`).
    const sdkLine = (name: string) => exampleYaml.split('\n').findIndex((l) => l.includes(name)) + 1;
    expect(result.diagnostics.map((d) => [d.id, d.path, d.line, d.message])).toEqual([
      ['list-mismatch', 'sdks[0].name', sdkLine('zh-CN: 个推推送 SDK'), 'the third-party sharing list (zh-CN) names 个推推送 SDK, but the policy\'s clause "sharing" does not'],
      ['list-mismatch', 'sdks[1].name', sdkLine('zh-CN: 友盟+ 统计 SDK'), 'the third-party sharing list (zh-CN) names 友盟+ 统计 SDK, but the policy\'s clause "sharing" does not'],
      ['list-mismatch', 'sdks[0].name', sdkLine('zh-CN: 个推推送 SDK'), 'the third-party sharing list (en) names Getui Push SDK, but the policy\'s clause "sharing" does not'],
      ['list-mismatch', 'sdks[1].name', sdkLine('zh-CN: 友盟+ 统计 SDK'), 'the third-party sharing list (en) names Umeng+ Analytics SDK, but the policy\'s clause "sharing" does not'],
    ]);
    expect(result.diagnostics.every((d) => d.file === file && d.severity === 'error')).toBe(true);

    // Searched in the whole text instead of the sharing clause, a name another part of the
    // policy also prints (here a section of the company's own) would hide the loss: the
    // clause is what the check reads.
    const data = exampleData();
    data.custom_sections.push({
      id: 'push_messages',
      after: 'security',
      title: { 'zh-CN': '推送消息', en: 'Push messages' },
      body: { 'zh-CN': '我们通过个推推送 SDK 发送提醒；您可以随时在系统设置中关闭通知。', en: 'We send reminders through the Getui Push SDK; you can switch notifications off at any time in your system settings.' },
    });
    const facts = factsFrom(stringifyYaml(data));
    const plan = documentPlans(facts).find((p) => p.laws.includes('pipl'))!;
    const composed = compose(facts, forgetful, { date: '2026-03-07', document: plan });
    const lists = listsOf(composed.facts, forgetful);
    for (const locale of LOCALES) {
      const doc = docOf(composed, locale);
      const name = facts.sdks[0]!.name[locale]!;
      expect(clauseText(doc, 'sharing')).not.toContain(name);
      expect(doc.markdown).toContain(name);
      expect(checkListsAgainstPolicy({ [locale]: lists[locale]! }, { [locale]: doc.markdown }, composed.facts).map((d) => d.path)).toEqual(['sdks[1].name']);
      expect(checkListsAgainstPolicy({ [locale]: lists[locale]! }, { [locale]: doc }, composed.facts).map((d) => d.path)).toEqual(['sdks[0].name', 'sdks[1].name']);
    }
  });

  it('a list composed from other facts: what it lacks, what only it has, and a missing list', () => {
    const fewer = { ...china.facts, data_categories: china.facts.data_categories.slice(1) };
    const more = { ...china.facts, recipients: [...china.facts.recipients, { name: 'Ghost Analytics', role: 'controller' as const, service: { 'zh-CN': '广告', en: 'ads' }, country: 'CN', data: ['account'] }] };
    const lists = { 'zh-CN': [list(listsOf(fewer), 'zh-CN', 'collection'), list(listsOf(more), 'zh-CN', 'sharing')] };
    const problems = checkListsAgainstPolicy(lists, { 'zh-CN': docOf(china, 'zh-CN') }, china.facts);
    expect(problems.map((d) => [d.path, d.message])).toEqual([
      ['data_categories[0].name', 'the policy (zh-CN) names 账号信息 in its clause "collection", but the collection list does not'],
      [undefined, 'the third-party sharing list (zh-CN) names Ghost Analytics, but the policy\'s clause "sharing" does not'],
    ]);
    expect(checkListsAgainstPolicy({}, { en: docOf(china, 'en') }, china.facts).map((d) => d.message)).toEqual(['the collection list (en) is missing', 'the third-party sharing list (en) is missing']);
    // In Chinese, from the same diagnostic.
    expect(problems[0]!.i18n!.message.key).toBe('listMismatch.notInList');
  });
});
