import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { plural } from "../../shared/text/plural";
import { useState } from "react";
import type { CodeRecord } from "../../shared/model/records";
import { deleteCode, planCodeDeletion } from "../db/codes";
import { useLive } from "../db/live";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";

export { plural };

/** What a deletion takes with it, in words: "its 2 sub-codes and 14 codings". */
export function deletionText(name: string, subCodes: number, codings: number): string {
  if (subCodes === 0 && codings === 0) return `This deletes “${name}”. It has no sub-codes and no codings.`;
  const parts = [subCodes > 0 ? plural(subCodes, "sub-code") : null, codings > 0 ? plural(codings, "coding") : null].filter(Boolean);
  return `This deletes “${name}” with its ${parts.join(" and ")}.`;
}

export function DeleteCodeDialog({ code, onClose, onDeleted }: { code: CodeRecord; onClose: () => void; onDeleted: () => void }) {
  const project = useProject();
  const plan = useLive(() => planCodeDeletion(project, code.id), [project, code.id]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await deleteCode(project, code.id);
      onDeleted();
    } catch (e) {
      setError(`Nothing was deleted: ${describeError(e)}`);
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Delete code “${code.name}”?`} open onClose={onClose}>
      {plan === undefined ? (
        <p className="text-sm">Counting what it holds…</p>
      ) : (
        <p className="text-sm">{deletionText(code.name, plan.codeIds.length - 1, plan.codings)} You can undo this.</p>
      )}
      {error && <ErrorText className="mt-2 text-sm">{error}</ErrorText>}
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" disabled={busy || plan === undefined} onClick={() => void confirm()}>
          Delete code
        </Button>
      </div>
    </Dialog>
  );
}
