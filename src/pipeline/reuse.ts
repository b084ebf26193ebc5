/**
 * Incremental builds: what each artifact depends on, as a sha256 key, and whether the
 * previous output's file may stand for it.
 *
 * Two levels, both recorded in manifest.json:
 * - a policy's key: its data file and ledger bytes, the library, the tool's code, the build
 *   options that change output and (with PDFs) everything a PDF depends on. Unchanged, and
 *   every file the previous manifest lists for it still has its recorded sha256, the whole
 *   folder is taken over without composing.
 * - a PDF's key: the exact page it is printed from (as staged), its job (title, language,
 *   stamp, footer labels, fixed date), the assets the page loads, the browser, the system's
 *   fonts and environment Chromium reads, and the tool's code. Unchanged (and the previous
 *   file intact), the PDF is linked into staging instead of printed; no PDF to print, no browser.
 *
 * Everything here is derived from content, never from times: a key never says "reuse" for
 * an input that changed. Reused files are hard links (copies where links fail) of files
 * nobody writes to again; the staging folder and its swap (src/system/staging.ts) are the
 * same as for a clean build, so a killed build leaves the previous output as it was.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { copyFile, link, mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../package-root.js';
import { launchArgs } from '../render/browser.js';

/** Changes when the meaning of a key changes: every earlier key then misses. */
const KEY_FORMAT = 'policygen-reuse-1';

/** Whether an artifact was produced by this build or taken over from the previous output. */
export type ArtifactStatus = 'built' | 'reused';

/** sha256 (hex) over parts, each length-prefixed so that no two lists of parts collide. */
export function digest(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every file under `dir` (recursively, sorted) whose name passes `keep`, as [relative path, bytes]. */
function filesUnder(dir: string, keep: (name: string) => boolean): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (keep(entry.name)) out.push([relative(dir, full).split('\\').join('/'), readFileSync(full)]);
    }
  };
  walk(dir);
  return out;
}

let code: string | undefined;
/**
 * The tool itself: every file of the code that runs (src/ under the tests, dist/ for the
 * library, dist/bundle/ for the CLI, which holds every dependency but puppeteer), the pinned
 * dependency versions of package.json, puppeteer's version, Chromium's launch flags, and
 * Node's own versions (V8, ICU and CLDR format dates and lists; zlib deflates PDF streams).
 * Read once per process: the code loaded is the code that was there when it started.
 */
