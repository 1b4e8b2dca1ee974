import { getTranslations } from "next-intl/server";
import { OwnerLinkPage, ownerLinkMetadata } from "@/components/owner-link-done";
import { OwnerLinkForm } from "@/components/owner-link-form";
import { isUnlockLinkLive } from "@/server/notices/unlock-account";
import { unlockAction } from "../actions";

export const generateMetadata = () => ownerLinkMetadata("Unlock");

/** The unlock link of a lock notice: opening it changes nothing, its button unlocks. Nothing of the account is shown. */
export default async function UnlockPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [live, t] = await Promise.all([isUnlockLinkLive({ token }), getTranslations("Unlock")]);
  return (
    <OwnerLinkPage namespace="Unlock" live={live}>
      <OwnerLinkForm action={unlockAction} token={token} intro={t("intro")} submit={t("submit")} pending={t("unlocking")} />
    </OwnerLinkPage>
  );
}
