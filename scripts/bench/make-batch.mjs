// Generates N data files from data/example.yaml for the many-companies benchmark: each has
// its own company name, short name, e-mail domain and website, so every document and PDF
// differs from the others'. (They no longer drop data categories: the example's sections
// that refer to categories and purposes keep growing, and a generator that removes some
// would have to know every one of them; `bench` checks the files with `policygen check`.)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

const ZH_WORDS = ['云笺', '青禾', '星河', '明川', '远山', '晴岚', '松石', '海棠', '墨竹', '南风'];
const EN_WORDS = ['Nimbus', 'Greenfield', 'Stellar', 'Brightriver', 'Farhill', 'Clearsky', 'Pinerock', 'Crabapple', 'Inkbamboo', 'Southwind'];

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

    const file = join(dir, `company-${n}.yaml`);
    writeFileSync(file, stringify(f, { lineWidth: 0 }));
    files.push(file);
  }
  return files;
}