export function codeFingerprint(): string {
  if (code !== undefined) return code;
  let dir = dirname(fileURLToPath(import.meta.url));
  if (basename(dir) === 'pipeline') dir = dirname(dir);
  const parts: string[] = [];
  const hash = createHash('sha256');
  for (const [path, bytes] of filesUnder(dir, (name) => /\.(js|mjs|cjs|ts|json)$/.test(name))) hash.update(`${path}\0${bytes.length}\0`).update(bytes);
  parts.push(hash.digest('hex'));
  try {
    parts.push(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
  } catch {
    parts.push('no package.json');
  }
  try {
    const require = createRequire(import.meta.url);
    parts.push(`puppeteer@${(JSON.parse(readFileSync(require.resolve('puppeteer/package.json'), 'utf8')) as { version: string }).version}`);
  } catch {
    parts.push('puppeteer@?');
  }
  const v = process.versions;
  parts.push(`node ${v.node} v8 ${v.v8} icu ${v.icu ?? '-'} cldr ${v.cldr ?? '-'} unicode ${v.unicode ?? '-'} tz ${v.tz ?? '-'} zlib ${v.zlib}`);
  parts.push(launchArgs.join(' '));
  code = digest(parts);
  return code;
}

let templates: string | undefined;
/**
 * The package's templates/ folder, whole: the page, index and archive templates and their
 * stylesheets are read from there whatever library root a build uses (the library's own
 * fingerprint covers clauses, outlines, modules and locales of its root). Read once per
 * process, as the renderers read and compile those templates once (src/render/html.ts,
 * src/versions/pages.ts); policy.css, read by every build, is in the assets' fingerprint.
 */
export function packageTemplatesFingerprint(): string {
  if (templates !== undefined) return templates;
  const hash = createHash('sha256');
  for (const [path, bytes] of filesUnder(join(PACKAGE_ROOT, 'templates'), () => true)) hash.update(`${path}\0${bytes.length}\0`).update(bytes);
  templates = hash.digest('hex');
  return templates;
}

/**
 * What identifies a browser for PDF keys, without running it: its path (links resolved) and
 * that file's identity (inode, size, modification and change times; a launcher script's
 * bytes too). Installing or upgrading a browser replaces its files (dpkg, the puppeteer
 * cache's versioned folders, an app bundle update), which changes all of these; so does any
 * other browser chosen through PUPPETEER_EXECUTABLE_PATH. Stricter than the version string
 * (a reinstall of the same version rebuilds too), and it never starts the browser: a build
 * whose PDFs are all reused starts no browser process at all.
 */
export function browserIdentity(executablePath: string): string {
  let real = executablePath;
  try {
    real = realpathSync(executablePath);
    const s = statSync(real);
    let script = '';
    if (s.size < 1_000_000) {
      const bytes = readFileSync(real);
      if (bytes.subarray(0, 2).toString('latin1') === '#!') script = sha256(bytes); // a launcher (Debian's /usr/bin/chromium)
    }
    return `${real}\0${s.ino}\0${s.size}\0${s.mtimeMs}\0${s.ctimeMs}\0${script}`;
  } catch {
    return `${real}\0unreadable`;
  }
}

/** Where the system keeps fonts and fontconfig's configuration, per platform. */
function fontDirs(): string[] {
  const home = homedir();
  if (process.platform === 'darwin') return ['/System/Library/Fonts', '/Library/Fonts', join(home, 'Library', 'Fonts')];
  if (process.platform === 'win32') {
    return [join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts'), ...(process.env.LOCALAPPDATA ? [join(process.env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts')] : [])];
  }
  return ['/etc/fonts', '/usr/share/fonts', '/usr/local/share/fonts', join(home, '.fonts'), join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'fonts')];
}

/**
 * The system's fonts as Chromium may see them. Our pages name only the bundled Noto fonts,
 * but a character neither covers (an emoji, a rare ideograph) and the generic `monospace`
 * and `sans-serif` fall back to fonts installed on the machine: a font installed, removed
 * or upgraded (or fontconfig reconfigured) changes which PDFs could differ. Listed by path,
 * size and modification time (installing or upgrading a font package changes them).
 */
export function systemFontsFingerprint(): string {
  const lines: string[] = [];
  const walk = (d: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(d, entry.name);
      try {
        const s = statSync(full); // through links: /etc/fonts/conf.d links into conf.avail
        if (s.isDirectory()) {
          if (depth < 8) walk(full, depth + 1);
        } else lines.push(`${full}\0${s.size}\0${s.mtimeMs}`);
      } catch {
        lines.push(`${full}\0broken`);
      }
    }
  };
  for (const dir of fontDirs()) walk(dir, 0);
  return digest(lines);
}

/**
 * The environment Chromium reads that could reach a printed page: its locale (default fonts
 * per script, hyphenation), the time zone, and fontconfig's configuration. Keyed although our
 * pages set their language and PDFs carry a fixed date: a needless rebuild is cheaper than a
 * wrong reuse.
 */
export function browserEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  return ['LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'LC_MESSAGES', 'TZ', 'FONTCONFIG_FILE', 'FONTCONFIG_PATH', 'FONTCONFIG_SYSROOT'].map((name) => `${name}=${env[name] ?? ''}`).join('\n');
}

/** What every PDF of a build depends on besides its page and its job. */
export interface PdfContext {
  /** The assets' fingerprint (font package versions, @font-face CSS, policy.css): src/render/assets.ts. */
  assets: string;
  /** browserIdentity(), or `none` when no browser was found (no PDF is made then). */
  browser: string;
  /** systemFontsFingerprint() */
  systemFonts: string;
  /** browserEnvironment() */
  environment: string;
}

