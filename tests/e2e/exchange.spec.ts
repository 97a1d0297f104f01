/**
 * Two coders on two laptops (two browser contexts, each with its own first-run profile) swap encrypted
 * bundles: A imports and codes, adds B by B's public key, exports for B; B imports (with a preview),
 * codes, exports back; A previews and merges; both coders' codings and stripes show in A's source;
 * importing again changes nothing; a one-byte-changed bundle and a wrong passphrase are refused; a
 * backup restores the project to equal content; the coding comparison shows a kappa for A vs B.
 */
import { expect, test, type Page } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
import { createProject, seriousA11yViolations } from "./helpers/app";
import { addMember, chooseBundle, exchange, exportFor, myPublicKey, newCoder } from "./helpers/exchange";
import { DOCX_MIME } from "./helpers/files";
import { convert, dragAndCode, importAndOpen } from "./helpers/viewer";
import { makeSyntheticInterview, syntheticInterviewDocx } from "../fixtures/docx/synthetic";
import { fingerprint, generateIdentity, writeBundle } from "../../shared/bundle";
import { emptyProjectTables } from "../../shared/model/tables";
import { code as codeRecord, coder as coderRecord, INFO } from "../unit/shared/bundle/fixtures";

const A = "Amira Patel";
const B = "Sam Okafor";
const SOURCE = "GDE_SiteA_P01";
const CODE = "Alert burden";
const CLASH = "Workarounds";
const PASSPHRASE = "marmalade orbit tundra lantern";

const navigator = (page: Page) => page.getByRole("navigation", { name: "Project navigator" });

async function openSource(page: Page): Promise<void> {
  await navigator(page)
    .getByRole("link", { name: /Sources/ })
    .click();
  await page.getByRole("table", { name: "Sources" }).getByRole("link", { name: SOURCE, exact: true }).click();
  await expect(page.locator("[data-block-start]").first()).toBeVisible();
}

/** Every stripe in the open source: offsets and label (code, coder). */
async function stripes(page: Page): Promise<string[]> {
  const buttons = page.getByRole("group", { name: "Coding stripes" }).getByRole("button");
  await expect(buttons.first()).toBeVisible();
  return (
    await buttons.evaluateAll((els) =>
      els.map(
        (el) =>
          `${(el as HTMLElement).dataset.start}-${(el as HTMLElement).dataset.end} ${(el.getAttribute("aria-label") ?? "").replace(/, (latest )?\d{1,2} [A-Z][a-z]+ \d{4}$/, "")}`,
      ),
    )
  ).sort();
}

