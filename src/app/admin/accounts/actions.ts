"use server";
import { z } from "zod";
import { idField } from "@/lib/fields";
import { fieldErrors, type FormState } from "@/lib/form-state";
import { BULK_ACTIONS, BULK_MAX, runBulkAccountAction, type BulkItem } from "@/server/admin/bulk-account-action";
import { postmaster } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { sendNoticeAfterResponse } from "@/web/notices";
import { messageKey } from "@/lib/message-ref";

/** One id, several (a repeated field), or a comma-separated list (the page's ids in one hidden field). */
const idList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === "string" ? x.split(",") : [x]))),
  z.array(idField).max(BULK_MAX, messageKey("Admin.accounts.bulk.errors.tooMany")),
);

/** A result row as the page shows it: never an id the postmaster did not see, the password only for a reset. */
export interface BulkRow {
  address: string | null;
  result: "changed" | "unchanged" | Exclude<BulkItem, { ok: true }>["reason"];
  password?: string;
}

/**
 * Employee Accounts > select > action > Apply to selected: `step=confirm`
 * names the count and asks; `step=run` does it (the browser sends the ids in
 * chunks to show progress; without JavaScript, all at once) and answers the
 * summary, the generated passwords included for a reset: shown once, never
 * stored, never in a URL.
 */
export const bulkAccountsAction = createAction({
  name: "accounts.bulk",
  guard: postmaster,
  schema: z.object({
    step: z.enum(["confirm", "run"], { error: messageKey("Admin.accounts.bulk.errors.action") }),
    action: z.enum(BULK_ACTIONS, { error: messageKey("Admin.accounts.bulk.errors.action") }),
    ids: idList,
    /** "Select all on this page" without JavaScript: the page's own ids (pageIds) count as selected. */
    allOnPage: z.enum(["1"]).optional(),
    pageIds: idList,
  }),
  run: async (data, { pm, meta, t }): Promise<FormState> => {
    const ids = [...new Set(data.allOnPage ? [...data.pageIds, ...data.ids] : data.ids)];
    if (ids.length === 0) return fieldErrors({ ids: [t("Admin.accounts.bulk.errors.none")] });
    if (ids.length > BULK_MAX) return fieldErrors({ ids: [t("Admin.accounts.bulk.errors.tooMany", { max: BULK_MAX })] });
    if (data.step === "confirm") return { status: "success", data: { step: "confirm", action: data.action, ids: ids.join(",") } };
    const result = await runBulkAccountAction({ postmaster: pm, accountIds: ids, action: data.action }, meta);
    if (!result.ok) {
      return fieldErrors({
        ids: [t(result.error === "none" ? "Admin.accounts.bulk.errors.none" : "Admin.accounts.bulk.errors.tooMany", { max: BULK_MAX })],
      });
    }
    sendNoticeAfterResponse(result.notices);
    const rows: BulkRow[] = result.items.map((i) =>
      i.ok
        ? { address: i.address, result: i.changed ? "changed" : "unchanged", ...(i.password ? { password: i.password } : {}) }
        : { address: i.address, result: i.reason },
    );
    return { status: "success", data: { step: "done", action: data.action, rows: JSON.stringify(rows) } };
  },
});
