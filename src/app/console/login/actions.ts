"use server";
import { makeLogOnAction } from "@/web/actions/log-on-action";

export const consoleLogOnAction = makeLogOnAction("cloud", () => "/console");
