import { notFound } from "next/navigation";
import { idField } from "@/lib/fields";
import type { RawQuery } from "@/lib/query";

/** The props Next gives a page under an `[id]` segment. */
export interface IdPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<RawQuery>;
}

/** The page's `[id]`: a well-formed id, or the 404 page (a malformed one never reaches the database). */
export async function routeId(params: IdPageProps["params"]): Promise<string> {
  const id = idField.safeParse((await params).id);
  if (!id.success) notFound();
  return id.data;
}
