import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = { title: { default: "Email Console", template: "%s · Email Console" } };

export default function ConsoleRootLayout({ children }: { children: ReactNode }) {
  return children;
}
