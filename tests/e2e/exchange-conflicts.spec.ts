/**
 * Issue 5: a concurrent edit is a conflict the researcher resolves. Two coders (two browser contexts)
 * start from one bundle and both rename the same code; B sends a bundle back; A's preview lists the
 * conflict with both names side by side, A takes B's name although A's is the later edit, merges, the
 * code tree shows B's name, and Undo brings A's back.
 *
 * Issue 13 item 1: both coders make “Trust”/“trust”, exchange both ways and each merges the clash; after
 * the next exchange both have one code with all five codings.
 */
import { expect, test, type Page } from "@playwright/test";
import { writeFileSync } from "node:fs";
import { makeSyntheticInterview, syntheticInterviewDocx } from "../fixtures/docx/synthetic";
import { createProject, seriousA11yViolations } from "./helpers/app";
import { addMember, chooseBundle, exchange, exportFor, myPublicKey, newCoder } from "./helpers/exchange";
import { DOCX_MIME } from "./helpers/files";
import { convert, dragAndCode, importAndOpen } from "./helpers/viewer";

const A = "Amira Patel";
const B = "Sam Okafor";
const ORIGINAL = "Alert burden";
const NAME_A = "Alert fatigue";
const NAME_B = "Alarm overload";

const tree = (page: Page) => page.getByRole("complementary", { name: "Codes and memos" }).getByRole("tree", { name: "Codes" });
const codeItem = (page: Page, name: string) => tree(page).getByRole("treeitem", { name: new RegExp(`^${name}`) });

/** Rename in the code tree, as a researcher would: select the code, F2, type, Enter. */
async function renameCode(page: Page, from: string, to: string): Promise<void> {
  await codeItem(page, from).click();
  await page.keyboard.press("F2");
  const field = tree(page).getByRole("textbox", { name: `New name for “${from}”` });
  await expect(field).toBeFocused();
  await field.fill(to);
  await page.keyboard.press("Enter");
  await expect(codeItem(page, to)).toBeVisible();
  await expect(codeItem(page, from)).toHaveCount(0);
}

test("both coders rename one code: A sees the conflict side by side, takes B's name, and Undo restores A's", async ({ browser }) => {
  test.setTimeout(180_000);
  const pageA = await newCoder(browser, A, "AP");
  const pageB = await newCoder(browser, B, "SO");
  const keyB = await myPublicKey(pageB);
  const keyA = await myPublicKey(pageA);

  // ---- A: a project with one code, sent whole to B; B makes a project from it.
  await createProject(pageA, "GDE evaluation");
  const panel = pageA.getByRole("complementary", { name: "Codes and memos" }).getByRole("region", { name: "Codes", exact: true });
  await panel.getByRole("button", { name: "New code" }).click();
  const form = panel.getByRole("form", { name: "New code" });
  await form.getByLabel("New code name").fill(ORIGINAL);
  await form.getByRole("button", { name: "Add code" }).click();
  await expect(codeItem(pageA, ORIGINAL)).toBeVisible();
  await addMember(pageA, B, keyB);
  const forB = await exportFor(pageA, B);

  await pageB.getByRole("button", { name: "Import bundle…" }).click();
  await chooseBundle(pageB, "Import bundle as a project", forB);
  await pageB.getByRole("button", { name: "Create project" }).click();
  await expect(pageB.getByRole("heading", { name: "GDE evaluation", level: 1 })).toBeVisible();
  await expect(codeItem(pageB, ORIGINAL)).toBeVisible();

  // ---- Both rename the same code, B first: A's rename is the later edit.
  await renameCode(pageB, ORIGINAL, NAME_B);
  await addMember(pageB, A, keyA);
  const forA = await exportFor(pageB, A, /Only changes since my last exchange/);
  await renameCode(pageA, ORIGINAL, NAME_A);

  // ---- A's preview: one conflict, both names side by side, the later edit (A's) preselected.
  await exchange(pageA).getByRole("button", { name: "Import bundle…" }).click();
  const dialog = pageA.getByRole("dialog", { name: "Import bundle" });
  await chooseBundle(pageA, "Import bundle", forA);
  await expect(
    dialog
      .getByRole("table", { name: "Changes by kind" })
      .getByRole("row", { name: /^Codes/ })
      .getByRole("cell"),
  ).toHaveText(["0", "0", "0", "1"]);
  const conflicts = dialog.getByRole("region", { name: "Conflicts" });
  const conflict = conflicts.getByRole("group", { name: `Code “${NAME_A}”` });
  await expect(conflict).toHaveCount(1);
  const mine = conflict.getByRole("radio", { name: new RegExp(`^Keep mine by ${A} \\(later edit\\).*Name.*${NAME_A}`) });
  const theirs = conflict.getByRole("radio", { name: new RegExp(`^Take theirs by ${B}.*Name.*${NAME_B}`) });
  await expect(mine).toBeChecked();
  await expect(theirs).not.toBeChecked();
  expect(await seriousA11yViolations(pageA)).toEqual([]);

  // ---- A takes B's name and merges: the choice is applied, and said so.
  await theirs.check();
  await expect(theirs).toBeChecked();
  await expect(mine).not.toBeChecked();
  await dialog.getByRole("button", { name: "Merge" }).click();
  await expect(dialog.getByRole("status")).toContainText("Took theirs in 1 conflict.");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(codeItem(pageA, NAME_B)).toBeVisible();
  await expect(codeItem(pageA, NAME_A)).toHaveCount(0);

  // ---- Undo reverses the whole merge: A's own name is back.
  await pageA.getByRole("button", { name: `Undo Merged bundle from ${B}` }).click();
  await expect(codeItem(pageA, NAME_A)).toBeVisible();
  await expect(codeItem(pageA, NAME_B)).toHaveCount(0);

  for (const file of [forB, forA]) writeFileSync(file, "");
});

