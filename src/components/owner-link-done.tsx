import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LogOnShell } from "@/components/log-on-shell";
import { buttonClass } from "@/components/ui";

/**
 * Where a one-use link's button lands ("This wasn't me", the unlock): with
 * ?done=1, what was done and what to do next; without, the same "cannot be
 * used" as a link that is not complete. Worded from the link's namespace.
 */
export async function OwnerLinkDone({ namespace, done }: { namespace: "NotMe" | "Unlock"; done: boolean }) {
  const t = await getTranslations(namespace);
  return (
    <LogOnShell heading={t("heading")}>
      {done ? (
        <div className="space-y-4 text-sm text-slate-700">
          <p role="status" className="font-medium text-green-800">
            {t("done")}
          </p>
          <p>{t("next")}</p>
          <Link href="/login" className={buttonClass}>
            {t("logOn")}
          </Link>
        </div>
      ) : (
        <p className="text-sm text-slate-700">{t("invalid")}</p>
      )}
    </LogOnShell>
  );
}
