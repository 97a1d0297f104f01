/**
 * Issue 16 item 3: the Speakers view. A focus group (generated here) is imported; the facilitator is
 * marked, two label variants of P2 are merged, the turns of P1 and P2 are coded to new cases in one
 * step (undone and redone as one), and to a new code seen in Coded segments.
 */
import { expect, test, type Page } from "@playwright/test";
import { completeFirstRun, createProject, seriousA11yViolations } from "./helpers/app";
import { DOCX_MIME } from "./helpers/files";
import { makeTranscriptDocx } from "../fixtures/docx/generate";

const TURNS = [
  { speaker: "Facilitator", text: "Welcome everyone, let us start with introductions." },
  { speaker: "P1", text: "I am a ward nurse and I mostly work nights." },
  { speaker: "P2 (nurse)", text: "I work days on the same ward." },
  { speaker: "Facilitator", text: "How did the new system change your handovers?" },
  { speaker: "P1", text: "Handovers got slower at first." },
  { speaker: "P2 (nurse)", text: "The printouts helped us a lot." },
  { speaker: "P2", text: "We still use paper sometimes." },
  { speaker: "Facilitator", text: "Anything else you would like to add?" },
  { speaker: "P1", text: "The training was far too short." },
];

const nav = (page: Page) => page.getByRole("navigation", { name: "Project navigator" });
const speakers = (page: Page) => page.getByRole("table", { name: "Speakers" });
const speakerRow = (page: Page, name: string) =>
  speakers(page)
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name, exact: true }) });

async function importFocusGroup(page: Page): Promise<void> {
  const buffer = Buffer.from(await makeTranscriptDocx({ title: "Ward focus group", turns: TURNS }));
  await page.getByRole("button", { name: "Import sources" }).click();
  const dialog = page.getByRole("dialog", { name: "Import sources" });
  const chooser = page.waitForEvent("filechooser");
  await dialog.getByRole("button", { name: "Choose files…" }).click();
  await (await chooser).setFiles([{ name: "Ward focus group.docx", mimeType: DOCX_MIME, buffer }]);
  await expect(dialog.getByRole("status").first()).toHaveText("1 imported, 0 duplicates, 0 failed", { timeout: 30_000 });
  await dialog.getByRole("button", { name: "Done" }).click();
}

