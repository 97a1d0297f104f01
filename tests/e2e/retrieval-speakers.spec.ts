/**
 * Leaving out interviewer and facilitator turns in Coded segments and in a code report (issue 16
 * item 3): a passage coded across a question and its answer shows only the participant's words, and a
 * passage wholly in a question goes.
 */
import { expect, test, type Page } from "@playwright/test";
import { completeFirstRun, createProject, seriousA11yViolations } from "./helpers/app";
import { DOCX_MIME } from "./helpers/files";
import { convert, dragAndCode, findInSource, importAndOpen, selectInBlocks, waitForSelection } from "./helpers/viewer";
import { makeTranscriptDocx } from "../fixtures/docx/generate";

const QUESTION = "How did the go-live go on your ward?";
const ANSWER = "It was chaos for a week, then it settled.";
/** Coded without its question mark: a drag snaps to whole words. */
const FOLLOW_UP = "Anything else you want to add";
const NAME = "P07 ward interview";

const summary = (page: Page) => page.getByRole("region", { name: "Coded segments" }).getByText(/^\d[\d,]* segments? from \d+ sources?/);
const segmentTexts = (page: Page) => page.getByRole("region", { name: "Coded segments" }).locator("[data-segment-text]");

test("Coded segments and code reports leave out interviewer turns on request", async ({ page }) => {
  const bytes = await makeTranscriptDocx({
    turns: [
      { speaker: "Interviewer", text: QUESTION },
      { speaker: "P07", text: ANSWER },
      { speaker: "Interviewer", text: `${FOLLOW_UP}?` },
      { speaker: "P07", text: "No, that is all." },
    ],
  });
  const source = await convert(bytes, `${NAME}.docx`);
  await completeFirstRun(page);
  await createProject(page, "Ward study");
  await importAndOpen(page, [{ name: `${NAME}.docx`, mimeType: DOCX_MIME, buffer: Buffer.from(bytes) }], NAME);

  // Code from the question's first word to the end of the answer (two turns, two blocks) ...
  const from = findInSource(source, QUESTION);
  const to = findInSource(source, ANSWER);
  const first = source.blocks.find((b) => b.start <= from.start && from.start <= b.end);
  const second = source.blocks.find((b) => b.start <= to.end && to.end <= b.end);
  if (!first || !second) throw new Error("blocks not found");
  await selectInBlocks(
    page,
    { blockStart: first.start, at: from.start - first.start },
    { blockStart: second.start, at: to.end - second.start },
  );
  await waitForSelection(page, { start: from.start, end: to.end });
  await page.keyboard.press("Control+k");
  await page.keyboard.type("Go-live");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "Code the selection" })).toHaveCount(0);
  // ... and the follow-up question alone.
  await dragAndCode(page, source, FOLLOW_UP, "Go-live");

  await page
    .getByRole("navigation", { name: "Project navigator" })
    .getByRole("link", { name: /Coded segments/ })
    .click();
  const view = page.getByRole("region", { name: "Coded segments" });
  await view.getByRole("list", { name: "Code checklist" }).getByRole("checkbox", { name: "Go-live", exact: true }).check();
  await expect(summary(page)).toHaveText("2 segments from 1 source");
  await expect(segmentTexts(page).first()).toContainText(QUESTION);

  await view.getByLabel("Speaker turns").selectOption({ label: "Leave out interviewer and facilitator turns" });
  await expect(summary(page)).toHaveText("1 segment from 1 source");
  await expect(segmentTexts(page)).toHaveText([ANSWER]);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await view.getByLabel("Speaker turns").selectOption({ label: "Participants’ turns only" });
  await expect(segmentTexts(page)).toHaveText([ANSWER]);
  await view.getByLabel("Speaker turns").selectOption({ label: "All speaker turns" });
  await expect(summary(page)).toHaveText("2 segments from 1 source");

  // The code report, the same way.
  await page.getByRole("navigation", { name: "Project navigator" }).getByRole("link", { name: "Reports" }).click();
  await page.getByLabel("Report", { exact: true }).selectOption({ label: "Code report" });
  await page.getByRole("checkbox", { name: "Go-live", exact: true }).check();
  const report = page.getByRole("region", { name: "Report preview" }).getByRole("article", { name: "Code report" });
  await expect(report.getByText(QUESTION)).toHaveCount(1);
  await expect(report.getByText(FOLLOW_UP)).toHaveCount(1);
  await page.getByLabel("Speaker turns").selectOption({ label: "Leave out interviewer and facilitator turns" });
  await expect(report.getByText("1 segment · leave out interviewer and facilitator turns", { exact: false })).toBeVisible();
  await expect(report.getByText(ANSWER)).toHaveCount(1);
  await expect(report.getByText(QUESTION)).toHaveCount(0);
  await expect(report.getByText(FOLLOW_UP)).toHaveCount(0);
});
