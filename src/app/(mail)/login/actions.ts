"use server";
import { makeLogOnAction } from "@/app/_actions/log-on-action";
import { mailLanding } from "./landing";

export const logOnAction = makeLogOnAction("mail", mailLanding);
