import "server-only";
import { headers } from "next/headers";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { idle, type Destination, type FormState } from "@/lib/form-state";

/**
 * How an action's Destination becomes the answer: the one place that knows Next's headers, redirect()
 * and refresh() (createAction and createCommand call it; actions only return where the browser goes).
 *
 * A form posted by React (JavaScript on, a `Next-Action` request):
 * - "navigate" / "reload": a "redirect" state, and the form goes on by itself (useFormAction; "reload"
 *   loads the page whole, the language changed and the root layout must be drawn again). Next's
 *   redirect() would instead fetch and render the next page into the action's own answer: the browser
 *   asks for that page anyway, and a logon answer then costs its page as well (docs/performance.md).
 * - "redraw": the page at the same address is drawn again into this answer (refresh()): no second
 *   request, and no fetch of the page by the server itself as redirect() makes.
 * - "redirect": redirect() itself, the next page drawn into the answer (an action that changed cookies,
 *   whose own page, drawn again, may no longer hold the form: form-state.ts).
 * A form posted without JavaScript gets the 303 of redirect() in every mode, so that reloading the
 * page never posts the form again.
 */
export async function endAction(to: Destination): Promise<FormState> {
  if (to.mode === "redirect" || !(await headers()).has("next-action")) redirect(to.next);
  if (to.mode === "redraw") {
    refresh();
    return idle;
  }
  return { status: "redirect", to: to.next, ...(to.mode === "reload" ? { fullLoad: true } : {}) };
}

/**
 * A command (a plain `<form action>` without a form state: Log Off, Cancel) has no state to carry a
 * "redirect": it is sent on with redirect(), or, to redraw its page with JavaScript, refresh().
 */
export async function endCommand(to: Destination): Promise<void> {
  if (to.mode === "redraw" && (await headers()).has("next-action")) return refresh();
  redirect(to.next);
}
