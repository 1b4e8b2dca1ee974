import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { LogOnShell } from "@/components/log-on-shell";
import { OwnerLinkForm } from "@/components/owner-link-form";
import { isUnlockLinkLive } from "@/server/notices/unlock-account";
import { unlockAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Unlock"))("title") };
}

/** The unlock link of a lock notice: opening it changes nothing, its button unlocks. Nothing of the account is shown. */
export default async function UnlockPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [live, t] = await Promise.all([isUnlockLinkLive(token), getTranslations("Unlock")]);
  return (
    <LogOnShell heading={t("heading")}>
      {live ? (
        // The submit button says "Please wait" in the reader's language (Common).
        <ClientMessages namespaces={[]}>
          <OwnerLinkForm action={unlockAction} token={token} intro={t("intro")} submit={t("submit")} pending={t("unlocking")} />
        </ClientMessages>
      ) : (
        <p className="text-sm text-slate-700">{t("invalid")}</p>
      )}
    </LogOnShell>
  );
}
