import type { Metadata } from "next";
import { LogOnForm } from "@/components/log-on-form";
import { keyOf, parseQuery, type RawQuery } from "@/lib/query";
import { requireAnonymousMail } from "@/web/guards";
import { logOnAction } from "./actions";

export const metadata: Metadata = { title: "Log On" };

const NOTICES: Record<string, string> = {
  "signed-out": "You have logged off.",
  "password-changed": "Your password was changed. Log on with the new password.",
  "reauth-failed": "You were logged off after too many wrong current passwords. Log on again.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  await requireAnonymousMail();
  const { notice } = parseQuery({ notice: keyOf(NOTICES) }, await searchParams);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-wide text-blue-700">Postkey Mail</p>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900">Log on to your mailbox</h1>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <LogOnForm action={logOnAction} forgotPasswordHref="/forgot-password" notice={notice ? NOTICES[notice] : undefined} />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">
          Domain administrators log on here too. Cloud operators:{" "}
          <a className="underline" href="/console/login">
            Email Console
          </a>
          .
        </p>
      </div>
    </main>
  );
}
