/**
 * merge(): the output folders of `build --shard k/n` runs → one published folder, as one
 * build of every policy would have written it.
 *
 * - Each input is read and checked first: its manifest.json, every policy folder the
 *   manifest names (the files on disk must be exactly the manifest's, with its hashes),
 *   its assets and its sitemap index. An empty folder is an empty shard.
 * - A policy id in two inputs is kept once if both copies are the same (same manifest
 *   entry, hence the same bytes), and refused otherwise; so are assets that differ and
 *   sitemaps made for different --base-url. Any problem: nothing is written.
 * - Then, holding the output folder's lock, the policies and assets are copied into a
 *   staging folder, the manifest and the sitemap index are written there, and all of it is
 *   swapped in by one journaled list of renames (src/system/staging.ts), as build does.
 *   Policies already in the output folder and not in any input stay, as after a build.
 */
import { createHash } from 'node:crypto';
import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';
import { LOCK_NAME, type LockEvent } from '../system/lock.js';
import { ownerState, parseOwner } from '../system/owner.js';
import { outputDirProblem } from '../system/outpath.js';
import { createStaging, sweepStaleStaging, type Staging, type SweepResult } from '../system/staging.js';
import { sitemapIndex } from '../versions/pages.js';
import { lockOutput, outputError } from './output.js';

export interface MergeOptions {
  /** The folder to publish into (created if missing). */
  outDir: string;
  /** How long to wait for another run holding the output folder, in ms (default 10 minutes). */
  waitMs?: number;
  onLock?: (event: LockEvent) => void;
  onSweep?: (result: SweepResult) => void;
}

export interface MergeInput {
  /** The folder as given. */
  dir: string;
  /** The policy ids its manifest names, sorted; none for an empty shard. */
  policies: string[];
}

export interface MergedPolicy {
  id: string;
  /** The input it was copied from (the first that has it). */
  from: string;
  /** Other inputs holding the same policy, byte for byte. */
  duplicates: string[];
}

export interface MergeReport {
  ok: boolean;
  outDir: string;
  inputs: MergeInput[];
  /** Every policy taken from the inputs, by id. */
  policies: MergedPolicy[];
  /** Whether the output folder got a sitemap index (the shards were built with --base-url). */
  sitemap: boolean;
  diagnostics: Diagnostic[];
}

interface Manifest {
  [field: string]: unknown;
  policies: Record<string, { artifacts?: { path: string; sha256: string }[] } & Record<string, unknown>>;
}

/** One input folder, read and checked. */
interface Shard {
  dir: string;
  full: string;
  manifest?: Manifest;
  /** assets/ as relative path → sha256; undefined when the folder has none. */
  assets?: Map<string, string>;
  /** The --base-url its sitemap index was made for. */
  base?: string;
}

