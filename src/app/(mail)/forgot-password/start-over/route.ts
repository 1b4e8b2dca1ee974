import { redirect } from "next/navigation";
import { clearRecoveryCookie } from "@/web/recovery-cookie";

export const dynamic = "force-dynamic";

/**
 * "Start over": forgets the flow in this browser and shows step 1. It only
 * clears the cookie (a GET changes nothing on the server); the abandoned flow
 * cannot be reached without it and expires on its own.
 */
export async function GET() {
  await clearRecoveryCookie();
  redirect("/forgot-password");
}
