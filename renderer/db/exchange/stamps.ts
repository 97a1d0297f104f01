/**
 * How far each exchange with a member reached (the "exchange:<their public key>" rows of the project's
 * meta table): what I last sent them and what I last received from them. A "changes only" bundle
 * starts from the first; a merge preview reads both to tell conflicts from records only one side changed.
 */
import type { Table } from "dexie";
import type { OpenedBundle } from "../../../shared/bundle";
import type { ExchangeMetaRecord } from "../../../shared/model/records";
import type { ProjectDatabase } from "../projectDb";
import type { OpenProject } from "../projects";

function exchangeKey(recipient: string): ExchangeMetaRecord["key"] {
  return `exchange:${recipient}`;
}

function metaTable(db: ProjectDatabase): Table<ExchangeMetaRecord, string> {
  return db.table("meta");
}

export async function getExchange(project: OpenProject, recipient: string): Promise<ExchangeMetaRecord | undefined> {
  return metaTable(project.db).get(exchangeKey(recipient));
}

export async function updateExchange(
  project: OpenProject,
  recipient: string,
  patch: Partial<Omit<ExchangeMetaRecord, "key">>,
): Promise<void> {
  const table = metaTable(project.db);
  await project.db.transaction("rw", table, async () => {
    const row = (await table.get(exchangeKey(recipient))) ?? { key: exchangeKey(recipient), sentUpTo: null, receivedUpTo: null };
    await table.put({ ...row, ...patch });
  });
}

/** The newest journal stamp: everything up to it is in an export made now. */
export async function latestJournalStamp(db: ProjectDatabase): Promise<string | null> {
  return (await db.journal.orderBy("at").last())?.at ?? null;
}

/**
 * A project made from a colleague's bundle has exchanged with them: they have everything in it, and I
 * have received everything they sent. Without these stamps my first "only changes" bundle back was the
 * whole project (issue 14, item 11). My own coder row still travels: the first export adds my public key.
 */
export async function stampExchangeWithSender(project: OpenProject, opened: OpenedBundle): Promise<void> {
  const exporterId = opened.manifest.exporter.coderId;
  const sender = opened.tables.coders.find((c) => c.id === exporterId)?.publicKey ?? null;
  if (!sender || exporterId === project.ctx.coderId) return;
  await updateExchange(project, sender, { sentUpTo: await latestJournalStamp(project.db), receivedUpTo: opened.manifest.hlc.to });
}
