import type { Logger } from "pino";
import { createLogger } from "@/server/observability/logger";

/**
 * The process's logger (src/server/observability/logger.ts) swapped for one
 * that keeps its JSON lines in memory, at `level`, until restore(). The
 * suite otherwise runs with LOG_LEVEL=silent.
 */
export interface CapturedLogs {
  lines: Array<Record<string, unknown>>;
  /** Every line as it would have been written (for "never contains" checks). */
  text(): string;
  restore(): void;
}

export function captureLogs(level = "debug"): CapturedLogs {
  const g = globalThis as { postkeyLogger?: Logger };
  const previous = g.postkeyLogger;
  const raw: string[] = [];
  g.postkeyLogger = createLogger({ level, destination: { write: (s: string) => void raw.push(s) } });
  return {
    get lines() {
      return raw.map((s) => JSON.parse(s) as Record<string, unknown>);
    },
    text: () => raw.join(""),
    restore: () => {
      g.postkeyLogger = previous;
    },
  };
}
