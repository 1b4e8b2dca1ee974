/**
 * The environments of the processes `npm start` starts: the app's process
 * (wherever it is started: npm start, the e2e instances, `npm run bench -- http`, so that
 * what is measured is what runs) and the build.
 *
 * The app's process gets two memory settings, each only when the operator
 * has not set it (docs/performance.md has the measurements):
 *
 * - `--max-old-space-size=256` (through NODE_OPTIONS): the app's live heap
 *   is about 130 MiB, but on a large machine V8 lets it grow to several
 *   times that before it collects. 256 MiB keeps the footprint small and
 *   leaves room for bursts.
 * - `MALLOC_ARENA_MAX=2`: glibc gives each thread its own malloc arena
 *   and never returns what they hold. Two arenas are enough for one event
 *   loop and its helper threads.
 *
 * The build gets neither: `next build` type-checks the whole project and
 * needs far more than the app's 256 MiB (it ran out of heap with it).
 *
 * React's server condition (tsx runs the scripts with it) is taken out of
 * both: Next sets its own.
 */
export const APP_HEAP_MIB = 256;

function withoutReactServerCondition(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...base };
  const nodeOptions = (env.NODE_OPTIONS ?? "").replace(/--conditions[= ]react-server/g, "").trim();
  if (nodeOptions) env.NODE_OPTIONS = nodeOptions;
  else delete env.NODE_OPTIONS;
  return env;
}

export function appProcessEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = withoutReactServerCondition(base);
  const nodeOptions = env.NODE_OPTIONS ?? "";
  if (!/--max-old-space-size/.test(nodeOptions)) env.NODE_OPTIONS = `${nodeOptions} --max-old-space-size=${APP_HEAP_MIB}`.trim();
  env.MALLOC_ARENA_MAX ??= "2";
  return env;
}

/** `next build`'s environment: the operator's, without the app process's memory settings. */
export function buildProcessEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...withoutReactServerCondition(base), NODE_ENV: "production" };
}
