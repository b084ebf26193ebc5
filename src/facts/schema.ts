// The facts schema lives in ./schema/ (one file per section); this re-export keeps
// '../facts/schema.js' imports working until every importer names ./schema/index.js.
export * from './schema/index.js';
