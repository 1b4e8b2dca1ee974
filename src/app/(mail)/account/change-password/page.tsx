import type { Metadata } from "next";
import type { PasswordChangeReason } from "@/generated/prisma/enums";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/change-password-form";
import { ClientMessages } from "@/components/client-messages";
import { Alert, Card } from "@/components/ui";
import { requireMailUser } from "@/web/guards";
import { getAccountPasswordPolicy } from "@/server/accounts/get-account-password-policy";
import { ARTICLE_RULES } from "@/lib/password-policy";
import { changePasswordAction } from "./actions";

/** Why a change is required, as the page says it before the form. */
const REASON = {
  POSTMASTER: "reasons.POSTMASTER",
  BREACHED: "reasons.BREACHED",
  POLICY: "reasons.POLICY",
  EXPIRED: "reasons.EXPIRED",
  NOT_ME: "reasons.NOT_ME",
  NEW_ACCOUNT: "reasons.NEW_ACCOUNT",
} as const satisfies Record<PasswordChangeReason, `reasons.${string}`>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Account.changePassword"))("title") };
}

export default async function ChangePasswordPage() {
  const user = await requireMailUser({ allowMustChange: true, allowTwoStepSetup: true });
  const [found, t] = await Promise.all([getAccountPasswordPolicy({ accountId: user.id }), getTranslations("Account.changePassword")]);
  const policy = found?.policy ?? { rules: ARTICLE_RULES, weakKeywords: [], domainName: null };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {user.mustChangePassword ? <Alert kind="warning">{t(REASON[found?.mustChangeReason ?? "POSTMASTER"])}</Alert> : null}
      <Card>
        <ClientMessages namespaces={["Fields", "Password"]}>
          <ChangePasswordForm action={changePasswordAction} email={user.address} policy={policy} />
        </ClientMessages>
      </Card>
    </div>
  );
}
