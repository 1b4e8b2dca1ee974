"use server";
import { makeLogOnAction } from "@/app/_actions/log-on-action";

export const consoleLogOnAction = makeLogOnAction("cloud", () => "/console");
