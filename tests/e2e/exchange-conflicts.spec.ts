/**
 * Issue 5: a concurrent edit is a conflict the researcher resolves. Two coders (two browser contexts)
 * start from one bundle and both rename the same code; B sends a bundle back; A's preview lists the
 * conflict with both names side by side, A takes B's name although A's is the later edit, merges, the
 * code tree shows B's name, and Undo brings A's back.
 */
import { expect, test, type Page } from "@playwright/test";
import { writeFileSync } from "node:fs";
import { createProject, seriousA11yViolations } from "./helpers/app";
import { addMember, chooseBundle, exchange, exportFor, myPublicKey, newCoder } from "./helpers/exchange";

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
  await expect(dialog.getByRole("table", { name: "Changes by kind" }).getByRole("row", { name: /^Codes/ }).getByRole("cell")).toHaveText(["0", "0", "0", "1"]);
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
