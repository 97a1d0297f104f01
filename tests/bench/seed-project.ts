/**
 * The seed-scale project for the coding rows (7-9), written straight into the app's IndexedDB from the
 * page. Importing 1,000 .docx through the UI takes minutes (row 5 measures that), so the bench creates
 * the project through the UI, then bulk-puts records of the app's own shapes (shared/model/records.ts)
 * into `margin-project-<id>` with the raw IndexedDB API, and reloads so the app reads them. Nothing is
 * added to production code. Journal entries are left out: seeded data has no history to undo.
 *
 * The codebook and coders are built here in Node with the app's own id and clock helpers. Source text
 * (~50 MB) and codings are generated in the page from a seeded generator, a chunk of sources at a time,
 * so only a few KB of parameters cross the DevTools protocol.
 */
import type { Page } from "@playwright/test";
import { formatStamp } from "../../shared/clock/hlc";
import { clockNodeFor, isRecordId, newId } from "../../shared/ids";
import type { Block, Turn } from "../../shared/import/types";
import type { CodeRecord, CoderRecord, CodingRecord, RecordMeta, SourceContentRecord, SourceRecord } from "../../shared/model/records";
import type { AnyId } from "../../shared/ids";
import { readTranscript } from "../../shared/text/transcript";
import { PROJECT_SCHEMA_V1, projectDbName, REGISTRY_DB_NAME } from "../../renderer/db/schema";

/** The seed-scale project (DESIGN's target): what the coding rows run against. */
export const SEED = {
  sources: 1000,
  /** Words per ordinary source, uniform: a mean of 8,000. */
  minWords: 6000,
  maxWords: 10000,
  codes: 500,
  codings: 100_000,
  /** The long source: ~600,000 characters carrying 2,000 codings. */
  bigChars: 600_000,
  bigCodings: 2000,
  /** One code with 5,000 codings, spread over the ordinary sources. */
  hotCodings: 5000,
  seed: 7,
} as const;

/** Sorts first in the sources table (by name), so its link is on screen. */
export const BIG_SOURCE_NAME = "Focus group, all sites (long)";
/** The code retrieval ticks: 5,000 codings. */
export const HOT_CODE_NAME = "Continuity of care";
/** The code the apply row types in the palette: no codings on the long source, so each apply makes a new one. */
export const TARGET_CODE_NAME = "Handover between teams";

const THEMES = [
  "Access to care",
  "Coordination",
  "Workforce",
  "Digital tools",
  "Patient experience",
  "Clinical safety",
  "Communication",
  "Leadership",
  "Training",
  "Funding and resources",
  "Governance",
  "Equity",
  "Carers and families",
  "Primary care interface",
  "Discharge",
  "Medicines",
  "Mental health",
  "Community services",
  "Data and records",
  "Service change",
];
const FACETS = ["Barriers", "Facilitators", "Experiences", "Consequences", "Suggestions", "Context"];
const ASPECTS = [
  "Time pressure",
  "Staffing levels",
  "Trust",
  "Workarounds",
  "Information gaps",
  "Delays",
  "Role clarity",
  "Culture",
  "Management support",
  "Patient safety",
  "Equipment",
  "IT systems",
  "Paperwork",
  "Training needs",
  "Morale",
  "Relationships",
  "Costs",
  "Policy",
];
const COLOURS = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#7A5195",
  "#EF5675",
  "#2F4B7C",
  "#FFA600",
  "#665191",
  "#003F5C",
];

export interface SeedResult {
  projectId: string;
  /** The IndexedDB version the app's database had (Dexie stores schema version 1 as 10). */
  dbVersion: number;
  sources: number;
  words: number;
  chars: number;
  codes: number;
  codings: number;
  coders: number;
  big: { id: string; chars: number; blocks: number; codings: number };
  hot: { id: string; codings: number };
  target: { id: string };
  /** Wall time of the whole seeding: generating the text in the page and writing every record. */
  ms: number;
}

interface PlannedSource {
  name: string;
  big: boolean;
  words: number;
  codings: number;
  hot: number;
}

interface ChunkArgs {
  dbName: string;
  seed: number;
  firstIndex: number;
  baseTime: number;
  coders: { id: string; node: string }[];
  hotCodeId: string;
  otherCodeIds: string[];
  bigChars: number;
  sources: PlannedSource[];
}

