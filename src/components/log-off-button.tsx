/** "Log Off": a form posting to the surface's log-out action (works without JavaScript). */
export function LogOffButton({ action, className }: { action: () => Promise<void>; className: string }) {
  return (
    <form action={action}>
      <button type="submit" className={`whitespace-nowrap rounded-md border px-3 py-1.5 ${className}`}>
        Log Off
      </button>
    </form>
  );
}
