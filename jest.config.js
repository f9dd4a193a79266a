/**
 * One jest run, several projects. Type checking is done once by `tsc` before the run
 * (npm test), so ts-jest only transpiles (isolatedModules).
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };
const base = { transform, testEnvironment: '<rootDir>/test/support/node-environment.ts', moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/global-setup.ts',
  projects: [
    {
      ...base,
      displayName: 'unit',
      setupFiles: ['<rootDir>/test/support/local-secrets.ts'],
      testMatch: [
        '<rootDir>/cloudfunctions/**/*.test.ts',
        '<rootDir>/local/**/*.test.ts',
        '<rootDir>/scripts/**/*.test.ts',
        '<rootDir>/build/**/*.test.ts',
        '<rootDir>/test/unit/**/*.test.ts',
      ],
    },
    { ...base, displayName: 'emulator', testMatch: ['<rootDir>/test/emulator/**/*.test.ts'] },
    { ...base, displayName: 'api', testMatch: ['<rootDir>/test/api/**/*.test.ts'] },
    { ...base, displayName: 'pages', testEnvironment: 'jsdom', testMatch: ['<rootDir>/test/pages/**/*.test.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { ...base, displayName: 'reliability', testMatch: ['<rootDir>/test/reliability/**/*.test.ts'] },
  ],
};
