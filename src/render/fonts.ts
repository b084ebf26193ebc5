// Self-hosted fonts from npm (@fontsource). Never the system's fonts, never a CDN:
// HTML pages and PDFs then look the same on every machine, and Chrome embeds the
// same CID TrueType subsets in every PDF.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface FontFile {
  /** File name, e.g. `noto-sans-sc-30-400-normal.woff2`; unique across families. */
  name: string;
  absPath: string;
}

interface FontPackage {
  pkg: string;
  family: string;
  /** Keep only these subsets (as named in the file, `noto-sans-<subset>-400-normal.woff2`); null = all. */
  subsets: readonly string[] | null;
}

// Order matters only for determinism; Latin first so it is the preferred face for ASCII.
const PACKAGES: readonly FontPackage[] = [
  { pkg: '@fontsource/noto-sans', family: 'Noto Sans', subsets: ['latin', 'latin-ext'] },
  // Every unicode-range slice of the CJK font: which slices a document needs depends on its text.
  { pkg: '@fontsource/noto-sans-sc', family: 'Noto Sans SC', subsets: null },
];

const WEIGHTS = [400, 700] as const;

/** One `@font-face` rule of a fontsource CSS file, reduced to what we use. */
export interface FontFace {
  family: string;
  weight: number;
  /** The woff2 file name (no directory). */
  file: string;
  absPath: string;
  /** The `unicode-range` value, or null when the rule has none. */
  unicodeRange: string | null;
}

const require = createRequire(import.meta.url);
let cachedFaces: FontFace[] | undefined;

function packageDir(pkg: string): string {
  return path.dirname(require.resolve(`${pkg}/package.json`));
}

// Each rule in fontsource's CSS looks like:
//   @font-face { font-family: '…'; font-style: normal; …;
//     src: url(./files/X.woff2) format('woff2'), url(./files/X.woff) format('woff'); unicode-range: …; }
const RULE = /@font-face\s*\{([^}]*)\}/g;

function parseFaces(cssFile: string, pkg: string, family: string, weight: number, subsets: readonly string[] | null): FontFace[] {
  const css = readFileSync(cssFile, 'utf8');
  const prefix = `${pkg.replace(/^@fontsource\//, '')}-`;
  const suffix = `-${weight}-normal.woff2`;
  const faces: FontFace[] = [];
  for (const [, body = ''] of css.matchAll(RULE)) {
    if (!/font-style:\s*normal/.test(body)) continue;
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(body)?.[1];
    if (!file) throw new Error(`No woff2 source in an @font-face rule of ${cssFile}`);
    // Subset name from the file name: noto-sans-latin-ext-400-normal.woff2 → latin-ext
    const subset = file.startsWith(prefix) && file.endsWith(suffix) ? file.slice(prefix.length, -suffix.length) : file;
    if (subsets && !subsets.includes(subset)) continue;
    const unicodeRange = /unicode-range:\s*([^;]+);/.exec(body)?.[1]?.trim() ?? null;
    faces.push({ family, weight, file, absPath: path.join(path.dirname(cssFile), 'files', file), unicodeRange });
  }
  if (faces.length === 0) throw new Error(`No @font-face rules found in ${cssFile}`);
  return faces;
}

/** All @font-face rules we ship, in a fixed order (package, weight, CSS order). */
export function fontFaces(): FontFace[] {
  if (!cachedFaces) {
    cachedFaces = [];
    for (const { pkg, family, subsets } of PACKAGES) {
      const dir = packageDir(pkg);
      for (const weight of WEIGHTS) {
        cachedFaces.push(...parseFaces(path.join(dir, `${weight}.css`), pkg, family, weight, subsets));
      }
    }
  }
  return cachedFaces.map((f) => ({ ...f }));
}

/** The .woff2 files to copy next to the HTML (e.g. into `output/assets/fonts/`). */
export function fontFiles(): FontFile[] {
  return fontFaces().map(({ file, absPath }) => ({ name: file, absPath }));
}

function faceRule(face: FontFace, src: string): string {
  const lines = [
    '@font-face {',
    `  font-family: '${face.family}';`,
    '  font-style: normal;',
    '  font-display: swap;',
    `  font-weight: ${face.weight};`,
    `  src: ${src} format('woff2');`,
  ];
  if (face.unicodeRange) lines.push(`  unicode-range: ${face.unicodeRange};`);
  lines.push('}');
  return lines.join('\n');
}

/**
 * @font-face rules for "Noto Sans" and "Noto Sans SC" pointing at `${urlPrefix}<file>.woff2`
 * (e.g. prefix `../../assets/fonts/` from `output/<id>/<locale>/index.html`).
 */
export function fontFaceCss(urlPrefix: string): string {
  return fontFaces()
    .map((face) => faceRule(face, `url(${urlPrefix}${face.file})`))
    .join('\n\n') + '\n';
}

/** The font packages and their versions, e.g. `@fontsource/noto-sans@5.3.0` (for fingerprints). */
export function fontPackageVersions(): string[] {
  return PACKAGES.map(({ pkg }) => `${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`);
}
