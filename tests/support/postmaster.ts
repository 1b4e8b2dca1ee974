import { resolvePostmaster, type Postmaster } from "@/server/admin/postmaster";
import { meta } from "./fixtures";

/**
 * The principal an admin entry point takes, for an account id: made as a caller without a session
 * makes it (resolvePostmaster); a test of the guard's own refusals calls resolvePostmaster itself.
 */
export async function postmasterFor(accountId: string): Promise<Postmaster> {
  const caller = await resolvePostmaster(accountId, "test", meta);
  if (!caller.ok) throw new Error(`not an active postmaster: ${accountId}`);
  return caller.postmaster;
}
