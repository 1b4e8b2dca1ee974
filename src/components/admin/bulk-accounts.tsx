"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { SubmitButton } from "@/components/submit-button";
import { Alert, buttonClass, dangerSolidButtonClass, FieldErrors, inputClass, labelClass, linkClass, TableScroller } from "@/components/ui";
import { useFocusOnError } from "@/components/use-focus-on-error";
import { csvDocument } from "@/lib/csv";
import { idle, type FormAction, type FormState } from "@/lib/form-state";
import { tdClass, thClass } from "./admin-ui";
import { CsvDownload } from "./csv-download";
import { useFormAction } from "@/components/use-form-action";

/** The id of the form the list's checkboxes belong to (their `form` attribute). */
export const BULK_FORM_ID = "bulk-select";
const ACTIONS = ["require_change", "sign_out", "reset_password", "disable", "enable"] as const;
type BulkAction = (typeof ACTIONS)[number];
/** The browser sends the confirmed ids in chunks of this many, to show progress on a long reset. */
const CHUNK = 25;

const RESULT_LABELS = {
  changed: "accounts.bulk.results.changed",
  unchanged: "accounts.bulk.results.unchanged",
  not_found: "accounts.bulk.results.not_found",
  own_account: "accounts.bulk.results.own_account",
  postmaster_account: "accounts.bulk.results.postmaster_account",
  error: "accounts.bulk.results.error",
} as const;

interface Row {
  address: string | null;
  result: string;
  password?: string;
}

/**
 * Employee Accounts' bulk actions: choose → "Apply to selected" → a
 * confirmation that names the count → the action, with progress, and a
 * summary (for Reset passwords, the new passwords once, with a CSV). Without
 * JavaScript each step is a plain form post and the run is one request.
 */
export function BulkAccounts({ action, pageIds, backHref }: { action: FormAction; pageIds: string[]; backHref: string }) {
  const t = useTranslations("Admin");
  const [state, formAction] = useFormAction(action);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [finished, setFinished] = useState<{ action: BulkAction; rows: Row[] } | null>(null);
  const [chunkError, setChunkError] = useState<string | null>(null);
  const router = useRouter();
  const formRef = useFocusOnError(state);
  const selectId = useId();
  const data = state.status === "success" ? state.data : undefined;

  const done = finished ?? (data?.step === "done" ? { action: data.action as BulkAction, rows: JSON.parse(data.rows) as Row[] } : null);
  if (done) {
    const total = data?.step === "confirm" ? data.ids.split(",").length : done.rows.length;
    return (
      <BulkResult
        action={done.action}
        rows={done.rows}
        backHref={backHref}
        stopped={chunkError !== null ? { error: chunkError, notDone: total - done.rows.length } : null}
      />
    );
  }

  if (data?.step === "confirm") {
    const ids = data.ids.split(",");
    const chosen = data.action as BulkAction;
    const run = async (e: FormEvent<HTMLFormElement>) => {
      // With JavaScript: the same action, CHUNK accounts at a time, so the page can show how far it got.
      e.preventDefault();
      const rows: Row[] = [];
      setProgress({ done: 0, total: ids.length });
      for (let i = 0; i < ids.length; i += CHUNK) {
        const fd = new FormData();
        fd.set("step", "run");
        fd.set("action", chosen);
        fd.set("ids", ids.slice(i, i + CHUNK).join(","));
        const answer: FormState = await action(idle, fd);
        if (answer.status !== "success" || !answer.data?.rows) {
          setProgress(null);
          setChunkError(answer.status === "error" ? (answer.formError ?? Object.values(answer.fieldErrors).flat()[0] ?? "") : "");
          if (rows.length) setFinished({ action: chosen, rows });
          return;
        }
        rows.push(...(JSON.parse(answer.data.rows) as Row[]));
        setProgress({ done: Math.min(i + CHUNK, ids.length), total: ids.length });
      }
      setFinished({ action: chosen, rows });
      // The list below shows the accounts as they are now (this summary stays: client state survives a refresh).
      router.refresh();
    };
    return (
      <section aria-labelledby="bulk-confirm-title" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-4 shadow-sm">
        <FocusedHeading id="bulk-confirm-title">{t("account.confirmTitle")}</FocusedHeading>
        <p className="mt-2 text-sm text-slate-800">{t(`accounts.bulk.confirm.${chosen}`, { count: ids.length })}</p>
        {chunkError ? <Alert kind="error">{chunkError}</Alert> : null}
        <form action={formAction} onSubmit={run} className="mt-4 flex flex-wrap items-center gap-3">
          <input type="hidden" name="step" value="run" />
          <input type="hidden" name="action" value={chosen} />
          <input type="hidden" name="ids" value={data.ids} />
          {progress ? (
            <div className="w-full max-w-md" role="status">
              <progress className="h-2 w-full" max={progress.total} value={progress.done} aria-label={t("accounts.bulk.resultTitle")} />
              <p className="mt-1 text-sm text-slate-700">{t("accounts.bulk.progress", progress)}</p>
            </div>
          ) : (
            <>
              <SubmitButton className={chosen === "enable" ? buttonClass : dangerSolidButtonClass} pendingText={t("account.working")}>
                {t(`accounts.bulk.confirmButtons.${chosen}`)}
              </SubmitButton>
              <a href={backHref} className={`text-sm ${linkClass}`}>
                {t("accounts.bulk.cancel")}
              </a>
            </>
          )}
        </form>
      </section>
    );
  }

  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form
      id={BULK_FORM_ID}
      ref={formRef}
      action={formAction}
      aria-label={t("accounts.bulk.formName")}
      className="mb-3 flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="step" value="confirm" />
      <input type="hidden" name="pageIds" value={pageIds.join(",")} />
      {state.status === "error" && state.formError ? <Alert kind="error">{state.formError}</Alert> : null}
      <div>
        <label htmlFor={selectId} className={labelClass}>
          {t("accounts.bulk.label")}
        </label>
        <select
          id={selectId}
          name="action"
          defaultValue=""
          className={inputClass}
          aria-invalid={errors.action?.length ? true : undefined}
          aria-describedby={errors.action?.length ? `${selectId}-err` : undefined}
        >
          <option value="" disabled>
            {t("accounts.bulk.choose")}
          </option>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`accounts.bulk.actions.${a}`)}
            </option>
          ))}
        </select>
        <FieldErrors id={`${selectId}-err`} errors={errors.action ?? errors.step} />
      </div>
      <SubmitButton className={buttonClass}>{t("accounts.bulk.apply")}</SubmitButton>
      {errors.ids?.length ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {errors.ids[0]}
        </p>
      ) : null}
    </form>
  );
}

