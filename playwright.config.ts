import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { BASE_URL } from "./e2e/support/e2e-env";

// Workers import domain code (fixtures create accounts); it is server-only.
if (!process.env.NODE_OPTIONS?.includes("react-server")) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --conditions=react-server`.trim();
}

/** A system Chromium on PATH when present (no downloads here); otherwise Playwright's own browser. */
const systemChromium = (process.env.PATH ?? "")
  .split(path.delimiter)
  .flatMap((dir) => ["chromium", "chromium-browser"].map((name) => path.join(dir, name)))
  .find((p) => existsSync(p));
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? systemChromium,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: { baseURL: BASE_URL, trace: "retain-on-failure", screenshot: "only-on-failure", launchOptions },
  projects: [
    { name: "mail", testMatch: /mail\/.*\.spec\.ts/, use: { ...devices["Desktop Chrome"], launchOptions } },
    { name: "admin", testMatch: /admin\/.*\.spec\.ts/, use: { ...devices["Desktop Chrome"], launchOptions } },
    { name: "console", testMatch: /console\/.*\.spec\.ts/, use: { ...devices["Desktop Chrome"], launchOptions } },
    // Reach: both languages, accessibility (axe), keyboard only.
    // Its tests stand alone (fresh accounts or minted sessions): the shards may split its files.
    {
      name: "reach",
      testMatch: /reach\/(?!no-js).*\.spec\.ts/,
      fullyParallel: true,
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    // The three scenarios as plain HTML forms: JavaScript off.
    {
      name: "no-js",
      testMatch: /reach\/no-js\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], javaScriptEnabled: false, launchOptions },
    },
    // Several instances behind a proxy, outages, draining: specs that start their own servers.
    { name: "operations", testMatch: /operations\/.*\.spec\.ts/, use: { ...devices["Desktop Chrome"], launchOptions } },
    // Hostile input and the deployment profile: last, after the surfaces' own tests.
    { name: "hardening", testMatch: /hardening\/.*\.spec\.ts/, fullyParallel: true, use: { ...devices["Desktop Chrome"], launchOptions } },
  ],
  webServer: {
    command: "npx tsx --conditions=react-server scripts/e2e-server.ts",
    url: `${BASE_URL}/login`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
