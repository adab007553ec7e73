/**
 * Three tiers (ARCHITECTURE.md): unit specs beside the code (src/**\/*.spec.ts), integration specs
 * against real databases (test/integration), and e2e specs against the booted HTTP server
 * (test/e2e). Every database test runs on SQLite, and on MariaDB too when DB_URL is set.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // test/ha needs a Galera cluster: its own step (`test:ha`), which starts one.
  testPathIgnorePatterns: process.env.GALERA_URLS ? [] : ['/node_modules/', '/test/ha/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testTimeout: 60000,
  setupFilesAfterEnv: ['<rootDir>/test/setup/tx-guard.ts'],
  reporters: [['default', { summaryThreshold: 0 }]],
};
