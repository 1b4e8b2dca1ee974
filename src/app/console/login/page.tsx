import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LogOnForm } from "@/components/log-on-form";
import { getOperator } from "@/server/auth/guards";
import { consoleLogOnAction } from "./actions";

export const metadata: Metadata = { title: "Email Console logon" };

export default async function ConsoleLoginPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  if (await getOperator()) redirect("/console");
  const { notice } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-900 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-wide text-orange-400">Postkey Cloud</p>
          <h1 className="mt-1 text-2xl font-semibold text-white">Email Console</h1>
        </div>
        <div className="rounded-lg bg-white p-6 shadow">
          <LogOnForm action={consoleLogOnAction} notice={notice === "signed-out" ? "You have logged off." : undefined} />
        </div>
      </div>
    </main>
  );
}
