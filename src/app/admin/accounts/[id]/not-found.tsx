import Link from "next/link";
import { PageHeader } from "@/components/admin/admin-ui";
import { Alert, linkClass } from "@/components/ui";

export default function AccountNotFound() {
  return (
    <div>
      <PageHeader title="Edit Account" trail={["DEPTs & Users", "Employee Accounts"]} />
      <Alert kind="error">
        This account does not exist in your domain.{" "}
        <Link href="/admin/accounts" className={linkClass}>
          Back to Employee Accounts
        </Link>
      </Alert>
    </div>
  );
}