export async function merge(inputs: readonly string[], options: MergeOptions): Promise<MergeReport> {
  const outDir = resolve(options.outDir);
  const report: MergeReport = { ok: false, outDir, inputs: [], policies: [], sitemap: false, diagnostics: [] };

  // 1. Read every input; collect every problem before writing anything.
  const shards: Shard[] = [];
  for (const dir of inputs) {
    const shard = await readShard(dir, report.diagnostics);
    if (!shard) continue;
    shards.push(shard);
    report.inputs.push({ dir, policies: Object.keys(shard.manifest?.policies ?? {}).sort() });
  }
  const withManifest = shards.filter((s) => s.manifest);
  const first = withManifest[0];
  // The manifests' own fields (all but the policies) must agree: they come from the same policygen.
  for (const shard of withManifest.slice(1)) {
    if (topFields(shard.manifest!) !== topFields(first!.manifest!)) {
      report.diagnostics.push({ id: 'merge-conflict', severity: 'error', file: join(shard.dir, 'manifest.json'), ...say('mergeManifest.message', { dir: shard.dir, first: first!.dir }, 'mergeManifest.fix') });
    }
  }
  // Policies: the first copy of each id; a different second copy is a conflict.
  const chosen = new Map<string, { shard: Shard; merged: MergedPolicy }>();
  for (const shard of withManifest) {
    for (const [id, entry] of Object.entries(shard.manifest!.policies)) {
      const seen = chosen.get(id);
      if (!seen) {
        const merged: MergedPolicy = { id, from: shard.dir, duplicates: [] };
        chosen.set(id, { shard, merged });
      } else if (JSON.stringify(entry) === JSON.stringify(seen.shard.manifest!.policies[id])) {
        seen.merged.duplicates.push(shard.dir);
      } else {
        const path = differingFile(seen.shard.manifest!.policies[id]!, entry) ?? `${id}/`;
        report.diagnostics.push({ id: 'merge-conflict', severity: 'error', file: join(shard.dir, id), ...say('mergeDuplicate.message', { id, first: seen.shard.dir, second: shard.dir, path }, 'mergeDuplicate.fix', { id }) });
      }
    }
  }
  // Assets: the same files and bytes in every input that has them.
  const assetSource = shards.find((s) => s.assets);
  for (const shard of shards) {
    if (!shard.assets || shard === assetSource) continue;
    const path = differingAsset(assetSource!.assets!, shard.assets);
    if (path !== undefined) report.diagnostics.push({ id: 'merge-conflict', severity: 'error', file: join(shard.dir, 'assets', path), ...say('mergeAssets.message', { first: assetSource!.dir, second: shard.dir, path: `assets/${path}` }, 'mergeAssets.fix') });
  }
  // Sitemaps: all made for the same address, and none missing beside them (a shard built without --base-url).
  const baseSource = shards.find((s) => s.base !== undefined);
  for (const shard of baseSource ? shards : []) {
    if (shard === baseSource || shard.base === baseSource!.base || !Object.keys(shard.manifest?.policies ?? {}).length) continue;
    if (shard.base === undefined) report.diagnostics.push({ id: 'merge-conflict', severity: 'error', file: shard.dir, ...say('mergeBaseUrlMissing.message', { first: baseSource!.dir, firstUrl: baseSource!.base!, second: shard.dir }, 'mergeBaseUrl.fix') });
    else report.diagnostics.push({ id: 'merge-conflict', severity: 'error', file: join(shard.dir, 'sitemap.xml'), ...say('mergeBaseUrl.message', { first: baseSource!.dir, firstUrl: baseSource!.base!, second: shard.dir, secondUrl: shard.base }, 'mergeBaseUrl.fix') });
  }
  report.policies = [...chosen.values()].map((c) => c.merged).sort((a, b) => a.id.localeCompare(b.id));
  if (hasErrors(report.diagnostics)) {
    report.policies = [];
    return report;
  }

  // 2. Publish, as build does: lock, staging, one list of renames.
  const unusable = outputDirProblem(outDir);
  if (unusable) {
    report.diagnostics.push(unusable);
    return report;
  }
  const locked = await lockOutput(outDir, options);
  if ('diagnostics' in locked) {
    report.diagnostics.push(...locked.diagnostics);
    return report;
  }
  const { release } = locked;
  if (!chosen.size) {
    // Only empty shards: an empty output folder, as a build of no policies leaves it.
    await release();
    report.ok = true;
    return report;
  }
  let staging: Staging | undefined;
  try {
    const swept = sweepStaleStaging(outDir);
    if (swept.removed.length) options.onSweep?.(swept);
    staging = await createStaging(outDir, { key: 'keptPrevious', params: { dir: outDir } }, { key: 'keptPublished', params: { dir: outDir } });
    const stagingDir = staging.dir;
    if (assetSource) await cp(join(assetSource.full, 'assets'), join(stagingDir, 'assets'), { recursive: true, dereference: true });
    for (const { shard, merged } of chosen.values()) await cp(join(shard.full, merged.id), join(stagingDir, merged.id), { recursive: true, dereference: true });

    // The manifest: the one already in the output folder (if any), with the merged policies replaced.
    let manifest: Manifest = { ...first!.manifest!, policies: {} };
    try {
      const current = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
      if (current && typeof current.policies === 'object') manifest = { ...manifest, policies: current.policies };
    } catch {
      // No manifest yet, or an unreadable one: start afresh (as build does).
    }
    const policies = { ...manifest.policies };
    for (const { shard, merged } of chosen.values()) policies[merged.id] = shard.manifest!.policies[merged.id]!;
    manifest = { ...manifest, policies: Object.fromEntries(Object.entries(policies).sort(([a], [b]) => a.localeCompare(b))) };
    await writeFile(join(stagingDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

    // The sitemap index, over every policy sitemap the output folder will hold.
    if (baseSource) {
      const ids = new Set<string>();
      for (const id of chosen.keys()) if (await isFile(join(stagingDir, id, 'sitemap.xml'))) ids.add(id);
      for (const entry of await readdir(outDir, { withFileTypes: true })) {
        if (entry.isDirectory() && !chosen.has(entry.name) && !entry.name.startsWith('.') && (await isFile(join(outDir, entry.name, 'sitemap.xml')))) ids.add(entry.name);
      }
      if (ids.size) {
        await writeFile(join(stagingDir, 'sitemap.xml'), sitemapIndex([...ids].sort().map((id) => `${baseSource.base!}${encodeURIComponent(id)}/sitemap.xml`)));
        report.sitemap = true;
      }
    }
    staging.commit([
      ...(assetSource ? [{ from: join(stagingDir, 'assets'), to: join(outDir, 'assets') }] : []),
      ...[...chosen.keys()].map((id) => ({ from: join(stagingDir, id), to: join(outDir, id) })),
      ...(report.sitemap ? [{ from: join(stagingDir, 'sitemap.xml'), to: join(outDir, 'sitemap.xml') }] : []),
      { from: join(stagingDir, 'manifest.json'), to: join(outDir, 'manifest.json') },
    ]);
  } catch (error) {
    if (!(error as NodeJS.ErrnoException).code) throw error;
    report.diagnostics.push(outputError(error, outDir));
  } finally {
    staging?.dispose();
    await release();
  }
  report.ok = !hasErrors(report.diagnostics);
  return report;
}

/** Reads one input folder; problems go into `diagnostics` (undefined when it cannot be used at all). */
async function readShard(dir: string, diagnostics: Diagnostic[]): Promise<Shard | undefined> {
  const full = resolve(dir);
  const info = await stat(full).catch(() => undefined);
  if (!info?.isDirectory()) {
    diagnostics.push({ id: 'merge-input', severity: 'error', file: dir, ...say('mergeMissing.message', { dir }, 'mergeMissing.fix') });
    return undefined;
  }
  // A build still writing here (its lock held by a live process) is not read half-way.
  const lock = await readFile(join(full, LOCK_NAME), 'utf8').catch(() => undefined);
  const owner = lock === undefined ? undefined : parseOwner(lock);
  if (owner && ['alive', 'elsewhere'].includes(ownerState(owner))) {
    diagnostics.push({ id: 'output-locked', severity: 'error', file: join(dir, LOCK_NAME), ...say('mergeBusy.message', { dir, pid: owner.pid, host: owner.host || '?' }, 'mergeBusy.fix') });
    return undefined;
  }
  const names = (await readdir(full)).filter((name) => !name.startsWith('.'));
  const shard: Shard = { dir, full };
  if (!names.length) return shard; // an empty shard: `build --shard` found none of its policies
  let manifest: Manifest | undefined;
  try {
    const parsed = JSON.parse(await readFile(join(full, 'manifest.json'), 'utf8')) as Manifest;
    if (parsed && typeof parsed.policies === 'object' && parsed.policies !== null && !Array.isArray(parsed.policies)) manifest = parsed;
  } catch {
    // not an output folder of policygen build
  }
  if (!manifest) {
    diagnostics.push({ id: 'merge-input', severity: 'error', file: join(dir, 'manifest.json'), ...say('mergeNotOutput.message', { dir }, 'mergeNotOutput.fix') });
    return undefined;
  }
  shard.manifest = manifest;
  // Every policy folder holds exactly the files its manifest entry lists, with those hashes.
  for (const [id, entry] of Object.entries(manifest.policies)) {
    const files = await hashTree(join(full, id));
    const listed = new Map((entry.artifacts ?? []).map((a) => [a.path, a.sha256]));
    const onDisk = new Map([...(files ?? new Map<string, string>())].map(([path, hash]) => [`${id}/${path}`, hash]));
    const wrong = [...new Set([...listed.keys(), ...onDisk.keys()])].sort().find((path) => listed.get(path) !== onDisk.get(path));
    if (!files || wrong !== undefined) {
      diagnostics.push({ id: 'merge-input', severity: 'error', file: join(dir, wrong ?? id), ...say('mergeMismatch.message', { dir, id, path: wrong ?? `${id}/` }, 'mergeMismatch.fix', { dir }) });
    }
  }
  shard.assets = await hashTree(join(full, 'assets'));
  const index = await readFile(join(full, 'sitemap.xml'), 'utf8').catch(() => undefined);
  if (index !== undefined) {
    const base = sitemapBase(index);
    if (base === undefined) diagnostics.push({ id: 'merge-input', severity: 'error', file: join(dir, 'sitemap.xml'), ...say('mergeSitemap.message', { dir }, 'mergeSitemap.fix') });
    else shard.base = base;
  }
  return shard;
}

/**
 * The address a sitemap index was written for: each entry is `<base><id>/sitemap.xml`, and
 * all entries share the base. Undefined when the file is not such an index.
 */
export function sitemapBase(xml: string): string | undefined {
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const locs = [...xml.matchAll(/<sitemap><loc>([^<]*)<\/loc><\/sitemap>/g)].map((m) => unescape(m[1]!));
  const bases = new Set(locs.map((loc) => /^(.*\/)[^/]+\/sitemap\.xml$/.exec(loc)?.[1]));
  if (bases.size !== 1 || bases.has(undefined)) return undefined;
  const base = [...bases][0]!;
  // Written back it must be the same file, or this is not an index build wrote.
  const ids = locs.map((loc) => decodeURIComponent(loc.slice(base.length, -'/sitemap.xml'.length)));
  return sitemapIndex(ids.map((id) => `${base}${encodeURIComponent(id)}/sitemap.xml`)) === xml ? base : undefined;
}

/** A folder's files (relative paths with forward slashes) → sha256; undefined if it is not a folder. */
async function hashTree(dir: string): Promise<Map<string, string> | undefined> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) return undefined;
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.set(relative(dir, full).split(sep).join('/'), createHash('sha256').update(await readFile(full)).digest('hex'));
    }
  };
  await walk(dir);
  return out;
}

/** The manifest without its policies, as text: what every shard's must share. */
function topFields(manifest: Manifest): string {
  const { policies: _policies, ...rest } = manifest;
  return JSON.stringify(rest);
}

/** The first file (output-relative path) two manifest entries disagree on, if any. */
function differingFile(a: Manifest['policies'][string], b: Manifest['policies'][string]): string | undefined {
  const left = new Map((a.artifacts ?? []).map((x) => [x.path, x.sha256]));
  const right = new Map((b.artifacts ?? []).map((x) => [x.path, x.sha256]));
  return [...new Set([...left.keys(), ...right.keys()])].sort().find((path) => left.get(path) !== right.get(path));
}

/** The first asset (relative to assets/) two inputs disagree on, if any. */
function differingAsset(a: Map<string, string>, b: Map<string, string>): string | undefined {
  return [...new Set([...a.keys(), ...b.keys()])].sort().find((path) => a.get(path) !== b.get(path));
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

