import { secondaryButtonClass } from "@/components/ui";

/**
 * A button that runs a command (an action without input, made by createCommand: Cancel):
 * a plain form of its own, so it works without JavaScript.
 */
export function CommandButton({
  action,
  label,
  className = secondaryButtonClass,
}: {
  action: () => Promise<void>;
  label: string;
  className?: string;
}) {
  return (
    <form action={action}>
      <button type="submit" className={className}>
        {label}
      </button>
    </form>
  );
}
