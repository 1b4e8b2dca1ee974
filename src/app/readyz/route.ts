import { NextResponse } from "next/server";
import { checkReadiness } from "@/server/health/check-readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness: PostgreSQL answers, this version's migrations are applied and
 * the server is not draining; Redis, when configured, and the hashing queue
 * are reported (ok or degraded) without failing the probe. 200 or 503, JSON,
 * never cached; no session, no limit, no audit.
 */
export async function GET() {
  const r = await checkReadiness();
  return NextResponse.json(
    { status: r.ready ? "ready" : "not_ready", checks: r.checks },
    { status: r.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
