"use server";
import { reportNotMe } from "@/server/notices/report-not-me";
import { ownerLinkAction } from "../_actions/owner-link-action";

/** "This wasn't me: secure my account". */
export const reportNotMeAction = ownerLinkAction({
  name: "not_me.report",
  use: reportNotMe,
  invalid: "NotMe.invalid",
  done: "/not-me?done=1",
});
