/**
 * The architecture, checked (test/architecture.test.ts runs it in CI): stages are layers,
 * and imports only go down. Lowest first; a folder may import its own layer and the ones
 * listed before it, never one after it. No cycle, at file or folder level.
 */
const LAYERS = [
  ['base', '^src/(diagnostics|messages|package-root)\\.ts$'],
  ['system', '^src/system/'],
  ['facts', '^src/facts/'],
  ['library', '^src/library/'],
  ['compose', '^src/compose/'],
  ['jurisdictions', '^src/jurisdictions/'],
  ['render', '^src/render/'],
  ['publish', '^src/publish/'],
  ['versions', '^src/versions/'],
  ['pipeline', '^src/pipeline/'],
  ['scaffold', '^src/scaffold/'],
  ['preview', '^src/preview/'],
  ['cli', '^src/cli/'],
  ['api', '^src/index\\.ts$'],
];

const upward = LAYERS.slice(0, -1).map(([name, from], i) => ({
  name: `no-upward-from-${name}`,
  comment: `${name} may only import layers below it: ${LAYERS.slice(0, i).map(([n]) => n).join(', ') || 'none'}`,
  severity: 'error',
  from: { path: from },
  to: { path: LAYERS.slice(i + 1).map(([, p]) => `(${p})`).join('|') },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'no file-level cycle', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
    ...upward,
    { name: 'no-orphans-in-src', severity: 'error', from: { orphan: true, path: '^src/', pathNot: '^src/index\\.ts$|^src/cli/main\\.ts$|\\.d\\.ts$' }, to: {} },
    { name: 'no-unknown-folder', comment: 'every src file belongs to a layer', severity: 'error', from: { path: '^src/', pathNot: LAYERS.map(([, p]) => `(${p})`).join('|') }, to: {} },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
  },
};
