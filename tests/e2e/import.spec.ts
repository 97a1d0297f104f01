import { expect, test, type Locator, type Page } from "@playwright/test";
import { completeFirstRun, createProject, seriousA11yViolations } from "./helpers/app";
import { DOCX_MIME, dropFiles, type FilePayload } from "./helpers/files";
import { makeSyntheticInterview, syntheticInterviewDocx } from "../fixtures/docx/synthetic";

async function interviews(count: number): Promise<FilePayload[]> {
  const files: FilePayload[] = [];
  for (let i = 1; i <= count; i++) {
    const interview = makeSyntheticInterview(i, 600, { participant: `P0${i}` });
    files.push({ name: `GDE_SiteA_P0${i}.docx`, mimeType: DOCX_MIME, buffer: Buffer.from(await syntheticInterviewDocx(interview)) });
  }
  return files;
}

/** In the open Import sources dialog: "Choose files…", pick `files`, wait until all are imported, Done. */
async function chooseAndImportAll(page: Page, dialog: Locator, files: FilePayload[]): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await dialog.getByRole("button", { name: "Choose files…" }).click();
  await (await chooser).setFiles(files);
  await expect(dialog.getByRole("status").first()).toHaveText(`${files.length} imported, 0 duplicates, 0 failed`, { timeout: 30_000 });
  await dialog.getByRole("button", { name: "Done" }).click();
}

