import { defineConfig } from 'vitest/config';

// The SDK's Node-version notice would otherwise print from the global setup too.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export default defineConfig({
  test: {
    // One DynamoDB Local for the whole run; each test file gets its own tables.
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 90_000,
    env: {
      POWERTOOLS_DEV: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    projects: [
      {
        extends: true,
        test: { name: 'service', include: ['tests/**/*.test.ts'], exclude: ['tests/infra/**'] },
      },
      {
        extends: true,
        // Template tests read stacks only: one worker without isolation lets every file reuse the
        // stacks tests/infra/support.ts has built, instead of building the same stack per file.
        test: { name: 'infra', include: ['tests/infra/**/*.test.ts'], isolate: false, maxWorkers: 1 },
      },
    ],
  },
});
