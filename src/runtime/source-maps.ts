/**
 * The app's process runs TypeScript through tsx, which turns Node's source maps on for the whole
 * process. Node then reads and keeps the source map of every module it loads, Next's server chunks
 * included: about 80 MiB of the app's memory, for stack traces only (docs/performance.md). They are
 * turned off for the app's process unless asked for (`NODE_OPTIONS=--enable-source-maps`), before
 * anything else is loaded; the logs' stack traces then name the built files.
 */
const asked = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].includes("--enable-source-maps");
if (!asked) process.setSourceMapsEnabled(false);
