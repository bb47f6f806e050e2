import { defineConfig } from "vitest/config";

// Three projects: pure unit tests (no I/O), integration tests that run against both database
// engines, and browser tests in Debian's Chromium. Two cores: at most two workers.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/domain/**/*.test.ts", "src/planning/**/*.test.ts", "src/**/*.unit.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["src/**/*.test.ts"],
          exclude: ["src/domain/**", "src/planning/**", "src/**/*.unit.test.ts", "src/web/**"],
          // Generous: some tests start the koers CLI as a process (tsx start-up on a busy machine).
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
