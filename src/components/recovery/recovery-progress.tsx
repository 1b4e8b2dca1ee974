import { getTranslations } from "next-intl/server";

/** The wizard's four steps (Recovery.steps.*), in order. */
const RECOVERY_STEPS = ["account", "verify", "reset", "done"] as const;

/** The wizard's four steps, the current one marked for screen readers (aria-current="step"). */
export async function RecoveryProgress({ current }: { current: number }) {
  const t = await getTranslations("Recovery");
  return (
    <nav aria-label={t("progress.label")} className="mb-6">
      <ol className="flex items-start justify-between gap-2">
        {RECOVERY_STEPS.map((step, i) => {
          const label = t(`steps.${step}`);
          // The last step, once reached, is complete as well as current.
          const finished = i < current || (i === current && i === RECOVERY_STEPS.length - 1);
          const state = finished ? "done" : i === current ? "current" : "todo";
          const dot = {
            done: "border-blue-700 bg-blue-700 text-white",
            current: "border-blue-700 bg-white text-blue-700 ring-4 ring-blue-100",
            todo: "border-slate-300 bg-white text-slate-500",
          }[state];
          return (
            <li
              key={step}
              aria-current={i === current ? "step" : undefined}
              className="relative flex flex-1 flex-col items-center text-center"
            >
              {i > 0 ? (
                <span
                  aria-hidden="true"
                  className={`absolute top-4 right-1/2 h-0.5 w-full -translate-x-4 ${i <= current ? "bg-blue-700" : "bg-slate-200"}`}
                />
              ) : null}
              <span
                className={`relative z-10 flex h-8 w-8 items-center justify-center rounded-full border-2 text-sm font-semibold ${dot}`}
                aria-hidden="true"
              >
                {state === "done" ? "✓" : i + 1}
              </span>
              <span className={`mt-2 text-xs leading-tight ${i === current ? "font-semibold text-slate-900" : "text-slate-600"}`}>
                {label}
                {state === "done" ? <span className="sr-only"> {t("progress.completed")}</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