test("import a batch in one drop: 5 imported, 1 duplicate, 1 failed — and it all survives a reload", async ({ page }) => {
  await completeFirstRun(page);
  await createProject(page, "GDE evaluation");

  const five = await interviews(5);
  const duplicate = { ...five[0]!, name: "GDE_SiteA_P01 (copy).docx" };
  // A Word owner/lock file, as Word leaves beside an open document.
  const lockFile = {
    name: "~$E_SiteA_P03.docx",
    mimeType: DOCX_MIME,
    buffer: Buffer.from([0x0b, 0x41, 0x6d, 0x69, 0x72, 0x61, ...new Array(156).fill(0x20)]),
  };

  // Record whether the progress bar was shown, however quickly the batch finishes.
  await page.evaluate(() => {
    const w = window as unknown as { sawProgress: boolean };
    w.sawProgress = false;
    new MutationObserver(() => {
      if (document.querySelector('[aria-label="Import progress"]')) w.sawProgress = true;
    }).observe(document.body, { subtree: true, childList: true });
  });
  await dropFiles(page, page.getByRole("region", { name: "Sources" }), [duplicate, ...five, lockFile]); // the copy picked before its original

  const dialog = page.getByRole("dialog", { name: "Import sources" });
  await expect(dialog.getByRole("status").first()).toHaveText("5 imported, 1 duplicate, 1 failed", { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true);
  const results = dialog.getByRole("table", { name: "Import results" });
  await expect(results.getByRole("row")).toHaveCount(8);
  const failedRow = results.getByRole("row").filter({ hasText: "~$E_SiteA_P03.docx" });
  await expect(failedRow).toContainText("Failed");
  await expect(failedRow).toContainText(/lock file|Word/i);
  const duplicateRow = results.getByRole("row").filter({ hasText: "GDE_SiteA_P01 (copy).docx" });
  await expect(duplicateRow).toContainText("Duplicate");
  await expect(duplicateRow).toContainText("Same text as “GDE_SiteA_P01”, which was kept.");
  await dialog.getByRole("button", { name: "Done" }).click();

  const table = page.getByRole("table", { name: "Sources" });
  for (let i = 1; i <= 5; i++) await expect(table.getByRole("link", { name: `GDE_SiteA_P0${i}`, exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "5 sources" })).toBeVisible();

  // The whole batch is one undo step (issue 14 item 12g), and Redo brings it all back.
  await page.getByRole("button", { name: /^Undo Imported 7 files/ }).click();
  await expect(table.getByRole("link", { name: /GDE_SiteA_P0\d/ })).toHaveCount(0);
  await page.getByRole("button", { name: /^Redo Imported 7 files/ }).click();
  await expect(table.getByRole("link", { name: /GDE_SiteA_P0\d/ })).toHaveCount(5);

  await page.reload();
  await expect(table.getByRole("link", { name: /GDE_SiteA_P0\d/ })).toHaveCount(5);
  await expect(page.getByRole("link", { name: /Sources\s*5/ })).toBeVisible();

  // Open a transcript: its heading and speaker turns are there, and find in document works (Ctrl+F).
  await table.getByRole("link", { name: "GDE_SiteA_P02", exact: true }).click();
  const text = page.getByRole("region", { name: "Source text" });
  await expect(text.getByRole("heading", { name: "Interview transcript – P02" })).toBeVisible();
  await expect(text.getByText("Interviewer:", { exact: true }).first()).toBeVisible();
  await expect(text.getByText("P02:", { exact: true }).first()).toBeVisible();
  await text.click();
  await page.keyboard.press("Control+f");
  const find = page.getByRole("search", { name: "Find in source" });
  await find.getByRole("textbox", { name: "Find in source" }).fill("Interviewer");
  await expect(find.getByRole("status")).toHaveText(/^1 of \d+$/);
  await find.getByRole("textbox", { name: "Find in source" }).press("Enter");
  await expect(find.getByRole("status")).toHaveText(/^2 of \d+$/);
  await page.reload();
  await expect(text.getByRole("heading", { name: "Interview transcript – P02" })).toBeVisible();
});

test("choose files, sort, search, change kind, rename and delete with undo", async ({ page }) => {
  await completeFirstRun(page);
  await createProject(page, "Sorting");
  const files = await interviews(3);
  await page.getByRole("button", { name: "Import sources" }).click();
  const dialog = page.getByRole("dialog", { name: "Import sources" });
  await dialog.getByLabel("Source kind").selectOption("group interview");
  await chooseAndImportAll(page, dialog, files);

  const table = page.getByRole("table", { name: "Sources" });
  const names = () => table.getByRole("row").locator("a").allTextContents();
  await expect(page.getByLabel("Kind of GDE_SiteA_P01")).toHaveValue("group interview");
  expect(await names()).toEqual(["GDE_SiteA_P01", "GDE_SiteA_P02", "GDE_SiteA_P03"]);
  await table.getByRole("button", { name: "Name", exact: true }).click();
  await expect(table.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "descending");
  expect(await names()).toEqual(["GDE_SiteA_P03", "GDE_SiteA_P02", "GDE_SiteA_P01"]);

  await page.getByLabel("Search sources by name").fill("p02");
  expect(await names()).toEqual(["GDE_SiteA_P02"]);
  await page.getByLabel("Search sources by name").fill("");

  await page.getByLabel("Kind of GDE_SiteA_P02").selectOption("observation");
  await page.getByLabel("Filter by kind").selectOption("observation");
  await expect.poll(names).toEqual(["GDE_SiteA_P02"]);
  await page.getByLabel("Filter by kind").selectOption("");

  await page.getByRole("button", { name: "Rename GDE_SiteA_P01" }).click();
  await page.getByLabel("Source name").fill("Ward manager, Trust A");
  await page.getByRole("button", { name: "Rename", exact: true }).click();
  await expect(table.getByRole("link", { name: "Ward manager, Trust A" })).toBeVisible();

  await page.getByRole("button", { name: "Delete GDE_SiteA_P03" }).click();
  await expect(table.getByRole("link", { name: "GDE_SiteA_P03" })).toHaveCount(0);
  await page.getByRole("button", { name: "Undo: Deleted “GDE_SiteA_P03”." }).click();
  await expect(table.getByRole("link", { name: "GDE_SiteA_P03" })).toBeVisible();
  // The header's Redo knows about it: the toast went through the project's history.
  await expect(page.getByRole("button", { name: /^Redo Deleted source/ })).toBeEnabled();
  await page.reload();
  await expect(table.getByRole("link", { name: "GDE_SiteA_P03" })).toBeVisible();
  await expect(page.getByLabel("Kind of GDE_SiteA_P02")).toHaveValue("observation");
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test("derive cases from file names at import, then filter the list by case and by attribute", async ({ page }) => {
  await completeFirstRun(page);
  await createProject(page, "Cases from names");
  const files = await interviews(3);
  await page.getByRole("button", { name: "Import sources" }).click();
  const dialog = page.getByRole("dialog", { name: "Import sources" });
  await dialog.getByLabel("Link each file to a case taken from its file name").check();
  await dialog.getByLabel("File name pattern").fill("GDE_{case}");
  await expect(dialog.getByText("GDE_SiteA_P07.docx → case “SiteA_P07”", { exact: false })).toBeVisible();
  await dialog.getByLabel("File name pattern").fill("GDE_case");
  await expect(dialog.getByRole("alert")).toContainText("{case}");
  await expect(dialog.getByRole("button", { name: "Choose files…" })).toBeDisabled();
  await dialog.getByLabel("File name pattern").fill("GDE_*_{case}");
  await chooseAndImportAll(page, dialog, files);

  const table = page.getByRole("table", { name: "Sources" });
  await expect(table.getByRole("row").filter({ hasText: "GDE_SiteA_P02" })).toContainText("P02");
  await page.getByLabel("Filter by case").selectOption({ label: "P03" });
  await expect(table.getByRole("row").locator("a")).toHaveText(["GDE_SiteA_P03"]);
  await page.getByLabel("Filter by case").selectOption({ label: "All cases" });

  // Give two cases an attribute value in the sheet, then filter sources by it.
  await page
    .getByRole("navigation", { name: "Project navigator" })
    .getByRole("link", { name: /Cases & attributes/ })
    .click();
  await page.getByRole("button", { name: "New attribute" }).click();
  await page.getByLabel("Attribute name").fill("Site type");
  await page.getByLabel("Type").selectOption({ label: "One of a list" });
  await page.getByLabel("Options").fill("Acute\nCommunity");
  await page.getByRole("button", { name: "Add attribute" }).click();
  const sheet = page.getByRole("grid", { name: "Cases and attributes" });
  await expect(sheet.getByRole("columnheader", { name: "Site type" })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // Make P01's Site type the active cell, then enter values with the keyboard.
  await sheet
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "P01", exact: true }) })
    .getByRole("gridcell")
    .nth(1)
    .click();
  for (const [caseName, letter, value] of [
    ["P01", "a", "Acute"],
    ["P02", "c", "Community"],
    ["P03", "a", "Acute"],
  ] as const) {
    await page.keyboard.type(letter); // a category cell: typing picks the first option starting with it
    await expect(page.getByLabel(`Site type of ${caseName}`)).toHaveValue(value);
    await page.keyboard.press("Enter"); // saves and moves down
  }
  await expect(sheet.getByRole("row").filter({ hasText: "P02" })).toContainText("Community");
  await page
    .getByRole("navigation", { name: "Project navigator" })
    .getByRole("link", { name: /Sources/ })
    .click();
  await page.getByLabel("Filter by case attribute").selectOption({ label: "Site type" });
  await page.getByLabel("Site type is").selectOption("Acute");
  await expect(table.getByRole("row").locator("a")).toHaveText(["GDE_SiteA_P01", "GDE_SiteA_P03"]);
});