test("speakers: roles, merging label variants, turns to cases in one undoable step, and to a new code", async ({ page }) => {
  await completeFirstRun(page);
  await createProject(page, "Focus groups");
  await importFocusGroup(page);

  await nav(page)
    .getByRole("link", { name: /Speakers/ })
    .click();
  await expect(speakers(page)).toBeVisible({ timeout: 20_000 });
  await expect(speakers(page).getByRole("rowheader")).toHaveText(["Facilitator", "P1", "P2 (nurse)", "P2"]);
  // Cells: tick, labels, role, turns, words (labels left out), sources.
  const p1 = speakerRow(page, "P1").getByRole("cell");
  await expect(p1.nth(1)).toHaveText("P1");
  await expect(p1.nth(3)).toHaveText("3");
  await expect(p1.nth(4)).toHaveText("21");
  await expect(p1.nth(5)).toHaveText("Ward focus group");
  await expect(page.getByLabel("Role of Facilitator")).toHaveValue("");
  // The variants are offered as one speaker.
  await expect(page.getByRole("region", { name: "Suggested merges" })).toContainText("“P2 (nurse)”, “P2”");

  expect(await seriousA11yViolations(page)).toEqual([]);

  // Mark the facilitator.
  await page.getByLabel("Role of Facilitator").selectOption("facilitator");
  await expect(page.getByRole("status").filter({ hasText: "Facilitator marked as facilitator." })).toBeVisible();
  await expect(page.getByLabel("Role of Facilitator")).toHaveValue("facilitator");

  // Merge "P2 (nurse)" with "P2".
  await page.getByLabel("Select P2 (nurse)").check();
  await page.getByLabel("Select P2", { exact: true }).check();
  await page.getByRole("button", { name: "Merge labels…" }).click();
  const merge = page.getByRole("dialog", { name: "Merge speaker labels" });
  await expect(merge.getByLabel("Speaker name")).toHaveValue("P2");
  await merge.getByRole("button", { name: "Merge" }).click();
  await expect(speakers(page).getByRole("rowheader")).toHaveText(["Facilitator", "P1", "P2"]);
  await expect(speakerRow(page, "P2")).toContainText("P2 (nurse), P2");
  await expect(speakerRow(page, "P2").getByRole("cell").nth(3)).toHaveText("3");
  await expect(page.getByRole("region", { name: "Suggested merges" })).toHaveCount(0);

  // Code the turns of P1 and P2 to cases (new cases named after them), in one step.
  await page.getByLabel("Select P1").check();
  await page.getByLabel("Select P2", { exact: true }).check();
  await page.getByRole("button", { name: "Code turns…" }).click();
  const code = page.getByRole("dialog", { name: "Code turns" });
  await expect(code.getByLabel("A case for each speaker, named after it")).toBeChecked();
  const preview = code.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText("6 turns in 1 source");
  await expect(preview.getByRole("row").filter({ hasText: "P1 (new case)" })).toContainText("3");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await code.getByRole("button", { name: "Apply" }).click();
  await expect(code).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Coded 6 turns to cases “P1”, “P2”." })).toBeVisible();

  // The passages are on the cases.
  await nav(page)
    .getByRole("link", { name: /Cases & attributes/ })
    .click();
  const sheet = page.getByRole("grid", { name: "Cases and attributes" });
  await expect(sheet.getByRole("columnheader", { name: "Passages" })).toBeVisible();
  const caseRow = (name: string) => sheet.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  await expect(caseRow("P1").getByRole("gridcell")).toHaveText(["0 sources", "3 passages"]);
  await expect(caseRow("P2").getByRole("gridcell")).toHaveText(["0 sources", "3 passages"]);
  // A project without attributes: the row's cells lie side by side (a `repeat(0, …)` template once
  // stacked them over the next rows, so this click landed on P2).
  await caseRow("P1")
    .getByRole("button", { name: /3 passages/ })
    .click();
  const passages = page.getByRole("dialog", { name: "Passages of P1" });
  await expect(passages.getByRole("listitem")).toHaveCount(3);
  await expect(passages.getByRole("listitem").first()).toContainText("I am a ward nurse and I mostly work nights.");
  await passages.getByRole("button", { name: "Close" }).click();

  // Undo in one step: the cases and all their passages go; Redo brings them back.
  await page.getByRole("button", { name: /^Undo Autocoded speaker turns of P1, P2/ }).click();
  await expect(page.getByText("No cases yet.")).toBeVisible();
  await page.getByRole("button", { name: /^Redo Autocoded speaker turns of P1, P2/ }).click();
  await expect(caseRow("P2").getByRole("gridcell")).toHaveText(["0 sources", "3 passages"]);

  // The source shows its passages by case, beside the text.
  await nav(page)
    .getByRole("link", { name: /^Sources/ })
    .click();
  await page.getByRole("table", { name: "Sources" }).getByRole("link", { name: "Ward focus group" }).click();
  const inSource = page.getByRole("list", { name: "Case passages in this source" });
  await expect(inSource.getByRole("listitem")).toHaveText([/^P1 \(3 passages\)/, /^P2 \(3 passages\)/]);
  await expect(inSource.getByRole("link", { name: "Passage 1 of P1" })).toHaveAttribute("href", /\/source\/.+\?at=\d+-\d+$/);

  // Code P1's turns to a new code, and see the codings in Coded segments.
  await nav(page)
    .getByRole("link", { name: /Speakers/ })
    .click();
  await page.getByLabel("Select P1").check();
  await page.getByRole("button", { name: "Code turns…" }).click();
  await code.getByLabel("A new code").check();
  await code.getByLabel("New code name").fill("Night work");
  await expect(preview).toContainText("3 turns in 1 source");
  await code.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Coded 3 turns to new code “Night work”." })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Undo Autocoded speaker turns of P1 → new code “Night work”, 3 turns/ })).toBeVisible();

  // Again to the existing code: the preview says all three are already coded.
  await page.getByLabel("Select P1").check();
  await page.getByRole("button", { name: "Code turns…" }).click();
  await code.getByLabel("An existing code").check();
  await code.getByRole("listbox", { name: "Code: codes" }).getByRole("option", { name: "Night work" }).click();
  await expect(preview.getByRole("row").filter({ hasText: "Ward focus group" }).getByRole("cell")).toHaveText([
    "Ward focus group",
    "3",
    "3",
  ]);
  await code.getByRole("button", { name: "Cancel" }).click();

  await nav(page)
    .getByRole("link", { name: /Coded segments/ })
    .click();
  const segments = page.getByRole("region", { name: "Coded segments" });
  await segments.getByRole("list", { name: "Code checklist" }).getByRole("checkbox", { name: "Night work", exact: true }).check();
  const found = segments.getByRole("list", { name: "Segments" }).getByRole("listitem");
  await expect(found).toHaveCount(3);
  await expect(found.first()).toContainText("I am a ward nurse and I mostly work nights.");
  await expect(found.first()).not.toContainText("P1:");
});