/** Labels of the open source's coding stripes. */
async function stripeLabels(page: Page): Promise<string[]> {
  const buttons = page.getByRole("group", { name: "Coding stripes" }).getByRole("button");
  await expect(buttons.first()).toBeVisible();
  return buttons.evaluateAll((els) => els.map((el) => el.getAttribute("aria-label") ?? ""));
}

test("both coders make “Trust” and “trust” and both merge the clash: after the next exchange, one code with all 5 codings on both", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const SOURCE = "GDE_SiteB_P02";
  const pageA = await newCoder(browser, A, "AP");
  const pageB = await newCoder(browser, B, "SO");
  const keyB = await myPublicKey(pageB);
  const keyA = await myPublicKey(pageA);

  // ---- A: a project with one transcript, sent whole to B.
  await createProject(pageA, "GDE evaluation");
  const docx = await syntheticInterviewDocx(makeSyntheticInterview(2, 600, { participant: "P02" }));
  const source = await convert(docx, `${SOURCE}.docx`);
  await importAndOpen(pageA, [{ name: `${SOURCE}.docx`, mimeType: DOCX_MIME, buffer: Buffer.from(docx) }], SOURCE);
  await addMember(pageA, B, keyB);
  const start = await exportFor(pageA, B);
  await pageB.getByRole("button", { name: "Import bundle…" }).click();
  await chooseBundle(pageB, "Import bundle as a project", start);
  await pageB.getByRole("button", { name: "Create project" }).click();
  await expect(pageB.getByRole("heading", { name: "GDE evaluation", level: 1 })).toBeVisible();
  await addMember(pageB, A, keyA);

  // Five passages far apart: four plain words (selections snap to words) from five long paragraphs.
  const plainRun = (words: string[]) => {
    for (let i = 2; i + 4 <= words.length; i++) {
      const run = words.slice(i, i + 4);
      if (run.every((w) => /^[a-z]{3,}$/i.test(w)) && (run[3]?.length ?? 0) >= 4) return run.join(" ");
    }
    return null;
  };
  const needles = source.blocks
    .map((b) => plainRun(source.text.slice(b.start, b.end).split(" ")))
    .filter((n): n is string => n !== null && source.text.indexOf(n) === source.text.lastIndexOf(n))
    .slice(0, 5);
  expect(needles).toHaveLength(5);
  const openSource = async (page: Page) => {
    await page
      .getByRole("navigation", { name: "Project navigator" })
      .getByRole("link", { name: /Sources/ })
      .click();
    await page.getByRole("table", { name: "Sources" }).getByRole("link", { name: SOURCE, exact: true }).click();
    await expect(page.locator("[data-block-start]").first()).toBeVisible();
  };

  // ---- A codes three passages “Trust”, B two passages “trust”; both export before either merges.
  await openSource(pageA);
  for (const needle of needles.slice(0, 3)) await dragAndCode(pageA, source, needle, "Trust");
  await openSource(pageB);
  for (const needle of needles.slice(3)) await dragAndCode(pageB, source, needle, "trust");
  const fromA = await exportFor(pageA, B, /Only changes since my last exchange/);
  const fromB = await exportFor(pageB, A, /Only changes since my last exchange/);

  // ---- Each merges the other's bundle and chooses to merge the two codes.
  const mergeBundle = async (page: Page, file: string, clash: boolean) => {
    await exchange(page).getByRole("button", { name: "Import bundle…" }).click();
    const dialog = page.getByRole("dialog", { name: "Import bundle" });
    await chooseBundle(page, "Import bundle", file);
    const nothingNew = dialog.getByRole("status").filter({ hasText: "Nothing new in this bundle" });
    await expect(dialog.getByRole("table", { name: "Changes by kind" }).or(nothingNew)).toBeVisible();
    // The later of the two merges already holds every record of the earlier one at a newer version.
    if (!clash && (await nothingNew.count()) > 0) {
      await dialog.getByRole("button", { name: "Close" }).click();
      return;
    }
    const codes = dialog.getByRole("region", { name: "Codes with the same name" });
    if (clash) await codes.getByRole("radio", { name: /^Merge into one code/ }).check();
    else await expect(codes).toHaveCount(0);
    await dialog.getByRole("button", { name: "Merge" }).click();
    await expect(dialog.getByRole("status")).toContainText("Merged the bundle");
    await expect(dialog.getByRole("alert", { name: "Repaired while merging" })).toHaveCount(0);
    await dialog.getByRole("button", { name: "Close" }).click();
  };
  await mergeBundle(pageA, fromB, true);
  await mergeBundle(pageB, fromA, true);

  // ---- The next exchange: nothing more to decide, and both have one code with every coding.
  const againFromA = await exportFor(pageA, B, /Only changes since my last exchange/);
  const againFromB = await exportFor(pageB, A, /Only changes since my last exchange/);
  await mergeBundle(pageA, againFromB, false);
  await mergeBundle(pageB, againFromA, false);
  for (const page of [pageA, pageB]) {
    await expect(tree(page).getByRole("treeitem", { name: /^trust/i })).toHaveCount(1);
    await openSource(page);
    const labels = await stripeLabels(page);
    expect(labels.filter((l) => /Coding: Trust, by/i.test(l))).toHaveLength(5);
  }
  for (const file of [start, fromA, fromB, againFromA, againFromB]) writeFileSync(file, "");
});
