/**
 * Reports row (Node): a code report of 5,000 segments, built from the same report model the app uses.
 *   - first section: streamReport to its first chunk (a first page: 30 sections), what the preview waits for;
 *   - complete: buildReport, every segment with its text, location, case, attributes and 200 characters of context;
 *   - DOCX: reportDocx (what the Web Worker runs), CSV: reportCsv, HTML: reportHtml, of that report.
 * Reference, same process and run: JSON.stringify of the report's 5,000 segments (the least any writer of
 * them must do). Ratios to it are what to compare between machines; absolute times are noisy here.
 *
 * The project: 250 interview transcripts (~2,000 words each, speaker turns), 25 cases with a Site
 * attribute, and one code with 5,000 codings spread over them (plus 5,000 codings of other codes that
 * the report must skip). Seeded, so every run builds the same project.
 *
 * Run on its own (not wired into `npm run bench` yet):
 *   npx esbuild tests/bench/report-bench.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=.bench/report-bench.mjs && node --expose-gc .bench/report-bench.mjs [--rounds N] [--out FILE.json]
 * or from main.ts: `await runReportBench(log)`.
 */
import { writeFile } from "node:fs/promises";
import type { Block, Turn } from "../../shared/import/types";
import type { RecordMeta } from "../../shared/model/records";
import { emptyProjectTables, type ProjectTables } from "../../shared/model/tables";
import { buildReport, reportOptions, reportSourceFromTables, streamReport, type Report, type ReportSource } from "../../shared/reports";
import { reportCsv } from "../../shared/reports/csv";
import { reportDocx } from "../../shared/reports/docx";
import { reportHtml } from "../../shared/reports/html";
import { median } from "./report";
import { rng } from "../fixtures/docx/synthetic";

export const REPORT_BENCH = { sources: 250, wordsPerSource: 2000, cases: 25, segments: 5000, otherCodings: 5000, seed: 11 } as const;

export interface ReportBenchRound {
  firstChunkMs: number;
  completeMs: number;
  docxMs: number;
  csvMs: number;
  htmlMs: number;
  referenceMs: number;
}

export interface ReportBenchResult {
  project: { sources: number; chars: number; segments: number; codings: number };
  output: { sections: number; docxBytes: number; csvBytes: number; htmlBytes: number };
  rounds: ReportBenchRound[];
  medians: ReportBenchRound;
  /** Medians as multiples of the reference (JSON.stringify of the segments). */
  ratios: Omit<ReportBenchRound, "referenceMs">;
}

const WORDS =
  "the ward staff system patient handover chart nurse doctor time login screen record shift medication team training support delay safety information access manager".split(
    " ",
  );

function meta(id: string): RecordMeta {
  return { id, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "1767225600000-00000-bench", updatedBy: "coder-1", deleted: false };
}

