/**
 * Node-side set-up for the app bundle bench (bundle-app-bench.ts): read the seeded project back out of
 * the page's IndexedDB exactly as the app stored it, add what a second coder did on their laptop, and
 * write that as (a) a Margin bundle locked to the app's key and (b) the same NDJSON as files packed with
 * `zip -6` + `age`, the reference the app's import is compared with (as bundle-bench.ts does in Node).
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { generateIdentity, writeBundle, type BundleInfo, type KeyPair } from "../../shared/bundle";
import { formatStamp } from "../../shared/clock/hlc";
import { clockNodeFor, newId } from "../../shared/ids";
import type { CoderRecord, CodingRecord, MemoRecord } from "../../shared/model/records";
import { emptyProjectTables, PROJECT_TABLE_NAMES, type ProjectTableName, type ProjectTables } from "../../shared/model/tables";
import { nodeSha256 } from "../../cli/keys";
import { rng } from "../fixtures/docx/synthetic";
import { shell } from "./bundle-bench";

/** Rows per page.evaluate: transcripts are ~50 KB each, so 50 of them is a few MB across the protocol. */
const CHUNK: Record<ProjectTableName, number> = {
  sources: 5000,
  sourceContent: 50,
  codes: 5000,
  codings: 10_000,
  memos: 5000,
  cases: 5000,
  attributes: 5000,
  coders: 5000,
  savedSearches: 5000,
  speakers: 5000,
  casePassages: 10_000,
};

/** Runs IN THE PAGE: one page of a store in primary-key order, after `after` (exclusive). */
async function readStorePage(args: {
  dbName: string;
  store: string;
  after: string | null;
  limit: number;
}): Promise<{ rows: unknown[]; last: string | null }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    // No version: join the database as the app made it, never upgrade it.
    const request = indexedDB.open(args.dbName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    const store = db.transaction(args.store).objectStore(args.store);
    const range = args.after === null ? undefined : IDBKeyRange.lowerBound(args.after, true);
    const [rows, keys] = await Promise.all(
      [store.getAll(range, args.limit), store.getAllKeys(range, args.limit)].map(
        (request) =>
          new Promise<unknown[]>((resolve, reject) => {
            request.onsuccess = () => resolve(request.result as unknown[]);
            request.onerror = () => reject(request.error);
          }),
      ),
    );
    const last = keys?.[keys.length - 1];
    return { rows: rows ?? [], last: typeof last === "string" ? last : null };
  } finally {
    db.close();
  }
}

/** The project's tables as the app holds them (tombstones included), read with the raw IndexedDB API in chunks. */
export async function readAppTables(page: Page, dbName: string): Promise<ProjectTables> {
  const tables = emptyProjectTables();
  for (const name of PROJECT_TABLE_NAMES) {
    const rows: unknown[] = [];
    let after: string | null = null;
    for (;;) {
      const chunk: { rows: unknown[]; last: string | null } = await page.evaluate(readStorePage, {
        dbName,
        store: name,
        after,
        limit: CHUNK[name],
      });
      for (const row of chunk.rows) rows.push(row);
      if (chunk.rows.length < CHUNK[name] || chunk.last === null) break;
      after = chunk.last;
    }
    (tables[name] as unknown[]) = rows;
  }
  return tables;
}

export interface SecondCoder {
  coder: CoderRecord;
  keys: KeyPair;
  /** The project as coder B has it: everything the app has, plus B's coder row, codings and memos. */
  incoming: ProjectTables;
  newCodings: number;
  newMemos: number;
}

/**
 * What a colleague did on their own laptop since they had the whole project: joined the team (a coder row
 * with their public key), coded `codings` new passages and wrote `memos` code memos. Stamped an hour ago,
 * newer than every seeded record and well inside the app's clock-drift limit.
 */
