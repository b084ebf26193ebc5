/**
 * `policygen migrate`: rewrites a data file of the older format (one `legal_basis` for every
 * law, `rights.response_days`, transfers without an origin, MLPS listed as a certification)
 * into the current model. Pure: text in, text and a list of changes out.
 *
 * The YAML Document API finds what to change (keys, values, their source ranges); the edits
 * are then spliced into the original text line by line, so every comment, blank line, quote
 * style and flow collection the file had stays byte for byte where nothing changed
 * (re-serialising the whole document would re-space `[a, b]`, `{ a }` and `  # comments`).
 *
 * What a person must decide is never invented: a legal obligation gets `obligations:` whose
 * law is a TODO / 待填写 placeholder, a basis that PIPL does not have is left out with a
 * comment saying what to choose, and both are returned in `todo` with their location.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { formatPath, type Diagnostic } from '../diagnostics.js';
import { within } from '../facts/regions.js';
import { BASIS_LAWS, GDPR_BASES, LGPD_BASES, PIPL_BASES } from '../facts/schema.js';
import { say, type MessageParams } from '../messages.js';

/**
 * Where each law's territory is, for `transfers[].from` (the same as `territory:` in
 * templates/jurisdictions/<law>.yaml; test/migrate.test.ts keeps them equal).
 */
export const TERRITORIES: Record<string, string> = { pipl: 'CN', gdpr: 'EEA', uk: 'GB', lgpd: 'BR' };

export interface MigrationChange {
  /** Key under `messages.migrate.` in locales/<lang>/cli/messages.json. */
  key: string;
  params: MessageParams;
  /** Field path of what changed (in the result). */
  path: string;
  /** 1-based line and column in the original text. */
  line: number;
  column: number;
  /** 1-based line in the migrated text. */
  newLine: number;
  /** The English text (for --json and logs). */
  message: string;
}

export interface MigrationResult {
  /** The migrated text (the input itself when nothing changed). */
  text: string;
  changed: boolean;
  changes: MigrationChange[];
  /** What a person must still decide or write, located in the migrated text. */
  todo: MigrationTodo[];
  /** YAML that could not be read: nothing was changed. */
  unreadable: boolean;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface PendingChange {
  key: string;
  params: MessageParams;
  /** Path of the changed node in the result, for locating it there. */
  path: (string | number)[];
  /** Offset in the original text. */
  offset: number;
}

interface PendingTodo {
  id: Diagnostic['id'];
  path: (string | number)[];
  text: ReturnType<typeof say>;
  /** Offset in the original text where it is (or where what it replaces was). */
  offset: number;
}

/** A todo item: a diagnostic located in the migrated text, plus its place in the original. */
export type MigrationTodo = Diagnostic & { originalLine?: number; originalColumn?: number };

/** A number of days written into free text (the same rule as the consistency check's deadline-in-text). */
const DAYS_IN_TEXT = /\d+\s*(?:个)?(?:工作日|日|天|(?:business |calendar |working )?days?\b)/iu;
/** Drafting placeholders (the same as the loader's, for the ones migrate writes and similar). */
const PLACEHOLDER = /\b(?:TODO|TBD|TBC|FIXME|XXX+)\b|待定|待补充|待填写|此处填写/i;
const MLPS = /等级保护|等保|MLPS|Multi-Level Protection/i;
const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };

/** The MLPS level a certification text names ("三级", "Level 3", "等保 3 级"), if any. */
export function mlpsLevel(texts: readonly string[]): number | undefined {
  for (const text of texts) {
    const match = /level\s*([1-5])\b/i.exec(text) ?? /([1-5一二三四五])\s*级/.exec(text) ?? /第\s*([1-5一二三四五])\s*级/.exec(text);
    if (match) return CHINESE_DIGITS[match[1]!] ?? Number(match[1]);
  }
  return undefined;
}

