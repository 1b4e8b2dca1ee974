import "server-only";
import { z } from "zod";
import { formError, goTo, type FormAction } from "@/lib/form-state";
import { messageKey, type MessageKey } from "@/lib/message-ref";
import type { RequestMeta } from "@/server/request-meta";
import type { Notice } from "@/server/sms/account-notice";
import { anyone } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { sendNoticeAfterResponse } from "@/web/notices";

/**
 * The button of a one-use link's page from a notice ("This wasn't me", the unlock: both forms are
 * OwnerLinkForm). The link's token rides in a hidden field; the domain function uses it once, what it
 * tells others goes after the response, and the page then says it is done. A used, expired or unknown
 * token gets the page's one "invalid" message, whatever the reason.
 */
export function ownerLinkAction(def: {
  /** What the audit log calls an attempt. */
  name: string;
  use: (input: { token: string }, meta: RequestMeta) => Promise<{ ok: true; notices?: Notice[] } | { ok: false }>;
  invalid: MessageKey;
  /** The page that says it is done. */
  done: string;
}): FormAction {
  return createAction({
    name: def.name,
    guard: anyone,
    schema: z.object({
      token: z
        .string({ error: messageKey(def.invalid) })
        .trim()
        .max(64, messageKey(def.invalid)),
    }),
    run: async (data, { meta, t }) => {
      const r = await def.use({ token: data.token }, meta);
      if (!r.ok) return formError(t(def.invalid));
      sendNoticeAfterResponse(r.notices);
      return goTo(def.done);
    },
  });
}
