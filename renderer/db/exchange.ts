/**
 * Team exchange on the database side: read a project into ProjectTables (in chunks), export a bundle
 * (whole, or changes since my last exchange with the chosen members), and merge a bundle into a project
 * in ONE journaled transaction (one undoable step). The UI never touches tables; it calls these.
 */
import type { Table } from "dexie";
import { BundleError, judgeSender, openKeyFile, readBundle, sealKeyFile, writeBundle, type BundleInfo, type BundleKey, type BundleLock, type BundleProgress, type KnownKeys, type OpenedBundle, type SenderCheck, type SkipContent } from "../../shared/bundle";
import type { WriteOptions } from "../../shared/bundle/write";
import { HlcError } from "../../shared/clock/hlc";
import { addLeftOut, applyMergePlan, knownVersionsOf, openedWithoutKnown, planMerge, STAMPED_TABLES, type KnownVersions, type MergePlan, type MergeResolutions, type MergeSummary, type StampedTableName } from "../../shared/merge";
import { checkAgainstProject, describeProblems } from "../../shared/model/checkTables";
import type { CoderRecord, ExchangeMetaRecord, RecordMeta } from "../../shared/model/records";
import { isLive } from "../../shared/model/live";
import { emptyProjectTables, PROJECT_TABLE_NAMES, type ProjectTables } from "../../shared/model/tables";
import { readChangedTables, readProjectTables } from "./projectTables";
import { writeChanges } from "./changes";
import { lastJournalSeq } from "./journalQueries";
import type { ProjectDatabase } from "./projectDb";
import { newId } from "../../shared/ids";
import { createProject, getProject, MAX_PROJECT_NAME, openProject, setProjectSourceCount, type OpenProject } from "./projects";
import type { CoderProfile } from "./registry";
import { getStoredIdentity, listTeam, retiredIdentities } from "./identity";

/**
 * Runs `work` under a User Timing measure (DevTools' Performance panel, and the bundle bench in
 * tests/bench reads them): how long the phases of an import took on a researcher's machine.
 */
async function measured<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(name, { start, end: performance.now() });
  }
}


// ------------------------------------------------------------------ bundle codec

/** `signal`: abandon the packing (a pre-merge backup whose preview was cancelled); the write then rejects. */
export interface CodecWriteOptions extends WriteOptions {
  signal?: AbortSignal;
}

/**
 * How bundles are packed and opened. The app swaps in a Web Worker (renderer/exchange/workerCodec.ts) so
 * scrypt and encryption never freeze the window; tests and the fallback run them here.
 */
export interface BundleCodec {
  write(tables: ProjectTables, info: BundleInfo, lock: BundleLock, onProgress?: (p: BundleProgress) => void, options?: CodecWriteOptions): Promise<Uint8Array>;
  /**
   * Opens a bundle. With `known` (the versions of the project it is opened into, once read), the records
   * the project has at the same version are left out of what is returned (shared/merge/known.ts).
   */
  read(bytes: Uint8Array, key: BundleKey, options: { fileName: string; skipContent?: SkipContent; known?: Promise<KnownVersions | null> }): Promise<OpenedBundle>;
  /** A passphrase-locked copy of my key (shared/bundle/keyFile.ts), and opening one. */
  sealKey(identity: string, passphrase: string): Promise<Uint8Array>;
  openKey(bytes: Uint8Array, passphrase: string, fileName: string): Promise<string>;
}

export const directCodec: BundleCodec = {
  write: async (tables, info, lock, onProgress, { signal, ...options } = {}) => {
    signal?.throwIfAborted();
    return writeBundle(tables, info, lock, onProgress, options);
  },
  read: async (bytes, key, { known, ...options }) => {
    const opened = await readBundle(bytes, key, options);
    return known ? openedWithoutKnown(opened, await known) : opened;
  },
  sealKey: (identity, passphrase) => sealKeyFile(identity, passphrase),
  openKey: (bytes, passphrase, fileName) => openKeyFile(bytes, passphrase, fileName),
};

let codec: BundleCodec = directCodec;

export function setBundleCodec(next: BundleCodec): void {
  codec = next;
}

export function bundleCodec(): BundleCodec {
  return codec;
}

// ------------------------------------------------------------------ exchange stamps

function exchangeKey(recipient: string): ExchangeMetaRecord["key"] {
  return `exchange:${recipient}`;
}

function metaTable(db: ProjectDatabase): Table<ExchangeMetaRecord, string> {
  return db.table("meta");
}

export async function getExchange(project: OpenProject, recipient: string): Promise<ExchangeMetaRecord | undefined> {
  return metaTable(project.db).get(exchangeKey(recipient));
}

