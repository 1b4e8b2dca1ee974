"use server";
import { redirect } from "next/navigation";
import { logOut } from "@/server/auth/log-out";

export async function logOutMail(): Promise<void> {
  await logOut("mail");
  redirect("/login?notice=signed-out");
}

export async function logOutConsole(): Promise<void> {
  await logOut("console");
  redirect("/console/login?notice=signed-out");
}