export async function secondCoder(tables: ProjectTables, counts: { codings: number; memos: number }, seed = 11): Promise<SecondCoder> {
  const random = rng(seed);
  const keys = await generateIdentity();
  const id = newId();
  const node = clockNodeFor(id);
  const base = Date.now() - 3_600_000;
  let tick = 0;
  const meta = () => {
    const at = base + tick++;
    return {
      id: newId(),
      createdAt: new Date(at).toISOString(),
      updatedAt: formatStamp({ wallTime: at, counter: 0, node }),
      updatedBy: id,
      deleted: false,
    };
  };
  const coder: CoderRecord = { ...meta(), id, name: "Sam Okafor", initials: "SO", colour: "#009E73", publicKey: keys.recipient };
  const sources = tables.sources.filter((s) => !s.deleted && s.charCount > 500);
  const codes = tables.codes.filter((c) => !c.deleted && !c.isCategory);
  if (sources.length === 0 || codes.length === 0)
    throw new Error(`the app's project has ${sources.length} codable sources and ${codes.length} codes: nothing to code`);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const codings: CodingRecord[] = [];
  for (let i = 0; i < counts.codings; i++) {
    const source = pick(sources);
    const start = Math.floor(random() * (source.charCount - 450));
    const note = random() < 0.03 ? "Second coder: compare at the coding meeting" : "";
    codings.push({
      ...meta(),
      sourceId: source.id,
      codeId: pick(codes).id,
      start,
      end: start + 20 + Math.floor(random() * 400),
      coderId: id,
      note,
    });
  }
  const memos: MemoRecord[] = [];
  for (let i = 0; i < counts.memos; i++) {
    const code = pick(codes);
    memos.push({
      ...meta(),
      targetKind: "code",
      targetId: code.id,
      title: `${code.name}: second coder's note ${i + 1}`,
      body: "Where I coded this differently, and why. ".repeat(6),
      authorId: id,
    });
  }
  const incoming: ProjectTables = {
    ...tables,
    coders: [...tables.coders, coder],
    codings: [...tables.codings, ...codings],
    memos: [...tables.memos, ...memos],
  };
  return { coder, keys, incoming, newCodings: codings.length, newMemos: memos.length };
}

export interface PreparedBundle {
  /** The .margin file coder B sends: locked to the app's key (and B's own, as the app's export does). */
  bundlePath: string;
  bundleBytes: number;
  /** writeBundle in Node (CLI hashing): set-up, not a measured row. */
  writeMs: number;
  ndjsonBytes: number;
  referenceZipBytes: number;
  /** `zip -6` + `age -r` of the same NDJSON: how long the reference export took. */
  referenceExportMs: number;
}

/** Writes the bundle and the reference's NDJSON files, zip and age file into `dir`. */
export async function prepareBundle(
  dir: string,
  projectId: string,
  projectName: string,
  b: SecondCoder,
  appRecipient: string,
): Promise<PreparedBundle> {
  const info: BundleInfo = { projectId, projectName, exporter: { coderId: b.coder.id, name: b.coder.name }, kind: "whole", since: null };
  const t0 = performance.now();
  const bytes = await writeBundle(b.incoming, info, { recipients: [appRecipient, b.keys.recipient] }, undefined, { hasher: nodeSha256 });
  const writeMs = performance.now() - t0;
  const bundlePath = path.join(dir, "from-sam.margin");
  writeFileSync(bundlePath, bytes);

  // The reference input: exactly the NDJSON Margin packs, as files, for zip + age (bundle-bench.ts's way).
  const ref = path.join(dir, "ref");
  mkdirSync(path.join(ref, "tables"), { recursive: true });
  let ndjsonBytes = 0;
  for (const t of PROJECT_TABLE_NAMES) {
    const text = (b.incoming[t] as unknown[]).map((r) => JSON.stringify(r) + "\n").join("");
    ndjsonBytes += Buffer.byteLength(text);
    writeFileSync(path.join(ref, "tables", `${t}.ndjson`), text);
  }
  writeFileSync(path.join(ref, "manifest.json"), "{}\n");
  const refKeys = await generateIdentity();
  writeFileSync(path.join(dir, "key.txt"), `${refKeys.identity}\n`);
  const exported = shell(
    `zip -q -r -6 '${dir}/ref.zip' manifest.json tables; age -r ${refKeys.recipient} -o '${dir}/ref.age' '${dir}/ref.zip'`,
    ref,
  );
  const referenceZipBytes = statSync(path.join(dir, "ref.zip")).size;
  // The reference's input files are not needed again: free the disk cache they hold.
  rmSync(ref, { recursive: true, force: true });
  return { bundlePath, bundleBytes: bytes.length, writeMs, ndjsonBytes, referenceZipBytes, referenceExportMs: exported.ms };
}

/** The reference import: `age -d` + `unzip` into an empty folder (removed before the clock starts), as bundle-bench.ts. */
export function referenceImport(dir: string): { ms: number; cpuMs: number } {
  rmSync(path.join(dir, "out"), { recursive: true, force: true });
  rmSync(path.join(dir, "out.zip"), { force: true });
  return shell(`age -d -i '${dir}/key.txt' -o '${dir}/out.zip' '${dir}/ref.age'; unzip -q -o '${dir}/out.zip' -d '${dir}/out'`);
}
