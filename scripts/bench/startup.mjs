// Child process of scripts/bench.mjs: where start-up time goes, one part per fresh process.
//   node scripts/bench/startup.mjs <part>
// Prints one JSON object: { bootMs, ms, ... } where bootMs is the time from the process's
// start to this script's first line (Node's own bootstrap; `node -e 0` is about this plus exit)
// and ms the part itself:
//   cli        import dist/bundle/main.js (commander, i18next, the CLI's modules: what every
//              command loads), then main(['--help']) with output discarded (the English CLI
//              catalogue parsed, i18next set up, every command registered, help laid out)
//   i18n       the first message in English: the catalogue parsed and an i18next instance made
//   schema     import zod, then the facts schema (dist/facts/schema/index.js: built at import)
//   templates  the template library: precompiled templates, locales, jurisdiction modules
const bootMs = performance.now();
const part = process.argv[2];
const dist = new URL('../../dist/', import.meta.url);
const time = async (fn) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};
const out = { part, bootMs };
if (part === 'cli') {
  let main;
  out.moduleLoadMs = await time(async () => ({ main } = await import(new URL('bundle/main.js', dist).href)));
  const write = process.stdout.write;
  process.stdout.write = () => true;
  out.setupMs = await time(() => main(['--help']));
  process.stdout.write = write;
  out.ms = out.moduleLoadMs + out.setupMs;
} else if (part === 'i18n') {
  const { tr } = await import(new URL('messages.js', dist).href);
  out.ms = await time(() => tr('help.program.description'));
} else if (part === 'schema') {
  out.zodLoadMs = await time(() => import('zod'));
  out.constructionMs = await time(() => import(new URL('facts/schema/index.js', dist).href));
  out.ms = out.zodLoadMs + out.constructionMs;
} else if (part === 'templates') {
  let loadLibrary;
  out.moduleLoadMs = await time(async () => ({ loadLibrary } = await import(new URL('library/library.js', dist).href)));
  out.loadMs = await time(() => loadLibrary());
  out.ms = out.moduleLoadMs + out.loadMs;
} else {
  process.stderr.write(`startup.mjs: unknown part ${part}\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(out)}\n`);
