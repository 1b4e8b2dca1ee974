"use server";
import { makeLogOnAction } from "@/web/actions/log-on-action";

export const logOnAction = makeLogOnAction("mail", (r) =>
  r.mustChangePassword ? "/account/change-password" : r.role === "POSTMASTER" ? "/admin" : "/account",
);