interface ChunkSummary {
  words: number;
  chars: number;
  codings: number;
  big: { id: string; chars: number; blocks: number } | null;
}

/** Spreads `total` over `n` slots as evenly as whole numbers allow (the first slots get the remainder). */
function spread(total: number, n: number, i: number): number {
  return Math.floor(total / n) + (i < total % n ? 1 : 0);
}

function plan(sources: number): PlannedSource[] {
  const ordinary = sources - 1;
  const others = SEED.codings - SEED.bigCodings - SEED.hotCodings;
  let state = SEED.seed;
  const random = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  const sites = ["A", "B", "C", "D", "E"];
  const out: PlannedSource[] = [{ name: BIG_SOURCE_NAME, big: true, words: 0, codings: SEED.bigCodings, hot: 0 }];
  for (let i = 0; i < ordinary; i++) {
    out.push({
      name: `Site${sites[i % sites.length] ?? "A"}_P${String(i + 1).padStart(4, "0")}`,
      big: false,
      words: SEED.minWords + Math.floor(random() * (SEED.maxWords - SEED.minWords + 1)),
      codings: spread(others, ordinary, i),
      hot: spread(SEED.hotCodings, ordinary, i),
    });
  }
  return out;
}

function meta(
  coderId: string,
  at: number,
  counter: number,
): Pick<RecordMeta<AnyId>, "id" | "createdAt" | "updatedAt" | "updatedBy" | "deleted"> {
  return {
    id: newId(),
    createdAt: new Date(at).toISOString(),
    updatedAt: formatStamp({ wallTime: at, counter, node: clockNodeFor(coderId) }),
    updatedBy: coderId,
    deleted: false,
  };
}

/** 20 themes × 6 facets × 3 aspects: 500 codes, three levels, sibling names unique. */
function codebook(coderId: string, at: number): { codes: CodeRecord[]; hot: CodeRecord; target: CodeRecord; leaves: CodeRecord[] } {
  const codes: CodeRecord[] = [];
  const leaves: CodeRecord[] = [];
  let n = 0;
  const make = (name: string, parentId: string | null, order: number, colour: string): CodeRecord => {
    const code: CodeRecord = { ...meta(coderId, at, n++), parentId, name, description: "", colour, order, isCategory: false };
    codes.push(code);
    return code;
  };
  THEMES.forEach((theme, t) => {
    const colour = COLOURS[t % COLOURS.length] ?? "#0072B2";
    const top = make(theme, null, t, colour);
    FACETS.forEach((facet, f) => {
      const mid = make(facet, top.id, f, colour);
      for (let a = 0; a < 3; a++) leaves.push(make(ASPECTS[(t * 5 + f * 3 + a) % ASPECTS.length] ?? "Other", mid.id, a, colour));
    });
  });
  // Two leaves get names no other code shares, so the palette and the checklist find exactly them.
  const hot = leaves[40];
  const target = leaves[101];
  if (!hot || !target || codes.length !== SEED.codes) throw new Error(`codebook: ${codes.length} codes`);
  hot.name = HOT_CODE_NAME;
  target.name = TARGET_CODE_NAME;
  return { codes, hot, target, leaves };
}

/**
 * Creates nothing in the UI: expects the project (and its database) to exist already. `sources` below
 * SEED.sources is for quick development runs (the codings, codes and coders stay at seed scale).
 */
