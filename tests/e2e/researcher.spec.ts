/**
 * One researcher's session on the coding screen, start to finish, as the coding issue describes it:
 * import transcripts, load a deductive codebook, code by mouse and by keyboard alone, in vivo,
 * overlapping codings, annotate, a code memo, retrieve and jump back to the source, merge and undo,
 * and after a reload every coding is exactly as it was.
 */
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ConvertedSource } from "../../shared/import/types";
import { parseCsv } from "../../shared/cases/csv";
import { moveCaret, type CaretUnit } from "../../shared/text/caret";
import { completeFirstRun, createProject, seriousA11yViolations } from "./helpers/app";
import { DOCX_MIME, type FilePayload } from "./helpers/files";
import { convert, dragSelect, findInSource as find, importAndOpen, waitForSelection } from "./helpers/viewer";
import { makeSyntheticInterview, syntheticInterviewDocx } from "../fixtures/docx/synthetic";

const CODEBOOK = fileURLToPath(new URL("../fixtures/codebook/researcher-codebook.csv", import.meta.url));
const ME = "Amira Patel";
const P01 = "GDE_SiteA_P01";
const MEMO = "Training came up as the reason for most workarounds; compare with the ward managers' accounts.";
const NOTE = "Said with some irony: the discharge summaries were a sore point.";

type Span = { start: number; end: number };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const codes = (page: Page) =>
  page.getByRole("complementary", { name: "Codes and memos" }).getByRole("region", { name: "Codes", exact: true });
const item = (page: Page, name: string) => codes(page).getByRole("tree", { name: "Codes" }).getByRole("treeitem", { name, exact: true });
const stripe = (page: Page, code: string) =>
  page.getByRole("group", { name: "Coding stripes" }).getByRole("button", { name: new RegExp(`^Coding: ${escape(code)}, by ${ME}, `) });
const segments = (page: Page) => page.getByRole("region", { name: "Coded segments" });
const navigator = (page: Page) => page.getByRole("navigation", { name: "Project navigator" });

/** Ctrl+K, type, check the highlighted code is the one meant, Enter. */
async function codeWithPalette(page: Page, typed: string, expected: RegExp, beforeEnter?: () => Promise<void>): Promise<void> {
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Code the selection" });
  await expect(palette.getByRole("combobox", { name: "Code name or path" })).toBeFocused();
  await page.keyboard.type(typed);
  await expect(palette.getByRole("option", { selected: true })).toHaveText(expected);
  if (beforeEnter) await beforeEnter();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toHaveCount(0);
}

async function focusPage(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
}

/** Every coding as the retrieval view exports it (ANY of the top-level codes with sub-codes: one row per coding). */
async function exportedCodings(page: Page, expectedCount: number): Promise<string[]> {
  await navigator(page)
    .getByRole("link", { name: /Coded segments/ })
    .click();
  const checklist = segments(page).getByRole("list", { name: "Code checklist" });
  for (const name of ["Technology", "People", "a recurring theme"]) await checklist.getByRole("checkbox", { name, exact: true }).check();
  await expect(segments(page).getByRole("checkbox", { name: "Include sub-codes" })).toBeChecked();
  await expect(segments(page).getByText(/^\d+ segments? from \d+ sources?/)).toHaveText(`${expectedCount} segments from 1 source`);
  await segments(page).getByRole("checkbox", { name: "Select all" }).check();
  const download = page.waitForEvent("download");
  await segments(page).getByRole("button", { name: "Export selected as CSV" }).click();
  const parsed = parseCsv(
    readFileSync(await (await download).path())
      .toString("utf8")
      .replace(/^\uFEFF/, ""),
  );
  expect(parsed.problems).toEqual([]);
  const [header, ...records] = parsed.records.map((r) => r.cells);
  expect(header).toEqual(["Code", "Source", "Cases", "Coder", "Date coded", "Start", "End", "Text"]);
  // code path | source | coder | start | end | text
  return records.map((r) => [r[0], r[1], r[3], r[5], r[6], r[7]].join(" | ")).sort();
}

