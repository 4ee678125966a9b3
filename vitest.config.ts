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
  },
});
