import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Console");
  return { title: { default: t("title"), template: `%s · ${t("title")}` } };
}

export default function ConsoleRootLayout({ children }: { children: ReactNode }) {
  return children;
}
