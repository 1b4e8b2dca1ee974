"use server";
import { z } from "zod";
import { formError, goTo } from "@/lib/form-state";
import { reportNotMe } from "@/server/notices/report-not-me";
import { anyone } from "@/web/actions/action-guards";
import { createAction } from "@/web/actions/create-action";
import { sendNoticeAfterResponse } from "@/web/notices";
import { messageKey } from "@/lib/message-ref";

/** "This wasn't me: secure my account" (the link's token rides in a hidden field). */
export const reportNotMeAction = createAction({
  name: "not_me.report",
  guard: anyone,
  schema: z.object({
    token: z
      .string({ error: messageKey("NotMe.invalid") })
      .trim()
      .max(64, messageKey("NotMe.invalid")),
  }),
  run: async (data, { meta, t }) => {
    const r = await reportNotMe(data.token, meta);
    if (!r.ok) return formError(t("NotMe.invalid"));
    sendNoticeAfterResponse(r.notices);
    return goTo("/not-me?done=1");
  },
});
