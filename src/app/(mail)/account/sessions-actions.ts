"use server";
import { z } from "zod";
import { goTo } from "@/lib/form-state";
import { idField } from "@/lib/fields";
import { endMySessions } from "@/server/account-security/end-my-sessions";
import type { MailUser } from "@/server/auth/load-session-account";
import { currentTrustId, forgetTrustedBrowser } from "@/server/two-step/trusted-browser";
import { createAction } from "@/web/actions/create-action";
import { refusalState } from "@/web/refusals";
import { readTrustedBrowser } from "@/web/two-step-cookie";
import { ACCOUNT_REFUSALS } from "./refusals";
import { signedIn } from "./signed-in";

/** Account Security > Sessions (components/account/sessions-card.tsx). */

const caller = async (user: MailUser) => ({
  accountId: user.id,
  address: user.address,
  domainId: user.domainId,
  currentSessionId: user.sessionId,
  currentTrustId: await currentTrustId(await readTrustedBrowser(), { kind: "mail", id: user.id, sessionVersion: user.sessionVersion }),
});

export const endSessionAction = createAction({
  name: "sessions.end_one",
  guard: signedIn,
  schema: z.object({ sessionId: idField }),
  run: async (data, { user, meta, t }) => {
    const r = await endMySessions({ caller: await caller(user), which: { sessionId: data.sessionId } }, meta);
    if (r.ok) return goTo("/account?done=session-ended");
    return refusalState(t, ACCOUNT_REFUSALS.sessionEnd, r);
  },
});

export const endOtherSessionsAction = createAction({
  name: "sessions.end_others",
  guard: signedIn,
  schema: z.object({}),
  run: async (_data, { user, meta }) => {
    await endMySessions({ caller: await caller(user), which: "all_others" }, meta);
    return goTo("/account?done=sessions-ended");
  },
});

/** Account Security > Sessions > Trusted browsers > Forget. */
export const forgetTrustedBrowserAction = createAction({
  name: "sessions.forget_browser",
  guard: signedIn,
  schema: z.object({ trustId: idField }),
  run: async (data, { user, meta, t }) => {
    const owner = { kind: "mail" as const, id: user.id, login: user.address, domainId: user.domainId };
    const r = await forgetTrustedBrowser({ owner, trustId: data.trustId }, meta);
    if (r.ok) return goTo("/account?done=browser-forgotten");
    return refusalState(t, ACCOUNT_REFUSALS.browserForget, r);
  },
});
