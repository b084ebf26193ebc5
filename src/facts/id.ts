/**
 * A policy's id: the data file's name without its extension (`data/acme.yaml` → `acme`),
 * the name of its output folder. Apart from load.ts so that commands can name a policy
 * without loading the YAML parser and the facts schema.
 */
import { basename, extname } from 'node:path';

export function policyIdFromPath(file: string): string {
  return basename(file, extname(file));
}
