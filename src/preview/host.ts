/**
 * Where the preview listens: the default port and the loopback check. Kept apart from
 * server.ts (which loads the renderer, the library and puppeteer's wrapper) so that the
 * CLI can register `preview` and check its flags without loading any of that.
 */
import { isIP } from 'node:net';

/** The port tried first. */
export const DEFAULT_PORT = 4321;
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Is `host` an address of this machine only (the preview never listens on a network)? */
export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || (isIP(host) === 4 && host.startsWith('127.'));
}
