import { expect, test, type Locator, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { completeFirstRun, createProject } from "./helpers/app";
import { selectInBlocks, waitForSelection } from "./helpers/viewer";
import { makeOutlineDocx, OUTLINE } from "../fixtures/codebook/outline";

const CSV_PATH = fileURLToPath(new URL("../fixtures/codebook/deductive-codebook.csv", import.meta.url));
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const panel = (page: Page) =>
  page.getByRole("complementary", { name: "Codes and memos" }).getByRole("region", { name: "Codes", exact: true });
const tree = (page: Page) => panel(page).getByRole("tree", { name: "Codes" });
const item = (page: Page, name: string) => tree(page).getByRole("treeitem", { name, exact: true });

/** Every shown code as "level:name", in tree order. */
async function outline(page: Page): Promise<string[]> {
  const items = tree(page).getByRole("treeitem");
  return items.evaluateAll((els) => els.map((el) => `${el.getAttribute("aria-level")}:${el.getAttribute("aria-label")}`));
}

async function expectOutline(page: Page, expected: string[]): Promise<void> {
  await expect.poll(() => outline(page)).toEqual(expected);
}

async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}

async function openCodebookMenu(page: Page, item: "Import codebook…" | "Export codebook…"): Promise<void> {
  await panel(page).getByRole("button", { name: "Codebook" }).click();
  await page.getByRole("menu", { name: "Codebook" }).getByRole("menuitem", { name: item }).click();
}

async function importCodebook(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<Locator> {
  const chooser = page.waitForEvent("filechooser");
  await openCodebookMenu(page, "Import codebook…");
  await (await chooser).setFiles(file);
  const name = typeof file === "string" ? (file.split("/").pop() ?? "") : file.name;
  return page.getByRole("dialog", { name: `Import codebook “${name}”` });
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await completeFirstRun(page);
  await createProject(page, "Shared care record evaluation");
});

