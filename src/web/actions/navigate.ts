import "server-only";
import { headers } from "next/headers";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { idle, type FormState } from "@/lib/form-state";

/**
 * Ends an action by sending the browser on to `to`.
 *
 * A form posted by React (JavaScript on, a `Next-Action` request) gets a
 * "redirect" state and navigates by itself (useFollowRedirect). Next's
 * redirect() would instead fetch and render the next page into the action's
 * own answer. The browser asks for that page anyway, and a logon answer then
 * costs its page as well (docs/performance.md). A form posted without
 * JavaScript gets the 303 of redirect(), as before.
 *
 * `fullLoad`: the next page is loaded whole, not navigated to inside the app
 * (the language changed, and the root layout must be drawn again).
 */
export async function navigateTo(to: string, opts: { fullLoad?: boolean } = {}): Promise<FormState> {
  if ((await headers()).has("next-action")) return { status: "redirect", to, ...(opts.fullLoad ? { fullLoad: true } : {}) };
  redirect(to);
}

/**
 * Ends an action whose page shows what comes next at the same address (the Forgot Password wizard's
 * steps). With JavaScript the page is drawn again into this answer (refresh()): no second request, and
 * no fetch of the page by the server itself as redirect() makes. Without JavaScript: the 303 of redirect(),
 * so that reloading the page never posts the form again.
 */
export async function showNextStep(path: string): Promise<FormState> {
  if (!(await headers()).has("next-action")) redirect(path);
  refresh();
  return idle;
}
