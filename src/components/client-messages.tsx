import type { ReactNode } from "react";
import { NextIntlClientProvider, type NestedKeyOf } from "next-intl";
import { getMessages } from "next-intl/server";
import type { Messages } from "@/i18n/messages";
import { pickMessages, type MessageTree } from "@/lib/pick-messages";

/** A namespace ("Admin") or a part of one ("Admin.accounts.bulk"): that subtree of the catalog. */
export type MessagePath = NestedKeyOf<Messages>;

/**
 * Gives the client components inside it the messages they read, and only
 * those: the request's language, the named namespaces or parts of one (plus
 * Common). Pages put it around their forms; nothing else reaches the browser.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: MessagePath[]; children: ReactNode }) {
  const all = (await getMessages()) as unknown as MessageTree;
  return <NextIntlClientProvider messages={pickMessages(all, ["Common", ...namespaces])}>{children}</NextIntlClientProvider>;
}
