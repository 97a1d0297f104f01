/** Exporting a bundle: the whole project, or the changes since my last exchange with the chosen members. */
import { bundleFileName, type BundleProgress } from "../../../shared/bundle";
import type { CoderRecord } from "../../../shared/model/records";
import { PROJECT_TABLE_NAMES } from "../../../shared/model/tables";
import { writeChanges } from "../changes";
import { readChangedTables, readProjectTables } from "../projectTables";
import type { OpenProject } from "../projects";
import { bundleCodec } from "./codec";
import { getExchange, latestJournalStamp, updateExchange } from "./stamps";

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

export async function exportBundle(project: OpenProject, request: ExportRequest, now = new Date()): Promise<ExportResult> {
  const { db, ctx } = project;
  // The bundle carries my public key on my coder row, so the receiver can find our exchange stamps.
  const me = await db.coders.get(ctx.coderId);
  if (me && me.publicKey !== request.me.recipient) {
    await writeChanges(db, ctx, "Added public key", (w) =>
      w.update<CoderRecord>("coders", ctx.coderId, { publicKey: request.me.recipient }),
    );
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
      ? await readProjectTables(db, {
          content: true,
          onProgress: (p) => request.onProgress?.((p.done / Math.max(1, p.total)) * 0.5, "Reading the project"),
        })
      : await readChangedTables(db, since);
  const records = PROJECT_TABLE_NAMES.reduce((n, t) => n + tables[t].length, 0);
  const lock = request.passphrase !== undefined ? { passphrase: request.passphrase } : { recipients: [request.me.recipient, ...members] };
  const bytes = await bundleCodec().write(
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
