import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two cores: keep forks few so the fake server, sharp and SQLite are not starved.
    pool: 'forks',
    maxWorkers: 2,
    // The IPC router checks every answer against its route's output schema (src/main/core/ipc/router.ts).
    env: { LAGOON_CHECK_OUTPUTS: '1' },
  },
});
