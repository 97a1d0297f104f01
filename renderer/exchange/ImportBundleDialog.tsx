import { ErrorText } from "../ui/ErrorText";
import { useEffect, useRef, useState } from "react";
import { judgeSender, needsConfirmation, type OpenedBundle, type SenderCheck } from "../../shared/bundle";
import type { MergeResolutions, MergeSummary } from "../../shared/merge";
import { navigate } from "../app/router";
import { prepareBackup, type PreparedBackup } from "../db/backups";
import { listCoders } from "../db/codings";
import { applyImport, knownKeys, NothingNewError, planImport, type ImportPlan } from "../db/exchange/importBundle";
import { createProjectFromBundle } from "../db/exchange/projectFromBundle";
import { liveCounts } from "../../shared/merge";
import { readProjectAhead } from "../db/exchange/openBundle";
import { useLive } from "../db/live";
import { getProfile } from "../db/profile";
import { useHost } from "../host/HostContext";
import { useProject } from "../project/ProjectContext";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { MergePreview } from "./MergePreview";
import { errorText } from "./messages";
import { OpenBundle } from "./OpenBundle";
import { SenderNotice } from "./SenderNotice";
import { plural } from "../../shared/text/plural";
import { formatDate } from "../../shared/text/dates";

type Step =
  | { name: "open" }
  | { name: "other-project"; opened: OpenedBundle }
  | { name: "preview"; opened: OpenedBundle; prepared: ImportPlan }
  | { name: "nothing-new" }
  | { name: "done"; summary: MergeSummary; from: string };

/** Import a bundle into the open project: unlock, verify, preview, then merge as one undoable step. */
export function ImportBundleDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Import bundle" open={open} onClose={onClose} wide>
      {open && <ImportFlow onClose={onClose} />}
    </Dialog>
  );
}