async function updateExchange(project: OpenProject, recipient: string, patch: Partial<Omit<ExchangeMetaRecord, "key">>): Promise<void> {
  const table = metaTable(project.db);
  await project.db.transaction("rw", table, async () => {
    const row = (await table.get(exchangeKey(recipient))) ?? { key: exchangeKey(recipient), sentUpTo: null, receivedUpTo: null };
    await table.put({ ...row, ...patch });
  });
}

/** The newest journal stamp: everything up to it is in an export made now. */
async function latestJournalStamp(db: ProjectDatabase): Promise<string | null> {
  return (await db.journal.orderBy("at").last())?.at ?? null;
}

// ------------------------------------------------------------------ export

export interface ExportRequest {
  scope: "whole" | "changes";
  /** Chosen members' public keys (mine is added). Ignored with a passphrase. */
  recipients: string[];
  passphrase?: string;
  me: { recipient: string; name: string };
  /** My secret key, to sign the bundle with (receivers see "Signed by …"); without it the bundle is unsigned. */
  signWith?: string;
  onProgress?: (fraction: number, phase: string) => void;
  /** Tests lower age's scrypt cost; the app keeps the default. */
  scryptWorkFactor?: number;
}

export interface ExportResult {
  bytes: Uint8Array;
  fileName: string;
  kind: "whole" | "delta";
  /** Members with no earlier exchange, for whom "changes" had to mean the whole project. */
  wholeFor: string[];
  records: number;
  /** Call once the file is saved: remembers how far this exchange reached. */
  commit: () => Promise<void>;
}

