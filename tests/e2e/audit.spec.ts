import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { completeFirstRun, createProject, seriousA11yViolations } from "./helpers/app";
import { importAndOpen, projectIdFrom } from "./helpers/viewer";

const SOURCE = "P07 interview";
const RENAMED = "Ward manager P07";

function transcript(): string {
  const lines: string[] = [];
  for (let i = 1; i <= 20; i++) lines.push(`Interviewer: Question ${i}?`, `P07: Answer ${i} about the rota.`);
  return lines.join("\n");
}

async function go(page: Page, name: "Sources" | "Audit trail"): Promise<void> {
  await page.getByRole("navigation", { name: "Project navigator" }).getByRole("link", { name }).click();
}

/** Focus on the page itself, not in a field: where Ctrl+Z means "undo the last change". */
async function focusPage(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
}

/**
 * A second coder's change, as a merged bundle would bring it: written straight into the project's
 * IndexedDB (test-only), dated 5 March 2024, 10:00 local time.
 */
async function addOtherCodersChange(page: Page, projectId: string): Promise<void> {
  await page.evaluate(async (projectId) => {
    const ben = "0190a000-0000-7000-8000-0000000000be";
    const at = `${String(new Date(2024, 2, 5, 10, 0).getTime()).padStart(13, "0")}-00000-benode`;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(`margin-project-${projectId}`);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error("open failed"));
    });
    const tx = db.transaction(["coders", "journal"], "readwrite");
    const meta = { createdAt: "2024-03-05T10:00:00.000Z", updatedAt: at, updatedBy: ben, deleted: false };
    tx.objectStore("coders").add({ id: ben, name: "Ben Okafor", initials: "BO", colour: "#D55E00", publicKey: null, ...meta });
    tx.objectStore("journal").add({
      at,
      coderId: ben,
      table: "cases",
      recordId: "case-p99",
      op: "create",
      label: "Added case",
      batchId: "batch-ben",
      before: null,
      after: { id: "case-p99", name: "P99", description: "", values: {}, ...meta },
    });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error("write failed"));
    });
    db.close();
  }, projectId);
}