export function migrate(input: string, file = 'policy.yaml'): MigrationResult {
  const bom = input.startsWith('\uFEFF');
  const crlf = /\r\n/.test(input);
  const source = (bom ? input.slice(1) : input).replace(/\r\n/g, '\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true });
  const none: MigrationResult = { text: input, changed: false, changes: [], todo: [], unreadable: false };
  if (doc.errors.length || !isMap(doc.contents)) return { ...none, unreadable: true };
  const data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;

  const edits: Edit[] = [];
  const changes: PendingChange[] = [];
  const todo: PendingTodo[] = [];
  const change = (key: string, params: MessageParams, path: (string | number)[], offset: number) => changes.push({ key, params, path, offset });

  const lineStart = (offset: number) => source.lastIndexOf('\n', offset - 1) + 1;
  const nextLine = (offset: number) => {
    const end = source.indexOf('\n', offset);
    return end < 0 ? source.length : end + 1;
  };
  const columnOf = (offset: number) => offset - lineStart(offset);
  /** Offset just after the last non-blank character before `end`. */
  const contentEnd = (end: number) => {
    let i = end;
    while (i > 0 && /\s/.test(source[i - 1]!)) i--;
    return i;
  };
  const eol = source.endsWith('\n') || source === '' ? '' : '\n';

  const enabled = Array.isArray(data.jurisdictions) ? data.jurisdictions.map(String) : [];
  const basisLaws = BASIS_LAWS.filter((law) => enabled.includes(law));
  const controller = (data.controller ?? {}) as Record<string, unknown>;
  const home = typeof controller.main_establishment_country === 'string' && /^[A-Z]{2}$/.test(controller.main_establishment_country) ? controller.main_establishment_country : 'CN';

  // 1. purposes[].legal_basis → bases (and obligations) per enabled law.
  const purposes = mapGet(doc.contents, 'purposes');
  if (isSeq(purposes)) {
    purposes.items.forEach((item, i) => {
      if (!isMap(item)) return;
      const pair = pairOf(item, 'legal_basis');
      if (!pair) return;
      const key = pair.key as YamlNode;
      const value = pair.value as YamlNode | null;
      const old = isScalar(value) ? String(value.value) : '';
      const keyStart = key.range![0];
      const valueEnd = value?.range ? value.range[1] : key.range![1];
      const id = String((item.toJSON() as Record<string, unknown>).id ?? i);
      const indent = ' '.repeat(columnOf(keyStart));
      if (item.flow || source.slice(keyStart, valueEnd).includes('\n')) {
        todo.push({ id: 'field-replaced', path: ['purposes', i, 'legal_basis'], offset: keyStart, text: say('migrate.todoLayout.message', { field: 'legal_basis' }, 'migrate.todoLayout.fix') });
        return;
      }
      if (pairOf(item, 'bases')) {
        edits.push({ start: lineStart(keyStart), end: nextLine(valueEnd), text: trailingComment(source, valueEnd, indent) });
        change('droppedBasis', { purpose: id, basis: old }, ['purposes', i, 'bases'], keyStart);
        return;
      }
      const mapping = basesFor(old, basisLaws);
      if (!mapping) {
        todo.push({ id: 'basis-not-in-law', path: ['purposes', i, 'legal_basis'], offset: keyStart, text: say('migrate.todoUnknownBasis.message', { purpose: id, basis: old }, 'migrate.todoUnknownBasis.fix') });
        return;
      }
      const entries = Object.entries(mapping.bases);
      const flow = entries.length ? `{ ${entries.map(([law, basis]) => `${law}: ${basis}`).join(', ')} }` : '{}';
      const before: string[] = [];
      if (mapping.noPipl) {
        const choices = PIPL_BASES.filter((b) => b !== 'not_applicable' && b !== 'hr_management').join(', ');
        before.push(
          `${indent}# ${mapping.noPipl.en}: choose a pipl basis (${choices}; legal_obligation needs obligations naming the Chinese law) or pipl: not_applicable`,
          `${indent}# ${mapping.noPipl.zh}：请为 pipl 选择依据（${choices}；legal_obligation 须在 obligations 中写明中国法律），或写 pipl: not_applicable`,
        );
      }
      const after: string[] = [];
      const obligationNeeded = entries.some(([, basis]) => basis === 'legal_obligation') && !pairOf(item, 'obligations');
      if (obligationNeeded) {
        after.push(
          `${indent}obligations:`,
          `${indent}  - law:`,
          `${indent}      zh-CN: 待填写`,
          `${indent}      en: TODO`,
          `${indent}    jurisdiction: ${home}`,
        );
      }
      const lineBegin = lineStart(keyStart);
      edits.push({ start: lineBegin, end: lineBegin, text: before.map((l) => `${l}\n`).join('') });
      edits.push({ start: keyStart, end: valueEnd, text: `bases: ${flow}` });
      if (after.length) {
        const end = nextLine(valueEnd);
        edits.push({ start: end, end, text: `${end === source.length ? eol : ''}${after.map((l) => `${l}\n`).join('')}` });
      }
      change(mapping.noPipl ? 'basesNoPipl' : 'bases', { purpose: id, old, bases: flow }, ['purposes', i, 'bases'], keyStart);
      if (obligationNeeded) change('obligations', { purpose: id, jurisdiction: home }, ['purposes', i, 'obligations'], keyStart);
    });
  }

  // 2. rights.response_days → pipl.response_days (PIPL sets no deadline: it is the company's own).
  const rights = mapGet(doc.contents, 'rights');
  const responsePair = isMap(rights) ? pairOf(rights, 'response_days') : undefined;
  if (responsePair && isMap(rights) && !rights.flow) {
    const key = responsePair.key as YamlNode;
    const value = responsePair.value as YamlNode | null;
    const days = isScalar(value) ? String(value.value) : '';
    const keyStart = key.range![0];
    const valueEnd = value?.range ? value.range[1] : key.range![1];
    const comment = trailingComment(source, valueEnd, '').trim();
    edits.push({ start: lineStart(keyStart), end: nextLine(valueEnd), text: '' });
    const pipl = mapGet(doc.contents, 'pipl');
    if (!enabled.includes('pipl')) {
      change('responseDaysDropped', { days }, ['rights'], keyStart);
    } else if (isMap(pipl) && pairOf(pipl, 'response_days')) {
      change('responseDaysDuplicate', { days }, ['pipl', 'response_days'], keyStart);
    } else {
      const line = `response_days: ${days}${comment ? `  ${comment}` : ''}`;
      insertIntoMap(doc, source, 'pipl', line, edits, eol);
      change('responseDays', { days }, ['pipl', 'response_days'], keyStart);
    }
  }

  // 3. transfers[] without `from`: the territories of the enabled laws the data leaves.
  const transfers = mapGet(doc.contents, 'transfers');
  if (isSeq(transfers)) {
    transfers.items.forEach((item, i) => {
      if (!isMap(item) || pairOf(item, 'from') || !item.items.length) return;
      const country = String((item.toJSON() as Record<string, unknown>).country ?? '');
      let from = enabled.filter((law) => TERRITORIES[law]).map((law) => TERRITORIES[law]!).filter((t) => !within(country, [t]));
      if (!from.length) from = [home];
      const firstKey = item.items[0]!.key as YamlNode;
      const at = firstKey.range![0];
      const text = item.flow ? `from: [${from.join(', ')}], ` : `from: [${from.join(', ')}]\n${' '.repeat(columnOf(at))}`;
      edits.push({ start: at, end: at, text });
      change('transferFrom', { country, from: from.join(', ') }, ['transfers', i, 'from'], at);
    });
  }

  // 4. MLPS listed as a certification → security.mlps_level.
  const security = mapGet(doc.contents, 'security');
  const certifications = isMap(security) ? mapGet(security, 'certifications') : undefined;
  if (isMap(security) && !security.flow && isSeq(certifications) && !certifications.flow) {
    const kept: number[] = [];
    let level: number | undefined;
    const removed: { index: number; comments: string[] }[] = [];
    certifications.items.forEach((item, j) => {
      const texts = isMap(item) ? Object.values(item.toJSON() as Record<string, unknown>).map(String) : isScalar(item) ? [String(item.value)] : [];
      if (!texts.some((t) => MLPS.test(t))) return void kept.push(j);
      const found = mlpsLevel(texts);
      if (found === undefined) {
        kept.push(j); // no level to read: left for a person (listed below)
        return;
      }
      level ??= found;
      removed.push({ index: j, comments: commentsOf(item as YamlNode) });
    });
    if (removed.length) {
      const last = certifications.items[certifications.items.length - 1] as YamlNode;
      const seqEnd = nextLine(contentEnd(last.range![1]));
      const certKey = pairOf(security, 'certifications')!.key as YamlNode;
      const indent = ' '.repeat(columnOf(certKey.range![0]));
      const keptComments = removed.flatMap((r) => r.comments).map((c) => `${indent}#${c}\n`).join('');
      for (const { index } of removed) {
        const item = certifications.items[index] as YamlNode;
        const start = lineStart(item.range![0]);
        // Through the line before the next item (or the end of the list).
        const next = certifications.items[index + 1] as YamlNode | undefined;
        const end = next ? lineStart(next.range![0]) : seqEnd;
        edits.push({ start, end, text: keepCommentLines(source.slice(start, end)) });
      }
      if (!kept.length) {
        // Nothing left: `certifications:` must say so (`[]`), not be left empty (null).
        const keyEnd = certKey.range![1];
        edits.push({ start: keyEnd, end: keyEnd + 1, text: ': []' });
      }
      const hasLevel = pairOf(security, 'mlps_level');
      if (!hasLevel) {
        edits.push({ start: seqEnd, end: seqEnd, text: `${seqEnd === source.length ? eol : ''}${keptComments}${indent}mlps_level: ${level}\n` });
        change('mlps', { level: level! }, ['security', 'mlps_level'], (certifications.items[removed[0]!.index] as YamlNode).range![0]);
      } else change('mlpsRemoved', { level: level! }, ['security', 'certifications'], (certifications.items[removed[0]!.index] as YamlNode).range![0]);
    }
  }

  // Apply the edits from the end, so earlier offsets stay valid.
  // Two insertions at one place keep the order they were made in.
  const sorted = edits
    .map((e, index) => ({ ...e, index }))
    .filter((e) => e.text !== '' || e.end > e.start)
    .sort((a, b) => b.start - a.start || b.end - a.end || b.index - a.index);
  let out = source;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  const changed = out !== source;

  const lines = new LineCounter();
  const result = parseDocument(out, { lineCounter: lines, uniqueKeys: true });
  if (result.errors.length) throw new Error(`migrate produced YAML that does not parse (${result.errors[0]!.message}); please report this with the file`);
  // Where a path is in the result, or its closest existing ancestor.
  const lineIn = (path: (string | number)[]) => {
    for (let n = path.length; n > 0; n--) {
      const node = nodeAt(result, path.slice(0, n));
      if (node?.range) return lines.linePos(node.range[0]);
    }
    return undefined;
  };
  // A change is shown at its key (`obligations:`), not at the value below it.
  const keyLine = (path: (string | number)[]) => {
    const parent = nodeAt(result, path.slice(0, -1));
    const last = path[path.length - 1];
    const key = isMap(parent) && typeof last === 'string' ? (pairOf(parent, last)?.key as YamlNode | undefined) : undefined;
    return key?.range ? lines.linePos(key.range[0]).line : lineIn(path)?.line;
  };
  const located = changes.map((c): MigrationChange => {
    const pos = lineCounter.linePos(c.offset);
    const text = say(`migrate.${c.key}`, c.params);
    return { key: c.key, params: c.params, path: formatPath(c.path), line: pos.line, column: pos.col, newLine: keyLine(c.path) ?? pos.line, message: text.message };
  });
  // What only a person can decide or write, found in the result (so a second run lists the same).
  const pending = [...todo.map((t) => ({ ...t, resultOffset: undefined as number | undefined })), ...pendingWork(result, enabled).map((t) => ({ ...t, resultOffset: t.offset, offset: originalOffset(sorted, t.offset) }))];
  const todos = pending.map((t): MigrationTodo => {
    const at = t.resultOffset !== undefined ? lines.linePos(t.resultOffset) : lineIn(t.path);
    const was = lineCounter.linePos(t.offset);
    return { id: t.id, severity: 'error', file, path: formatPath(t.path), ...(at ? { line: at.line, column: at.col } : {}), ...t.text, originalLine: was.line, originalColumn: was.col };
  });
  let text = changed ? out : source;
  if (crlf) text = text.replace(/\n/g, '\r\n');
  if (bom) text = `\uFEFF${text}`;
  return { text: changed ? text : input, changed, changes: located.sort((a, b) => a.newLine - b.newLine), todo: todos.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)), unreadable: false };
}

