import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/change-password-form";
import { Alert, Card } from "@/components/ui";
import { requireMailUser } from "@/web/guards";
import { getDomainWeakKeywords } from "@/server/accounts/get-domain-weak-keywords";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change Password" };

export default async function ChangePasswordPage() {
  const user = await requireMailUser({ allowMustChange: true });
  const weakKeywords = await getDomainWeakKeywords(user.domainId);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Change Password</h1>
      {user.mustChangePassword ? (
        <Alert kind="warning">Your administrator reset your password. Set a new password of your own before you continue.</Alert>
      ) : null}
      <Card>
        <ChangePasswordForm action={changePasswordAction} email={user.address} weakKeywords={weakKeywords} />
      </Card>
    </div>
  );
}
