// Puppeteer's postinstall browser download cannot run offline (and npm 11 skips
// dependency install scripts anyway). policygen finds a browser itself: see
// src/render/browser.ts and scripts/setup.mjs.
module.exports = { skipDownload: true };