test("changes, undo and redo appear in the audit trail with who and what; filter by coder and date; export", async ({ page }) => {
  await page.setViewportSize({ width: 1500, height: 1000 });
  await completeFirstRun(page);
  await createProject(page, "Audit study");
  await importAndOpen(page, [{ name: `${SOURCE}.txt`, mimeType: "text/plain", buffer: Buffer.from(transcript()) }], SOURCE);
  const projectId = projectIdFrom(page);

  await go(page, "Sources");
  await page.getByRole("button", { name: `Rename ${SOURCE}` }).click();
  const rename = page.getByRole("dialog", { name: `Rename “${SOURCE}”` });
  await rename.getByRole("textbox", { name: "Source name" }).fill(RENAMED);
  await rename.getByRole("button", { name: "Rename" }).click();
  await page.getByRole("button", { name: `Delete ${RENAMED}` }).click();
  await expect(page.getByRole("link", { name: RENAMED })).toHaveCount(0);

  await go(page, "Audit trail");
  const trail = page.getByRole("table", { name: "Audit trail" });
  const rows = trail.getByRole("row");
  await expect(rows.nth(1)).toContainText("Deleted source");
  await expect(rows.nth(1)).toContainText(`deleted source “${RENAMED}”`);
  await expect(rows.nth(1)).toContainText("Amira Patel (AP)");
  const renamedRow = rows.filter({ hasText: "Renamed source" });
  await expect(renamedRow).toContainText(`updated source “${RENAMED}” — name: ${SOURCE} → ${RENAMED}`);
  await expect(rows.filter({ hasText: `Imported ${SOURCE}.txt` })).toContainText(`created source “${SOURCE}”`);
  // "When" is the local date and time of the change, written en-GB ("7 Dec 2026, 17:40").
  const today = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" }).format(new Date());
  await expect(renamedRow.getByRole("cell").first()).toContainText(today);

  // Ctrl+Z with focus on the page undoes the deletion; Ctrl+Shift+Z redoes it.
  await expect(page.getByRole("button", { name: "Undo Deleted source" })).toBeEnabled();
  await expect(page.getByRole("button", { name: "Redo", exact: true })).toBeDisabled();
  await focusPage(page);
  await page.keyboard.press("Control+z");
  await expect(page.getByRole("status").filter({ hasText: "Undid: Deleted source" })).toBeVisible();
  await expect(rows.nth(1)).toContainText("Undo: Deleted source");
  await expect(rows.nth(1)).toContainText(`restored source “${RENAMED}”`);
  await expect(page.getByRole("button", { name: "Undo Renamed source" })).toBeEnabled();
  await expect(page.getByRole("button", { name: "Redo Deleted source" })).toBeEnabled();

  await focusPage(page);
  await page.keyboard.press("Control+Shift+z");
  await expect(page.getByRole("status").filter({ hasText: "Redid: Deleted source" })).toBeVisible();
  await expect(rows.nth(1)).toContainText(`deleted source “${RENAMED}”`);
  await expect(rows.filter({ hasText: "Deleted source" })).toHaveCount(3);

  // In a text field Ctrl+Z is the field's own: the project's history is untouched.
  const from = page.getByLabel("From", { exact: true });
  await from.focus();
  await page.keyboard.press("Control+z");
  await expect(page.getByRole("button", { name: "Undo Deleted source" })).toBeEnabled();
  await expect(rows.filter({ hasText: "Deleted source" })).toHaveCount(3);

  // Undo, then back on the sources list, the source is there again.
  await page.getByRole("button", { name: "Undo Deleted source" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Undid: Deleted source" })).toBeVisible();
  await go(page, "Sources");
  await expect(page.getByRole("link", { name: RENAMED })).toBeVisible();

  // Another coder's change (merged from their laptop) on another day.
  await addOtherCodersChange(page, projectId);
  await page.reload();
  await go(page, "Audit trail");
  await expect(rows.filter({ hasText: "Ben Okafor (BO)" })).toContainText("created case “P99”");

  const coder = page.getByLabel("Coder", { exact: true });
  await coder.selectOption({ label: "Ben Okafor (BO)" });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Added case");
  await coder.selectOption({ label: "Amira Patel (AP)" });
  await expect(rows.filter({ hasText: "Ben Okafor" })).toHaveCount(0);
  await expect(rows.filter({ hasText: "Renamed source" })).toHaveCount(1);
  await coder.selectOption({ label: "All coders" });

  await from.fill("2024-03-01");
  await page.getByLabel("To", { exact: true }).fill("2024-03-31");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Ben Okafor (BO)");
  await expect(rows.nth(1).getByRole("cell").first()).toContainText(
    new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" }).format(new Date(2024, 2, 5)),
  );

  const isoToday = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
  await page.getByLabel("To", { exact: true }).fill("");
  await from.fill(isoToday);
  await expect(rows.filter({ hasText: "Ben Okafor" })).toHaveCount(0);
  await expect(rows.filter({ hasText: "Renamed source" })).toHaveCount(1);
  await expect(page.getByRole("status").filter({ hasText: /^\d+ changes$/ })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Export what the filters show.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV…" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Audit study audit trail \d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await file.path()) ?? "", "utf8");
  expect(csv.split("\r\n")[0]).toBe("\uFEFFWhen (UTC),Coder,Initials,Change,What,Detail,Kind of record,Action,Record id,Batch id");
  expect(csv).toContain(`Renamed source,updated source “${RENAMED}”,name: ${SOURCE} → ${RENAMED},source,updated`);
  expect(csv).not.toContain("Ben Okafor");
  await expect(page.getByRole("status").filter({ hasText: /^Exported \d+ changes\.$/ })).toBeVisible();
});
