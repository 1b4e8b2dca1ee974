import { useTranslations } from "next-intl";
import type { AccountStatus, PasswordChangeReason } from "@/generated/prisma/enums";
import { Badge } from "./admin-ui";

/** Why an account must change its password, as Employee Accounts and Edit Account word it. */
export const MUST_CHANGE_REASON = {
  POSTMASTER: "accounts.mustChangeReason.POSTMASTER",
  BREACHED: "accounts.mustChangeReason.BREACHED",
  POLICY: "accounts.mustChangeReason.POLICY",
  EXPIRED: "accounts.mustChangeReason.EXPIRED",
  NOT_ME: "accounts.mustChangeReason.NOT_ME",
  NEW_ACCOUNT: "accounts.mustChangeReason.NEW_ACCOUNT",
  unknown: "accounts.mustChangeReason.unknown",
} as const satisfies Record<PasswordChangeReason | "unknown", `accounts.mustChangeReason.${string}`>;

export function StatusBadges({
  status,
  locked,
  mustChange = null,
}: {
  status: AccountStatus;
  locked: boolean;
  /** Set when the password must be changed at the next logon: why ("unknown" when set before reasons were kept). */
  mustChange?: PasswordChangeReason | "unknown" | null;
}) {
  const t = useTranslations("Admin");
  return (
    <span className="flex flex-wrap gap-1">
      {status === "ACTIVE" ? <Badge tone="green">{t("badges.active")}</Badge> : <Badge tone="slate">{t("badges.disabled")}</Badge>}
      {locked ? <Badge tone="red">{t("badges.locked")}</Badge> : null}
      {mustChange ? (
        // A short pill, and why in words under it (a long pill wraps into an oval in a narrow column).
        <span className="basis-full whitespace-nowrap">
          <Badge tone="amber">{t("accounts.mustChangeBadge")}</Badge>
          <span className="mt-0.5 block whitespace-normal text-xs text-slate-600">{t(MUST_CHANGE_REASON[mustChange])}</span>
        </span>
      ) : null}
    </span>
  );
}

/** Which self-service methods an account has set up (what Forgot Password can offer it). */
export function RecoveryMethods({ mobile, questions }: { mobile: boolean; questions: boolean }) {
  const t = useTranslations("Admin");
  if (!mobile && !questions) return <span className="text-slate-600">{t("badges.none")}</span>;
  const title = t(mobile && questions ? "badges.recoveryBoth" : mobile ? "badges.recoveryMobile" : "badges.recoveryQuestions");
  return (
    <span className="flex flex-wrap gap-1 whitespace-nowrap" title={title}>
      {mobile ? <Badge tone="blue">{t("badges.mobile")}</Badge> : null}
      {questions ? <Badge tone="blue">{t("badges.questions")}</Badge> : null}
    </span>
  );
}
