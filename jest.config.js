// ts-jest (not an esbuild runner): type-graphql needs emitDecoratorMetadata. Type errors are caught by
// `tsc` in the build that `npm test` runs first, so ts-jest only transpiles here (much faster).
const { databaseIndependent } = require('./scripts/database-tests');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // CI's pass on PostgreSQL (TEST_DATABASE_ONLY=1, .ci/run) leaves out the files that never reach the
  // tested database: they ran, to the same result, in its pass on PGlite (scripts/database-tests.js).
  testPathIgnorePatterns: [
    '/node_modules/',
    ...(process.env.TEST_DATABASE_ONLY ? databaseIndependent(__dirname).map((f) => `<rootDir>/${f}$`) : []),
  ],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    // Prisma's wasm schema engine ships its bindings as an ES module; jest's CommonJS runtime needs it transpiled.
    'schema_engine_bg\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' }, diagnostics: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@prisma/schema-engine-wasm/)'],
  setupFiles: ['reflect-metadata'],
  // One migrated and seeded database a run, copied for each test file (test/helpers/database.ts).
  globalSetup: '<rootDir>/test/helpers/run.ts',
  globalTeardown: '<rootDir>/test/helpers/run-teardown.ts',
  // Generous: a test app migrates and seeds an in-memory database first, which takes over a minute on a
  // busy 2-core machine; a hung test still fails, only later. Tests assert no timings.
  testTimeout: 120000,
  // Two test files at a time even on two cores (jest's default leaves one core to itself): a file
  // mostly waits on its database, its server processes and their worker threads.
  maxWorkers: Math.max(2, require('node:os').availableParallelism() - 1),
  // The default reporter only counts skipped tests; this one names them (PostgreSQL-only ones on PGlite runs).
  reporters: ['default', '<rootDir>/scripts/jest-skipped-reporter.js'],
};
// PGlite loads parts of itself with a dynamic import(), which jest's runtime allows only with
// --experimental-vm-modules: `npm test` passes that flag to node.
