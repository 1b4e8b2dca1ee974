import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/change-password-form";
import { ClientMessages } from "@/components/client-messages";
import { Alert, Card } from "@/components/ui";
import { requireMailUser } from "@/web/guards";
import { getDomainWeakKeywords } from "@/server/accounts/get-domain-weak-keywords";
import { changePasswordAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Account.changePassword"))("title") };
}

export default async function ChangePasswordPage() {
  const user = await requireMailUser({ allowMustChange: true, allowTwoStepSetup: true });
  const [weakKeywords, t] = await Promise.all([
    getDomainWeakKeywords({ domainId: user.domainId }),
    getTranslations("Account.changePassword"),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {user.mustChangePassword ? <Alert kind="warning">{t("mustChange")}</Alert> : null}
      <Card>
        <ClientMessages namespaces={["Fields", "Password"]}>
          <ChangePasswordForm action={changePasswordAction} email={user.address} weakKeywords={weakKeywords} />
        </ClientMessages>
      </Card>
    </div>
  );
}