/** Where an offset of the result was in the original: inserted text maps to where it was inserted. */
function originalOffset(applied: readonly Edit[], offset: number): number {
  // `applied` is sorted from the end; walk it from the start, tracking the shift.
  let shift = 0;
  for (const e of [...applied].reverse()) {
    const start = e.start + shift;
    if (offset < start) break;
    // Inserted lines belong to the line before them (the key they were added for).
    if (offset < start + e.text.length) return e.end === e.start && e.start > 0 ? e.start - 1 : e.start;
    shift += e.text.length - (e.end - e.start);
  }
  return offset - shift;
}

/**
 * What a person must still decide or write in a file of the current model, as far as migrate
 * can see it: a law with no basis, a legal obligation whose law is a placeholder, MLPS left as
 * a certification, a CCPA part with no thresholds statement, a number of days in free text.
 */
function pendingWork(doc: Document, enabled: readonly string[]): PendingTodo[] {
  const out: PendingTodo[] = [];
  const data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  const where = (path: (string | number)[]) => {
    for (let n = path.length; n > 0; n--) {
      const node = nodeAt(doc, path.slice(0, n));
      if (node?.range) return node.range[0];
    }
    return 0;
  };
  const purposes = Array.isArray(data.purposes) ? (data.purposes as Record<string, unknown>[]) : [];
  purposes.forEach((p, i) => {
    if (!p || typeof p !== 'object') return;
    const bases = p.bases && typeof p.bases === 'object' ? (p.bases as Record<string, unknown>) : undefined;
    if (bases) {
      for (const law of BASIS_LAWS) {
        if (!enabled.includes(law)) continue;
        const has = law === 'uk' ? bases.uk ?? bases.gdpr : bases[law];
        if (has) continue;
        const accepted = (law === 'pipl' ? PIPL_BASES : law === 'lgpd' ? LGPD_BASES : GDPR_BASES).join(', ');
        const path = ['purposes', i, 'bases'];
        out.push({ id: 'basis-missing', path, offset: where(path), text: say('basisMissing.message', { purpose: String(p.id ?? i), law: law.toUpperCase() }, 'basisMissing.fix', { key: law, accepted }) });
      }
    }
    const obligations = Array.isArray(p.obligations) ? (p.obligations as Record<string, unknown>[]) : [];
    obligations.forEach((o, j) => {
      const law = o && typeof o === 'object' ? o.law : undefined;
      if (!law || typeof law !== 'object' || !Object.values(law).some((t) => PLACEHOLDER.test(String(t)))) return;
      const path = ['purposes', i, 'obligations', j, 'law'];
      out.push({ id: 'placeholder', path, offset: where(path), text: say('migrate.todoObligation.message', { purpose: String(p.id ?? i) }, 'migrate.todoObligation.fix', { jurisdiction: String(o.jurisdiction ?? '') }) });
    });
  });
  const security = data.security as Record<string, unknown> | undefined;
  const certifications = Array.isArray(security?.certifications) ? (security.certifications as unknown[]) : [];
  certifications.forEach((c, j) => {
    const texts = c && typeof c === 'object' ? Object.values(c).map(String) : [String(c)];
    if (!texts.some((t) => MLPS.test(t))) return;
    const path = ['security', 'certifications', j];
    out.push({ id: 'mlps-certification', path, offset: where(path), text: say('mlpsCertification.message', {}, 'mlpsCertification.fix') });
  });
  const ccpa = data.ccpa;
  if (enabled.includes('ccpa') && ccpa && typeof ccpa === 'object' && !('thresholds_met' in ccpa)) {
    const path = ['ccpa', 'thresholds_met'];
    out.push({ id: 'missing-field', path, offset: where(path), text: say('migrate.todoThresholds.message', {}, 'migrate.todoThresholds.fix') });
  }
  const texts: [string[], string][] = [
    [['rights', 'account_deletion'], 'rights.account_deletion_days'],
    [['rights', 'verification'], 'pipl.response_days'],
    [['rights', 'authorized_agents'], 'pipl.response_days'],
    [['consent', 'withdrawal_method'], 'pipl.response_days'],
    [['complaints', 'channel'], 'complaints.acknowledge_days'],
  ];
  for (const [path, field] of texts) {
    const value = path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
    if (!value || typeof value !== 'object') continue;
    for (const [locale, text] of Object.entries(value as Record<string, unknown>)) {
      const match = DAYS_IN_TEXT.exec(String(text));
      if (!match) continue;
      out.push({ id: 'deadline-in-text', path: [...path, locale], offset: where([...path, locale]), text: say('migrate.todoDays.message', { text: match[0].trim(), field: formatPath(path) }, 'migrate.todoDays.fix', { field }) });
      break;
    }
  }
  return out;
}