export function bundleFileName(projectName: string, now: Date): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
  const safe = projectName.replace(/[<>:"/\\|?*\u0000-\u001f]/g, "").replace(/\s+/g, " ").trim().slice(0, 80) || "project";
  return `${safe} ${now.toISOString().slice(0, 10)}.margin`;
}

export async function exportBundle(project: OpenProject, request: ExportRequest, now = new Date()): Promise<ExportResult> {
  const { db, ctx } = project;
  // The bundle carries my public key on my coder row, so the receiver can find our exchange stamps.
  const me = await db.coders.get(ctx.coderId);
  if (me && me.publicKey !== request.me.recipient) {
    await writeChanges(db, ctx, "Added public key", (w) => w.update<CoderRecord>("coders", ctx.coderId, { publicKey: request.me.recipient }));
  }
  const upTo = await latestJournalStamp(db);
  const members = request.passphrase === undefined ? [...new Set(request.recipients.filter((r) => r !== request.me.recipient))] : [];
  let since: string | null = null;
  const wholeFor: string[] = [];
  if (request.scope === "changes" && request.passphrase === undefined) {
    const stamps: string[] = [];
    for (const member of members) {
      const sent = (await getExchange(project, member))?.sentUpTo ?? null;
      if (sent === null) wholeFor.push(member);
      else stamps.push(sent);
    }
    since = wholeFor.length === 0 && stamps.length > 0 ? stamps.reduce((a, b) => (a < b ? a : b)) : null;
  }
  request.onProgress?.(0, "Reading the project");
  const tables =
    since === null
      ? await readProjectTables(db, { content: true, onProgress: (p) => request.onProgress?.((p.done / Math.max(1, p.total)) * 0.5, "Reading the project") })
      : await readChangedTables(db, since);
  const records = PROJECT_TABLE_NAMES.reduce((n, t) => n + tables[t].length, 0);
  const lock = request.passphrase !== undefined ? { passphrase: request.passphrase } : { recipients: [request.me.recipient, ...members] };
  const bytes = await codec.write(
    tables,
    {
      projectId: project.entry.id,
      projectName: project.entry.name,
      exporter: { coderId: ctx.coderId, name: request.me.name },
      kind: since === null ? "whole" : "delta",
      since,
      createdAt: now.toISOString(),
    },
    lock,
    (p: BundleProgress) => request.onProgress?.(0.5 + (p.done / Math.max(1, p.total)) * 0.5, "Packing and encrypting"),
    {
      ...(request.scryptWorkFactor === undefined ? {} : { scryptWorkFactor: request.scryptWorkFactor }),
      ...(request.signWith === undefined ? {} : { signWith: request.signWith }),
    },
  );
  request.onProgress?.(1, "Done");
  return {
    bytes,
    fileName: bundleFileName(project.entry.name, now),
    kind: since === null ? "whole" : "delta",
    wholeFor,
    records,
    commit: async () => {
      for (const member of members) await updateExchange(project, member, { sentUpTo: upTo });
    },
  };
}

// ------------------------------------------------------------------ import and merge

/**
 * Decrypts and verifies a bundle. BundleError codes tell the UI to ask for a passphrase or explain.
 * Opened to merge into `into`: if the bundle is of that project, transcripts it already has are not
 * read again (they never change once imported), which is most of a whole-project bundle.
 */
export async function openBundle(bytes: Uint8Array, fileName: string, key: BundleKey, into?: OpenProject): Promise<OpenedBundle> {
  return measured("margin:bundle-open", async () => {
    if (!into) return codec.read(bytes, key, { fileName });
    // The preview needs the project's own records too: read them while the worker opens the bundle.
    const early = readsAhead.get(into) ?? readLocalEarly(into);
    // Once read, the project's versions go to the worker, which then leaves out what the project already has.
    const known = early.then((local) => (local ? knownVersionsOf(local.tables) : null)).catch(() => null);
    const sourceIds = new Set(await into.db.sourceContent.toCollection().primaryKeys());
    const opened = await codec.read(bytes, key, { fileName, skipContent: { projectId: into.entry.id, sourceIds }, known });
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
async function localForPlan(project: OpenProject, opened: OpenedBundle): Promise<LocalRead> {
  const early = earlyReads.get(opened);
  earlyReads.delete(opened);
  const got = early && early.project === project ? await early.read : null;
  if (got && got.lastSeq === (await lastJournalSeq(project))) return got;
  return readLocal(project);
}

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
  if (against.total > 0) throw new BundleError("invalid-records", `The bundle holds records that do not fit this project, so nothing was merged: ${describeProblems(against)}.`);
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

/** Writes a bundle's records into an empty project verbatim (a project made from a bundle or a backup). */
export async function fillEmptyProject(project: OpenProject, tables: ProjectTables, label: string): Promise<void> {
  const { db, ctx } = project;
  let newest: string | null = null;
  for (const name of STAMPED_TABLES) for (const r of tables[name]) if (newest === null || r.updatedAt > newest) newest = r.updatedAt;
  if (newest) ctx.clock.receive(newest);
  await writeChanges(db, ctx, label, async (w) => {
    for (const name of STAMPED_TABLES) await w.putAllAsIs<RecordMeta>(name, tables[name]);
    if (tables.sourceContent.length > 0) await db.sourceContent.bulkPut(tables.sourceContent);
  });
}

/** Counts of live records per table: the preview of a backup or a whole bundle. */
export function liveCounts(tables: ProjectTables): Record<StampedTableName, number> {
  const out = {} as Record<StampedTableName, number>;
  for (const name of STAMPED_TABLES) out[name] = tables[name].filter(isLive).length;
  return out;
}

/**
 * A new project on this computer from a bundle, keeping the bundle's project id so later bundles from the
 * team merge into it. Refused when that project is already here (merge into it instead).
 */
export async function createProjectFromBundle(opened: OpenedBundle, profile: CoderProfile, asCopy = false): Promise<string> {
  // Opened for merging, some transcripts or records were left out: a project made from it would lack them.
  if (opened.contentLeftOut.length > 0 || opened.recordsLeftOut) throw new Error("This bundle was opened to merge into a project, not to make a new one. Import it again from the home screen.");
  // A delta's references were not checked on read (they may point into a project): here there is none.
  const against = checkAgainstProject(emptyProjectTables(), opened.tables);
  if (against.total > 0) throw new BundleError("invalid-records", `The bundle holds records that point at what it does not have, so no project was made from it: ${describeProblems(against)}.`);
  const id = asCopy ? newId() : opened.manifest.projectId;
  if (!asCopy && (await getProject(id))) {
    throw new Error(`The project “${opened.manifest.projectName}” is already on this computer. Open it and import the bundle there.`);
  }
  const name = asCopy ? `${opened.manifest.projectName} (restored)` : opened.manifest.projectName;
  const entry = await createProject(name.slice(0, MAX_PROJECT_NAME), profile, new Date(), id);
  const project = await openProject(entry.id, profile);
  await fillEmptyProject(project, opened.tables, asCopy ? "Restored from backup" : `Created from bundle by ${opened.manifest.exporter.name || "a team member"}`);
  await setProjectSourceCount(entry.id, opened.tables.sources.filter(isLive).length);
  if (!asCopy) await stampExchangeWithSender(project, opened);
  return entry.id;
}

/**
 * A project made from a colleague's bundle has exchanged with them: they have everything in it, and I
 * have received everything they sent. Without these stamps my first "only changes" bundle back was the
 * whole project (issue 14, item 11). My own coder row still travels: the first export adds my public key.
 */
async function stampExchangeWithSender(project: OpenProject, opened: OpenedBundle): Promise<void> {
  const exporterId = opened.manifest.exporter.coderId;
  const sender = opened.tables.coders.find((c) => c.id === exporterId)?.publicKey ?? null;
  if (!sender || exporterId === project.ctx.coderId) return;
  await updateExchange(project, sender, { sentUpTo: await latestJournalStamp(project.db), receivedUpTo: opened.manifest.hlc.to });
}
