import { expect, test, type Page } from "@playwright/test";
import { completeFirstRun } from "./helpers/app";
import { openSample, SAMPLE, SAMPLE_CODES, SAMPLE_SOURCES } from "./helpers/sample";

async function expectSampleContents(page: Page): Promise<void> {
  const main = page.getByRole("main");
  for (const name of SAMPLE_SOURCES) await expect(main.getByRole("link", { name, exact: true })).toBeVisible();
  const codes = page.getByRole("complementary", { name: "Codes and memos" }).getByRole("tree", { name: "Codes" });
  // Parents may be collapsed in the codebook: the top-level codes are always shown.
  for (const name of ["Technology", "People", "Organisation", "Wider context"])
    await expect(codes.getByRole("treeitem", { name, exact: true })).toBeVisible();

  await page
    .getByRole("navigation", { name: "Project navigator" })
    .getByRole("link", { name: /Cases & attributes/ })
    .click();
  const sheet = page.getByRole("grid", { name: "Cases and attributes" });
  for (const name of ["P01", "P02", "P03"]) await expect(sheet.getByRole("rowheader", { name, exact: true })).toBeVisible();
  for (const name of ["Role", "Staff group", "Site type"]) await expect(sheet.getByRole("columnheader", { name })).toBeVisible();
  await expect(sheet.getByText("Chief clinical information officer")).toBeVisible();
}

test("the sample project opens from the home screen with sources, cases and codebook, survives a reload and is never made twice", async ({
  page,
}) => {
  await completeFirstRun(page);
  await openSample(page);
  await expectSampleContents(page);

  // Every code of the codebook, sub-codes included, is offered for retrieval.
  await page
    .getByRole("navigation", { name: "Project navigator" })
    .getByRole("link", { name: /Coded segments/ })
    .click();
  const checklist = page.getByRole("list", { name: "Code checklist" });
  await expect(checklist.getByRole("checkbox")).toHaveCount(SAMPLE_CODES.length);
  await expect(checklist.getByRole("checkbox", { name: "Technology / Usability" })).toBeVisible();
  await expect(checklist.getByRole("checkbox", { name: "Wider context / Policy" })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: SAMPLE, level: 1 })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Project navigator" })
    .getByRole("link", { name: /Sources/ })
    .click();
  await expectSampleContents(page);

  // Back home: opening the sample again reopens the same project.
  await page.goto("/#/");
  const projects = page.getByRole("table", { name: "Projects" });
  await expect(projects.getByRole("link", { name: SAMPLE })).toHaveCount(1);
  await expect(projects.getByRole("row").filter({ hasText: SAMPLE }).getByRole("cell").nth(1)).toHaveText("3");
  const firstUrl = await projects.getByRole("link", { name: SAMPLE }).getAttribute("href");
  await openSample(page);
  expect(page.url()).toContain(firstUrl?.replace(/^#/, "") ?? "missing");
  await page.goto("/#/");
  await expect(page.getByRole("table", { name: "Projects" }).getByRole("link", { name: SAMPLE })).toHaveCount(1);
});
