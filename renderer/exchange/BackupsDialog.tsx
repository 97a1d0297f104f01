import { ErrorText } from "../ui/ErrorText";
import { useCallback, useEffect, useState } from "react";
import type { OpenedBundle } from "../../shared/bundle";
import { navigate } from "../app/router";
import { backupBytes, backupProject, listBackups, openBackup, restoreOver, type BackupEntry } from "../db/backups";
import { listCoders } from "../db/codings";
import { createProjectFromBundle } from "../db/exchange/projectFromBundle";
import { liveCounts } from "../../shared/merge";
import { useLive } from "../db/live";
import { getProfile } from "../db/profile";
import { useHost } from "../host/HostContext";
import { useProject } from "../project/ProjectContext";
import { formatBytes } from "../../shared/text/bytes";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { RecordRow, RecordTable, type RecordColumn } from "../ui/RecordTable";
import { errorText, formatWhen } from "./messages";

const REASONS: Record<BackupEntry["reason"], string> = {
  auto: "Automatic (after 200 changes)",
  merge: "Before a merge",
  migration: "Before an upgrade",
  restore: "Before a restore",
  manual: "Made by hand",
};

/** Encrypted backups of this project: list, download, and restore with a preview. */
const BACKUP_COLUMNS: readonly RecordColumn[] = [
  { name: "Taken" },
  { name: "Why" },
  { name: "Size", numeric: true },
  { name: "Actions", hidden: true },
];

export function BackupsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Backups" open={open} onClose={onClose} wide>
      {open && <BackupsContent onClose={onClose} />}
    </Dialog>
  );
}

function BackupsContent({ onClose }: { onClose: () => void }) {
  const project = useProject();
  const host = useHost();
  const coders = useLive(() => listCoders(project), [project]);
  const myName = coders?.find((c) => c.id === project.ctx.coderId)?.name ?? "";
  const [backups, setBackups] = useState<BackupEntry[] | null>(null);
  const [restoring, setRestoring] = useState<{ entry: BackupEntry; opened: OpenedBundle } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const refresh = useCallback(() => {
    listBackups(project.entry.id, host)
      .then(setBackups)
      .catch((e: unknown) => setError(errorText(e)));
  }, [project, host]);
  useEffect(refresh, [refresh]);

  async function run(label: string, work: () => Promise<void>) {
    setBusy(label);
    setError(null);
    setStatus(null);
    try {
      await work();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  const backUpNow = () =>
    run("Backing up…", async () => {
      await backupProject(project, "manual", host, myName);
      setStatus("Backup made.");
      refresh();
    });

  const download = (entry: BackupEntry) =>
    run("Preparing the download…", async () => {
      const data = await backupBytes(project.entry.id, entry.fileName, host);
      await host.saveFile({
        suggestedName: entry.fileName,
        data,
        mimeType: "application/octet-stream",
        filters: [{ name: "Margin bundle", extensions: ["margin"] }],
      });
    });

  const preview = (entry: BackupEntry) =>
    run("Opening the backup…", async () => {
      setRestoring({ entry, opened: await openBackup(project.entry.id, entry.fileName, host) });
    });

  const restoreNew = (opened: OpenedBundle) =>
    run("Restoring into a new project…", async () => {
      const profile = await getProfile();
      if (!profile) throw new Error("Set up your coder profile first.");
      const id = await createProjectFromBundle(opened, profile, true);
      onClose();
      navigate({ name: "project", projectId: id, view: "sources", sourceId: null });
    });

  const restoreHere = (opened: OpenedBundle) =>
    run("Backing up the current state, then restoring…", async () => {
      await backupProject(project, "restore", host, myName);
      await restoreOver(project, opened.tables);
      setRestoring(null);
      setStatus("Restored. Undo reverses it; the state before the restore was also backed up.");
      refresh();
    });

  return (
    <div className="flex flex-col gap-3 text-sm">
      <p className="text-slate-600 dark:text-slate-400">
        Backups are encrypted to your key and kept outside the project (
        {host.kind === "electron"
          ? "in Margin's backups folder"
          : "in this browser's separate backup storage; download them to keep a copy elsewhere"}
        ). The last 10 are kept, plus one a day for a week.
      </p>
      <div>
        <Button onClick={() => void backUpNow()} disabled={busy !== null}>
          Back up now
        </Button>
      </div>
      {backups && backups.length === 0 && <p>No backups yet.</p>}
      {backups && backups.length > 0 && (
        <RecordTable columns={BACKUP_COLUMNS}>
          {backups.map((b) => (
            <RecordRow key={b.fileName}>
              <td className="py-1">{formatWhen(b.takenAt)}</td>
              <td className="py-1">{REASONS[b.reason]}</td>
              <td className="py-1 text-right tabular-nums">{formatBytes(b.size)}</td>
              <td className="py-1 text-right">
                <Button variant="ghost" onClick={() => void download(b)} aria-label={`Download backup of ${formatWhen(b.takenAt)}`}>
                  Download
                </Button>
                <Button variant="ghost" onClick={() => void preview(b)} aria-label={`Restore backup of ${formatWhen(b.takenAt)}…`}>
                  Restore…
                </Button>
              </td>
            </RecordRow>
          ))}
        </RecordTable>
      )}
      {restoring && (
        <section aria-label="Restore preview" className="rounded border border-slate-300 p-3 dark:border-slate-700">
          <h3 className="font-semibold">Restore the backup of {formatWhen(restoring.entry.takenAt)}</h3>
          <ul className="mt-1 grid grid-cols-2 gap-x-4">
            {Object.entries(liveCounts(restoring.opened.tables)).map(([table, n]) => (
              <li key={table}>
                {table}: <span className="tabular-nums">{n}</span>
              </li>
            ))}
          </ul>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button onClick={() => void restoreNew(restoring.opened)} disabled={busy !== null}>
              Restore into a new project
            </Button>
            <Button variant="danger" onClick={() => void restoreHere(restoring.opened)} disabled={busy !== null}>
              Restore over this project
            </Button>
            <Button variant="ghost" onClick={() => setRestoring(null)}>
              Cancel restore
            </Button>
          </div>
        </section>
      )}
      {busy && <p role="status">{busy}</p>}
      {status && <p role="status">{status}</p>}
      {error && <ErrorText>{error}</ErrorText>}
      <div className="flex justify-end">
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}
