/**
 * Round trips through REFI-QDA with Margin's own importer (shared/refi/import.ts):
 *   Margin -> .qdpx -> Margin keeps every source (same text), code (path, colour, description),
 *   coding (same text, coder, note), memo (target, title, body, author), case and attribute (values);
 *   .qdpx -> Margin -> .qdpx -> Margin keeps everything Margin holds (real NVivo files when the
 *   corpus is present, and a file Margin made).
 * Projects are compared by what a researcher sees (names, paths, texts), never by ids, which
 * every import makes new.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseDescription } from "../../../../shared/codebook/description";
import type { AttributeRecord, AttributeValue, CaseRecord, CodeRecord, CodingRecord, MemoRecord } from "../../../../shared/model/records";
import type { ProjectTables } from "../../../../shared/model/tables";
import { exportQdpx, type LineBreaks, type PositionConvention } from "../../../../shared/refi/export";
import { importQdpx } from "../../../../shared/refi/import";
import {
  code,
  coder,
  coding,
  memo,
  meta,
  sampleTables,
  schemaAvailable,
  source,
  unzip,
  utf8,
  validateWithXsd,
} from "../model/exportHelpers";

const NOW = () => new Date("2026-11-26T12:00:00Z");
type Target = { convention: PositionConvention; lineBreaks: LineBreaks };
const TARGETS: Target[] = [
  { convention: "utf16", lineBreaks: "crlf" },
  { convention: "utf16", lineBreaks: "lf" },
  { convention: "codepoints", lineBreaks: "lf" },
];

/** Everything a researcher can see in a project, keyed by names and texts, sorted. */
function view(t: ProjectTables) {
  const live = <T extends { deleted: boolean }>(rows: readonly T[]) => rows.filter((r) => !r.deleted);
  const coders = new Map(t.coders.map((c) => [c.id, c.name]));
  const codes = new Map(live(t.codes).map((c) => [c.id, c]));
  const codePath = (id: string): string => {
    const names: string[] = [];
    for (let c = codes.get(id); c; c = c.parentId === null ? undefined : codes.get(c.parentId)) names.unshift(c.name);
    return names.join(" / ");
  };
  const sources = new Map(live(t.sources).map((s) => [s.id, s]));
  const texts = new Map(t.sourceContent.map((c) => [c.id, c.text]));
  const codingLabel = (c: CodingRecord) =>
    `${sources.get(c.sourceId)?.name}|${codePath(c.codeId)}|${(texts.get(c.sourceId) ?? "").slice(c.start, c.end)}`;
  const codingsById = new Map(live(t.codings).map((c) => [c.id, c]));
  const cases = new Map(live(t.cases).map((c) => [c.id, c]));
  const attributes = live(t.attributes);
  const target = (m: MemoRecord): string => {
    switch (m.targetKind) {
      case "project":
        return "";
      case "source":
        return sources.get(m.targetId)?.name ?? "?";
      case "code":
        return codePath(m.targetId);
      case "coding": {
        const c = codingsById.get(m.targetId);
        return c ? codingLabel(c) : "?";
      }
      case "case":
        return cases.get(m.targetId)?.name ?? "?";
    }
  };
  // Margin attribute types after a trip through QDA-XML's variable types.
  const typeOf = (a: AttributeRecord) =>
    a.type === "category" ? ([...a.options].sort().join() === "false,true" ? "category" : "text") : a.type;
  const valueText = (v: AttributeValue | undefined) => (v === null || v === undefined ? "" : typeof v === "number" ? `#${v}` : v);
  const sort = (rows: string[]) => rows.sort();
  return {
    coders: sort(live(t.coders).map((c) => c.name)),
    sources: sort(
      live(t.sources).map((s) =>
        JSON.stringify([s.name, texts.get(s.id), s.memo.trim(), sort(s.caseIds.map((id) => cases.get(id)?.name ?? "?"))]),
      ),
    ),
    codes: sort(
      [...codes.values()].map((c) =>
        JSON.stringify([codePath(c.id), c.colour.toUpperCase(), normaliseDescription(c.description), c.isCategory]),
      ),
    ),
    codings: sort(live(t.codings).map((c) => JSON.stringify([codingLabel(c), c.start, c.end, coders.get(c.coderId), c.note.trim()]))),
    memos: sort(
      live(t.memos).map((m) => JSON.stringify([m.targetKind, target(m), m.title.trim() || "Note", m.body, coders.get(m.authorId)])),
    ),
    cases: sort(
      [...cases.values()].map((c) =>
        JSON.stringify([c.name, c.description, attributes.map((a) => `${a.name}=${valueText(c.values[a.id])}`)]),
      ),
    ),
    attributes: sort(attributes.map((a) => `${a.name}:${typeOf(a)}`)),
  };
}

async function trip(tables: ProjectTables, target: Target, fileName = "trip.qdpx") {
  const exported = await exportQdpx(tables, { projectName: "Trip", appVersion: "0.1.0", now: NOW, ...target });
  const imported = await importQdpx(exported.bytes, fileName, { now: NOW });
  return { exported, imported };
}