test("codes and sub-codes by mouse and keyboard; reorder, indent, rename, filter, drag", async ({ page }) => {
  // Mouse: New code, type, Add code.
  await panel(page).getByRole("button", { name: "New code" }).click();
  const form = panel(page).getByRole("form", { name: "New code" });
  await form.getByLabel("New code name").fill("Technology");
  await form.getByRole("button", { name: "Add code" }).click();
  await expect(item(page, "Technology")).toHaveAttribute("aria-level", "1");
  // Keyboard: the form stays open and focused; Enter adds the next.
  await expect(form.getByLabel("New code name")).toBeFocused();
  await page.keyboard.type("People");
  await page.keyboard.press("Enter");
  await expect(item(page, "People")).toBeVisible();
  // Names are unique among siblings: the message shows in the form.
  await page.keyboard.type("people ");
  await page.keyboard.press("Enter");
  await expect(form.getByRole("alert")).toHaveText("There is already a code called “people” there.");
  await page.keyboard.press("Escape");
  await expect(form).toHaveCount(0);

  // Mouse: a sub-code of the selected code.
  await item(page, "Technology").click();
  await expect(item(page, "Technology")).toHaveAttribute("aria-selected", "true");
  await panel(page).getByRole("button", { name: "New sub-code" }).click();
  await expect(form.getByLabel("Place")).toHaveValue((await item(page, "Technology").getAttribute("data-code-id")) ?? "");
  await form.getByLabel("New code name").fill("Usability");
  await form.getByRole("button", { name: "Add code" }).click();
  await expect(item(page, "Usability")).toHaveAttribute("aria-level", "2");
  await form.getByRole("button", { name: "Close" }).click();

  // Keyboard: context menu (Shift+F10) on People → New sub-code.
  await item(page, "People").focus();
  await page.keyboard.press("Shift+F10");
  const menu = page.getByRole("menu", { name: "Actions for “People”" });
  await expect(menu.getByRole("menuitem", { name: "Code selection" })).toBeFocused();
  await expect(menu.getByRole("menuitem", { name: "Code selection" })).toHaveAttribute("aria-disabled", "true");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(form.getByLabel("New code name")).toBeFocused();
  for (const name of ["Trust", "Workload", "Time"]) {
    await page.keyboard.type(name);
    await page.keyboard.press("Enter");
    await expect(item(page, name)).toHaveAttribute("aria-level", "2");
  }
  await page.keyboard.press("Escape");
  await expectOutline(page, ["1:Technology", "2:Usability", "1:People", "2:Trust", "2:Workload", "2:Time"]);

  // Arrow keys (selection follows focus), Alt+arrows to reorder, indent and outdent.
  await item(page, "Time").focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expectOutline(page, ["1:Technology", "2:Usability", "1:People", "2:Trust", "2:Time", "2:Workload"]);
  await expect(item(page, "Time")).toBeFocused();
  await page.keyboard.press("Alt+ArrowRight"); // inside Trust, the sibling above
  await expectOutline(page, ["1:Technology", "2:Usability", "1:People", "2:Trust", "3:Time", "2:Workload"]);
  await expect(item(page, "Time")).toBeFocused();
  await page.keyboard.press("Alt+ArrowLeft");
  await page.keyboard.press("Alt+ArrowLeft");
  await expectOutline(page, ["1:Technology", "2:Usability", "1:People", "2:Trust", "2:Workload", "1:Time"]);
  await expect(panel(page).getByRole("status")).toHaveText("Moved “Time” out one level.");
  await page.keyboard.press("Alt+ArrowUp");
  await expectOutline(page, ["1:Technology", "2:Usability", "1:Time", "1:People", "2:Trust", "2:Workload"]);
  await page.keyboard.press("Home");
  await expect(item(page, "Technology")).toBeFocused();
  await expect(item(page, "Technology")).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowLeft");
  await expect(item(page, "Technology")).toHaveAttribute("aria-expanded", "false");
  await expect(item(page, "Usability")).toHaveCount(0);
  await expect(item(page, "Technology")).toHaveAccessibleDescription("0 codings in 0 sources, including sub-codes");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(item(page, "Usability")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(item(page, "People")).toBeFocused();
  await page.keyboard.press("ArrowRight"); // open already: to its first sub-code
  await expect(item(page, "Trust")).toBeFocused();
  await page.keyboard.press("ArrowLeft"); // a leaf: to its parent
  await expect(item(page, "People")).toBeFocused();
  await page.keyboard.press("t"); // type-ahead: the next name starting with t
  await expect(item(page, "Trust")).toBeFocused();

  // F2 renames in place; a clash is reported there; Escape cancels.
  await page.keyboard.press("F2");
  const rename = tree(page).getByRole("textbox", { name: "New name for “Trust”" });
  await expect(rename).toBeFocused();
  await page.keyboard.type("Confidence");
  await page.keyboard.press("Enter");
  await expect(item(page, "Confidence")).toBeFocused();
  await page.keyboard.press("F2");
  await page.keyboard.type("workload");
  await page.keyboard.press("Enter");
  await expect(tree(page).getByRole("alert")).toHaveText("There is already a code called “workload” there.");
  await page.keyboard.press("Escape");
  await expect(item(page, "Confidence")).toBeFocused();

  // Filter: matches with their ancestors only.
  await panel(page).getByLabel("Filter codes").fill("conf");
  await expectOutline(page, ["1:People", "2:Confidence"]);
  await panel(page).getByLabel("Filter codes").fill("zzz");
  await expect(panel(page).getByText("No code matches “zzz”.")).toBeVisible();
  await panel(page).getByLabel("Filter codes").fill("");

  // Mouse: drag Usability onto the middle of People (inside), then Time above Technology.
  await item(page, "Usability").dragTo(item(page, "People"));
  await expectOutline(page, ["1:Technology", "1:Time", "1:People", "2:Confidence", "2:Workload", "2:Usability"]);
  await item(page, "Time").dragTo(item(page, "Technology"), { targetPosition: { x: 40, y: 2 } });
  await expectOutline(page, ["1:Time", "1:Technology", "1:People", "2:Confidence", "2:Workload", "2:Usability"]);
  // Not into its own sub-code: the drop is refused.
  await item(page, "People").dragTo(item(page, "Workload"));
  await expectOutline(page, ["1:Time", "1:Technology", "1:People", "2:Confidence", "2:Workload", "2:Usability"]);

  await page.reload();
  await expectOutline(page, ["1:Time", "1:Technology", "1:People", "2:Confidence", "2:Workload", "2:Usability"]);
  expect(await seriousViolations(page, "aside")).toEqual([]);

  // Properties: Enter opens them; colour by name; category; description parts.
  await item(page, "People").focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Code properties" });
  await expect(dialog.getByLabel("Name")).toHaveValue("People");
  await dialog.getByRole("radio", { name: "Teal" }).check();
  await dialog.getByRole("checkbox", { name: /Is a category/ }).check();
  await dialog.getByLabel("Definition").fill("Staff and patients.");
  await dialog.getByLabel("When not to use").fill("Organisations (use Organisation).");
  await expect(dialog.getByRole("region", { name: "Code memo" })).toBeAttached();
  expect(await seriousViolations(page, "dialog[open]")).toEqual([]);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(item(page, "People")).toHaveAccessibleDescription(/^Category\. 0 codings in 0 sources/);
  await expect(item(page, "People")).toBeFocused();
  await expect(item(page, "People").locator("span[aria-hidden=true]").nth(1)).toHaveCSS("background-color", "rgb(68, 170, 153)");
  await page.keyboard.press("Enter");
  await expect(dialog.getByLabel("When not to use")).toHaveValue("Organisations (use Organisation).");
  await expect(dialog.getByRole("radio", { name: "Teal" })).toBeChecked();
  await page.keyboard.press("Escape");
});

test("codebook import (CSV and Word) with a preview, no duplicates on re-import, CSV export", async ({ page }) => {
  const first = await importCodebook(page, CSV_PATH);
  const create = first.getByRole("region", { name: "Codes to create (6)" });
  await expect(create.getByRole("listitem")).toHaveText([
    "Technology",
    "Technology / Usability",
    "Technology / Access",
    "People",
    "People / Trust",
    "People / Workload",
  ]);
  await expect(first.getByRole("region", { name: "Problems (1)" })).toHaveText(
    /Line 5: the path has an empty name between two slashes in “Technology\/\/Speed”; the row was skipped\./,
  );
  await first.getByRole("button", { name: "Apply" }).click();
  await expect(first).toHaveCount(0);
  await expect(panel(page).getByRole("status")).toHaveText("Imported “deductive-codebook.csv”: 6 codes created, 0 codes updated.");
  const imported = ["1:Technology", "2:Usability", "2:Access", "1:People", "2:Trust", "2:Workload"];
  await expectOutline(page, imported);

  // The same file again: everything matched, nothing to create.
  const again = await importCodebook(page, CSV_PATH);
  await expect(
    again.getByText("Nothing to change: every code in this file is already in the project with the same description."),
  ).toBeVisible();
  await expect(again.getByRole("region", { name: "Already in the project, not duplicated (6)" })).toBeVisible();
  await expect(again.getByRole("button", { name: "Apply" })).toHaveCount(0);
  await again.getByRole("button", { name: "Close" }).click();
  await expectOutline(page, imported);

  // A Word outline: headings are the hierarchy, paragraphs the descriptions; Technology is matched.
  const docx = await importCodebook(page, {
    name: "Outline codebook.docx",
    mimeType: DOCX_TYPE,
    buffer: Buffer.from(await makeOutlineDocx()),
  });
  await expect(docx.getByRole("region", { name: "Codes to create (4)" }).getByRole("listitem")).toHaveText([
    "Organisation",
    "Organisation / Leadership",
    "Organisation / Culture",
    "Technology / Interoperability",
  ]);
  await expect(docx.getByRole("region", { name: "Already in the project, not duplicated (1)" })).toHaveText(/Technology/);
  expect(await seriousViolations(page, "dialog[open]")).toEqual([]);
  await docx.getByRole("button", { name: "Apply" }).click();
  await expectOutline(page, [
    ...imported.slice(0, 3),
    "2:Interoperability",
    ...imported.slice(3),
    "1:Organisation",
    "2:Leadership",
    "2:Culture",
  ]);
  await item(page, "Leadership").click();
  await panel(page).getByRole("button", { name: "Properties…" }).click();
  const props = page.getByRole("dialog", { name: "Code properties" });
  await expect(props.getByLabel("Definition")).toHaveValue(OUTLINE.codes[1].description[0]);
  await expect(props.getByLabel("When to use")).toHaveValue("board, executives or ward managers.");
  await props.getByRole("button", { name: "Cancel" }).click();

  // A bad file: a clear message naming it; nothing changed.
  const before = await outline(page);
  await importCodebook(page, { name: "minutes.docx", mimeType: DOCX_TYPE, buffer: Buffer.from("not a word document") });
  await expect(panel(page).getByRole("alert")).toContainText("“minutes.docx”");
  await expect(panel(page).getByRole("alert")).toContainText("Nothing was changed.");
  expect(await outline(page)).toEqual(before);

  // Export: a CSV with a BOM that reads back as the same tree.
  const download = page.waitForEvent("download");
  await openCodebookMenu(page, "Export codebook…");
  const file = await download;
  expect(file.suggestedFilename()).toBe("Shared care record evaluation codebook.csv");
  const bytes = readFileSync(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  expect(lines[0]).toBe("Path,Definition,When to use,When not to use,Example,Colour");
  expect(lines.map((l) => l.split(",")[0])).toEqual([
    "Path",
    "Technology",
    "Technology/Usability",
    "Technology/Access",
    "Technology/Interoperability",
    "People",
    "People/Trust",
    "People/Workload",
    "Organisation",
    "Organisation/Leadership",
    "Organisation/Culture",
    "",
  ]);
  expect(lines[2]).toMatch(
    /^Technology\/Usability,Ease of use of the record\.,"Effort, clicks or time to find information",,“it takes me six clicks”,#[0-9a-f]{6}$/i,
  );
  expect(lines[6]).toMatch(/^People\/Trust,Confidence in the record\.,,,,#009e73$/i);
});

const SOURCE_TEXT =
  "Interviewer: How has the new record changed your day?\n" +
  "P07: Logging in takes ages and the screens are cluttered, so finding the letters is slow. " +
  "But I trust the record more now, because the GP notes are there when I need them.\n";

/** Imports one plain-text source through the real dialog, opens it, and returns its id. */
async function importSource(page: Page, name: string): Promise<string> {
  await page.getByRole("button", { name: "Import sources" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Import sources" });
  const chooser = page.waitForEvent("filechooser");
  await dialog.getByRole("button", { name: "Choose files…" }).click();
  await (await chooser).setFiles([{ name: `${name}.txt`, mimeType: "text/plain", buffer: Buffer.from(SOURCE_TEXT) }]);
  await dialog.getByRole("button", { name: "Done" }).click({ timeout: 60_000 });
  await page.getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/source\//);
  const match = /\/source\/([^/?]+)/.exec(new URL(page.url()).hash);
  if (!match?.[1]) throw new Error(`no source id in ${page.url()}`);
  return decodeURIComponent(match[1]);
}

/** What the viewer does when text is dragged onto a code: a drop carrying the selection as JSON. */
async function dropSelection(page: Page, target: Locator, selection: { sourceId: string; start: number; end: number }): Promise<void> {
  const dataTransfer = await page.evaluateHandle((s) => {
    const transfer = new DataTransfer();
    transfer.setData("application/x-margin-selection", JSON.stringify(s));
    return transfer;
  }, selection);
  await target.dispatchEvent("dragover", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
}

test("code by dropping a selection; merge two codes with a preview; delete with the counts named", async ({ page }) => {
  await (await importCodebook(page, CSV_PATH)).getByRole("button", { name: "Apply" }).click();
  const sourceId = await importSource(page, "P07 interview");

  await item(page, "Usability").click();
  await expect(panel(page).getByRole("button", { name: "Code selection" })).toBeDisabled();
  const drops: [string, number, number][] = [
    ["Usability", 0, 10],
    ["Usability", 40, 50],
    ["Access", 5, 15],
    ["Access", 40, 50],
    ["Access", 80, 90],
  ];
  for (const [code, start, end] of drops) {
    await dropSelection(page, item(page, code), { sourceId, start, end });
    await expect(panel(page).getByRole("status")).toHaveText(`Coded the selection at “${code}”.`);
  }
  await expect(item(page, "Usability")).toHaveAccessibleDescription("2 codings in 1 source");
  await expect(item(page, "Access")).toHaveAccessibleDescription("3 codings in 1 source");
  await expect(item(page, "Technology")).toHaveAccessibleDescription("0 codings in 0 sources");
  await panel(page).getByRole("checkbox", { name: "Include sub-codes in counts" }).check();
  await expect(item(page, "Technology")).toHaveAccessibleDescription("5 codings in 1 source, including sub-codes");
  await panel(page).getByRole("checkbox", { name: "Include sub-codes in counts" }).uncheck();

  // Text selected in the viewer: the tree's "Code selection" button and a plain text drag code it.
  await selectInBlocks(page, { blockStart: 0, at: 13 }, { blockStart: 0, at: 36 });
  const selected = await waitForSelection(page);
  expect(selected.end - selected.start).toBeGreaterThan(0);
  await item(page, "Trust").click();
  await panel(page).getByRole("button", { name: "Code selection" }).click();
  await expect(panel(page).getByRole("status")).toHaveText("Coded the selection at “Trust”.");
  await expect(item(page, "Trust")).toHaveAccessibleDescription("1 coding in 1 source");
  const plainText = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.setData("text/plain", "How has the new record");
    return transfer;
  });
  await item(page, "Workload").dispatchEvent("dragover", { dataTransfer: plainText });
  await item(page, "Workload").dispatchEvent("drop", { dataTransfer: plainText });
  await expect(item(page, "Workload")).toHaveAccessibleDescription("1 coding in 1 source");
  await expect(item(page, "Workload")).toHaveAttribute("aria-selected", "true");

  // Merge Access into Usability: choose by typing, read the preview, confirm.
  await item(page, "Access").click();
  await panel(page).getByRole("button", { name: "More" }).click();
  await page.getByRole("menuitem", { name: "Merge into…" }).click();
  const merge = page.getByRole("dialog", { name: "Merge “Access” into…" });
  await merge.getByRole("combobox", { name: "Merge into" }).fill("usab");
  await expect(merge.getByRole("option")).toHaveText(["Technology/Usability"]);
  await page.keyboard.press("Enter");
  await expect(merge.getByRole("region", { name: "What the merge will do" }).getByRole("listitem")).toHaveText([
    "1 coding moves to “Usability”.",
    "1 coding with exactly the same text as one already at “Usability” (same coder) is combined.",
    "1 overlapping coding by the same coder is joined into one.",
    "“Access”'s description and memo are added to “Usability”'s, and “Access” is removed.",
  ]);
  expect(await seriousViolations(page, "dialog[open]")).toEqual([]);
  await merge.getByRole("button", { name: "Merge" }).click();
  await expect(merge).toHaveCount(0);
  await expect(item(page, "Access")).toHaveCount(0);
  await expect(item(page, "Usability")).toHaveAccessibleDescription("3 codings in 1 source");
  await expect(item(page, "Usability")).toHaveAttribute("aria-selected", "true");

  // Into its own sub-code: refused, with the reason.
  await item(page, "Technology").click();
  await panel(page).getByRole("button", { name: "More" }).click();
  await page.getByRole("menuitem", { name: "Merge into…" }).click();
  const refused = page.getByRole("dialog", { name: "Merge “Technology” into…" });
  await refused.getByRole("option", { name: "Technology/Usability" }).click();
  await expect(refused.getByRole("alert")).toHaveText("“Usability” is inside “Technology”. Move it out of “Technology” first, then merge.");
  await expect(refused.getByRole("button", { name: "Merge" })).toBeDisabled();
  await refused.getByRole("button", { name: "Cancel" }).click();

  // Delete (keyboard): the confirmation names what goes with it.
  await expect(item(page, "Technology")).toBeFocused();
  await page.keyboard.press("Delete");
  const confirm = page.getByRole("dialog", { name: "Delete code “Technology”?" });
  await expect(confirm).toContainText("This deletes “Technology” with its 1 sub-code and 3 codings. You can undo this.");
  await confirm.getByRole("button", { name: "Delete code" }).click();
  await expectOutline(page, ["1:People", "2:Trust", "2:Workload"]);
  await expect(item(page, "People")).toBeFocused();
  await expect(item(page, "People")).toHaveAccessibleDescription("0 codings in 0 sources");
  await item(page, "People").press("ArrowLeft");
  await expect(item(page, "People")).toHaveAccessibleDescription("2 codings in 1 source, including sub-codes");
});

test("500 codes: the tree is virtualised and stays usable by keyboard and filter", async ({ page }) => {
  const lines = ["Path,Definition"];
  for (let t = 1; t <= 25; t++) {
    lines.push(`Theme ${t},Top-level theme ${t}`);
    for (let c = 1; c <= 19; c++) lines.push(`Theme ${t}/Code ${t}.${c},Sub-code ${c} of theme ${t}`);
  }
  const preview = await importCodebook(page, { name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
  await expect(preview.getByRole("region", { name: "Codes to create (500)" })).toBeVisible();
  await preview.getByRole("button", { name: "Apply" }).click();
  await expect(item(page, "Theme 1")).toBeVisible();
  // Only a window of rows is in the DOM.
  const rendered = await tree(page).getByRole("treeitem").count();
  expect(rendered).toBeGreaterThan(10);
  expect(rendered).toBeLessThan(100);

  await item(page, "Theme 1").focus();
  await page.keyboard.press("End");
  await expect(item(page, "Code 25.19")).toBeFocused();
  await expect(item(page, "Code 25.19")).toHaveAttribute("aria-posinset", "19");
  await expect(item(page, "Code 25.19")).toHaveAttribute("aria-setsize", "19");
  await page.keyboard.press("ArrowLeft");
  await expect(item(page, "Theme 25")).toBeFocused();
  await page.keyboard.press("Home");
  await expect(item(page, "Theme 1")).toBeFocused();
  for (let i = 0; i < 40; i++) await page.keyboard.press("ArrowDown");
  await expect(item(page, "Theme 3")).toBeFocused(); // 20 rows per theme
  await expect(item(page, "Theme 3")).toBeInViewport();

  await panel(page).getByLabel("Filter codes").fill("Code 17.4");
  await expectOutline(page, ["1:Theme 17", "2:Code 17.4"]);
});
