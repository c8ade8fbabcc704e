const path = require('node:path')

/** Node-side suites share one transform; each spawns its own emulator when it needs one. */
module.exports = {
  maxWorkers: 2,
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests'],
      testMatch: ['<rootDir>/tests/{unit,contract,emulator,packaging,e2e,compliance}/**/*.test.ts'],
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
      transform: { '^.+\\.tsx?$': ['babel-jest', { configFile: path.join(__dirname, 'tests', 'babel.node.config.js') }] },
    },
  ],
}
