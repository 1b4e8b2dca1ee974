"use server";
import { z } from "zod";
import { formError, goTo } from "@/lib/form-state";
import { unlockWithLink } from "@/server/notices/unlock-account";
import { anyone } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { messageKey } from "@/lib/message-ref";

/** "Unlock my account" (the link's token rides in a hidden field). */
export const unlockAction = createAction({
  name: "unlock.owner_link",
  guard: anyone,
  schema: z.object({
    token: z
      .string({ error: messageKey("Unlock.invalid") })
      .trim()
      .max(64, messageKey("Unlock.invalid")),
  }),
  run: async (data, { meta, t }) => {
    const r = await unlockWithLink(data.token, meta);
    if (!r.ok) return formError(t("Unlock.invalid"));
    return goTo("/unlock?done=1");
  },
});
