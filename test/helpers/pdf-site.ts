// A site laid out like output/ around the bilingual PDF fixture page, for the PDF tests.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fontFaceCss, fontFiles } from '../../src/render/fonts.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/pdf/bilingual.html', import.meta.url));

/**
 * A site laid out like output/: `<root>/acme/zh-CN/index.html` (the fixture) with its
 * fonts.css, and the fonts in `<root>/assets/fonts/`, referenced as `../../assets/fonts/`.
 * Returns the page's path.
 */
export function makeSite(root: string, { withFonts = true } = {}): string {
  const pageDir = path.join(root, 'acme', 'zh-CN');
  const fontDir = path.join(root, 'assets', 'fonts');
  mkdirSync(pageDir, { recursive: true });
  mkdirSync(fontDir, { recursive: true });
  if (withFonts) for (const font of fontFiles()) copyFileSync(font.absPath, path.join(fontDir, font.name));
  writeFileSync(path.join(pageDir, 'fonts.css'), fontFaceCss('../../assets/fonts/'));
  const htmlPath = path.join(pageDir, 'index.html');
  copyFileSync(FIXTURE, htmlPath);
  return htmlPath;
}
