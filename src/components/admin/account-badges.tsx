import type { AccountStatus } from "@/generated/prisma/enums";
import { Badge } from "./admin-ui";

export function StatusBadges({ status, locked }: { status: AccountStatus; locked: boolean }) {
  return (
    <span className="flex flex-wrap gap-1">
      {status === "ACTIVE" ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Disabled</Badge>}
      {locked ? <Badge tone="red">Locked</Badge> : null}
    </span>
  );
}

/** Which self-service methods an account has set up (what Forgot Password can offer it). */
export function RecoveryMethods({ mobile, questions }: { mobile: boolean; questions: boolean }) {
  if (!mobile && !questions) return <span className="text-slate-500">None</span>;
  const title = [mobile && "secure mobile bound", questions && "security questions set"].filter(Boolean).join(", ");
  return (
    <span className="flex flex-wrap gap-1 whitespace-nowrap" title={title}>
      {mobile ? <Badge tone="blue">Mobile</Badge> : null}
      {questions ? <Badge tone="blue">Questions</Badge> : null}
    </span>
  );
}
