import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { LogOnShell } from "@/components/log-on-shell";
import { OwnerLinkForm } from "@/components/owner-link-form";
import { isNotMeLinkLive } from "@/server/notices/report-not-me";
import { reportNotMeAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("NotMe"))("title") };
}

/**
 * The "This wasn't me" link of a notice. Opening it changes nothing (mail
 * scanners open links too): the button does. The page says nothing of the
 * account, live link or not.
 */
export default async function NotMePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [live, t] = await Promise.all([isNotMeLinkLive(token), getTranslations("NotMe")]);
  return (
    <LogOnShell heading={t("heading")}>
      {live ? (
        // The submit button says "Please wait" in the reader's language (Common).
        <ClientMessages namespaces={[]}>
          <OwnerLinkForm
            action={reportNotMeAction}
            token={token}
            intro={t("intro")}
            effects={[t("will.sessions"), t("will.trust"), t("will.password"), t("will.recovery"), t("will.admin")]}
            submit={t("submit")}
            pending={t("securing")}
            tone="danger"
          />
        </ClientMessages>
      ) : (
        <p className="text-sm text-slate-700">{t("invalid")}</p>
      )}
    </LogOnShell>
  );
}
