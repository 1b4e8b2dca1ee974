import { getFormatter, getTranslations } from "next-intl/server";
import type { FormAction } from "@/lib/form-state";
import { ActionButton } from "@/components/action-button";
import { Alert, Card, dangerButtonClass } from "@/components/ui";
import { describeUserAgent } from "@/lib/user-agent";

export interface SessionRow {
  id: string;
  ip: string;
  userAgent: string;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/**
 * Account Security > Sessions: where this account is logged on now. Each
 * other session can be logged off (a lost laptop, a shared computer) with a
 * plain one-button form; Log Off in the header ends this one.
 */
export async function SessionsCard({
  sessions,
  actions,
  notice,
}: {
  sessions: SessionRow[];
  actions: { endOne: FormAction; endOthers: FormAction };
  /** Already in the reader's language. */
  notice?: string;
}) {
  const [t, format] = await Promise.all([getTranslations("Account.sessions"), getFormatter()]);
  const others = sessions.filter((s) => !s.current);
  return (
    <Card title={t("title")}>
      <div className="space-y-4">
        <p className="text-sm text-slate-700">{t("intro")}</p>
        {notice ? <Alert kind="success">{notice}</Alert> : null}
        <ul className="divide-y divide-slate-100" aria-label={t("listLabel")}>
          {sessions.map((s) => {
            const { browser, system } = describeUserAgent(s.userAgent);
            const device = browser && system ? t("device", { browser, system }) : (browser ?? system ?? t("unknownDevice"));
            return (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0 text-sm">
                  <p className="font-medium text-slate-900">
                    {device}
                    {s.current ? (
                      <span className="ml-2 rounded-full bg-blue-50 px-2 py-0.5 text-xs font-medium text-blue-800 ring-1 ring-inset ring-blue-600/20">
                        {t("thisBrowser")}
                      </span>
                    ) : null}
                  </p>
                  <p className="break-words text-slate-700">
                    {t("details", {
                      ip: s.ip,
                      createdAt: format.dateTime(s.createdAt, "stamp"),
                      lastSeenAt: format.dateTime(s.lastSeenAt, "stamp"),
                    })}
                  </p>
                </div>
                {s.current ? null : (
                  <ActionButton
                    action={actions.endOne}
                    fields={{ sessionId: s.id }}
                    label={t("logOff")}
                    pendingText={t("loggingOff")}
                    formLabel={t("logOffLabel", { device, ip: s.ip })}
                  />
                )}
              </li>
            );
          })}
        </ul>
        {others.length > 1 ? (
          <ActionButton
            action={actions.endOthers}
            fields={{}}
            label={t("logOffOthers")}
            pendingText={t("loggingOff")}
            className={dangerButtonClass}
          />
        ) : null}
      </div>
    </Card>
  );
}
