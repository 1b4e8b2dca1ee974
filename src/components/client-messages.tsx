import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { Messages } from "@/i18n/messages";

type Namespace = keyof Messages;

/**
 * Gives the client components inside it the messages they read, and only
 * those: the request's language, the named namespaces (plus Common). Pages
 * put it around their forms; nothing else reaches the browser.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: Namespace[]; children: ReactNode }) {
  const all = (await getMessages()) as Messages;
  const picked = Object.fromEntries(["Common", ...namespaces].map((ns) => [ns, all[ns as Namespace]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
