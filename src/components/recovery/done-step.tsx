import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui";
import { StepHeading } from "./step-heading";

/** Step 4, "Done": no automatic logon; the new password is used on the logon page. */
export async function DoneStep() {
  const t = await getTranslations("Recovery");
  return (
    <div className="space-y-4 text-center" role="status">
      <div
        aria-hidden="true"
        className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-green-100 text-2xl text-green-700"
      >
        ✓
      </div>
      <StepHeading step="done">{t("done.heading")}</StepHeading>
      <p className="text-sm text-slate-600">{t("done.body")}</p>
      <Link href="/login" className={buttonClass}>
        {t("done.logOn")}
      </Link>
    </div>
  );
}
