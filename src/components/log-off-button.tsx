import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { SubmitButton } from "@/components/submit-button";

/** "Log Off": a form posting to the surface's log-out action (works without JavaScript; "Logging off…" while it runs). */
export async function LogOffButton({ action, className }: { action: () => Promise<void>; className: string }) {
  const t = await getTranslations("Common");
  return (
    <ClientMessages namespaces={[]}>
      <form action={action}>
        <SubmitButton className={`whitespace-nowrap rounded-md border px-3 py-1.5 ${className}`} pendingText={t("loggingOff")}>
          {t("logOff")}
        </SubmitButton>
      </form>
    </ClientMessages>
  );
}
