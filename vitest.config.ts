import path from "node:path";
import { defineConfig } from "vitest/config";
import { PARALLEL, WORKERS } from "./tests/setup/workers.ts";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "src"),
      // Domain modules are marked server-only; in tests they run on the server side anyway.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    environment: "node",
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/test-env.ts"],
    // A database per worker (tests/setup/global-setup.ts); each file starts from empty tables.
    fileParallelism: PARALLEL,
    maxWorkers: WORKERS,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
