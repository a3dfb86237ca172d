// Nest 12 and oidc-provider are ESM-only; jest on Node 20 cannot require(esm), so @swc/jest
// transpiles those packages to CommonJS along with our TypeScript.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};
const esmOnly = [
  '@nestjs',
  'file-type',
  'oidc-provider',
  'jose',
  'openid-client',
  'oauth4webapi',
  'koa',
  '@koa',
  'quick-lru',
  'nanoid',
];

module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['js', 'json', 'ts'],
  moduleNameMapper: {
    '^src/(.*)$': '<rootDir>/src/$1',
    '^libs/(.*)$': '<rootDir>/libs/$1',
    '^test/(.*)$': '<rootDir>/test/$1',
  },
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swc] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
