import type { FormAction } from "@/lib/form-state";
import { ActionButton } from "@/components/action-button";
import { Alert, Card, dangerButtonClass } from "@/components/ui";
import { formatUtc } from "@/lib/format";
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
 * other session can be logged off (a lost laptop, a shared computer);
 * Log Off in the header ends this one.
 */
export function SessionsCard({
  sessions,
  actions,
  notice,
}: {
  sessions: SessionRow[];
  actions: { endOne: FormAction; endOthers: FormAction };
  notice?: string;
}) {
  const others = sessions.filter((s) => !s.current);
  return (
    <Card title="Sessions">
      <div className="space-y-4">
        <p className="text-sm text-slate-600">
          Where your mailbox account is logged on. If you see a session you do not recognise, log it off and change your password.
        </p>
        {notice ? <Alert kind="success">{notice}</Alert> : null}
        <ul className="divide-y divide-slate-100" aria-label="Open sessions">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="text-sm">
                <p className="font-medium text-slate-900">
                  {describeUserAgent(s.userAgent)}
                  {s.current ? (
                    <span className="ml-2 rounded-full bg-blue-50 px-2 py-0.5 text-xs font-medium text-blue-800 ring-1 ring-inset ring-blue-600/20">
                      This browser
                    </span>
                  ) : null}
                </p>
                <p className="text-slate-600">
                  IP {s.ip} · logged on {formatUtc(s.createdAt)} · last active {formatUtc(s.lastSeenAt)}
                </p>
              </div>
              {s.current ? null : (
                <ActionButton
                  action={actions.endOne}
                  fields={{ sessionId: s.id }}
                  label="Log off"
                  pendingText="Logging off…"
                  formLabel={`Log off ${describeUserAgent(s.userAgent)}, IP ${s.ip}`}
                />
              )}
            </li>
          ))}
        </ul>
        {others.length > 1 ? (
          <ActionButton
            action={actions.endOthers}
            fields={{}}
            label="Log off all other sessions"
            pendingText="Logging off…"
            className={dangerButtonClass}
          />
        ) : null}
      </div>
    </Card>
  );
}