/** "Select all on this page": with JavaScript it ticks every row; without, the server takes the page's ids. */
export function SelectAllOnPage({ label }: { label: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const rows = () => [...document.querySelectorAll<HTMLInputElement>(`input[name="ids"][form="${BULK_FORM_ID}"]`)];
    const sync = () => {
      const all = rows();
      const checked = all.filter((r) => r.checked).length;
      box.checked = all.length > 0 && checked === all.length;
      box.indeterminate = checked > 0 && checked < all.length;
    };
    const onRow = (e: Event) => {
      if ((e.target as HTMLInputElement).name === "ids") sync();
    };
    // Ticked before the page came alive (its click had no handler yet): the rows follow it now.
    if (box.checked) for (const r of rows()) r.checked = true;
    sync();
    document.addEventListener("change", onRow);
    return () => document.removeEventListener("change", onRow);
  }, []);
  return (
    <input
      ref={ref}
      type="checkbox"
      name="allOnPage"
      value="1"
      form={BULK_FORM_ID}
      aria-label={label}
      className="h-4 w-4"
      onChange={(e) => {
        for (const r of document.querySelectorAll<HTMLInputElement>(`input[name="ids"][form="${BULK_FORM_ID}"]`))
          r.checked = e.target.checked;
      }}
    />
  );
}

/** A heading that takes the focus when it appears (the step before it and its button are gone). */
function FocusedHeading({ id, children }: { id: string; children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h2 id={id} ref={ref} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
      {children}
    </h2>
  );
}

function BulkResult({
  action,
  rows,
  backHref,
  stopped,
}: {
  action: BulkAction;
  rows: Row[];
  backHref: string;
  /** The run stopped before the end (a chunk was refused): why, and how many accounts were not reached. */
  stopped: { error: string; notDone: number } | null;
}) {
  const t = useTranslations("Admin");
  const ok = rows.filter((r) => r.result === "changed" || r.result === "unchanged").length;
  const withPasswords = rows.some((r) => r.password);
  // The formula guard cannot touch a password: generated ones never start with = + - @ (bulk-account-action.ts).
  const csv = csvDocument([["address", "password"], ...rows.filter((r) => r.password).map((r) => [r.address, r.password])]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="bulk-result-title" className="mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="bulk-result-title" ref={heading} tabIndex={-1} className="text-base font-semibold text-slate-900">
        {t("accounts.bulk.resultTitle")}: {t(`accounts.bulk.actions.${action}`)}
      </h2>
      <p role="status" className="mt-1 text-sm text-slate-700">
        {t("accounts.bulk.summary", { ok, failed: rows.length - ok })}
      </p>
      {stopped ? (
        <div className="mt-3">
          <Alert kind="error">
            {stopped.error ? `${stopped.error} ` : ""}
            {t("accounts.bulk.stopped", { count: stopped.notDone })}
          </Alert>
        </div>
      ) : null}
      {withPasswords ? (
        <div className="mt-3">
          <Alert kind="warning">{t("accounts.bulk.passwordsOnce")}</Alert>
        </div>
      ) : null}
      <TableScroller label={t("accounts.bulk.resultTitle")} className="mt-3">
        <table className="w-full border-collapse">
          <thead>
            <tr>
              <th scope="col" className={thClass}>
                {t("accounts.bulk.columns.account")}
              </th>
              <th scope="col" className={thClass}>
                {t("accounts.bulk.columns.result")}
              </th>
              {withPasswords ? (
                <th scope="col" className={thClass}>
                  {t("accounts.bulk.columns.password")}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.address ?? "unknown"}-${i}`}>
                <td className={`${tdClass} font-mono text-[13px]`}>{r.address ?? "—"}</td>
                <td className={tdClass}>{t(RESULT_LABELS[r.result as keyof typeof RESULT_LABELS] ?? RESULT_LABELS.error)}</td>
                {withPasswords ? <td className={`${tdClass} select-all font-mono text-[13px]`}>{r.password ?? ""}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        {withPasswords ? (
          <CsvDownload csv={csv} filename="reset-passwords.csv">
            {t("accounts.bulk.downloadCsv")}
          </CsvDownload>
        ) : null}
        <a href={backHref} className={`text-sm ${linkClass}`}>
          {t("accounts.bulk.done")}
        </a>
      </div>
    </section>
  );
}
