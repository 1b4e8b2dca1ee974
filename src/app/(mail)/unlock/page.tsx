import { OwnerLinkDone, ownerLinkMetadata } from "@/components/owner-link-done";
import { parseQuery, queryFlag, type RawQuery } from "@/lib/query";

export const generateMetadata = () => ownerLinkMetadata("Unlock");

/** Where the link's button lands (?done=1); without it, a link that is not complete. */
export default async function Page({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const { done } = parseQuery({ done: queryFlag }, await searchParams);
  return <OwnerLinkDone namespace="Unlock" done={done} />;
}