export function reportBenchProject(): ProjectTables {
  const random = rng(REPORT_BENCH.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const t = emptyProjectTables();
  t.coders.push(
    { ...meta("coder-1"), name: "Amira Patel", initials: "AP", colour: "#0072B2", publicKey: null },
    { ...meta("coder-2"), name: "Sam Okafor", initials: "SO", colour: "#D55E00", publicKey: null },
  );
  t.attributes.push({ ...meta("attr-site"), name: "Site", type: "category", options: ["North", "South", "East", "West"], order: 0 });
  for (let c = 0; c < REPORT_BENCH.cases; c++)
    t.cases.push({
      ...meta(`case-${c}`),
      name: `Case ${c + 1}`,
      description: "",
      values: { "attr-site": ["North", "South", "East", "West"][c % 4] ?? "North" },
    });
  t.codes.push(
    {
      ...meta("code-hot"),
      parentId: null,
      name: "Continuity of care",
      description: "Care that carries on across shifts.\n\nWhen to use: handovers.",
      colour: "#009E73",
      order: 0,
      isCategory: false,
    },
    { ...meta("code-other"), parentId: null, name: "Other", description: "", colour: "#CC79A7", order: 1, isCategory: false },
  );
  const paragraphsOf: { id: string; blocks: Block[] }[] = [];
  for (let s = 0; s < REPORT_BENCH.sources; s++) {
    const id = `src-${s}`;
    const lines: string[] = [];
    let words = 0;
    let turn = 0;
    while (words < REPORT_BENCH.wordsPerSource) {
      const n = 20 + Math.floor(random() * 60);
      const body = Array.from({ length: n }, () => pick(WORDS)).join(" ");
      lines.push(`${turn % 2 === 0 ? "Interviewer" : "P01"}: ${body}.`);
      words += n;
      turn++;
    }
    const blocks: Block[] = [];
    const turns: Turn[] = [];
    let at = 0;
    for (const line of lines) {
      blocks.push({ kind: "paragraph", start: at, end: at + line.length });
      const speaker = line.slice(0, line.indexOf(":"));
      turns.push({ start: at, end: at + line.length, speaker, labelEnd: at + speaker.length + 1 });
      at += line.length + 1;
    }
    const text = lines.join("\n");
    t.sources.push({
      ...meta(id),
      name: `Interview ${String(s + 1).padStart(3, "0")}`,
      kind: "interview",
      fileName: `i${s}.docx`,
      format: "docx",
      importedAt: "2026-01-01T00:00:00.000Z",
      charCount: text.length,
      wordCount: words,
      contentHash: id,
      caseIds: [`case-${s % REPORT_BENCH.cases}`],
      memo: "",
    });
    t.sourceContent.push({ id, text, blocks, marks: [], turns, timestamps: [], warnings: [] });
    paragraphsOf.push({ id, blocks });
  }
  const coding = (n: number, codeId: string) => {
    const src = pick(paragraphsOf);
    const b = pick(src.blocks);
    const start = b.start + Math.floor(random() * Math.max(1, (b.end - b.start) / 2));
    const end = Math.min(b.end, start + 40 + Math.floor(random() * 200));
    t.codings.push({
      ...meta(`cod-${codeId}-${n}`),
      sourceId: src.id,
      codeId,
      start,
      end,
      coderId: random() < 0.5 ? "coder-1" : "coder-2",
      note: random() < 0.1 ? "Compare with the site visit notes, “handover” again." : "",
    });
  };
  for (let i = 0; i < REPORT_BENCH.segments; i++) coding(i, "code-hot");
  for (let i = 0; i < REPORT_BENCH.otherCodings; i++) coding(i, "code-other");
  return t;
}

const OPTIONS = reportOptions({ kind: "code", codeIds: ["code-hot"], contextChars: 200, attributeIds: ["attr-site"] });

async function firstChunk(source: ReportSource): Promise<number> {
  const t0 = performance.now();
  const stream = streamReport(source, OPTIONS, { firstChunk: 30 });
  const first = await stream.next();
  const ms = performance.now() - t0;
  if (first.done || !first.value.header) throw new Error("the report stream gave no first chunk");
  await stream.return(undefined);
  return ms;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function runReportBench(log: (line: string) => void = console.log, rounds = 5): Promise<ReportBenchResult> {
  const tables = reportBenchProject();
  const source = reportSourceFromTables(tables, "Seeded study");
  const chars = tables.sourceContent.reduce((n, c) => n + c.text.length, 0);
  log(
    `report bench: ${tables.sources.length} sources, ${(chars / 1e6).toFixed(1)}M characters, ${tables.codings.length} codings (${REPORT_BENCH.segments} of the reported code)`,
  );
  const all: ReportBenchRound[] = [];
  let last: { report: Report; docx: number; csv: number; html: number } | null = null;
  // One warm-up round (JIT), not counted.
  for (let r = -1; r < rounds; r++) {
    gc();
    const firstChunkMs = await firstChunk(source);
    gc();
    let t0 = performance.now();
    const report = await buildReport(source, OPTIONS);
    const completeMs = performance.now() - t0;
    const segments = report.sections.flatMap((s) => (s.type === "segment" ? [s.segment] : []));
    if (segments.length !== REPORT_BENCH.segments) throw new Error(`expected ${REPORT_BENCH.segments} segments, got ${segments.length}`);
    gc();
    t0 = performance.now();
    const json = JSON.stringify(segments);
    const referenceMs = performance.now() - t0;
    gc();
    t0 = performance.now();
    const docx = await reportDocx(report);
    const docxMs = performance.now() - t0;
    gc();
    t0 = performance.now();
    const csv = reportCsv(report);
    const csvMs = performance.now() - t0;
    gc();
    t0 = performance.now();
    const html = reportHtml(report);
    const htmlMs = performance.now() - t0;
    if (json.length === 0 || csv.length === 0 || html.length === 0) throw new Error("empty output");
    last = { report, docx: docx.length, csv: new TextEncoder().encode(csv).length, html: new TextEncoder().encode(html).length };
    if (r < 0) continue;
    const round = { firstChunkMs, completeMs, docxMs, csvMs, htmlMs, referenceMs };
    all.push(round);
    log(
      `  round ${r + 1}: first section ${firstChunkMs.toFixed(0)} ms, complete ${completeMs.toFixed(0)} ms, DOCX ${docxMs.toFixed(0)} ms, CSV ${csvMs.toFixed(0)} ms, HTML ${htmlMs.toFixed(0)} ms; reference ${referenceMs.toFixed(1)} ms`,
    );
  }
  const m = (k: keyof ReportBenchRound) => median(all.map((x) => x[k]));
  const medians: ReportBenchRound = {
    firstChunkMs: m("firstChunkMs"),
    completeMs: m("completeMs"),
    docxMs: m("docxMs"),
    csvMs: m("csvMs"),
    htmlMs: m("htmlMs"),
    referenceMs: m("referenceMs"),
  };
  const ratio = (v: number) => v / medians.referenceMs;
  const result: ReportBenchResult = {
    project: { sources: tables.sources.length, chars, segments: REPORT_BENCH.segments, codings: tables.codings.length },
    output: {
      sections: last?.report.sections.length ?? 0,
      docxBytes: last?.docx ?? 0,
      csvBytes: last?.csv ?? 0,
      htmlBytes: last?.html ?? 0,
    },
    rounds: all,
    medians,
    ratios: {
      firstChunkMs: ratio(medians.firstChunkMs),
      completeMs: ratio(medians.completeMs),
      docxMs: ratio(medians.docxMs),
      csvMs: ratio(medians.csvMs),
      htmlMs: ratio(medians.htmlMs),
    },
  };
  const row = (label: string, k: keyof ReportBenchRound) =>
    `  ${label.padEnd(34)} ${medians[k].toFixed(0).padStart(6)} ms  ${k === "referenceMs" ? "  (reference)" : `${ratio(medians[k]).toFixed(1).padStart(7)} × reference`}`;
  log(`report bench medians of ${rounds} rounds (5,000 segments, 200 characters of context):`);
  log(row("first section (first chunk)", "firstChunkMs"));
  log(row("complete report model", "completeMs"));
  log(row("DOCX", "docxMs"));
  log(row("CSV", "csvMs"));
  log(row("HTML", "htmlMs"));
  log(row("reference: JSON.stringify segments", "referenceMs"));
  log(
    `  output: ${result.output.sections} sections; DOCX ${(result.output.docxBytes / 1e6).toFixed(2)} MB, CSV ${(result.output.csvBytes / 1e6).toFixed(2)} MB, HTML ${(result.output.htmlBytes / 1e6).toFixed(2)} MB`,
  );
  return result;
}

// Runs when this file is the program (its own bundle), not when main.ts imports runReportBench.
if (/report-bench\.m?js$/.test(process.argv[1] ?? "")) {
  const argv = process.argv.slice(2);
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const rounds = Number(flag("--rounds") ?? 5);
  const out = flag("--out");
  const result = await runReportBench(console.log, Number.isInteger(rounds) && rounds > 0 ? rounds : 5);
  if (out) await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
}
