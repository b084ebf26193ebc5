/**
 * The assets every policy page and PDF shares: the Noto fonts, their @font-face CSS and the
 * policy stylesheet (templates/assets/policy.css), with a fingerprint of them all. Build,
 * diff and the preview's PDFs all write them through here.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { fontFaceCss, fontFiles, fontPackageVersions, type FontFile } from './fonts.js';

export interface Assets {
  fonts: FontFile[];
  fontsCss: string;
  policyCssFile: string;
  policyCss: string;
  /** sha256 over the font package versions and both stylesheets. */
  stamp: string;
}

// Written beside the assets: a later run that finds the same fingerprint and every font
// file keeps the folder instead of copying 5.5 MB of fonts again (~80 ms of a CLI build).
const ASSETS_STAMP = 'assets.sha256';

export async function loadAssets(): Promise<Assets> {
  const fonts = fontFiles();
  const fontsCss = fontFaceCss('fonts/');
  const policyCssFile = join(PACKAGE_ROOT, 'templates', 'assets', 'policy.css');
  const policyCss = await readFile(policyCssFile, 'utf8');
  const stamp = createHash('sha256').update(`${fontPackageVersions().join('\n')}\0${fontsCss}\0${policyCss}`).digest('hex');
  return { fonts, fontsCss, policyCssFile, policyCss, stamp };
}

/** True when `dir` already holds exactly these assets (same fingerprint, every font file). */
export async function assetsInPlace(dir: string, assets: Assets): Promise<boolean> {
  try {
    if ((await readFile(join(dir, ASSETS_STAMP), 'utf8')).trim() !== assets.stamp) return false;
    const present = new Set(await readdir(join(dir, 'fonts')));
    return assets.fonts.every((f) => present.has(f.name)) && existsSync(join(dir, 'fonts.css')) && existsSync(join(dir, 'policy.css'));
  } catch {
    return false;
  }
}

/**
 * Writes the assets into `dir`. With `link`, fonts and the stylesheet are symbolic links to
 * the package's files (the preview: an edited policy.css shows at once), copies where links
 * are not allowed.
 */
export async function writeAssets(dir: string, assets: Assets, options: { link?: boolean } = {}): Promise<void> {
  const place = options.link ? linkOrCopy : copyFile;
  await mkdir(join(dir, 'fonts'), { recursive: true });
  await Promise.all(assets.fonts.map((f) => place(f.absPath, join(dir, 'fonts', f.name))));
  await writeFile(join(dir, 'fonts.css'), assets.fontsCss);
  if (options.link) await place(assets.policyCssFile, join(dir, 'policy.css'));
  else {
    await writeFile(join(dir, 'policy.css'), assets.policyCss);
    await writeFile(join(dir, ASSETS_STAMP), `${assets.stamp}\n`);
  }
}

/** Links a file where symbolic links are allowed, copies it elsewhere (Windows without the privilege). */
async function linkOrCopy(from: string, to: string): Promise<void> {
  if (existsSync(to)) return;
  try {
    await symlink(from, to);
  } catch {
    await copyFile(from, to);
  }
}