/** The stripes of P01 (code, coder, date, annotated) and the annotation read back in the coding panel. */
async function stripesAndNote(page: Page): Promise<{ stripes: string[]; note: string }> {
  await navigator(page)
    .getByRole("link", { name: /Sources/ })
    .click();
  await page.getByRole("table", { name: "Sources" }).getByRole("link", { name: P01, exact: true }).click();
  const buttons = page.getByRole("group", { name: "Coding stripes" }).getByRole("button");
  await expect(buttons.first()).toBeVisible();
  const stripes = (
    await buttons.evaluateAll((els) =>
      els.map((el) => `${(el as HTMLElement).dataset.start}-${(el as HTMLElement).dataset.end} ${el.getAttribute("aria-label") ?? ""}`),
    )
  ).sort();
  const annotated = page.getByRole("group", { name: "Coding stripes" }).getByRole("button", { name: /, annotated$/ });
  await expect(annotated).toHaveCount(1);
  await annotated.click();
  const panel = page.getByRole("region", { name: /^Coding: / });
  const note = await panel.getByRole("textbox", { name: "Annotation" }).inputValue();
  await panel.getByRole("button", { name: "Close coding panel" }).click();
  return { stripes, note };
}

test("a researcher's session: import, codebook, code by mouse and keyboard, memo, retrieve, merge, undo, reload", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await completeFirstRun(page);
  await createProject(page, "GDE evaluation");

  // ---- Import three generated transcripts; P01 (the one coded) is converted here too, for its offsets.
  const files: FilePayload[] = [];
  let source: ConvertedSource | null = null;
  for (let i = 1; i <= 3; i++) {
    const bytes = await syntheticInterviewDocx(makeSyntheticInterview(i, 450, { participant: `P0${i}` }));
    files.push({ name: `GDE_SiteA_P0${i}.docx`, mimeType: DOCX_MIME, buffer: Buffer.from(bytes) });
    if (i === 1) source = await convert(bytes, `${P01}.docx`);
  }
  if (!source) throw new Error("no P01");
  const text = source.text;
  await importAndOpen(page, files, P01);
  await expect(navigator(page).getByRole("link", { name: /Sources\s*3/ })).toBeVisible();

  // ---- A deductive codebook from CSV: preview, then apply.
  const chooser = page.waitForEvent("filechooser");
  await codes(page).getByRole("button", { name: "Codebook" }).click();
  await page.getByRole("menu", { name: "Codebook" }).getByRole("menuitem", { name: "Import codebook…" }).click();
  await (await chooser).setFiles(CODEBOOK);
  const preview = page.getByRole("dialog", { name: "Import codebook “researcher-codebook.csv”" });
  await expect(preview.getByRole("region", { name: "Codes to create (6)" }).getByRole("listitem")).toHaveText([
    "Technology",
    "Technology / Usability",
    "Technology / Interoperability",
    "People",
    "People / Workload",
    "People / Training",
  ]);
  await preview.getByRole("button", { name: "Apply" }).click();
  await expect(preview).toHaveCount(0);
  await expect(codes(page).getByRole("status")).toHaveText("Imported “researcher-codebook.csv”: 6 codes created, 0 codes updated.");

  // ---- Five codings with the mouse: drag, Ctrl+K, a path, Enter. axe with the palette open on the first.
  const expected: { code: string; span: Span }[] = [];
  const mouse: [string, string, RegExp, string][] = [
    ["frustrated by the alert fatigue", "peop/work", /^People › Workload/, "People/Workload"],
    ["worked around the referral pathway", "tech/inter", /^Technology › Interoperability/, "Technology/Interoperability"],
    ["kept raising concerns about the new order sets", "tech/usab", /^Technology › Usability/, "Technology/Usability"],
    [
      "struggled with the data migration from the old system",
      "tech/inter",
      /^Technology › Interoperability/,
      "Technology/Interoperability",
    ],
    ["the matrons relied on the discharge summaries", "peop/work", /^People › Workload/, "People/Workload"],
  ];
  for (const [i, [needle, typed, option, code]] of mouse.entries()) {
    const span = await dragSelect(page, source, needle);
    await codeWithPalette(page, typed, option, i === 0 ? async () => expect(await seriousA11yViolations(page)).toEqual([]) : undefined);
    await expect(stripe(page, code.split("/").pop() ?? code).and(page.locator(`[data-start="${span.start}"]`))).toHaveAttribute(
      "data-end",
      String(span.end),
    );
    expected.push({ code, span });
  }

  // ---- Five codings with the keyboard alone: no mouse from here to the in-vivo code.
  const region = page.getByRole("region", { name: "Source text" });
  await page.getByRole("button", { name: "Keyboard shortcuts" }).focus();
  await page.keyboard.press("Tab");
  await expect(region).toBeFocused();
  const caretOffset = async () => Number(await page.locator("[data-reading-caret]").getAttribute("data-reading-caret"));
  let caret = await caretOffset();
  const keys: string[] = [];
  const step = (key: string, unit: CaretUnit, direction: 1 | -1) => {
    keys.push(key);
    caret = moveCaret(text, source.blocks, caret, unit, direction);
  };
  const flush = async () => {
    for (const key of keys.splice(0)) await page.keyboard.press(key);
    await expect.poll(caretOffset).toBe(caret);
  };
  /** Plans the keys (paragraphs, then words, then characters) with the viewer's own caret rules. */
  const moveTo = async (target: number) => {
    while (caret !== target) {
      if (caret > target) throw new Error(`caret ${caret} is past ${target}`);
      const paragraph = moveCaret(text, source.blocks, caret, "paragraph", 1);
      const word = moveCaret(text, source.blocks, caret, "word", 1);
      if (paragraph > caret && paragraph <= target) step("Control+ArrowDown", "paragraph", 1);
      else if (word > caret && word <= target) step("Control+ArrowRight", "word", 1);
      else if (word > target && moveCaret(text, source.blocks, word, "word", -1) === target) {
        step("Control+ArrowRight", "word", 1);
        step("Control+ArrowLeft", "word", -1);
      } else step("ArrowRight", "character", 1);
    }
    await flush();
  };
  const selectTo = async (end: number) => {
    while (caret !== end) {
      const word = moveCaret(text, source.blocks, caret, "word", 1);
      if (word > caret && word <= end) step("Control+Shift+ArrowRight", "word", 1);
      else step("Shift+ArrowRight", "character", 1);
    }
    await flush();
  };
  const keyboardSelect = async (needle: string): Promise<Span> => {
    const span = find(source, needle);
    await moveTo(span.start);
    await selectTo(span.end);
    await waitForSelection(page, span);
    return span;
  };

  step("Control+Home", "document", -1);
  await flush();
  expect(caret).toBe(0);
  const keyboard: [string, string, RegExp, string][] = [
    ["underestimated the smartcard log-in times", "tech/usab", /^Technology › Usability/, "Technology/Usability"],
    ["were anxious about the results acknowledgement process", "peop/work", /^People › Workload/, "People/Workload"],
    ["the programme board struggled with the shared care record", "Technology", /^Technology$/, "Technology"],
    ["struggled with the e-prescribing module", "tech/inter", /^Technology › Interoperability/, "Technology/Interoperability"],
    ["really valued the downtime procedures", "peop/train", /^People › Training/, "People/Training"],
  ];
  for (const [needle, typed, option, code] of keyboard) {
    const span = await keyboardSelect(needle);
    await codeWithPalette(page, typed, option);
    await expect(region).toBeFocused();
    await expect(stripe(page, code.split("/").pop() ?? code).and(page.locator(`[data-start="${span.start}"]`))).toHaveAttribute(
      "data-end",
      String(span.end),
    );
    expected.push({ code, span });
  }

  // ---- In vivo (still the keyboard): the selected words become a new top-level code.
  step("Control+Home", "document", -1);
  await flush();
  const recurring = await keyboardSelect("a recurring theme");
  await page.keyboard.press("Control+i");
  await expect(stripe(page, "a recurring theme")).toHaveAttribute("data-start", String(recurring.start));
  await expect(item(page, "a recurring theme")).toHaveAttribute("aria-level", "1");
  expected.push({ code: "a recurring theme", span: recurring });

  // ---- Two overlapping codings, both visible: a stripe each, named by its code.
  const boardUsed = await dragSelect(page, source, "the integrated care board got used to the discharge summaries");
  await codeWithPalette(page, "peop/train", /^People › Training/);
  // A press inside a selection drags that selection (to a code) instead of starting a new one: clear it.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("status").filter({ hasText: "No text selected" })).toBeVisible();
  const summariesEven = await dragSelect(page, source, "the discharge summaries, even though the business case");
  await codeWithPalette(page, "tech/usab", /^Technology › Usability/);
  expected.push({ code: "People/Training", span: boardUsed }, { code: "Technology/Usability", span: summariesEven });
  expect(summariesEven.start).toBeLessThan(boardUsed.end);
  const training = stripe(page, "Training").and(page.locator(`[data-start="${boardUsed.start}"]`));
  const usability = stripe(page, "Usability").and(page.locator(`[data-start="${summariesEven.start}"]`));
  await expect(training).toBeVisible();
  await expect(usability).toBeVisible();
  await expect(training).toHaveAttribute("data-end", String(boardUsed.end));
  await expect(usability).toHaveAttribute("data-end", String(summariesEven.end));
  // The overlap is painted as doubly coded.
  const depth = await page.evaluate(() => {
    const texts: string[] = [];
    CSS.highlights.forEach((h, name) => {
      if (name === "margin-coding-depth-2") texts.push(...[...h].map((r) => (r instanceof Range ? r.toString() : "")));
    });
    return texts;
  });
  expect(depth).toContain("the discharge summaries");

  // ---- Annotate a coding.
  await usability.click();
  const codingPanel = page.getByRole("region", { name: "Coding: Technology › Usability" });
  await expect(codingPanel.locator("[data-coded-text]")).toHaveText(text.slice(summariesEven.start, summariesEven.end));
  await codingPanel.getByRole("textbox", { name: "Annotation" }).fill(NOTE);
  await codingPanel.getByRole("button", { name: "Save annotation" }).click();
  await expect(codingPanel.getByText("Saved", { exact: true })).toBeVisible();
  await expect(usability).toHaveAccessibleName(/, annotated$/);
  await codingPanel.getByRole("button", { name: "Close coding panel" }).click();

  // ---- A memo on a code, from its properties.
  await item(page, "Training").click();
  await codes(page).getByRole("button", { name: "Properties…" }).click();
  const properties = page.getByRole("dialog", { name: "Code properties" });
  const memo = properties.getByRole("region", { name: "Code memo" });
  await memo.getByLabel("Title").fill("Training and workarounds");
  await memo.getByLabel("Memo text").fill(MEMO);
  await memo.getByLabel("Title").focus(); // leaving the text saves it
  await expect(memo.getByRole("status")).toHaveText("Saved");
  await properties.getByRole("button", { name: "Save" }).click();
  await expect(properties).toHaveCount(0);

  // ---- Retrieve Technology with its sub-codes, then open one segment in its source.
  await navigator(page)
    .getByRole("link", { name: /Coded segments/ })
    .click();
  await segments(page).getByRole("list", { name: "Code checklist" }).getByRole("checkbox", { name: "Technology", exact: true }).check();
  const technologyCount = expected.filter((e) => e.code.startsWith("Technology")).length;
  expect(technologyCount).toBe(7);
  await expect(segments(page).getByText(/^\d+ segments? from \d+ sources?/)).toHaveText(`${technologyCount} segments from 1 source`);
  const smartcard = expected.find((e) => text.slice(e.span.start, e.span.end) === "underestimated the smartcard log-in times");
  if (!smartcard) throw new Error("no smartcard coding");
  const row = segments(page)
    .getByRole("list", { name: "Segments" })
    .getByRole("listitem")
    .filter({ hasText: "underestimated the smartcard log-in times" });
  await expect(row).toContainText("Technology / Usability");
  await row.getByRole("button", { name: "Open in source" }).click();
  await expect(page).toHaveURL(new RegExp(`/source/[^?]+\\?at=${smartcard.span.start}-${smartcard.span.end}$`));
  const status = page.getByRole("main").locator("[data-selection-start]");
  await expect(status).toHaveAttribute("data-selection-start", String(smartcard.span.start));
  await expect(status).toHaveAttribute("data-selection-end", String(smartcard.span.end));
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe("underestimated the smartcard log-in times");

  // ---- The whole coding set through the UI, before the merge.
  const before = await exportedCodings(page, expected.length);
  expect(before).toEqual(
    expected.map((e) => [e.code, P01, `${ME} (AP)`, e.span.start, e.span.end, text.slice(e.span.start, e.span.end)].join(" | ")).sort(),
  );
  const beforeStripes = await stripesAndNote(page);
  expect(beforeStripes.note).toBe(NOTE);
  expect(beforeStripes.stripes).toHaveLength(expected.length);

  // ---- Merge Interoperability into Usability, then undo it.
  const counts = async (interoperability: string | null, usabilityCount: string) => {
    if (interoperability === null) await expect(item(page, "Interoperability")).toHaveCount(0);
    else await expect(item(page, "Interoperability")).toHaveAccessibleDescription(interoperability);
    await expect(item(page, "Usability")).toHaveAccessibleDescription(usabilityCount);
  };
  await counts("3 codings in 1 source", "3 codings in 1 source");
  await item(page, "Interoperability").click();
  await codes(page).getByRole("button", { name: "More" }).click();
  await page.getByRole("menuitem", { name: "Merge into…" }).click();
  const merge = page.getByRole("dialog", { name: "Merge “Interoperability” into…" });
  await merge.getByRole("combobox", { name: "Merge into" }).fill("usab");
  await expect(merge.getByRole("option")).toHaveText(["Technology/Usability"]);
  await page.keyboard.press("Enter");
  await expect(merge.getByRole("region", { name: "What the merge will do" }).getByRole("listitem").first()).toHaveText(
    "3 codings move to “Usability”.",
  );
  await merge.getByRole("button", { name: "Merge" }).click();
  await expect(merge).toHaveCount(0);
  await counts(null, "6 codings in 1 source");

  const undo = page.getByRole("button", { name: "Undo Merged “Interoperability” into “Usability”" });
  await expect(undo).toBeEnabled();
  await focusPage(page);
  await page.keyboard.press("Control+z");
  await expect(page.getByRole("button", { name: "Redo Merged “Interoperability” into “Usability”" })).toBeEnabled();
  await counts("3 codings in 1 source", "3 codings in 1 source");

  // ---- Reload: every coding, the annotation and the memo exactly as before the merge.
  await page.reload();
  await expect(page.locator("[data-block-start]").first()).toBeVisible();
  await counts("3 codings in 1 source", "3 codings in 1 source");
  expect(await exportedCodings(page, expected.length)).toEqual(before);
  expect(await stripesAndNote(page)).toEqual(beforeStripes);
  await item(page, "Training").click();
  await codes(page).getByRole("button", { name: "Properties…" }).click();
  await expect(properties.getByRole("region", { name: "Code memo" }).getByLabel("Memo text")).toHaveValue(MEMO);
  await expect(properties.getByRole("region", { name: "Code memo" }).getByLabel("Title")).toHaveValue("Training and workarounds");
  await properties.getByRole("button", { name: "Cancel" }).click();
});
