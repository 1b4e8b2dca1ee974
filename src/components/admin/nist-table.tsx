import type { NistVerdict } from "@/lib/password-policy/nist-comparison";
import { Badge, tdClass } from "./admin-ui";
import { AdminTable } from "./admin-table";

const TONE: Record<NistVerdict, "green" | "red" | "blue" | "amber"> = { meets: "green", breaks: "red", stricter: "blue", outside: "amber" };

export interface NistTableRow {
  id: string;
  rule: string;
  clause: string;
  verdict: NistVerdict;
  verdictText: string;
}

/** Each rule of the profile in force beside the NIST SP 800-63B-4 clause it meets or breaks: a table to show an auditor. */
export function NistTable({ label, headers, rows }: { label: string; headers: [string, string, string]; rows: NistTableRow[] }) {
  return (
    <AdminTable
      label={label}
      columns={[
        { key: "rule", header: headers[0] },
        { key: "clause", header: headers[1] },
        { key: "verdict", header: headers[2] },
      ]}
      rows={rows}
      empty={null}
      renderRow={(r) => (
        <tr key={r.id} data-rule={r.id} data-verdict={r.verdict}>
          <td className={`${tdClass} align-top text-slate-900`}>{r.rule}</td>
          <td className={`${tdClass} align-top text-slate-600`}>{r.clause}</td>
          <td className={`${tdClass} whitespace-nowrap align-top`}>
            <Badge tone={TONE[r.verdict]}>{r.verdictText}</Badge>
          </td>
        </tr>
      )}
    />
  );
}
