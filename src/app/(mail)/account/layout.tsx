import type { ReactNode } from "react";
import { logOutMail } from "@/app/log-off-actions";
import { MailHeader } from "@/components/mail-header";
import { requireMailUser } from "@/web/guards";

export default async function AccountLayout({ children }: { children: ReactNode }) {
  // Pages and actions check again: a layout is not a security boundary.
  const user = await requireMailUser({ allowMustChange: true, allowTwoStepSetup: true, allowLogOnAgain: true });
  return (
    <div className="min-h-screen">
      <MailHeader user={user} area="account" logOff={logOutMail} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-3xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
