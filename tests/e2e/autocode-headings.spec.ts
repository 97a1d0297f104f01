/**
 * Autocode by headings (issue 16 item 4): two interviews that follow one guide are imported, every
 * section under their headings is coded to codes named after the headings, nested by level, in one
 * step that undoes and redoes whole.
 */
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { completeFirstRun, createProject } from "./helpers/app";
import { DOCX_MIME } from "./helpers/files";
import { GUIDE, makeGuideDocx } from "../fixtures/docx/generate";

const panel = (page: Page) =>
  page.getByRole("complementary", { name: "Codes and memos" }).getByRole("region", { name: "Codes", exact: true });
const tree = (page: Page) => panel(page).getByRole("tree", { name: "Codes" });

/** Every shown code as "level:name", in tree order. */
function outline(page: Page): Promise<string[]> {
  return tree(page)
    .getByRole("treeitem")
    .evaluateAll((els) => els.map((el) => `${el.getAttribute("aria-level")}:${el.getAttribute("aria-label")}`));
}

async function focusPage(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

async function importGuides(page: Page): Promise<void> {
  const files = [
    { name: "P01 guide interview.docx", mimeType: DOCX_MIME, buffer: Buffer.from(await makeGuideDocx(GUIDE.first)) },
    { name: "P02 guide interview.docx", mimeType: DOCX_MIME, buffer: Buffer.from(await makeGuideDocx(GUIDE.second)) },
  ];
  await page.getByRole("button", { name: "Import sources" }).click();
  const dialog = page.getByRole("dialog", { name: "Import sources" });
  const chooser = page.waitForEvent("filechooser");
  await dialog.getByRole("button", { name: "Choose files…" }).click();
  await (await chooser).setFiles(files);
  await dialog.getByRole("button", { name: "Done" }).click({ timeout: 60_000 });
  await expect(page.getByRole("link", { name: "P02 guide interview" })).toBeVisible();
}

test("autocodes two sources by their headings, nested by level, in one step that undoes and redoes", async ({ page }) => {
  await completeFirstRun(page);
  await createProject(page, "Guide study");
  await importGuides(page);

  // With the list filtered to one source, that source is what the dialog offers first.
  await page.getByLabel("Search sources by name").fill("P01");
  await expect(page.getByRole("link", { name: "P02 guide interview" })).toHaveCount(0);
  await page.getByRole("button", { name: "Autocode by headings…" }).click();
  const dialog = page.getByRole("dialog", { name: "Autocode by headings" });
  await expect(dialog.getByRole("radio", { name: "The 1 source shown in the list" })).toBeChecked();
  await dialog.getByRole("button", { name: "Find headings" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: /^Apply creates/ })).toHaveText(
    "Apply creates 4 codes and codes 4 sections in 1 source. You can undo it in one step.",
  );
  await dialog.getByRole("radio", { name: "All sources (2)" }).check();
  await expect(dialog.getByRole("list", { name: "Heading codes" })).toHaveCount(0);
  await expect(dialog.getByLabel("Deepest heading level")).toHaveValue("2");
  await expect(dialog.getByRole("button", { name: "Apply" })).toBeDisabled();
  await dialog.getByRole("button", { name: "Find headings" }).click();
  const summary = dialog.getByRole("status").filter({ hasText: /^Apply creates|^Nothing/ });
  await expect(summary).toHaveText("Apply creates 5 codes and codes 7 sections in 2 sources. You can undo it in one step.");
  const codes = dialog.getByRole("list", { name: "Heading codes" }).getByRole("listitem");
  await expect(codes).toHaveText([
    /^Implementation\s*new · 2 sections in 2 sources$/,
    /^Training\s*new · 2 sections in 2 sources$/,
    /^Go-live\s*new · 1 section in 1 source$/,
    /^Benefits\s*new · 1 section in 1 source$/,
    /^Workarounds\s*new · 1 section in 1 source$/,
  ]);
  await expect(dialog.getByRole("list", { name: "Sections per source" }).getByRole("listitem")).toHaveText([
    /P01 guide interview\s*4 sections/,
    /P02 guide interview\s*3 sections/,
  ]);
  const axe = await new AxeBuilder({ page }).include("dialog[open]").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // The level changes the preview without reading the sources again.
  await dialog.getByLabel("Deepest heading level").selectOption("1");
  await expect(summary).toHaveText("Apply creates 3 codes and codes 4 sections in 2 sources. You can undo it in one step.");
  await dialog.getByLabel("Deepest heading level").selectOption("2");
  await expect(codes).toHaveCount(5);
  await dialog.getByRole("button", { name: "Apply" }).click();
  await expect(dialog).toHaveCount(0);
  const label = "Autocoded by headings (levels 1-2): 5 codes, 7 sections";
  await expect(page.getByRole("status").filter({ hasText: label })).toBeVisible();
  const nested = ["1:Implementation", "2:Training", "2:Go-live", "1:Benefits", "1:Workarounds"];
  await expect.poll(() => outline(page)).toEqual(nested);

  // The codings, in Coded segments: Training in both interviews, each the heading and its paragraph.
  await page
    .getByRole("navigation", { name: "Project navigator" })
    .getByRole("link", { name: /Coded segments/ })
    .click();
  const view = page.getByRole("region", { name: "Coded segments" });
  await view
    .getByRole("list", { name: "Code checklist" })
    .getByRole("checkbox", { name: "Implementation / Training", exact: true })
    .check();
  await expect(view.getByText(/^\d+ segments? from \d+ sources?/)).toHaveText("2 segments from 2 sources");
  await expect(view.locator("[data-segment-text]")).toHaveText([
    /Training\s+Training was two short sessions\./,
    /Training\s+Nobody had time for the e-learning\./,
  ]);

  // One undo step takes every code and coding away; redo brings them back.
  await focusPage(page);
  await page.keyboard.press("Control+z");
  await expect(page.getByRole("status").filter({ hasText: `Undid: ${label}` })).toBeVisible();
  await expect(tree(page).getByRole("treeitem")).toHaveCount(0);
  await focusPage(page);
  await page.keyboard.press("Control+Shift+z");
  await expect(page.getByRole("status").filter({ hasText: `Redid: ${label}` })).toBeVisible();
  await expect.poll(() => outline(page)).toEqual(nested);
  await expect(view.getByText(/^\d+ segments? from \d+ sources?/)).toHaveText("2 segments from 2 sources");

  // Running it again finds everything already coded (from the codebook's menu this time).
  await panel(page).getByRole("button", { name: "Codebook" }).click();
  await page.getByRole("menu", { name: "Codebook" }).getByRole("menuitem", { name: "Autocode by headings…" }).click();
  await dialog.getByRole("button", { name: "Find headings" }).click();
  await expect(summary).toHaveText("Nothing to do: every one of the 7 sections is already coded.");
  await expect(dialog.getByRole("button", { name: "Apply" })).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
});
