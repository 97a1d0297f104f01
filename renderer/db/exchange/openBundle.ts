/**
 * Opening a bundle: decrypt and verify it (in the codec's worker), and, when it is opened to merge into
 * a project, read that project's own records alongside so the preview does not wait for them.
 */
import type { BundleKey, OpenedBundle } from "../../../shared/bundle";
import { knownVersionsOf } from "../../../shared/merge";
import type { ProjectTables } from "../../../shared/model/tables";
import { lastJournalSeq } from "../journalQueries";
import { readProjectTables } from "../projectTables";
import type { OpenProject } from "../projects";
import { bundleCodec } from "./codec";
import { measured } from "./measured";

/**
 * Decrypts and verifies a bundle. BundleError codes tell the UI to ask for a passphrase or explain.
 * Opened to merge into `into`: if the bundle is of that project, transcripts it already has are not
 * read again (they never change once imported), which is most of a whole-project bundle.
 */
export async function openBundle(bytes: Uint8Array, fileName: string, key: BundleKey, into?: OpenProject): Promise<OpenedBundle> {
  return measured("margin:bundle-open", async () => {
    if (!into) return bundleCodec().read(bytes, key, { fileName });
    // The preview needs the project's own records too: read them while the worker opens the bundle.
    const early = readsAhead.get(into) ?? readLocalEarly(into);
    // Once read, the project's versions go to the worker, which then leaves out what the project already has.
    const known = early.then((local) => (local ? knownVersionsOf(local.tables) : null)).catch(() => null);
    const sourceIds = new Set(await into.db.sourceContent.toCollection().primaryKeys());
    const opened = await bundleCodec().read(bytes, key, { fileName, skipContent: { projectId: into.entry.id, sourceIds }, known });
    earlyReads.set(opened, { project: into, read: early });
    return opened;
  });
}

/** The project's records (no transcripts) and the journal's last entry when the read began: a write since makes them stale. */
export interface LocalRead {
  lastSeq: number;
  tables: ProjectTables;
}

/** Reads begun by openBundle, kept as long as the opened bundle is (a WeakMap: nothing lingers). */
const earlyReads = new WeakMap<OpenedBundle, { project: OpenProject; read: Promise<LocalRead | null> }>();

async function readLocal(project: OpenProject): Promise<LocalRead> {
  return measured("margin:project-read", async () => {
    const lastSeq = await lastJournalSeq(project);
    return { lastSeq, tables: await readProjectTables(project.db, { content: false }) };
  });
}

/** Reads begun when the Import bundle dialog opens, while the researcher is still choosing the file. */
const readsAhead = new WeakMap<OpenProject, Promise<LocalRead | null>>();

/**
 * Starts reading the project's records for a merge preview before a bundle is chosen (a preview made
 * later checks the journal and reads again if anything was written since). Returns the release: call it
 * when the dialog closes, so the records are not kept.
 */
export function readProjectAhead(project: OpenProject): () => void {
  const read = readLocalEarly(project);
  readsAhead.set(project, read);
  return () => {
    if (readsAhead.get(project) === read) readsAhead.delete(project);
  };
}

function readLocalEarly(project: OpenProject): Promise<LocalRead | null> {
  // A failure here only means planning reads the tables itself.
  return readLocal(project).catch(() => null);
}

/** The project's records for planning: the early read if nothing was written since it began, else a fresh one. */
export async function localForPlan(project: OpenProject, opened: OpenedBundle): Promise<LocalRead> {
  const early = earlyReads.get(opened);
  earlyReads.delete(opened);
  const got = early && early.project === project ? await early.read : null;
  if (got && got.lastSeq === (await lastJournalSeq(project))) return got;
  return readLocal(project);
}
