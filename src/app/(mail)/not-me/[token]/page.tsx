import { getTranslations } from "next-intl/server";
import { OwnerLinkPage, ownerLinkMetadata } from "@/components/owner-link-done";
import { OwnerLinkForm } from "@/components/owner-link-form";
import { isNotMeLinkLive } from "@/server/notices/report-not-me";
import { reportNotMeAction } from "../actions";

export const generateMetadata = () => ownerLinkMetadata("NotMe");

/** The "This wasn't me" link of a notice: opening it changes nothing, its button secures the account. */
export default async function NotMePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [live, t] = await Promise.all([isNotMeLinkLive({ token }), getTranslations("NotMe")]);
  return (
    <OwnerLinkPage namespace="NotMe" live={live}>
      <OwnerLinkForm
        action={reportNotMeAction}
        token={token}
        intro={t("intro")}
        effects={[t("will.sessions"), t("will.trust"), t("will.password"), t("will.recovery"), t("will.admin")]}
        submit={t("submit")}
        pending={t("securing")}
        tone="danger"
      />
    </OwnerLinkPage>
  );
}