/** The bases an old `legal_basis` code becomes under each enabled law. */
function basesFor(old: string, laws: readonly string[]): { bases: Record<string, string>; noPipl?: { en: string; zh: string } } | undefined {
  const table: Record<string, Record<string, string | undefined>> = {
    consent: { pipl: 'consent', gdpr: 'consent', lgpd: 'consent' },
    contract: { pipl: 'contract', gdpr: 'contract', lgpd: 'contract' },
    legal_obligation: { pipl: 'legal_obligation', gdpr: 'legal_obligation', lgpd: 'legal_obligation' },
    legitimate_interests: { pipl: undefined, gdpr: 'legitimate_interests', lgpd: 'legitimate_interests' },
    vital_interests: { pipl: 'emergency', gdpr: 'vital_interests', lgpd: 'vital_interests' },
    public_task: { pipl: undefined, gdpr: 'public_task', lgpd: 'public_administration' },
  };
  const row = table[old];
  if (!row) return undefined;
  const bases: Record<string, string> = {};
  for (const law of laws) {
    // `uk` follows `gdpr` unless only the UK GDPR is enabled.
    if (law === 'uk' && laws.includes('gdpr')) continue;
    const basis = row[law === 'uk' ? 'gdpr' : law];
    if (basis) bases[law] = basis;
  }
  const noPipl =
    laws.includes('pipl') && !row.pipl
      ? old === 'legitimate_interests'
        ? { en: 'PIPL has no legitimate-interests basis (Art. 13)', zh: '《个人信息保护法》没有“正当利益”这一依据（第十三条）' }
        : { en: 'PIPL has no public-task basis (Art. 13)', zh: '《个人信息保护法》没有“执行公共任务”这一依据（第十三条）' }
      : undefined;
  return { bases, ...(noPipl ? { noPipl } : {}) };
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

function mapGet(map: unknown, key: string): unknown {
  return isMap(map) ? pairOf(map, key)?.value : undefined;
}

/** The node at a path in a document, if it exists. */
function nodeAt(doc: Document, path: readonly (string | number)[]): YamlNode | undefined {
  let node: unknown = doc.contents;
  for (const part of path) {
    if (isMap(node)) {
      const pair = pairOf(node, String(part));
      if (!pair) return undefined;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof part === 'number') node = (node as YAMLSeq).items[part];
    else return undefined;
  }
  return node as YamlNode | undefined;
}

/** ` # comment` after `end` on the same line, re-indented as a line of its own (or ''). */
function trailingComment(source: string, end: number, indent: string): string {
  const rest = source.slice(end, source.indexOf('\n', end) < 0 ? source.length : source.indexOf('\n', end));
  const match = /^\s*(#.*)$/.exec(rest);
  return match ? `${indent}${match[1]}\n` : '';
}

/** Comment lines of a removed block, kept in place (with their line breaks). */
function keepCommentLines(block: string): string {
  return block
    .split('\n')
    .filter((l) => /^\s*#/.test(l))
    .map((l) => `${l}\n`)
    .join('');
}

/** Trailing `# …` comments of a node and its children (their text after `#`). */
function commentsOf(node: YamlNode): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const c = (n as { comment?: string | null }).comment;
    if (c) out.push(...c.split('\n').map((l) => (l.startsWith(' ') ? l : ` ${l}`)));
    if (isMap(n)) {
      for (const pair of n.items) {
        walk(pair.key);
        walk(pair.value);
      }
    } else if (isSeq(n)) for (const item of n.items) walk(item);
  };
  walk(node);
  return out;
}

/** Adds `line` as the first entry of the top-level block `key` (creating the block at the end of the file if it is missing). */
function insertIntoMap(doc: Document, source: string, key: string, line: string, edits: Edit[], eol: string): void {
  const root = doc.contents as YAMLMap;
  const pair = pairOf(root, key);
  const value = pair?.value as YamlNode | null | undefined;
  if (!pair || value === undefined) {
    edits.push({ start: source.length, end: source.length, text: `${eol}\n${key}:\n  ${line}\n` });
    return;
  }
  if (isMap(value) && value.items.length && !value.flow) {
    const first = value.items[0]!.key as YamlNode;
    const start = source.lastIndexOf('\n', first.range![0] - 1) + 1;
    const indent = first.range![0] - start;
    edits.push({ start, end: start, text: `${' '.repeat(indent)}${line}\n` });
    return;
  }
  if (isMap(value) && value.flow) {
    const open = source.indexOf('{', value.range![0]);
    const empty = value.items.length === 0;
    edits.push({ start: open + 1, end: open + 1, text: empty ? ` ${line.replace(/\s+#.*$/, '')} ` : ` ${line.replace(/\s+#.*$/, '')},` });
    return;
  }
  // `pipl:` with no value (null): the block starts here.
  const keyEnd = (pair.key as YamlNode).range![1];
  const colon = source.indexOf(':', keyEnd);
  const lineEnd = source.indexOf('\n', colon);
  const at = lineEnd < 0 ? source.length : lineEnd;
  edits.push({ start: at, end: at, text: `\n  ${line}` });
}