test("two coders swap encrypted bundles, merge with a preview, refuse bad files, restore a backup and compare", async ({ browser }) => {
  test.setTimeout(240_000);
  const pageA = await newCoder(browser, A, "AP");
  const pageB = await newCoder(browser, B, "SO");
  const keyB = await myPublicKey(pageB);
  const keyA = await myPublicKey(pageA);
  expect(keyA).not.toBe(keyB);

  // ---- A: project, a DOCX transcript, one coding.
  await createProject(pageA, "GDE evaluation");
  const docx = await syntheticInterviewDocx(makeSyntheticInterview(1, 450, { participant: "P01" }));
  const source = await convert(docx, `${SOURCE}.docx`);
  await importAndOpen(pageA, [{ name: `${SOURCE}.docx`, mimeType: DOCX_MIME, buffer: Buffer.from(docx) }], SOURCE);
  await dragAndCode(pageA, source, "frustrated by the alert fatigue", CODE);

  // ---- A adds B by B's public key and exports a bundle for B.
  await addMember(pageA, B, keyB);
  const forB = await exportFor(pageA, B);
  expect(readFileSync(forB).subarray(0, 22).toString()).toBe("age-encryption.org/v1\n");

  // ---- B imports it on the home screen: a preview of the counts, then a project.
  await pageB.getByRole("button", { name: "Import bundle…" }).click();
  await chooseBundle(pageB, "Import bundle as a project", forB);
  const contents = pageB.getByRole("dialog", { name: "Import bundle as a project" }).getByRole("table", { name: "Records in the bundle" });
  await expect(contents.getByRole("row", { name: /sources/ })).toContainText("1");
  await expect(contents.getByRole("row", { name: /codings/ })).toContainText("1");
  await expect(contents.getByRole("row", { name: /codes/ })).toContainText("1");
  // B has not added A to the Team list yet: the signature is checked, and the key is shown as unknown.
  await expect(pageB.getByRole("dialog", { name: "Import bundle as a project" }).getByRole("alert", { name: "Sender" })).toContainText(
    `Signed by an unknown key (fingerprint ${fingerprint(keyA)}).`,
  );
  expect(await seriousA11yViolations(pageB)).toEqual([]);
  await pageB.getByRole("button", { name: "Create project" }).click();
  await expect(pageB.getByRole("heading", { name: "GDE evaluation", level: 1 })).toBeVisible();
  await openSource(pageB);
  expect(await stripes(pageB)).toEqual([expect.stringContaining(`Coding: ${CODE}, by ${A}`)]);

  // ---- B codes the same passage and another one, then exports back to A (changes since the last exchange).
  await dragAndCode(pageB, source, "frustrated by the alert fatigue", CODE);
  await dragAndCode(pageB, source, "worked around the referral pathway", CODE);
  await dragAndCode(pageB, source, "the matrons relied on the discharge summaries", CLASH);
  await addMember(pageB, A, keyA);
  // B's project came from A's bundle: that counts as an exchange, so only B's changes go (3 codings, a
  // code, and B's coder row — not the whole project again).
  const forA = await exportFor(
    pageB,
    A,
    /Only changes since my last exchange/,
    /changes since your last exchange \([1-6] records\), readable by you and Amira Patel\.$/,
  );

  // ---- Meanwhile A makes a code with the same name as one of B's.
  await dragAndCode(pageA, source, "struggled with the data migration from the old system", CLASH);

  // ---- A previews, then cancels: the backup packed for the merge is not saved.
  await exchange(pageA).getByRole("button", { name: "Import bundle…" }).click();
  const importDialog = pageA.getByRole("dialog", { name: "Import bundle" });
  await chooseBundle(pageA, "Import bundle", forA);
  await expect(importDialog.getByRole("table", { name: "Changes by kind" })).toBeVisible();
  await importDialog.getByRole("button", { name: "Cancel" }).click();
  await exchange(pageA).getByRole("button", { name: "Backups…" }).click();
  const backupsBefore = pageA.getByRole("dialog", { name: "Backups" });
  // The list has loaded (A may have no backups at all yet).
  await expect(backupsBefore.getByText("No backups yet.").or(backupsBefore.getByRole("table"))).toBeVisible();
  await expect(backupsBefore.getByRole("cell", { name: "Before a merge" })).toHaveCount(0);
  await backupsBefore.getByRole("button", { name: "Close" }).click();

  // ---- A previews and merges: 3 new codings by B, the same-named code merged; both coders' stripes show.
  await exchange(pageA).getByRole("button", { name: "Import bundle…" }).click();
  await chooseBundle(pageA, "Import bundle", forA);
  await expect(importDialog.getByRole("note", { name: "Sender" })).toHaveText(`Signed by ${B} (fingerprint ${fingerprint(keyB)}).`);
  const byKind = importDialog.getByRole("table", { name: "Changes by kind" });
  await expect(byKind.getByRole("row", { name: /^Codings/ }).getByRole("cell")).toHaveText(["3", "0", "0", "0"]);
  const clash = importDialog.getByRole("group", { name: `“${CLASH}” — 1 coding here, 1 in the bundle` });
  await expect(clash.getByRole("radio", { name: "Keep both" })).toBeChecked();
  await clash.getByRole("radio", { name: "Merge into one code" }).check();
  const byCoder = importDialog.getByRole("table", { name: "Changes by coder" });
  await expect(byCoder.getByRole("row", { name: new RegExp(`^${B}`) })).toBeVisible();
  // A's own records come back unchanged in B's bundle: A is not listed as a coder with changes.
  await expect(byCoder.getByRole("row", { name: new RegExp(`^${A}`) })).toHaveCount(0);
  expect(await seriousA11yViolations(pageA)).toEqual([]);
  await importDialog.getByRole("button", { name: "Merge" }).click();
  await expect(importDialog.getByRole("status")).toContainText("Merged the bundle from Sam Okafor: 3 new codings");
  await importDialog.getByRole("button", { name: "Close" }).click();
  await openSource(pageA);
  const merged = await stripes(pageA);
  expect(merged).toEqual(
    expect.arrayContaining([
      expect.stringMatching(new RegExp(`^\\d+-\\d+ Coding: ${CODE}, 2 codings, by (${A} and ${B}|${B} and ${A})$`)),
      expect.stringMatching(new RegExp(`^\\d+-\\d+ Coding: ${CODE}, by ${B}$`)),
      expect.stringMatching(new RegExp(`^\\d+-\\d+ Coding: ${CLASH}, by ${B}$`)),
      expect.stringMatching(new RegExp(`^\\d+-\\d+ Coding: ${CLASH}, by ${A}$`)),
    ]),
  );
  expect(merged).toHaveLength(4);
  // One "Workarounds" code, no "Workarounds (2)".
  const tree = pageA.getByRole("complementary", { name: "Codes and memos" }).getByRole("tree", { name: "Codes" });
  await expect(tree.getByRole("treeitem", { name: new RegExp(`^${CLASH}`) })).toHaveCount(1);

  // ---- The same bundle again changes nothing.
  await exchange(pageA).getByRole("button", { name: "Import bundle…" }).click();
  await chooseBundle(pageA, "Import bundle", forA);
  await expect(importDialog.getByRole("status")).toHaveText(
    "Nothing new in this bundle: this project already has everything in it. Nothing was changed.",
  );
  await importDialog.getByRole("button", { name: "Close" }).click();
  expect(await stripes(pageA)).toEqual(merged);

  // ---- A bundle “from” Sam made by someone else with A's public key: signed by a key not in A's Team
  // list, so the preview warns and Merge waits for A to confirm.
  const forger = await generateIdentity();
  const forgedTables = emptyProjectTables();
  forgedTables.coders.push(coderRecord("coder-forged", B));
  forgedTables.codes.push(codeRecord("code-forged", "Planted code", undefined, "coder-forged"));
  const forged = await writeBundle(
    forgedTables,
    { ...INFO, exporter: { coderId: "coder-forged", name: B } },
    { recipients: [keyA] },
    undefined,
    { signWith: forger.identity },
  );
  await exchange(pageA).getByRole("button", { name: "Import bundle…" }).click();
  await chooseBundle(pageA, "Import bundle", { name: "from-sam-forged.margin", buffer: Buffer.from(forged) });
  await importDialog.getByRole("button", { name: "Merge into this project anyway" }).click();
  const warning = importDialog.getByRole("alert", { name: "Sender" });
  await expect(warning).toContainText(`Signed by an unknown key (fingerprint ${fingerprint(forger.recipient)}).`);
  await expect(warning).toContainText(`says it is from ${B}`);
  await expect(importDialog.getByRole("button", { name: "Merge" })).toBeDisabled();
  await warning.getByRole("checkbox", { name: "I have checked who sent this bundle: merge it anyway" }).check();
  await expect(importDialog.getByRole("button", { name: "Merge" })).toBeEnabled();
  expect(await seriousA11yViolations(pageA)).toEqual([]);
  await importDialog.getByRole("button", { name: "Cancel" }).click();

  // ---- A one-byte-changed bundle is refused, naming the file.
  const tampered = Buffer.from(readFileSync(forA));
  const at = tampered.length - 40;
  tampered[at] = (tampered[at] ?? 0) ^ 0x01;
  await exchange(pageA).getByRole("button", { name: "Import bundle…" }).click();
  await chooseBundle(pageA, "Import bundle", { name: "from-sam-changed.margin", buffer: tampered });
  await expect(importDialog.getByRole("alert")).toContainText("“from-sam-changed.margin”");
  await expect(importDialog.getByRole("alert")).toContainText(/changed or damaged|damaged|incomplete/);
  await expect(importDialog.getByRole("button", { name: "Merge" })).toHaveCount(0);
  await importDialog.getByRole("button", { name: "Cancel" }).click();

  // ---- A passphrase bundle: a wrong passphrase is refused and asked again; the right one opens it.
  const withPassphrase = await exportFor(pageA, { passphrase: PASSPHRASE });
  await exchange(pageA).getByRole("button", { name: "Import bundle…" }).click();
  await chooseBundle(pageA, "Import bundle", withPassphrase);
  const phraseField = importDialog.getByLabel(/^Passphrase for /);
  await phraseField.fill("marmalade orbit tundra lanterns");
  await importDialog.getByRole("button", { name: "Open", exact: true }).click();
  await expect(importDialog.getByRole("alert")).toContainText("The passphrase does not open", { timeout: 30_000 });
  await phraseField.fill(PASSPHRASE);
  await importDialog.getByRole("button", { name: "Open", exact: true }).click();
  await expect(importDialog.getByRole("status")).toHaveText(/^Nothing new in this bundle/, { timeout: 30_000 });
  await importDialog.getByRole("button", { name: "Close" }).click();

  // ---- Backups: one was taken before the merge; back up now, change something, restore over: equal content.
  await exchange(pageA).getByRole("button", { name: "Backups…" }).click();
  const backups = pageA.getByRole("dialog", { name: "Backups" });
  await expect(backups.getByRole("cell", { name: "Before a merge" })).toHaveCount(1);
  await backups.getByRole("button", { name: "Back up now" }).click();
  await expect(backups.getByRole("status")).toHaveText("Backup made.");
  await backups.getByRole("button", { name: "Close" }).click();
  const before = await stripes(pageA);
  await dragAndCode(pageA, source, "kept raising concerns about the new order sets", "Order sets");
  expect(await stripes(pageA)).not.toEqual(before);
  await exchange(pageA).getByRole("button", { name: "Backups…" }).click();
  await backups
    .getByRole("row")
    .filter({ has: pageA.getByRole("cell", { name: "Made by hand" }) })
    .getByRole("button", { name: /^Restore backup/ })
    .click();
  const restorePreview = backups.getByRole("region", { name: "Restore preview" });
  await expect(restorePreview).toContainText("codings: 5");
  expect(await seriousA11yViolations(pageA)).toEqual([]);
  await restorePreview.getByRole("button", { name: "Restore over this project" }).click();
  await expect(backups.getByRole("status")).toContainText("Restored.");
  await expect(backups.getByRole("cell", { name: "Before a restore" })).toBeVisible();
  await backups.getByRole("button", { name: "Close" }).click();
  await expect.poll(() => stripes(pageA)).toEqual(before);

  // ---- The coding comparison: A vs B on the code, with a kappa.
  await navigator(pageA)
    .getByRole("link", { name: /Coding comparison/ })
    .click();
  const view = pageA.getByRole("region", { name: "Coding comparison" });
  await view
    .getByRole("group", { name: "Coder A" })
    .getByRole("checkbox", { name: `${A} (AP)` })
    .check();
  await view
    .getByRole("group", { name: "Coder B" })
    .getByRole("checkbox", { name: `${B} (SO)` })
    .check();
  await view.getByRole("list", { name: "Codes to compare" }).getByRole("checkbox", { name: CODE }).check();
  await view.getByRole("button", { name: "Compare coding" }).click();
  const byCode = view.getByRole("table", { name: /Agreement by code/ }).first();
  const row = byCode.getByRole("row").filter({ has: pageA.getByRole("rowheader", { name: CODE }) });
  await expect(row.getByRole("cell").nth(2)).toHaveText(/-?\d\.\d{4}/);

  for (const file of [forB, forA, withPassphrase]) writeFileSync(file, "");
});
