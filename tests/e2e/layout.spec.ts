import { expect, test, type Page } from "@playwright/test";
import { completeFirstRun } from "./helpers/app";
import { layoutProblems } from "./helpers/layout";

const SAMPLE = "Sample: Shared Care Record evaluation";
const LONG_CODE = "Implementation barriers and enablers reported by ward nursing staff in the first months after go-live";
const nav = (page: Page) => page.getByRole("navigation", { name: "Project navigator" });

/** A screenshot to look at by hand when LAYOUT_SHOTS names a folder. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.LAYOUT_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${page.viewportSize()?.width ?? 0}-${name}.png` });
}

async function check(page: Page, view: string, problems: string[]): Promise<void> {
  // Let lazy lists and layout settle before measuring.
  await page.waitForTimeout(300);
  await shot(page, view.replace(/\W+/g, "-"));
  problems.push(...(await layoutProblems(page, view)));
}

for (const size of [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
]) {
  test(`every main view fits ${size.width}×${size.height}: no control clipped, overlapped or off the window`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await completeFirstRun(page);
    await page.getByRole("button", { name: "Open sample project" }).click();
    await expect(page.getByRole("heading", { name: SAMPLE, level: 1 })).toBeVisible({ timeout: 30_000 });
    const problems: string[] = [];

    // A long code name, as NVivo projects have: it must not push a checklist out over the view beside it.
    const codes = page.getByRole("complementary", { name: "Codes and memos" });
    await codes.getByRole("button", { name: "New code" }).click();
    await codes.getByRole("form", { name: "New code" }).getByLabel("New code name").fill(LONG_CODE);
    await codes.getByRole("form", { name: "New code" }).getByRole("button", { name: "Add code" }).click();
    await codes.getByRole("form", { name: "New code" }).getByRole("button", { name: "Close" }).click();

    await nav(page)
      .getByRole("link", { name: /Sources/ })
      .click();
    await expect(page.getByRole("main").getByRole("link", { name: /^P01 / })).toBeVisible();
    await check(page, "Sources", problems);

    await page.getByRole("main").getByRole("link", { name: /^P01 / }).click();
    await expect(page.getByRole("region", { name: "Source text" })).toBeVisible();
    await check(page, "Source open for coding (with Codebook)", problems);

    await nav(page).getByRole("link", { name: /Cases/ }).click();
    await check(page, "Cases", problems);

    await nav(page)
      .getByRole("link", { name: /Coded segments/ })
      .click();
    const segments = page.getByRole("region", { name: "Coded segments" });
    await segments
      .getByRole("list", { name: "Code checklist" })
      .getByRole("checkbox", { name: "Technology / Usability", exact: true })
      .check();
    await segments.getByRole("list", { name: "Code checklist" }).getByRole("checkbox", { name: LONG_CODE }).check();
    await expect(segments.getByRole("list", { name: "Segments" }).getByRole("listitem").first()).toBeVisible();
    await check(page, "Coded segments", problems);

    await nav(page).getByRole("link", { name: "Memos" }).click();
    await expect(page.getByRole("heading", { name: "Memos", level: 2 })).toBeVisible();
    await check(page, "Memos", problems);

    await nav(page).getByRole("link", { name: "Reports" }).click();
    await expect(page.getByRole("region", { name: "Report preview" })).toBeVisible();
    await check(page, "Reports", problems);
    // The coded-transcript preview keeps a readable text column beside its stripes.
    await page.getByLabel("Report", { exact: true }).selectOption({ label: "Coded transcript" });
    await page.getByLabel("Source", { exact: true }).selectOption({ label: "P01 Digital nurse interview" });
    await expect(
      page
        .getByRole("region", { name: "Report preview" })
        .getByRole("status")
        .filter({ hasText: /^Ready:/ }),
    ).toBeVisible({ timeout: 30_000 });
    await check(page, "Coded transcript preview", problems);
    const textColumn = await page
      .locator(".report-block-text")
      .first()
      .evaluate((el) => el.getBoundingClientRect().width);
    if (textColumn < 380) problems.push(`Coded transcript preview: the text column is ${Math.round(textColumn)} px wide`);

    await nav(page)
      .getByRole("link", { name: /Coding comparison/ })
      .click();
    const comparison = page.getByRole("region", { name: "Coding comparison" });
    await comparison.getByRole("group", { name: "Coder A" }).getByRole("checkbox", { name: "Amira Patel (AP)" }).check();
    await comparison.getByRole("group", { name: "Coder B" }).getByRole("checkbox", { name: "Sam Okafor (SO)" }).check();
    await comparison
      .getByRole("list", { name: "Codes to compare" })
      .getByRole("checkbox", { name: "Technology / Usability", exact: true })
      .check();
    await comparison.getByRole("button", { name: "Compare coding" }).click();
    await expect(comparison.getByRole("table", { name: "Agreement by code and source" })).toBeVisible();
    await check(page, "Coding comparison after Compare", problems);

    // Comparison folds the navigator at first, for the room its table needs; unfolding it is one click.
    await expect(nav(page).getByRole("link", { name: /Audit/ })).toBeHidden();
    await nav(page).getByRole("button", { name: "Expand navigator" }).click();
    await nav(page).getByRole("link", { name: /Audit/ }).click();
    await check(page, "Audit trail", problems);

    expect(problems).toEqual([]);

    // Panels fold per view and the choice is remembered: hiding the code panel in Audit leaves it in Sources.
    const aside = page.getByRole("complementary", { name: "Codes and memos" });
    await page.getByRole("button", { name: "Show code panel" }).click();
    await expect(aside.getByRole("button", { name: "New code" })).toBeVisible();
    await page.getByRole("button", { name: "Hide code panel" }).click();
    await expect(aside.getByRole("button", { name: "New code" })).toBeHidden();
    await nav(page)
      .getByRole("link", { name: /Sources/ })
      .click();
    await expect(aside.getByRole("button", { name: "New code" })).toBeVisible();
    await page.getByRole("button", { name: "Hide code panel" }).click();
    await page.reload();
    await expect(page.getByRole("button", { name: "Show code panel" })).toBeVisible();
    await nav(page)
      .getByRole("link", { name: /Coded segments/ })
      .click();
    await expect(aside.getByRole("button", { name: "New code" })).toBeVisible();
  });
}
