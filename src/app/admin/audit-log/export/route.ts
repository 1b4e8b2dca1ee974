import { formatUtcDay } from "@/lib/format";
import { NextResponse, type NextRequest } from "next/server";
import { exportAuditLog } from "@/server/admin/export-audit-events";
import { postmaster } from "@/web/actions/action-guards";
import { getTranslator, translateFieldErrors } from "@/web/i18n";
import { now } from "@/server/clock";
import { metaFromHeaders } from "@/server/request-meta";
import { parseAuditFilter } from "../audit-filter";

export const dynamic = "force-dynamic";

const TEXT = { "Content-Type": "text/plain; charset=utf-8" };

/**
 * "Export CSV" of the Audit Log, with the page's filters. A route handler is
 * not behind the page's guard, so it checks the postmaster session itself.
 * The file itself is data, not text to translate: English column names, the
 * action codes and ISO times, whatever the reader's language.
 */
export async function GET(request: NextRequest) {
  const meta = metaFromHeaders(request.headers);
  const t = await getTranslator();
  // The actions' postmaster guard: a refusal is audited; without a session it sends the browser to the logon page.
  const auth = await postmaster({ attempted: "audit.export", meta, form: null, t });
  if (!auth.ok) return new NextResponse(t("Admin.auditLog.exportForbidden"), { status: 403, headers: TEXT });
  const parsed = parseAuditFilter(Object.fromEntries(request.nextUrl.searchParams));
  if (Object.keys(parsed.errors).length) {
    const lines = Object.entries(translateFieldErrors(t, parsed.errors)).map(([field, messages]) => `${field}: ${messages?.join(" ")}`);
    return new NextResponse(`${t("Admin.auditLog.exportBadRequest")}\n${lines.join("\n")}\n`, { status: 400, headers: TEXT });
  }
  const { user, pm } = auth.ctx;
  const csv = await exportAuditLog({ postmaster: pm, domainName: user.domainName, filter: parsed.filter, values: parsed.values }, meta);
  const stamp = formatUtcDay(now());
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${user.domainName}-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
