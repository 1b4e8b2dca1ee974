"use server";
import { unlockWithLink } from "@/server/notices/unlock-account";
import { ownerLinkAction } from "../_actions/owner-link-action";

/** "Unlock my account". */
export const unlockAction = ownerLinkAction({
  name: "unlock.owner_link",
  use: unlockWithLink,
  invalid: "Unlock.invalid",
  done: "/unlock?done=1",
});
