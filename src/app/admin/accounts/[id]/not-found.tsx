import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/admin/admin-ui";
import { Alert, linkClass } from "@/components/ui";

export default async function AccountNotFound() {
  const t = await getTranslations("Admin");
  return (
    <div>
      <PageHeader title={t("account.title")} trail={[t("nav.deptsUsers"), t("nav.employeeAccounts")]} />
      <Alert kind="error">
        {t("account.notFound")}{" "}
        <Link href="/admin/accounts" className={`${linkClass} underline`}>
          {t("account.backToList")}
        </Link>
      </Alert>
    </div>
  );
}
