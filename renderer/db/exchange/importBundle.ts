/**
 * Merging an opened bundle into a project: plan it (the preview; nothing changes), then write it in ONE
 * journaled transaction (one undoable step). The rules are shared/merge's; this reads and writes Dexie.
 */
import { BundleError, judgeSender, type KnownKeys, type OpenedBundle, type SenderCheck } from "../../../shared/bundle";
import { HlcError } from "../../../shared/clock/hlc";
import {
  addLeftOut,
  applyMergePlan,
  planMerge,
  STAMPED_TABLES,
  type MergePlan,
  type MergeResolutions,
  type MergeSummary,
} from "../../../shared/merge";
import { checkAgainstProject, describeProblems } from "../../../shared/model/checkTables";
import type { RecordMeta } from "../../../shared/model/records";
import type { ProjectTables } from "../../../shared/model/tables";
import { writeChanges } from "../changes";
import { getStoredIdentity, listTeam, retiredIdentities } from "../identity";
import type { OpenProject } from "../projects";
import { measured } from "./measured";
import { localForPlan } from "./openBundle";
import { getExchange, updateExchange } from "./stamps";

export interface ImportPlan {
  plan: MergePlan;
  local: ProjectTables;
  /** The journal's last entry when `local` was read (the pre-merge backup reuses `local` if nothing was written since). */
  localSeq: number;
  /** The exporter's public key, when their coder row carries it. */
  exporterRecipient: string | null;
  /** Who signed the bundle against the Team list (shared/bundle/sender.ts); mismatch/unknown need a confirmation. */
  sender: SenderCheck;
}

/** Works out what merging would do, without changing anything (the preview). */
export function planImport(project: OpenProject, opened: OpenedBundle): Promise<ImportPlan> {
  return measured("margin:merge-plan", () => planImportNow(project, opened));
}

async function planImportNow(project: OpenProject, opened: OpenedBundle): Promise<ImportPlan> {
  const { tables: local, lastSeq: localSeq } = await localForPlan(project, opened);
  // A delta may point at records only this project has: its references are checked against both.
  const against = checkAgainstProject(local, opened.tables);
  if (against.total > 0)
    throw new BundleError(
      "invalid-records",
      `The bundle holds records that do not fit this project, so nothing was merged: ${describeProblems(against)}.`,
    );
  // A changes-only bundle carries the exporter's coder row only if it changed: then their key is the
  // one this project already has for them.
  const exporterId = opened.manifest.exporter.coderId;
  const exporter = opened.tables.coders.find((c) => c.id === exporterId && c.publicKey) ?? local.coders.find((c) => c.id === exporterId);
  const exporterRecipient = exporter?.publicKey ?? null;
  // Per side, not the older of the two: after I send them a whole bundle, their first bundle back must
  // not list as conflicts the records only they changed (my version there is one they had seen).
  const row = exporterRecipient ? await getExchange(project, exporterRecipient) : undefined;
  const options = { sentUpTo: row?.sentUpTo ?? null, receivedUpTo: row?.receivedUpTo ?? null };
  // Records left out as already here (same version) count as unchanged, just as planMerge would count them.
  const sender = judgeSender(opened.manifest, opened.signature, await knownKeys(local));
  return { plan: addLeftOut(planMerge(local, opened.tables, options), opened.recordsLeftOut), local, localSeq, exporterRecipient, sender };
}

/** What a bundle's signer is checked against: the Team list, my own keys, and this project's coder rows. */
export async function knownKeys(local: Pick<ProjectTables, "coders">): Promise<KnownKeys> {
  const current = await getStoredIdentity();
  const mine = [current, ...(await retiredIdentities())].flatMap((k) => (k ? [k.recipient] : []));
  return { team: await listTeam(), mine, coders: local.coders };
}

export class NothingNewError extends Error {
  constructor() {
    super("Nothing new in this bundle: this project already has everything in it.");
  }
}

/**
 * Writes the merge in ONE transaction, journaled as one batch (one Undo step). `beforeMerge` runs first
 * (the automatic backup); if it fails, nothing is merged. If the write fails, nothing is changed.
 */
export async function applyImport(
  project: OpenProject,
  opened: OpenedBundle,
  prepared: ImportPlan,
  resolutions: MergeResolutions,
  beforeMerge: () => Promise<void> = () => Promise.resolve(),
): Promise<MergeSummary> {
  const { plan, local } = prepared;
  if (plan.empty) throw new NothingNewError();
  const { db, ctx } = project;
  try {
    if (plan.maxIncomingStamp) ctx.clock.receive(plan.maxIncomingStamp);
  } catch (error) {
    if (error instanceof HlcError) throw new BundleError("bad-manifest", error.message);
    throw error;
  }
  const applyStart = performance.now();
  const applied = applyMergePlan(local, plan, resolutions, { stamp: () => ctx.clock.tick(), coderId: ctx.coderId });
  performance.measure("margin:merge-apply", { start: applyStart, end: performance.now() });
  await measured("margin:merge-backup", beforeMerge);
  const who = opened.manifest.exporter.name || "a team member";
  await measured("margin:merge-write", () =>
    writeChanges(db, ctx, `Merged bundle from ${who}`, async (w) => {
      for (const name of STAMPED_TABLES) await w.putAllAsIs<RecordMeta>(name, applied.puts[name]);
      if (applied.puts.sourceContent.length > 0) await db.sourceContent.bulkPut(applied.puts.sourceContent);
      // In the same transaction: what I have received from them is recorded exactly when it is merged
      // (a transaction of its own after the merge waited ~1.4 s behind the refresh the merge set off).
      if (prepared.exporterRecipient) await updateExchange(project, prepared.exporterRecipient, { receivedUpTo: opened.manifest.hlc.to });
    }),
  );
  return applied.summary;
}
