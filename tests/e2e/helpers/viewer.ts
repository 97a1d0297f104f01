/**
 * Helpers for the transcript viewer's end-to-end tests: a DOCX that exercises every structure the
 * viewer draws, importing through the real "Import sources" dialog, and in-page probes.
 */
import { expect, type Page } from "@playwright/test";
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from "docx";
import { convertFile, type ConvertedSource } from "../../../shared/import";
import { makeSyntheticInterview, syntheticInterviewDocx } from "../../fixtures/docx/synthetic";
import { completeFirstRun, createProject } from "./app";
import { DOCX_MIME } from "./files";

export const VIEWER_DOC = {
  title: "Interview with P07, ward manager",
  h1: "Background",
  intro: ["The ward moved to the new record system in the spring.", "Staff were trained in small groups before go-live."],
  turns: [
    { timestamp: "[00:00:05]", speaker: "Interviewer", text: "How did the first week go?" },
    { timestamp: "[00:00:09]", speaker: "P07", text: "Honestly it was chaotic, but the nurses adapted quickly." },
  ],
  h2: "Findings",
  bullets: ["Log-in times", "Alert fatigue"],
  nestedBullet: "Especially on night shifts",
  numbered: ["Consent obtained", "Interview recorded"],
  table: [
    ["Speaker", "Said"],
    ["P07", "Nurses reacted 👍🏽 to the rota"],
    ["P12", "قال المريض إن النظام مفيد"],
  ],
  emoji: "Nurses reacted 👍🏽 and 👩‍⚕️ to the new rota 🎉 quickly",
  arabic: "قال المريض إن النظام مفيد جدا",
  // Decomposed accents: "e" followed by U+0301.
  combining: "Jose\u0301 said the cafe\u0301 had closed",
  closing: "Thank you, that is everything I wanted to ask about the rota.",
  footnote: "Recorded on the ward, with consent.",
} as const;

function cell(text: string): TableCell {
  return new TableCell({ children: [new Paragraph(text)] });
}

