import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/client-messages";
import { LogOnShell } from "@/components/log-on-shell";
import { buttonClass } from "@/components/ui";

/** A one-use link's words: "This wasn't me" or the unlock. */
type OwnerLinkNamespace = "NotMe" | "Unlock";

export async function ownerLinkMetadata(namespace: OwnerLinkNamespace): Promise<Metadata> {
  return { title: (await getTranslations(namespace))("title") };
}

/**
 * A one-use link's page: its form (`children`) while the link is live, else
 * "cannot be used". Opening it changes nothing (mail scanners open links too);
 * the page says nothing of the account, live link or not.
 */
export async function OwnerLinkPage({ namespace, live, children }: { namespace: OwnerLinkNamespace; live: boolean; children: ReactNode }) {
  const t = await getTranslations(namespace);
  return (
    <LogOnShell heading={t("heading")}>
      {live ? (
        // The submit button says "Please wait" in the reader's language (Common).
        <ClientMessages namespaces={[]}>{children}</ClientMessages>
      ) : (
        <p className="text-sm text-slate-700">{t("invalid")}</p>
      )}
    </LogOnShell>
  );
}

/**
 * Where a one-use link's button lands ("This wasn't me", the unlock): with
 * ?done=1, what was done and what to do next; without, the same "cannot be
 * used" as a link that is not complete. Worded from the link's namespace.
 */
export async function OwnerLinkDone({ namespace, done }: { namespace: OwnerLinkNamespace; done: boolean }) {
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
