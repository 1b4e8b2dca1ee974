import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LogOnForm } from "@/components/log-on-form";
import { keyOf, parseQuery, type RawQuery } from "@/lib/query";
import { getOperator } from "@/web/guards";
import { consoleLogOnAction } from "./actions";

export const metadata: Metadata = { title: "Log On" };

const NOTICES: Record<string, string> = {
  "signed-out": "You have logged off.",
  expired: "Your console session has ended. Log on again to continue.",
  reauth: "For your security you were logged off after repeated wrong console passwords. Log on again to continue.",
};

export default async function ConsoleLoginPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  if (await getOperator()) redirect("/console");
  const { notice } = parseQuery({ notice: keyOf(NOTICES) }, await searchParams);
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-900 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="flex items-center justify-center gap-2 text-sm font-semibold tracking-wide text-orange-400">
            <span
              aria-hidden="true"
              className="flex h-6 w-6 items-center justify-center rounded bg-orange-500 text-xs font-bold text-white"
            >
              P
            </span>
            Postkey Cloud
          </p>
          <h1 className="mt-1 text-2xl font-semibold text-white">Email Console</h1>
        </div>
        <div className="rounded-lg border-t-4 border-orange-500 bg-white p-6 shadow">
          <LogOnForm action={consoleLogOnAction} notice={notice ? NOTICES[notice] : undefined} />
        </div>
        <p className="mt-4 text-center text-xs text-slate-400">
          For the owners of email services. Mailbox users log on at{" "}
          <Link href="/login" className="text-slate-300 underline-offset-2 hover:underline">
            the mail logon page
          </Link>
          .
        </p>
      </div>
    </main>
  );
}
