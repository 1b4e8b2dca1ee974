import Link from "next/link";
import { buttonClass } from "@/components/ui";

/** Step 4, "Done": no automatic logon; the new password is used on the logon page. */
export function DoneStep() {
  return (
    <div className="space-y-4 text-center" role="status">
      <div
        aria-hidden="true"
        className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-green-100 text-2xl text-green-700"
      >
        ✓
      </div>
      <h2 className="text-lg font-semibold text-slate-900">Reset succeeded</h2>
      <p className="text-sm text-slate-600">
        Your password was changed and every session that was open with the old password has been signed out. Log on with your new password.
      </p>
      <Link href="/login" className={buttonClass}>
        Log on
      </Link>
    </div>
  );
}
