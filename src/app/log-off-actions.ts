"use server";
import { recordLogOut } from "@/server/auth/record-log-out";
import { goTo } from "@/lib/form-state";
import { anyone } from "@/web/actions/action-guards";
import { createCommand } from "@/web/actions/create-action";
import { getMailUser, getOperator } from "@/web/guards";
import { endSession } from "@/web/session";

/** Log Off: audited when there was a live session, revoked on the server, cookie gone. */
export const logOutMail = createCommand({
  name: "logout",
  guard: anyone,
  run: async ({ meta }) => {
    const user = await getMailUser();
    if (user) await recordLogOut({ kind: "MAIL_ACCOUNT", id: user.id, label: user.address, domainId: user.domainId }, meta);
    await endSession("mail");
    return goTo("/login?notice=signed-out");
  },
});

export const logOutConsole = createCommand({
  name: "console_logout",
  guard: anyone,
  run: async ({ meta }) => {
    const op = await getOperator();
    if (op) await recordLogOut({ kind: "CLOUD_ACCOUNT", id: op.id, label: op.email }, meta);
    await endSession("console");
    return goTo("/console/login?notice=signed-out");
  },
});
