import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { FormAction } from "@/lib/form-state";
import { ActionButton } from "@/components/action-button";
import { Alert, Card, dangerButtonClass } from "@/components/ui";
import { describeUserAgent } from "@/lib/user-agent";
import type { TrustedBrowserView } from "@/server/two-step/trusted-browser";

/** A trusted browser as listed, and whether it is the one in use. */
export type TrustedBrowserRow = TrustedBrowserView & { current: boolean };

export interface SessionRow {
  id: string;
  ip: string;
  userAgent: string;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** One browser of a list: what it is ("This browser" beside the one in use), its details, its button. */
function DeviceRow({
  device,
  current,
  details,
  children,
}: {
  device: string;
  current: string | false;
  details: string;
  children: ReactNode;
}) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3">
      <div className="min-w-0 text-sm">
        <p className="font-medium text-slate-900">
          {device}
          {current ? <span className="badge badge-blue ml-2">{current}</span> : null}
        </p>
        <p className="break-words text-slate-700">{details}</p>
      </div>
      {children}
    </li>
  );
}

/**
 * Account Security > Sessions: where this account is logged on now, and
 * which browsers skip the second step. Each other session can be logged off
 * (a lost laptop, a shared computer) and each trusted browser forgotten,
 * with a plain one-button form; "Log off all other sessions" does both for
 * every other browser. Log Off in the header ends this one.
 */
export async function SessionsCard({
  sessions,
  trusted = [],
  actions,
  notice,
}: {
  sessions: SessionRow[];
  trusted?: TrustedBrowserRow[];
  actions: { endOne: FormAction; endOthers: FormAction; forget?: FormAction };
  /** Already in the reader's language. */
  notice?: string;
}) {
  const [t, format] = await Promise.all([getTranslations("Account.sessions"), getFormatter()]);
  const others = sessions.filter((s) => !s.current);
  const otherTrusted = trusted.filter((b) => !b.current);
  const deviceOf = (userAgent: string) => {
    const { browser, system } = describeUserAgent(userAgent);
    return browser && system ? t("device", { browser, system }) : (browser ?? system ?? t("unknownDevice"));
  };
  return (
    <Card title={t("title")}>
      <div className="space-y-4">
        <p className="text-sm text-slate-700">{t("intro")}</p>
        {notice ? <Alert kind="success">{notice}</Alert> : null}
        <ul className="divide-y divide-slate-100" aria-label={t("listLabel")}>
          {sessions.map((s) => {
            const device = deviceOf(s.userAgent);
            return (
              <DeviceRow
                key={s.id}
                device={device}
                current={s.current && t("thisBrowser")}
                details={t("details", {
                  ip: s.ip,
                  createdAt: format.dateTime(s.createdAt, "stamp"),
                  lastSeenAt: format.dateTime(s.lastSeenAt, "stamp"),
                })}
              >
                {s.current ? null : (
                  <ActionButton
                    action={actions.endOne}
                    fields={{ sessionId: s.id }}
                    label={t("logOff")}
                    pendingText={t("loggingOff")}
                    formLabel={t("logOffLabel", { device, ip: s.ip })}
                  />
                )}
              </DeviceRow>
            );
          })}
        </ul>
        {trusted.length > 0 && actions.forget ? (
          <section aria-labelledby="trusted-browsers" className="space-y-2 border-t border-slate-200 pt-4">
            <h3 id="trusted-browsers" className="text-sm font-semibold text-slate-900">
              {t("trustedTitle")}
            </h3>
            <p className="text-sm text-slate-700">{t("trustedIntro")}</p>
            <ul className="divide-y divide-slate-100" aria-label={t("trustedListLabel")}>
              {trusted.map((b) => {
                const device = deviceOf(b.userAgent);
                return (
                  <DeviceRow
                    key={b.id}
                    device={device}
                    current={b.current && t("thisBrowser")}
                    details={t("trustedDetails", {
                      ip: b.ip,
                      createdAt: format.dateTime(b.createdAt, "stamp"),
                      lastUsedAt: format.dateTime(b.lastUsedAt, "stamp"),
                      expiresAt: format.dateTime(b.expiresAt, "day"),
                    })}
                  >
                    <ActionButton
                      action={actions.forget!}
                      fields={{ trustId: b.id }}
                      label={t("forget")}
                      pendingText={t("forgetting")}
                      formLabel={t("forgetLabel", { device, ip: b.ip })}
                    />
                  </DeviceRow>
                );
              })}
            </ul>
          </section>
        ) : null}
        {others.length + otherTrusted.length > 0 ? (
          <div className="space-y-2">
            <p className="text-sm text-slate-700">{t("logOffOthersHelp")}</p>
            <ActionButton
              action={actions.endOthers}
              fields={{}}
              label={t("logOffOthers")}
              pendingText={t("loggingOff")}
              className={dangerButtonClass}
            />
          </div>
        ) : null}
      </div>
    </Card>
  );
}