export async function seedProject(
  page: Page,
  projectId: string,
  log: (line: string) => void,
  sources: number = SEED.sources,
): Promise<SeedResult> {
  if (!Number.isInteger(sources) || sources < 2)
    throw new Error(`seedProject: need at least 2 sources (the long one and an ordinary one), got ${sources}`);
  const started = performance.now();
  const dbName = projectDbName(projectId);
  const setup = await page.evaluate(
    async ({ dbName, registry, stores }) => {
      const open = (name: string) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          // No version: join the database as the app made it, never upgrade it.
          const request = indexedDB.open(name);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const db = await open(dbName);
      const version = db.version;
      const missing = stores.filter((s) => !db.objectStoreNames.contains(s));
      db.close();
      const reg = await open(registry);
      const profile = await new Promise<unknown>((resolve, reject) => {
        const request = reg.transaction("settings").objectStore("settings").get("profile");
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      reg.close();
      const id = (profile as { value?: { id?: unknown } } | undefined)?.value?.id;
      return { version, missing, profileId: typeof id === "string" ? id : null };
    },
    { dbName, registry: REGISTRY_DB_NAME, stores: Object.keys(PROJECT_SCHEMA_V1) },
  );
  if (setup.missing.length > 0) throw new Error(`${dbName} lacks stores ${setup.missing.join(", ")} (version ${setup.version})`);
  if (!setup.profileId) throw new Error("no coder profile in the registry");

  // Two coders: the researcher running the app (so their own codings are among the 100,000) and a colleague.
  const me = setup.profileId;
  const baseTime = Date.now() - 30 * 24 * 3600 * 1000;
  const colleague: CoderRecord = { ...meta(me, baseTime, 0), name: "Amira Patel", initials: "AP", colour: "#D55E00", publicKey: null };
  colleague.updatedBy = colleague.id;
  const { codes, hot, target, leaves } = codebook(me, baseTime);
  await page.evaluate(
    async ({ dbName, codes, coders }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(dbName);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(["codes", "coders"], "readwrite", { durability: "relaxed" });
        for (const code of codes) tx.objectStore("codes").put(code);
        for (const coder of coders) tx.objectStore("coders").put(coder);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { dbName, codes, coders: [colleague] },
  );

  const planned = plan(sources);
  const otherCodeIds = leaves.filter((c) => c !== hot && c !== target).map((c) => c.id);
  const coders = [me, colleague.id].map((id) => ({ id, node: clockNodeFor(id) }));
  const CHUNK = 20;
  let totals = { words: 0, chars: 0, codings: 0 };
  let big: ChunkSummary["big"] = null;
  for (let first = 0; first < planned.length; first += CHUNK) {
    const args: ChunkArgs = {
      dbName,
      seed: SEED.seed,
      firstIndex: first,
      baseTime,
      coders,
      hotCodeId: hot.id,
      otherCodeIds,
      bigChars: SEED.bigChars,
      sources: planned.slice(first, first + CHUNK),
    };
    const summary = await page.evaluate(writeChunk, args);
    totals = { words: totals.words + summary.words, chars: totals.chars + summary.chars, codings: totals.codings + summary.codings };
    big ??= summary.big;
    const done = Math.min(first + CHUNK, planned.length);
    if (done % 200 === 0 || done === planned.length)
      log(`  seeded ${done} / ${planned.length} sources, ${totals.codings.toLocaleString("en-GB")} codings`);
  }
  if (!big) throw new Error("the long source was not written");

  await page.evaluate(
    async ({ registry, projectId, count }) => {
      // The home screen's count, as refreshSourceCount keeps it after an import.
      const reg = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(registry);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = reg.transaction("projects", "readwrite");
        const store = tx.objectStore("projects");
        const get = store.get(projectId);
        get.onsuccess = () => {
          if (get.result) store.put({ ...(get.result as object), sourceCount: count });
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      reg.close();
    },
    { registry: REGISTRY_DB_NAME, projectId, count: planned.length },
  );
  const ms = performance.now() - started;
  await checkShapes(page, dbName, big.id);
  return {
    projectId,
    dbVersion: setup.version,
    sources: planned.length,
    words: totals.words,
    chars: totals.chars,
    codes: codes.length,
    codings: totals.codings,
    coders: coders.length,
    big: { ...big, codings: SEED.bigCodings },
    hot: { id: hot.id, codings: SEED.hotCodings },
    target: { id: target.id },
    ms,
  };
}

/** Reads back what was written and checks it with the app's own validators (ids, clock stamps, blocks tiling the text). */
async function checkShapes(page: Page, dbName: string, bigId: string): Promise<void> {
  const sample = await page.evaluate(
    async ({ dbName, bigId }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(dbName);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const get = (store: string, query: IDBValidKey | IDBKeyRange, index?: string) =>
        new Promise<unknown>((resolve, reject) => {
          const os = db.transaction(store).objectStore(store);
          const request = index ? os.index(index).get(query) : os.get(query);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const out = {
        source: await get("sources", bigId),
        content: await get("sourceContent", bigId),
        coding: await get("codings", bigId, "sourceId"),
      };
      db.close();
      return out;
    },
    { dbName, bigId },
  );
  const source = sample.source as SourceRecord | undefined;
  const content = sample.content as SourceContentRecord | undefined;
  const coding = sample.coding as CodingRecord | undefined;
  if (!source || !content || !coding) throw new Error("seeded records not found on read-back");
  const typed = readTranscript(content);
  const problems = [
    !isRecordId(source.id) && "source id is not a UUIDv7",
    !isRecordId(coding.id) && "coding id is not a UUIDv7",
    !/^\d{13}-[0-9a-z]{5}-[A-Za-z0-9_.]+$/.test(coding.updatedAt) && "coding updatedAt is not an HLC stamp",
    source.charCount !== content.text.length && "charCount differs from the text",
    typed.blocks.length !== content.blocks.length && "blocks do not tile the text (the viewer would fall back to lines)",
    typed.turns.length !== content.turns.length && "turns were dropped by readTranscript",
    !(coding.start >= 0 && coding.end <= content.text.length && coding.start < coding.end) && "coding range outside the text",
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`seeded records do not match the app's shapes: ${problems.join("; ")}`);
}

/**
 * Runs IN THE PAGE (serialised by Playwright: no outside references). Generates a chunk of sources
 * (text, blocks, turns, SHA-256) and their codings, and writes them in one transaction.
 */
async function writeChunk(args: ChunkArgs): Promise<ChunkSummary> {
  const VOCAB = (
    "the a and to of in that it was we I you they on for with but so just really think know like not have had be " +
    "ward patient patients staff nurse nurses doctor team teams shift handover care plan notes record records system " +
    "time always never sometimes often because when then there which what how about would could should more less " +
    "discharge referral clinic appointment waiting list pharmacy medicines GP practice community service services " +
    "manager managers training support pressure safety risk information share shared access letter phone email " +
    "family families carer carers home visit visits bed beds morning night weekend rota agency locum cover " +
    "felt feel difficult easier harder better worse changed change new old process paperwork form forms screen " +
    "login password printer computer tablet smartcard audit meeting meetings huddle board governance budget money"
  ).split(" ");
  const NOTES = ["Check with AP", "Good quote for the report", "Borderline: discuss at coding meeting", "Compare with site B"];
  let state = (args.seed * 1_000_003 + args.firstIndex * 7_919 + 1) >>> 0;
  const random = () => {
    // Mulberry32: the same text on every run.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const hex = (n: number, digits: number) => n.toString(16).padStart(digits, "0");
  const bytes = new Uint8Array(10);
  // UUIDv7 (time-ordered, like the app's ids); the random part from crypto so ids never collide.
  const uuid7 = (ms: number) => {
    crypto.getRandomValues(bytes);
    const r = Array.from(bytes, (b) => hex(b, 2)).join("");
    const t = hex(ms, 12);
    const variant = (8 | ((bytes[2] ?? 0) & 3)).toString(16);
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(5, 8)}-${r.slice(8, 20)}`;
  };
  const stamp = (ms: number, node: string) => `${String(ms).padStart(13, "0")}-00000-${node}`;

  const sentences = (words: number): string => {
    const out: string[] = [];
    let left = words;
    while (left > 0) {
      const n = Math.min(left, 5 + Math.floor(random() * 14));
      const ws: string[] = [];
      for (let i = 0; i < n; i++) ws.push(pick(VOCAB));
      const first = ws[0] ?? "so";
      ws[0] = first.charAt(0).toUpperCase() + first.slice(1);
      out.push(`${ws.join(" ")}${random() < 0.12 ? "?" : "."}`);
      left -= n;
    }
    return out.join(" ");
  };

  const transcript = (participant: string, targetWords: number, targetChars: number) => {
    const parts: string[] = [];
    const blocks: Block[] = [];
    const turns: Turn[] = [];
    let at = 0;
    let words = 0;
    const push = (block: Omit<Block, "start" | "end">, line: string): number => {
      if (blocks.length > 0) {
        parts.push("\n");
        at += 1;
      }
      const start = at;
      parts.push(line);
      at += line.length;
      blocks.push({ ...block, start, end: at });
      return start;
    };
    const title = `Interview with ${participant}`;
    push({ kind: "heading", level: 1 }, title);
    words += title.split(" ").length;
    for (let k = 0; words < targetWords && at < targetChars; k++) {
      const speaker = k % 2 === 0 ? "Interviewer" : participant;
      const n = k % 2 === 0 ? 8 + Math.floor(random() * 24) : 30 + Math.floor(random() * 130);
      const start = push({ kind: "paragraph" }, `${speaker}: ${sentences(n)}`);
      turns.push({ start, end: at, speaker, labelEnd: start + speaker.length + 1 });
      words += n + 1;
    }
    return { text: parts.join(""), blocks, turns, words };
  };

  /** A coded passage inside one turn's words: whole words, 3 to ~60 of them. */
  const passage = (text: string, turn: Turn): [number, number] => {
    const from = turn.labelEnd + 1;
    let start = from + Math.floor(random() * (turn.end - from) * 0.7);
    while (start > from && text.charCodeAt(start - 1) !== 32) start--;
    let end = Math.min(turn.end, start + 15 + Math.floor(random() * 350));
    while (end < turn.end && text.charCodeAt(end) !== 32) end++;
    while (end > start + 1 && /[\s.?]/.test(text.charAt(end - 1))) end--;
    return [start, end];
  };

  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(args.dbName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const summary: ChunkSummary = { words: 0, chars: 0, codings: 0, big: null };
  const sources: SourceRecord[] = [];
  const contents: SourceContentRecord[] = [];
  const codings: CodingRecord[] = [];
  for (const [k, planned] of args.sources.entries()) {
    const index = args.firstIndex + k;
    const at = args.baseTime + index * 60_000;
    const participant = planned.big ? "Group" : `P${String((index % 40) + 1).padStart(2, "0")}`;
    const made = transcript(
      participant,
      planned.big ? Number.POSITIVE_INFINITY : planned.words,
      planned.big ? args.bigChars : Number.POSITIVE_INFINITY,
    );
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(made.text)));
    const owner = args.coders[0] ?? { id: "", node: "" };
    const id = uuid7(at);
    sources.push({
      id,
      createdAt: new Date(at).toISOString(),
      updatedAt: stamp(at, owner.node),
      updatedBy: owner.id,
      deleted: false,
      name: planned.name,
      kind: planned.big ? "group interview" : "interview",
      fileName: `${planned.name}.docx`,
      format: "docx",
      importedAt: new Date(at).toISOString(),
      charCount: made.text.length,
      wordCount: made.words,
      contentHash: Array.from(digest, (b) => hex(b, 2)).join(""),
      caseIds: [],
      memo: "",
    });
    contents.push({ id, text: made.text, blocks: made.blocks, marks: [], turns: made.turns, timestamps: [], warnings: [] });
    summary.words += made.words;
    summary.chars += made.text.length;
    if (planned.big) summary.big = { id, chars: made.text.length, blocks: made.blocks.length };

    // The hot code's codings each sit in a different turn, so retrieval lists every one as its own segment.
    const hotTurns = new Set<number>();
    while (hotTurns.size < Math.min(planned.hot, made.turns.length)) hotTurns.add(Math.floor(random() * made.turns.length));
    const coded: { codeId: string; turn: Turn }[] = [...hotTurns].map((t) => ({ codeId: args.hotCodeId, turn: made.turns[t] as Turn }));
    for (let c = 0; c < planned.codings; c++) coded.push({ codeId: pick(args.otherCodeIds), turn: pick(made.turns) });
    coded.forEach(({ codeId, turn }, c) => {
      const coder = pick(args.coders);
      const when = at + 1000 + c * 1000;
      const [start, end] = passage(made.text, turn);
      codings.push({
        id: uuid7(when),
        createdAt: new Date(when).toISOString(),
        updatedAt: stamp(when, coder.node),
        updatedBy: coder.id,
        deleted: false,
        sourceId: id,
        codeId,
        start,
        end,
        coderId: coder.id,
        note: random() < 0.03 ? pick(NOTES) : "",
      });
    });
  }
  summary.codings = codings.length;
  await new Promise<void>((resolve, reject) => {
    // Relaxed durability: seeding is set-up, not a measured write.
    const tx = db.transaction(["sources", "sourceContent", "codings"], "readwrite", { durability: "relaxed" });
    for (const s of sources) tx.objectStore("sources").put(s);
    for (const c of contents) tx.objectStore("sourceContent").put(c);
    for (const c of codings) tx.objectStore("codings").put(c);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("seed transaction aborted"));
  });
  db.close();
  return summary;
}
