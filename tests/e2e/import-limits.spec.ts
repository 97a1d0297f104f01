import { expect, test } from "@playwright/test";
import { completeFirstRun, createProject } from "./helpers/app";
import { DOCX_MIME, dropFiles } from "./helpers/files";
import { hugeStylesDocx, tinyParagraphsDocx } from "../fixtures/docx/hostile";
import { makeSyntheticInterview, syntheticInterviewDocx } from "../fixtures/docx/synthetic";

test("hostile DOCX files in a batch fail with the limit they passed; the rest import and the window carries on", async ({ page }) => {
  await completeFirstRun(page);
  await createProject(page, "Limits");
  const interview = async (i: number) => ({
    name: `P0${i}.docx`,
    mimeType: DOCX_MIME,
    buffer: Buffer.from(await syntheticInterviewDocx(makeSyntheticInterview(i, 300, { participant: `P0${i}` }))),
  });
  const files = [
    await interview(1),
    // 64 MiB of empty paragraphs in under 0.5 MB: this exhausted the worker's heap before the element limit.
    { name: "paragraphs.docx", mimeType: DOCX_MIME, buffer: Buffer.from(tinyParagraphsDocx(Math.floor((64 * 1024 * 1024) / 6))) },
    { name: "styles.docx", mimeType: DOCX_MIME, buffer: Buffer.from(hugeStylesDocx()) },
    await interview(2),
  ];
  await dropFiles(page, page.getByRole("region", { name: "Sources" }), files);

  const dialog = page.getByRole("dialog", { name: "Import sources" });
  await expect(dialog.getByRole("status").first()).toHaveText("2 imported, 0 duplicates, 2 failed", { timeout: 45_000 });
  const results = dialog.getByRole("table", { name: "Import results" });
  await expect(results.getByRole("row").filter({ hasText: "paragraphs.docx" })).toContainText("more than 1,000,000 XML elements");
  await expect(results.getByRole("row").filter({ hasText: "styles.docx" })).toContainText("word/styles.xml unpacks to more than 100.0 MB");
  await dialog.getByRole("button", { name: "Done" }).click();
  const table = page.getByRole("table", { name: "Sources" });
  await expect(table.getByRole("link", { name: /^P0[12]$/ })).toHaveCount(2);
});

test("after the window was reopened because it ran out of memory, the researcher is told, once", async ({ page }) => {
  await completeFirstRun(page);
  await createProject(page, "After a crash");
  const projectUrl = page.url();
  const hash = new URL(projectUrl).hash;
  // What electron/recovery/rendererGone.ts loads after render-process-gone.
  await page.goto(`/index.html?recovered=memory${hash}`);
  const notice = page.getByRole("alert").filter({ hasText: "reopened because it ran out of memory" });
  await expect(notice).toContainText("Everything that was saved is still here.");
  await expect(page.getByRole("heading", { name: "After a crash" }).first()).toBeVisible();
  expect(new URL(page.url()).search).toBe("");
  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: "After a crash" }).first()).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "reopened" })).toHaveCount(0);
});
