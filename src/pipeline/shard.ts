/**
 * Shards: `build dir/ --shard k/n` builds the policies of shard k of n, so that n machines
 * (a CI matrix, a Kubernetes Indexed Job) share a batch without a scheduler. Each policy
 * goes to exactly one shard, decided by its id alone:
 *
 *   shard(id, n) = (sha256(id as UTF-8), read as one big-endian integer) mod n, plus 1
 *
 * Neither the order of the files nor how many there are moves a policy to another shard;
 * only changing n does. `policygen merge` joins the shards' output folders (merge.ts).
 */
import { createHash } from 'node:crypto';

/** Shard `index` of `count`, counted from 1. */
export interface Shard {
  index: number;
  count: number;
}

/** The shard (1 … count) a policy id belongs to. */
export function shardOf(id: string, count: number): number {
  const hash = createHash('sha256').update(id, 'utf8').digest('hex');
  return Number(BigInt(`0x${hash}`) % BigInt(count)) + 1;
}

/** `k/n` with 1 ≤ k ≤ n (both whole numbers); undefined for anything else. */
export function parseShard(value: string): Shard | undefined {
  const match = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(value);
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (index < 1 || count < 1 || index > count) return undefined;
  return { index, count };
}

/** The items whose id falls in the shard, in their order. */
export function inShard<T>(items: readonly T[], idOf: (item: T) => string, shard: Shard): T[] {
  return items.filter((item) => shardOf(idOf(item), shard.count) === shard.index);
}
