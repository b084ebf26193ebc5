/**
 * Whether a path can hold output, decided before anything is written: not inside /proc,
 * /sys or another kernel file system, not below or at a regular file, not on a read-only
 * mount, writable. (Without this, `--out /proc/x` spun in a recursive mkdir loop.)
 */
import { accessSync, constants, realpathSync, statfsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';

/** statfs magic numbers of file systems that are views of the kernel, not storage. */
const KERNEL_FS = new Set([
  0x9fa0, // proc
  0x62656572, // sysfs
  0x27e0eb, // cgroup
  0x63677270, // cgroup2
  0x64626720, // debugfs
  0x73636673, // securityfs
  0x1cd1, // devpts
  0xcafe4a11, // bpf
  0x6e736673, // nsfs
  0x74726163, // tracefs
  0x42494e4d, // binfmt_misc
  0xde5e81e4, // efivarfs
]);

export function outputDirProblem(outDir: string): Diagnostic | undefined {
  const target = resolve(outDir);
  const refuse = (key: string, params: Record<string, string>): Diagnostic => ({ id: 'output-error', severity: 'error', file: target, ...say(`${key}.message`, { dir: target, ...params }, `${key}.fix`, { dir: target, ...params }) });

  // The nearest part of the path that exists.
  let existing = target;
  for (;;) {
    try {
      const stat = statSync(existing);
      if (!stat.isDirectory()) return refuse('outputNotFolder', { file: existing });
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') {
        existing = dirname(existing);
        continue; // a file further up: found on the way
      }
      if (code !== 'ENOENT') return refuse('outputUnwritable', { reason: code ?? String(error) });
      const up = dirname(existing);
      if (up === existing) break;
      existing = up;
    }
  }
  let real = existing;
  try {
    real = realpathSync(existing);
  } catch {
    // keep the path as given
  }
  let kernel = /^\/(proc|sys)(\/|$)/.test(real);
  try {
    kernel ||= KERNEL_FS.has(Number(statfsSync(existing).type));
  } catch {
    // statfs unsupported here: the path test above stands
  }
  if (kernel) return refuse('outputKernelFs', { fs: real });
  try {
    accessSync(existing, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EROFS' ? refuse('outputReadOnly', { mount: existing }) : refuse('outputUnwritable', { reason: `${code}: ${existing}` });
  }
  return undefined;
}