/** The viewer test document, as Word would save it. */
export async function makeViewerDocx(): Promise<Uint8Array> {
  const d = VIEWER_DOC;
  const children = [
    new Paragraph({ text: d.title, heading: HeadingLevel.HEADING_1 }),
    new Paragraph({ text: d.h1, heading: HeadingLevel.HEADING_2 }),
    ...d.intro.map((text) => new Paragraph(text)),
    ...d.turns.map(
      (t) =>
        new Paragraph({
          children: [new TextRun(`${t.timestamp} `), new TextRun({ text: `${t.speaker}:`, bold: true }), new TextRun(` ${t.text}`)],
        }),
    ),
    new Paragraph({ text: d.h2, heading: HeadingLevel.HEADING_2 }),
    new Paragraph({ text: d.bullets[0], bullet: { level: 0 } }),
    new Paragraph({ text: d.nestedBullet, bullet: { level: 1 } }),
    new Paragraph({ text: d.bullets[1], bullet: { level: 0 } }),
    ...d.numbered.map((text) => new Paragraph({ text, numbering: { reference: "steps", level: 0 } })),
    new Table({ rows: d.table.map((row) => new TableRow({ children: row.map(cell) })) }),
    new Paragraph({
      children: [new TextRun("Nurses reacted 👍🏽 and 👩‍⚕️ to the new rota 🎉 "), new TextRun({ text: "quickly", italics: true })],
    }),
    new Paragraph({ bidirectional: true, alignment: AlignmentType.RIGHT, children: [new TextRun({ text: d.arabic, rightToLeft: true })] }),
    new Paragraph(d.combining),
    new Paragraph(d.closing),
    // A footnote: the converter moves it to the end and says so in an import warning.
    new Paragraph({ children: [new TextRun("Transcribed verbatim."), new FootnoteReferenceRun(1)] }),
  ];
  const doc = new Document({
    numbering: { config: [{ reference: "steps", levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1." }] }] },
    footnotes: { 1: { children: [new Paragraph(d.footnote)] } },
    sections: [{ children }],
  });
  return Packer.pack(doc, "uint8array");
}

/** ~600,000 characters in ~15,000 lines: a long focus-group transcript as plain text. */
export function makeLongTranscript(lines = 15_000): string {
  const words = ["the", "ward", "nurses", "rota", "system", "patients", "training", "shift", "alerts", "record", "manager", "pharmacy"];
  const out: string[] = [];
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  for (let i = 0; i < lines; i++) {
    const speaker = i % 2 === 0 ? "Interviewer" : `P${String((i % 9) + 1).padStart(2, "0")}`;
    const length = 1 + (next() % 7);
    const said: string[] = [];
    for (let w = 0; w < length; w++) said.push(words[next() % words.length] ?? "rota");
    out.push(`${speaker}: Line ${i + 1} ${said.join(" ")}.`);
  }
  return out.join("\n");
}

/** What the app's converter makes of the file: the source text the viewer must map offsets into. */
export function convert(bytes: Uint8Array, fileName: string): Promise<ConvertedSource> {
  return convertFile(bytes, fileName);
}

/** The id of the project open in the page. */
export function projectIdFrom(page: Page): string {
  const match = /#\/project\/([^/]+)/.exec(new URL(page.url()).hash);
  if (!match?.[1]) throw new Error(`Not in a project: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

/** Imports files through the real "Import sources" dialog and opens the named source. */
export async function importAndOpen(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[], open: string): Promise<void> {
  await page.getByRole("button", { name: "Import sources" }).click();
  const dialog = page.getByRole("dialog", { name: "Import sources" });
  const chooser = page.waitForEvent("filechooser");
  await dialog.getByRole("button", { name: "Choose files…" }).click();
  await (await chooser).setFiles(files);
  await dialog.getByRole("button", { name: "Done" }).click({ timeout: 60_000 });
  await page.getByRole("link", { name: open }).click();
  await expect(page.getByRole("heading", { name: open, level: 2 })).toBeVisible();
  await expect(page.locator("[data-block-start]").first()).toBeVisible();
}

export interface SelectionStatus {
  start: number;
  end: number;
}

/** The offsets the page reports for the current selection (the status line's data attributes). */
export async function selectionStatus(page: Page): Promise<SelectionStatus | null> {
  const status = page.locator("[data-selection-start]");
  if ((await status.count()) === 0) return null;
  const [start, end] = await Promise.all([status.getAttribute("data-selection-start"), status.getAttribute("data-selection-end")]);
  return { start: Number(start), end: Number(end) };
}

/** Waits until the page reports a selection and returns it. */
export async function waitForSelection(page: Page, expected?: SelectionStatus): Promise<SelectionStatus> {
  if (expected) {
    await expect(page.locator("[data-selection-start]")).toHaveAttribute("data-selection-start", String(expected.start));
    await expect(page.locator("[data-selection-start]")).toHaveAttribute("data-selection-end", String(expected.end));
  } else {
    await expect(page.locator("[data-selection-start]")).toHaveCount(1);
  }
  const status = await selectionStatus(page);
  if (!status) throw new Error("no selection");
  return status;
}

/**
 * Selects source characters by building a DOM range in the TEST, independently of the app's mapping:
 * it walks a block's text nodes (skipping data-ui decorations) to the given UTF-16 positions.
 */
export async function selectInBlocks(
  page: Page,
  from: { blockStart: number; at: number },
  to: { blockStart: number; at: number },
): Promise<void> {
  await page.evaluate(
    ({ from, to }) => {
      const point = (blockStart: number, at: number): [Node, number] => {
        const block = document.querySelector(`[data-block-start="${blockStart}"]`);
        if (!block) throw new Error(`block ${blockStart} is not rendered`);
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        let left = at;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.parentElement?.closest("[data-ui]")) continue;
          const length = (node as Text).length;
          if (left <= length) return [node, left];
          left -= length;
        }
        throw new Error(`offset ${at} is past block ${blockStart}`);
      };
      const range = document.createRange();
      range.setStart(...point(from.blockStart, from.at));
      range.setEnd(...point(to.blockStart, to.at));
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    },
    { from, to },
  );
}

/** Screen box of one source character (block-relative UTF-16 index), measured in the page. */
export async function charBox(
  page: Page,
  blockStart: number,
  at: number,
): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.evaluate(
    ({ blockStart, at }) => {
      const block = document.querySelector(`[data-block-start="${blockStart}"]`);
      if (!block) throw new Error(`block ${blockStart} is not rendered`);
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      let left = at;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest("[data-ui]")) continue;
        const length = (node as Text).length;
        if (left < length) {
          const range = document.createRange();
          range.setStart(node, left);
          range.setEnd(node, left + 1);
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
        left -= length;
      }
      throw new Error("character not found");
    },
    { blockStart, at },
  );
}

let mappingBundle: string | null = null;

/**
 * Loads renderer/sources/viewer/selectionMapping.ts into the page as `window.__viewerMapping`, so the
 * tests call offsetsToRange/rangeToOffsets on the real rendered DOM. Test-only: nothing in the app
 * exposes it (evaluate is not subject to the page's CSP).
 */
export async function loadMappingIntoPage(page: Page): Promise<void> {
  if (!mappingBundle) {
    const entry = fileURLToPath(new URL("../../../renderer/sources/viewer/selectionMapping.ts", import.meta.url));
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      format: "iife",
      globalName: "__viewerMappingModule",
      write: false,
      target: "es2022",
    });
    mappingBundle = `${result.outputFiles[0]?.text ?? ""}\nwindow.__viewerMapping = __viewerMappingModule;`;
  }
  await page.evaluate(`(() => { ${mappingBundle} })()`);
}

/** Offsets of the n-th occurrence of `needle` in the source text. */
export function findInSource(source: ConvertedSource, needle: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = source.text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in the text`);
  return { start: at, end: at + needle.length };
}

/**
 * Drags with the mouse from inside the first word of `needle` to inside its last word: the viewer
 * snaps the selection to whole words, so the selection must come out as exactly `needle`.
 */
export async function dragSelect(
  page: Page,
  source: ConvertedSource,
  needle: string,
  occurrence = 0,
): Promise<{ start: number; end: number }> {
  const want = findInSource(source, needle, occurrence);
  const block = source.blocks.find((b) => b.start <= want.start && want.end <= b.end);
  if (!block) throw new Error("needle crosses blocks");
  await page.locator(`[data-block-start="${block.start}"]`).scrollIntoViewIfNeeded();
  const from = await charBox(page, block.start, want.start - block.start + 2);
  const to = await charBox(page, block.start, want.end - block.start - 2);
  // Pressed at the character's left edge (as viewer.spec does): a press mid-glyph in headless
  // Chromium sometimes only moves the caret while dragging.
  await page.mouse.move(from.x + 1, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 6 });
  await page.mouse.up();
  await waitForSelection(page, want);
  return want;
}

/** Mouse drag across `needle`, then Ctrl+K and the code name (created on first use). */
export async function dragAndCode(page: Page, source: ConvertedSource, needle: string, codeName: string): Promise<void> {
  await dragSelect(page, source, needle);
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Code the selection" });
  await page.keyboard.type(codeName);
  await expect(palette.getByRole("option", { selected: true })).toContainText(codeName);
  await page.keyboard.press("Enter");
  await expect(palette).toHaveCount(0);
}

/**
 * First run, a new project "GDE evaluation", and a synthetic three-turn interview (participant P03)
 * imported through the UI and opened. Returns the app's own conversion: the text the codings count in.
 */
export async function openSyntheticInterview(page: Page, name: string): Promise<ConvertedSource> {
  const interview = makeSyntheticInterview(3, 450, { participant: "P03" });
  const bytes = await syntheticInterviewDocx(interview);
  const source = await convert(bytes, `${name}.docx`);
  await completeFirstRun(page);
  await createProject(page, "GDE evaluation");
  await importAndOpen(page, [{ name: `${name}.docx`, mimeType: DOCX_MIME, buffer: Buffer.from(bytes) }], name);
  return source;
}
