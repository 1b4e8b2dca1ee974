/** "Bound" / "Not set" in a card's header: the state at a glance. */
export function StatusBadge({ on, children }: { on: boolean; children: string }) {
  const style = on ? "bg-green-50 text-green-800 ring-green-600/20" : "bg-slate-100 text-slate-700 ring-slate-500/20";
  return <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}>{children}</span>;
}
