import { needsConfirmation, senderLine, type SenderCheck } from "../../shared/bundle";

/**
 * Who signed the bundle, above the merge preview: "Signed by Amira Patel (fingerprint …)" for a Team
 * member's valid signature; a warning for an unsigned bundle; and for a signature by someone else's key
 * or an unknown one, a warning the researcher must confirm before Merge is offered (shared/bundle/sender.ts).
 * Without `onConfirm` (a new project made from a bundle: nothing here is merged into) it only warns.
 */
export function SenderNotice({
  check,
  confirmed = false,
  onConfirm,
}: {
  check: SenderCheck;
  confirmed?: boolean;
  onConfirm?: (confirmed: boolean) => void;
}) {
  if (check.status === "signed") {
    return (
      // A note, not a live status: it sits beside the dialog's own status line ("Backing up, then merging…").
      <p role="note" aria-label="Sender" className="font-medium text-green-800 dark:text-green-300">
        {senderLine(check)}
      </p>
    );
  }
  const strong = needsConfirmation(check);
  const ask = strong && onConfirm !== undefined;
  return (
    <div
      role={strong ? "alert" : "note"}
      aria-label="Sender"
      className={`flex flex-col gap-2 rounded border p-2 ${strong ? "border-red-400 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200" : "border-amber-400 bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200"}`}
    >
      <p className="font-medium">{senderLine(check)}</p>
      <p>{check.message}</p>
      {ask && (
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={confirmed} onChange={(e) => onConfirm?.(e.target.checked)} />I have checked who sent this bundle:
          merge it anyway
        </label>
      )}
    </div>
  );
}
