"use server";
import { makeLogOnAction } from "@/web/actions/log-on-action";
import { mailLanding } from "./landing";

export const logOnAction = makeLogOnAction("mail", mailLanding);