/** What every artifact of a build depends on besides its policy's own files. */
export interface BuildContext {
  code: string;
  /** The library's fingerprint (templates, outlines, modules and locales of its root). */
  library: string;
  /** packageTemplatesFingerprint() */
  templates: string;
  /** The options that change output: formats, --date, --base-url. */
  options: { formats: readonly string[]; date?: string | undefined; baseUrl?: string | undefined };
  /** Present when PDFs are asked for. */
  pdf?: PdfContext;
}

/** The key of a policy's whole folder: its data file and ledger (absent: null), and the build's context. */
export function policyKey(context: BuildContext, id: string, data: Uint8Array, ledger: Uint8Array | null): string {
  const { options, pdf } = context;
  return digest([
    KEY_FORMAT,
    'policy',
    context.code,
    context.library,
    context.templates,
    [...options.formats].sort().join(','),
    `date=${options.date ?? ''}`,
    `base=${options.baseUrl ?? ''}`,
    ...(pdf ? [pdf.assets, pdf.browser, pdf.systemFonts, pdf.environment] : ['no pdf']),
    id,
    data,
    ledger === null ? 'no ledger' : 'ledger',
    ledger ?? '',
  ]);
}

/** What of a PDF job reaches the PDF besides its page (src/render/pdf.ts's PdfJob without its path). */
export interface PdfJobParts {
  lang: string;
  title: string;
  stampLabel: string;
  footerPageLabels?: readonly { before: string; middle: string; after: string }[];
  fixedDate: string;
}

/** The key of one PDF: the exact page it is printed from, its job, the build's PDF context and the tool's code. */
export function pdfKey(code: string, pdf: PdfContext, page: Uint8Array, job: PdfJobParts): string {
  return digest([
    KEY_FORMAT,
    'pdf',
    code,
    pdf.assets,
    pdf.browser,
    pdf.systemFonts,
    pdf.environment,
    JSON.stringify({ lang: job.lang, title: job.title, stampLabel: job.stampLabel, footerPageLabels: job.footerPageLabels ?? null, fixedDate: job.fixedDate }),
    page,
  ]);
}

/** An artifact as the previous manifest recorded it. */
export interface RecordedArtifact {
  path: string;
  sha256: string;
  bytes: number;
  key?: string;
}

/** The previous output's manifest.json as far as reuse reads it; undefined when there is none (or it is unreadable). */
export interface PreviousManifest {
  policies: Record<string, { file?: string; key?: string; artifacts?: RecordedArtifact[]; warnings?: unknown[] } | undefined>;
}

export async function readPreviousManifest(outDir: string): Promise<PreviousManifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as PreviousManifest;
    return manifest && typeof manifest.policies === 'object' && manifest.policies ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the previous output still holds the file a manifest entry describes, byte for
 * byte (its size and sha256): a file edited, truncated by a kill or deleted is not reused.
 */
export async function intact(outDir: string, artifact: RecordedArtifact): Promise<boolean> {
  try {
    const bytes = await readFile(join(outDir, ...artifact.path.split('/')));
    return bytes.length === artifact.bytes && sha256(bytes) === artifact.sha256;
  } catch {
    return false;
  }
}

/**
 * Puts a previous output's file at `to` (in staging): a hard link, a copy where links are
 * not allowed. Nothing writes to a reused file afterwards; the previous folder it also
 * belongs to is swapped out and removed when the build commits.
 */
export async function placeReused(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

/** True when a manifest's path is a file inside policy `id`'s folder (an edited manifest cannot point reuse elsewhere). */
export function reusablePath(id: string, path: string): boolean {
  const parts = path.split('/');
  return parts.length > 1 && parts[0] === id && parts.every((p) => p !== '' && p !== '.' && p !== '..' && !p.includes('\\'));
}
