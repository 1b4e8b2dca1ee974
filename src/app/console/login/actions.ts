"use server";
import { makeLogOnAction } from "@/server/auth/log-on-action";

export const consoleLogOnAction = makeLogOnAction("cloud", () => "/console");