describe("Margin -> .qdpx -> Margin", () => {
  for (const target of TARGETS) {
    it(`keeps the hand-made project (${target.convention}, ${target.lineBreaks})`, async () => {
      const { tables } = sampleTables();
      const { imported, exported } = await trip(tables, target);
      expect(view(imported.tables)).toEqual(view(tables));
      expect(imported.report.skipped).toEqual([]);
      expect(exported.summary.remarks.join(" ")).toMatch(/1 case memo/);
    });
  }
});

// ---- generated projects -------------------------------------------------------------------

const WORDS = [
  "care",
  "record",
  "nurse",
  "Ward",
  "GP",
  "Größe",
  "façade",
  "ŐŰ",
  "система",
  "لمريض",
  "שלום",
  "患者",
  "記録",
  "सूचना",
  "😀",
  "👍🏽",
  "👩‍⚕️",
  "🇬🇧",
  "e\u0301",
  "<tag>",
  "&amp;",
  '"quoted"',
  "it's",
  "]]>",
  "a\tb",
  "𝔘𝔫𝔦",
];
const word = fc.constantFrom(...WORDS);
const phrase = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(" "));
/** A name as Margin stores it: single spaces, trimmed, never empty. */
const name = phrase.map((p) => p.replace(/\s+/g, " ").trim());
const lines = fc.array(fc.oneof(phrase, fc.constant("")), { minLength: 1, maxLength: 8 }).map((l) => l.join("\n"));
const colour = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, "0")}`);

/** Moves an offset off the low half of a surrogate pair (Margin's coding edges snap to characters). */
function onCharacter(text: string, offset: number): number {
  return offset > 0 && offset < text.length && (text.charCodeAt(offset) & 0xfc00) === 0xdc00 ? offset - 1 : offset;
}

const projectArb = fc
  .record({
    coderNames: fc.uniqueArray(name, { minLength: 1, maxLength: 3 }),
    codes: fc.array(
      fc.record({
        name,
        parent: fc.nat(),
        deep: fc.boolean(),
        colour,
        isCategory: fc.boolean(),
        definition: lines,
        whenToUse: fc.option(phrase, { nil: "" }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    sources: fc.array(
      fc.record({
        name,
        text: fc.array(lines, { minLength: 1, maxLength: 4 }).map((p) => p.join("\n\n")),
        memo: fc.option(phrase, { nil: "" }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    codings: fc.array(
      fc.record({ source: fc.nat(), code: fc.nat(), a: fc.nat(), b: fc.nat(), coder: fc.nat(), note: fc.option(phrase, { nil: "" }) }),
      { maxLength: 25 },
    ),
    attributes: fc.array(
      fc.record({
        name,
        type: fc.constantFrom("text", "number", "date", "category"),
        options: fc.uniqueArray(name, { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 4 },
    ),
    cases: fc.array(
      fc.record({
        name,
        description: fc.option(lines, { nil: "" }),
        values: fc.array(
          fc.oneof(
            fc.constant(null),
            fc.nat(),
            fc.double({ min: -1e6, max: 1e6, noNaN: true }),
            phrase,
            fc.date({ min: new Date("1990-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }),
          ),
          { minLength: 4, maxLength: 4 },
        ),
        sources: fc.array(fc.nat(), { maxLength: 3 }),
      }),
      { maxLength: 3 },
    ),
    memos: fc.array(
      fc.record({
        kind: fc.constantFrom("project", "source", "code", "coding", "case"),
        target: fc.nat(),
        title: name,
        body: lines,
        author: fc.nat(),
      }),
      { maxLength: 8 },
    ),
  })
  .map((g): ProjectTables => {
    const coders = g.coderNames.map((n) => coder(n));
    const who = (i: number) => coders[i % coders.length]?.id ?? "";
    // Deep hierarchies: a code hangs under the previous one, or under any earlier one.
    const codes: CodeRecord[] = [];
    g.codes.forEach((c, i) => {
      const parent = i === 0 ? null : c.deep ? codes[i - 1] : c.parent % (i + 1) === i ? null : codes[c.parent % i];
      const siblings = codes.filter((x) => x.parentId === (parent?.id ?? null)).length;
      codes.push(
        code(who(i), c.name, parent?.id ?? null, siblings, {
          colour: c.colour,
          isCategory: c.isCategory,
          description: normaliseDescription(`${c.definition}${c.whenToUse ? `\n\nWhen to use: ${c.whenToUse}` : ""}`),
        }),
      );
    });
    const attributes: AttributeRecord[] = g.attributes.map((a, order) => ({
      ...meta(who(0)),
      name: a.name,
      type: a.type,
      options: a.type === "category" ? a.options : [],
      order,
    }));
    const cases: CaseRecord[] = g.cases.map((c) => {
      const values: Record<string, AttributeValue> = {};
      attributes.forEach((a, i) => {
        const v = c.values[i] ?? null;
        if (v === null) return;
        if (a.type === "number" && typeof v === "number") values[a.id] = v;
        if (a.type === "text" && typeof v === "string") values[a.id] = v;
        if (a.type === "date" && v instanceof Date) values[a.id] = v.toISOString().slice(0, 10);
        if (a.type === "category")
          values[a.id] = a.options[(typeof v === "number" ? Math.abs(Math.trunc(v)) : 0) % a.options.length] ?? null;
      });
      return { ...meta(who(0)), name: c.name, description: c.description, values };
    });
    const sources = g.sources.map((s, i) => {
      const caseIds = [
        ...new Set(g.cases.flatMap((c, ci) => (c.sources.some((n) => n % g.sources.length === i) ? [cases[ci]?.id ?? ""] : []))),
      ];
      const made = source(who(i), s.name, s.text, caseIds);
      made.record.memo = s.memo;
      return made;
    });
    const codings = g.codings.flatMap((c) => {
      const s = sources[c.source % sources.length];
      const target = codes[c.code % codes.length];
      if (!s || !target) return [];
      const text = s.content.text;
      const start = onCharacter(text, Math.min(c.a, c.b) % (text.length + 1));
      const end = onCharacter(text, Math.max(c.a, c.b) % (text.length + 1));
      return start < end ? [coding(who(c.coder), s.record.id, target.id, start, end, c.note)] : [];
    });
    const memos = g.memos.flatMap((m) => {
      const pick = <T extends { id: string }>(rows: readonly T[]) => rows[m.target % Math.max(rows.length, 1)]?.id;
      const id =
        m.kind === "project"
          ? "project"
          : m.kind === "source"
            ? pick(sources.map((s) => s.record))
            : m.kind === "code"
              ? pick(codes)
              : m.kind === "coding"
                ? pick(codings)
                : pick(cases);
      return id === undefined ? [] : [memo(who(m.author), m.kind, id, m.title, m.body)];
    });
    return {
      savedSearches: [],
      speakers: [],
      casePassages: [],
      coders,
      codes,
      attributes,
      cases,
      sources: sources.map((s) => s.record),
      sourceContent: sources.map((s) => s.content),
      codings,
      memos,
    };
  });

describe("round trip on generated projects (non-Latin text, emoji, CRLF files, overlapping codings, deep hierarchies)", () => {
  it("Margin -> .qdpx -> Margin keeps everything, and every export validates", async () => {
    await fc.assert(
      fc.asyncProperty(projectArb, fc.constantFrom(...TARGETS), async (tables, target) => {
        const { imported, exported } = await trip(tables, target);
        expect(view(imported.tables)).toEqual(view(tables));
        expect(imported.report.skipped).toEqual([]);
        if (schemaAvailable) {
          const verdict = validateWithXsd(utf8(unzip(exported.bytes)["project.qde"]), "Project");
          expect(verdict.output).toMatch(/validates/);
        }
      }),
      { numRuns: 40 },
    );
  });

  it(".qdpx -> Margin -> .qdpx -> Margin keeps everything Margin holds", async () => {
    await fc.assert(
      fc.asyncProperty(projectArb, fc.constantFrom(...TARGETS), async (tables, target) => {
        const first = await trip(tables, target, "first.qdpx");
        const second = await trip(first.imported.tables, target, "second.qdpx");
        expect(view(second.imported.tables)).toEqual(view(first.imported.tables));
      }),
      { numRuns: 20 },
    );
  });
});

// ---- real files -----------------------------------------------------------------------------

const repoRoot = fileURLToPath(new URL("../../../..", import.meta.url));
const QDPX_DIR = path.resolve(repoRoot, "../shared/corpus/qdpx");
const corpus = fs.existsSync(QDPX_DIR)
  ? fs
      .readdirSync(QDPX_DIR)
      .filter((f) => f.endsWith(".qdpx"))
      .sort()
  : [];
if (corpus.length === 0)
  console.warn(`NOTICE: ${QDPX_DIR} is absent; the real-file round trips are skipped (the generated ones still run).`);

describe.skipIf(corpus.length === 0)("real REFI-QDA files -> Margin -> .qdpx -> Margin", () => {
  for (const file of corpus) {
    it(`${file}: re-export validates and re-imports to the same project`, async () => {
      const first = await importQdpx(new Uint8Array(fs.readFileSync(path.join(QDPX_DIR, file))), file, { now: NOW });
      for (const target of TARGETS) {
        const again = await trip(first.tables, target, `${file} (Margin export)`);
        if (schemaAvailable) {
          const verdict = validateWithXsd(utf8(unzip(again.exported.bytes)["project.qde"]), "Project");
          expect(verdict.output).toMatch(/validates/);
        }
        expect(view(again.imported.tables)).toEqual(view(first.tables));
      }
      // Sanity: the comparison sees the real content (NVivo projects hold hundreds of codings).
      if (/^nvivo-win/.test(file)) expect(view(first.tables).codings.length).toBeGreaterThan(250);
    });
  }
});
