import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness: the process answers. No session, no database, no limit, no audit. */
export function GET() {
  return NextResponse.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
