import { z } from "zod";
import { hasUnreadableText } from "@/lib/fields";
import { looseMsg, messageKey, type MessageRef, msg } from "@/lib/message-ref";
import { AuditAction } from "@/server/audit/audit-action";
import type { AuditFilter } from "@/server/admin/list-audit-events";

/** The Audit Log's filters, from the query string; shared by the page and the CSV export. */
export const AUDIT_ACTIONS = Object.values(AuditAction).sort();

const DAY_MS = 24 * 60 * 60 * 1000;
/** A calendar day (UTC); an empty field means no bound. */
const day = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: messageKey("Admin.auditLog.errors.dateFormat"), abort: true })
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v); // 2026-02-30 parses, but as 2 March
    }, messageKey("Admin.auditLog.errors.realDate"))
    .optional(),
);

const schema = z.object({
  account: z
    .string()
    .trim()
    .max(254, messageKey("Admin.auditLog.errors.accountTooLong"))
    .refine((v) => !hasUnreadableText(v), messageKey("Common.errors.unreadableText"))
    .optional(),
  action: z
    .string()
    .trim()
    .refine(
      (v) => v === "" || AUDIT_ACTIONS.includes(v as (typeof AUDIT_ACTIONS)[number]),
      messageKey("Admin.auditLog.errors.unknownAction"),
    )
    .optional(),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(1),
});

export const AUDIT_FILTER_KEYS = ["account", "action", "from", "to"] as const;

export interface ParsedAuditFilter {
  filter: AuditFilter;
  page: number;
  /** What was asked, to show in the form and keep in links (only valid values). */
  values: Record<(typeof AUDIT_FILTER_KEYS)[number], string>;
  /** Each bad field's problems, as catalog references (the page and the export word them). */
  errors: Record<string, MessageRef[]>;
}

/** A schema issue's message is a catalog key; a length limit comes with its number. */
function issueRef(issue: z.ZodError["issues"][number]): MessageRef {
  return "maximum" in issue ? looseMsg(issue.message, { max: Number(issue.maximum) }) : looseMsg(issue.message);
}

export function parseAuditFilter(params: Record<string, string | string[] | undefined>): ParsedAuditFilter {
  const raw = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const errors: Record<string, MessageRef[]> = {};
  const read = <K extends keyof typeof schema.shape>(key: K) => {
    const r = schema.shape[key].safeParse(raw[key]);
    if (r.success) return r.data as z.infer<(typeof schema.shape)[K]>;
    errors[key] = r.error.issues.map(issueRef);
    return undefined;
  };
  const account = read("account") || undefined;
  const action = read("action") || undefined;
  const fromDay = read("from");
  const toDay = read("to");
  if (fromDay && toDay && fromDay > toDay) errors.to = [msg("Admin.auditLog.errors.endBeforeStart")];
  const filter: AuditFilter = {
    account,
    action,
    from: fromDay ? new Date(`${fromDay}T00:00:00Z`) : undefined,
    to: toDay && !errors.to ? new Date(Date.parse(`${toDay}T00:00:00Z`) + DAY_MS) : undefined,
  };
  return {
    filter,
    page: read("page") ?? 1,
    values: { account: account ?? "", action: action ?? "", from: fromDay ?? "", to: errors.to ? "" : (toDay ?? "") },
    errors,
  };
}
