import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/change-password-form";
import { ConsolePageHeader } from "@/components/console/console-ui";
import { Alert, Card } from "@/components/ui";
import { parseQuery, queryFlag, type RawQuery } from "@/lib/query";
import { requireOperator } from "@/web/guards";
import { changeConsolePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Console password" };

export default async function ConsolePasswordPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const operator = await requireOperator();
  const { changed } = parseQuery({ changed: queryFlag }, await searchParams);
  return (
    <>
      <ConsolePageHeader title="Console password" />
      <div className="max-w-2xl space-y-6">
        {changed ? <Alert kind="success">Your console password was changed. Your other console sessions have ended.</Alert> : null}
        <Card title="Change console password">
          <p className="mb-4 text-sm text-slate-600">
            The password you use to log on to this console as <span className="font-medium text-slate-800">{operator.email}</span>. Changing
            it ends your console sessions in every other browser.
          </p>
          <ChangePasswordForm action={changeConsolePasswordAction} email={operator.email} weakKeywords={[]} />
        </Card>
      </div>
    </>
  );
}