test("a long file first in the batch: conversions are counted as they finish, and the status names the file holding the batch", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await completeFirstRun(page);
  await createProject(page, "GDE evaluation");
  const long = {
    name: "GDE_long.docx",
    mimeType: DOCX_MIME,
    buffer: Buffer.from(await syntheticInterviewDocx(makeSyntheticInterview(9, 200_000, { participant: "P09" }))),
  };
  const small: FilePayload[] = [];
  for (let i = 1; i <= 4; i++) {
    small.push({
      name: `GDE_SiteA_P0${i}.docx`,
      mimeType: DOCX_MIME,
      buffer: Buffer.from(await syntheticInterviewDocx(makeSyntheticInterview(i, 300, { participant: `P0${i}` }))),
    });
  }
  await dropFiles(page, page.getByRole("region", { name: "Sources" }), [long, ...small]);

  const dialog = page.getByRole("dialog", { name: "Import sources" });
  // While the long file converts, the four small ones are converted (not yet saved: pick order).
  await expect(dialog.getByRole("status").first()).toHaveText("Converted 4 of 5 · saved 0 · waiting for GDE_long.docx", {
    timeout: 30_000,
  });
  await expect(dialog).toContainText("the others wait for GDE_long.docx");
  await page.screenshot({ path: "test-reports/screens/import-held-1366.png" });
  await expect(dialog.getByRole("status").first()).toHaveText("5 imported, 0 duplicates, 0 failed", { timeout: 60_000 });
});
