// Generates N data files from data/example.yaml for the many-companies benchmark: each has
// its own company name, short name, e-mail domain and website, and most drop one or two data
// categories (with every reference to them: recipients, transfers, CCPA lists), so the
// policies differ in length and content, not just in a name.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

const ZH_WORDS = ['云笺', '青禾', '星河', '明川', '远山', '晴岚', '松石', '海棠', '墨竹', '南风'];
const EN_WORDS = ['Nimbus', 'Greenfield', 'Stellar', 'Brightriver', 'Farhill', 'Clearsky', 'Pinerock', 'Crabapple', 'Inkbamboo', 'Southwind'];
// Which optional categories a file drops, by index modulo the list (account and notes stay).
const DROPS = [[], ['identity_documents'], ['payment'], ['device_logs', 'identity_documents'], ['payment', 'identity_documents']];

export function makeBatch(exampleFile, dir, count) {
  mkdirSync(dir, { recursive: true });
  const source = readFileSync(exampleFile, 'utf8');
  const files = [];
  for (let i = 1; i <= count; i++) {
    const f = parse(source);
    const n = String(i).padStart(3, '0');
    const zh = `${ZH_WORDS[i % ZH_WORDS.length]}${n}`;
    const en = `${EN_WORDS[i % EN_WORDS.length]} ${n}`;
    const domain = `${EN_WORDS[i % EN_WORDS.length].toLowerCase()}${n}.example`;
    f.controller.name = { 'zh-CN': `${zh}科技（杭州）有限公司`, en: `${en} Technology (Hangzhou) Co., Ltd.` };
    f.controller.short_name = { 'zh-CN': zh, en };
    f.controller.email = `privacy@${domain}`;
    f.controller.website = `https://${domain}`;
    f.policy.url = `https://${domain}/privacy`;
    if (f.rights?.channels) f.rights.channels = f.rights.channels.map((c) => (c.type === 'email' ? { ...c, value: `privacy@${domain}` } : c));

    const drop = new Set(DROPS[i % DROPS.length]);
    f.data_categories = f.data_categories.filter((c) => !drop.has(c.id));
    const used = new Set(f.data_categories.flatMap((c) => c.purposes));
    f.purposes = f.purposes.filter((p) => used.has(p.id));
    f.recipients = f.recipients.map((r) => ({ ...r, data: r.data.filter((d) => !drop.has(d)) })).filter((r) => r.data.length);
    const recipients = new Set(f.recipients.map((r) => r.name));
    f.transfers = (f.transfers ?? []).map((t) => ({ ...t, recipients: t.recipients.filter((r) => recipients.has(r)) })).filter((t) => t.recipients.length);
    if (f.ccpa) {
      for (const key of ['sold_or_shared_12m', 'disclosed_for_business_purpose_12m']) {
        if (Array.isArray(f.ccpa[key])) f.ccpa[key] = f.ccpa[key].filter((d) => !drop.has(d));
      }
    }
    const file = join(dir, `company-${n}.yaml`);
    writeFileSync(file, stringify(f, { lineWidth: 0 }));
    files.push(file);
  }
  return files;
}