function ImportFlow({ onClose }: { onClose: () => void }) {
  const project = useProject();
  const host = useHost();
  const coders = useLive(() => listCoders(project), [project]);
  const [step, setStep] = useState<Step>({ name: "open" });
  const [resolutions, setResolutions] = useState<MergeResolutions>({});
  // A bundle signed by someone other than its exporter, or by an unknown key, merges only once confirmed.
  const [senderConfirmed, setSenderConfirmed] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Packed while the researcher reads the preview; saved only if they press Merge.
  const backup = useRef<PreparedBackup | null>(null);
  const myName = () => coders?.find((c) => c.id === project.ctx.coderId)?.name ?? "";
  // The preview needs the project's records: read them while the researcher looks for the file.
  useEffect(() => readProjectAhead(project), [project]);
  // Closing the dialog stops packing a backup no merge will use (a saved one is not affected).
  useEffect(() => () => backup.current?.discard(), []);

  async function preview(opened: OpenedBundle) {
    setBusy("Working out what would change…");
    setError(null);
    try {
      const prepared = await planImport(project, opened);
      setResolutions({});
      setSenderConfirmed(false);
      backup.current?.discard();
      backup.current = null;
      if (!prepared.plan.empty)
        backup.current = prepareBackup(project, "merge", host, myName(), { lastSeq: prepared.localSeq, tables: prepared.local });
      setStep(prepared.plan.empty ? { name: "nothing-new" } : { name: "preview", opened, prepared });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  async function asNewProject(opened: OpenedBundle) {
    setBusy("Creating the project…");
    try {
      const profile = await getProfile();
      if (!profile) throw new Error("Set up your coder profile first.");
      const id = await createProjectFromBundle(opened, profile);
      onClose();
      navigate({ name: "project", projectId: id, view: "sources", sourceId: null });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  async function merge(opened: OpenedBundle, prepared: ImportPlan) {
    setBusy("Backing up, then merging…");
    setError(null);
    try {
      const summary = await applyImport(project, opened, prepared, resolutions, async () => {
        await (backup.current ?? prepareBackup(project, "merge", host, myName())).save();
      });
      setStep({ name: "done", summary, from: opened.manifest.exporter.name });
    } catch (e) {
      if (e instanceof NothingNewError) setStep({ name: "nothing-new" });
      else setError(`Nothing was changed. ${errorText(e)}`);
    } finally {
      setBusy(null);
    }
  }

  const names = new Map<string, string>();
  for (const c of coders ?? []) names.set(c.id, c.name);
  if (step.name === "preview") for (const c of step.opened.tables.coders) if (!names.has(c.id)) names.set(c.id, c.name);

  return (
    <div className="flex flex-col gap-4 text-sm">
      {step.name === "open" && (
        <OpenBundle
          into={project}
          onOpened={(opened) => {
            if (opened.manifest.projectId !== project.entry.id) setStep({ name: "other-project", opened });
            else void preview(opened);
          }}
        />
      )}
      {step.name === "other-project" && (
        <div role="group" aria-label="Bundle from another project" className="flex flex-col gap-2">
          <p>
            This bundle is from another project, “{step.opened.manifest.projectName}”. Merge it into “{project.entry.name}” anyway, or
            import it as a new project?
          </p>
          <div className="flex gap-2">
            <Button onClick={() => void preview(step.opened)}>Merge into this project anyway</Button>
            <Button variant="primary" onClick={() => void asNewProject(step.opened)}>
              Import as a new project
            </Button>
          </div>
        </div>
      )}
      {step.name === "preview" && (
        <>
          <p>
            Bundle from <strong>{step.opened.manifest.exporter.name || "a team member"}</strong>, made{" "}
            {formatDate(step.opened.manifest.createdAt, "dateTime")} (
            {step.opened.manifest.kind === "whole" ? "whole project" : "changes only"}). Nothing changes until you choose Merge; a backup is
            taken first, and Undo reverses the merge.
          </p>
          <SenderNotice check={step.prepared.sender} confirmed={senderConfirmed} onConfirm={setSenderConfirmed} />
          <MergePreview
            plan={step.prepared.plan}
            coderNames={names}
            recordNames={recordNames(step.prepared)}
            resolutions={resolutions}
            onChange={setResolutions}
          />
        </>
      )}
      {step.name === "nothing-new" && (
        <p role="status" className="font-medium">
          Nothing new in this bundle: this project already has everything in it. Nothing was changed.
        </p>
      )}
      {step.name === "done" && (
        <p role="status" className="font-medium text-green-800 dark:text-green-300">
          Merged the bundle from {step.from || "a team member"}: {plural(step.summary.byTable.codings.new, "new coding")},{" "}
          {plural(step.summary.byTable.codes.new, "new code")}, {plural(step.summary.byTable.sources.new, "new source")}.
          {conflictSummary(step.summary)}
          {step.summary.codingsRepointed > 0 &&
            ` ${plural(step.summary.codingsRepointed, "coding")} moved to the code theirs was merged into.`}{" "}
          Undo reverses it.
        </p>
      )}
      {step.name === "done" && step.summary.repairs.length > 0 && (
        <div role="alert" aria-label="Repaired while merging" className="rounded border border-amber-600 p-2">
          <p className="font-medium">Repaired while merging, so no coding is lost:</p>
          <ul className="list-disc pl-5">
            {step.summary.repairs.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {busy && <p role="status">{busy}</p>}
      {error && <ErrorText>{error}</ErrorText>}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>{step.name === "done" || step.name === "nothing-new" ? "Close" : "Cancel"}</Button>
        {step.name === "preview" && (
          <Button
            variant="primary"
            disabled={busy !== null || (needsConfirmation(step.prepared.sender) && !senderConfirmed)}
            onClick={() => void merge(step.opened, step.prepared)}
          >
            Merge
          </Button>
        )}
      </div>
    </div>
  );
}

/** Code and source names by id, this project's and the bundle's, for naming what a conflict is about. */
function recordNames(prepared: ImportPlan): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of [...prepared.plan.winners.codes, ...prepared.plan.winners.sources]) names.set(r.id, r.name);
  for (const r of [...prepared.local.codes, ...prepared.local.sources]) names.set(r.id, r.name);
  return names;
}

/** The researcher's conflict choices, echoed back so they can see they were applied. */
function conflictSummary(summary: MergeSummary): string {
  const mine = summary.conflictsKeptLocal;
  const theirs = summary.conflictsTookIncoming;
  if (mine + theirs === 0) return "";
  return ` ${mine > 0 ? `Kept yours in ${plural(mine, "conflict")}` : ""}${mine > 0 && theirs > 0 ? "; took" : theirs > 0 ? "Took" : ""}${theirs > 0 ? ` theirs in ${plural(theirs, "conflict")}` : ""}.`;
}

/** Home screen: a project from a bundle (the team's start project, or a colleague's project), after a preview. */
export function ImportBundleAsProjectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Import bundle as a project" open={open} onClose={onClose} wide>
      {open && <NewProjectFlow onClose={onClose} />}
    </Dialog>
  );
}

function NewProjectFlow({ onClose }: { onClose: () => void }) {
  const [opened, setOpened] = useState<OpenedBundle | null>(null);
  // Who signed it, shown as a warning only: a new project merges into nothing already here.
  const [sender, setSender] = useState<SenderCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    setSender(null);
    if (opened) {
      knownKeys({ coders: [] })
        .then((known) => live && setSender(judgeSender(opened.manifest, opened.signature, known)))
        .catch((e: unknown) => live && setError(errorText(e)));
    }
    return () => {
      live = false;
    };
  }, [opened]);

  async function create(bundle: OpenedBundle) {
    setBusy(true);
    setError(null);
    try {
      const profile = await getProfile();
      if (!profile) throw new Error("Set up your coder profile first.");
      const id = await createProjectFromBundle(bundle, profile);
      onClose();
      navigate({ name: "project", projectId: id, view: "sources", sourceId: null });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-3 text-sm">
      {!opened && <OpenBundle onOpened={(bundle) => setOpened(bundle)} />}
      {opened && (
        <section aria-label="Bundle contents">
          <p>
            “{opened.manifest.projectName}” from {opened.manifest.exporter.name || "a team member"}, made{" "}
            {formatDate(opened.manifest.createdAt, "dateTime")}
            {opened.manifest.kind === "delta"
              ? " — changes only: a project made from it will be incomplete; ask for a whole-project bundle."
              : "."}
          </p>
          {sender && <SenderNotice check={sender} />}
          <table className="mt-2 text-left" aria-label="Records in the bundle">
            <tbody>
              {Object.entries(liveCounts(opened.tables)).map(([table, n]) => (
                <tr key={table}>
                  <th scope="row" className="pr-4 font-normal capitalize">
                    {table}
                  </th>
                  <td className="tabular-nums">{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {busy && <p role="status">Creating the project…</p>}
      {error && <ErrorText>{error}</ErrorText>}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        {opened && (
          <Button variant="primary" disabled={busy} onClick={() => void create(opened)}>
            Create project
          </Button>
        )}
      </div>
    </div>
  );
}
