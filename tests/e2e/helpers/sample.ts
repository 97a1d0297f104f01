/**
 * The sample project (resources/sample) as the researcher sees it: its name, its sources and codes,
 * and opening it from the home screen. Written once for every spec that starts from it.
 */
import { expect, type Page } from "@playwright/test";

export const SAMPLE = "Sample: Shared Care Record evaluation";
export const SAMPLE_SOURCES = ["P01 Digital nurse interview", "P02 CCIO interview", "P03 District nursing team lead interview"];
export const SAMPLE_CODES = [
  "Technology",
  "Usability",
  "Interoperability",
  "People",
  "Workload",
  "Training",
  "Organisation",
  "Leadership",
  "Governance",
  "Wider context",
  "Policy",
];

/** From the home screen (after first run): "Open sample project", then wait for its overview. */
export async function openSample(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Open sample project" }).click();
  await expect(page.getByRole("heading", { name: SAMPLE, level: 1 })).toBeVisible({ timeout: 30_000 });
}
