/**
 * The environment of the app's process, wherever it is started (npm start,
 * the e2e instances, bench:http), so that what is measured is what runs.
 * Two memory settings, each only when the operator has not set it
 * (docs/performance.md has the measurements):
 *
 * - `--max-old-space-size=256` (through NODE_OPTIONS): the app's live heap
 *   is about 130 MiB, but on a large machine V8 lets it grow to several
 *   times that before it collects. 256 MiB keeps the footprint small and
 *   leaves room for bursts.
 * - `MALLOC_ARENA_MAX=2`: glibc gives each thread its own malloc arena
 *   and never returns what they hold. Two arenas are enough for one event
 *   loop and its helper threads.
 *
 * React's server condition (tsx runs the scripts with it) is taken out:
 * the app's process loads Next, which sets its own.
 */
export const APP_HEAP_MIB = 256;

export function appProcessEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...base };
  let nodeOptions = (env.NODE_OPTIONS ?? "").replace(/--conditions[= ]react-server/g, "").trim();
  if (!/--max-old-space-size/.test(nodeOptions)) nodeOptions = `${nodeOptions} --max-old-space-size=${APP_HEAP_MIB}`.trim();
  env.NODE_OPTIONS = nodeOptions;
  env.MALLOC_ARENA_MAX ??= "2";
  return env;
}
