import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useState } from "react";
import { navigate } from "../app/router";
import type { CoderProfile } from "../db/profile";
import { openOrCreateSampleProject } from "../db/sample";
import { Button } from "../ui/Button";

/**
 * "Open sample project": a small, fully coded fictional study to explore Margin with. Creates it
 * the first time, reopens it after that.
 */
export function OpenSampleProjectButton({ profile }: { profile: CoderProfile }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      const entry = await openOrCreateSampleProject(profile);
      navigate({ name: "project", projectId: entry.id, view: "sources", sourceId: null });
    } catch (e) {
      setError(`The sample project could not be opened: ${describeError(e)}`);
      setBusy(false);
    }
  };

  return (
    <span className="inline-flex flex-col items-end">
      <Button onClick={() => void open()} disabled={busy} aria-busy={busy || undefined}>
        {busy ? "Opening sample…" : "Open sample project"}
      </Button>
      {error && (
        <ErrorText as="span" className="mt-1 text-xs">
          {error}
        </ErrorText>
      )}
    </span>
  );
}
