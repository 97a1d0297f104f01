/**
 * Project search (issue 16 items 1 and 2), end to end in the web build: import several DOCX
 * transcripts, Ctrl+Shift+F, search a phrase across all of them, read the hits in context, open one
 * (the source opens with the hit highlighted), come back (the results are kept), limit the scope to
 * participants, autocode the hits to a new code by speaker turn, see the codings and stripes in two
 * sources, undo them in one step, redo, and send them to a colleague in a bundle. Then: CSV export,
 * a saved search re-run, a catastrophic regular expression stopped while the app stays responsive,
 * Cancel, and axe on the view and the dialog.
 */
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createProject, seriousA11yViolations } from "./helpers/app";
import { addMember, chooseBundle, exportFor, myPublicKey, newCoder } from "./helpers/exchange";
import { DOCX_MIME } from "./helpers/files";
import { importAndOpen, projectIdFrom } from "./helpers/viewer";
import { makeTranscriptDocx, type TranscriptTurn } from "../fixtures/docx/generate";

const PHRASE = "go-live weekend";
const RUN_OF_AS = `${"a".repeat(40)}!`;

const SOURCES: { name: string; turns: TranscriptTurn[] }[] = [
  {
    name: "Site A P01",
    turns: [
      { speaker: "Interviewer", text: `How did the ${PHRASE} feel on the ward?` },
      { speaker: "P01", text: `The ${PHRASE} was long, but the matrons stayed late.` },
      { speaker: "Interviewer", text: "And after that?" },
      { speaker: "P01", text: "Calmer after a fortnight." },
    ],
  },
  {
    name: "Site B P02",
    turns: [
      { speaker: "Interviewer", text: "Tell me about the switch." },
      { speaker: "P02", text: `We spent the ${PHRASE} on the phones to the supplier.` },
    ],
  },
  {
    name: "Site C P03",
    turns: [
      { speaker: "Interviewer", text: "Anything else?" },
      { speaker: "P03", text: `Nothing special happened. ${RUN_OF_AS}` },
    ],
  },
];

const navigator = (page: Page) => page.getByRole("navigation", { name: "Project navigator" });
const hitsGrid = (page: Page) => page.getByRole("grid", { name: "Hits" });
const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search all sources" });
const statusLine = (page: Page) => page.getByRole("region", { name: "Search" }).getByRole("status").first();

async function importSources(page: Page): Promise<void> {
  const files = await Promise.all(
    SOURCES.map(async (s) => ({
      name: `${s.name}.docx`,
      mimeType: DOCX_MIME,
      buffer: Buffer.from(await makeTranscriptDocx({ title: s.name, turns: s.turns })),
    })),
  );
  await importAndOpen(page, files, "Site C P03");
}

async function search(page: Page, text: string): Promise<void> {
  await searchBox(page).fill(text);
  await searchBox(page).press("Enter");
}

async function openSourceFromList(page: Page, name: string): Promise<void> {
  await navigator(page)
    .getByRole("link", { name: /^Sources/ })
    .click();
  await page.getByRole("table", { name: "Sources" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
  await expect(page.locator("[data-block-start]").first()).toBeVisible();
}

const goLiveStripes = (page: Page) => page.getByRole("group", { name: "Coding stripes" }).getByRole("button", { name: /^Coding: Go-live/ });

test("search a phrase across sources, open a hit, autocode by speaker turn, undo and redo in one step, and send the codings", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const page = await newCoder(browser, "Amira Patel", "AP");
  const colleague = await newCoder(browser, "Sam Okafor", "SO");
  const colleagueKey = await myPublicKey(colleague);
  await createProject(page, "Go-live study");
  await importSources(page);

  // Ctrl+Shift+F from a source: the Search view, with the cursor in its query box.
  await page.getByRole("region", { name: "Source text" }).click();
  await page.keyboard.press("Control+Shift+F");
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type(`"${PHRASE}"`);
  await page.keyboard.press("Enter");
  await expect(statusLine(page)).toHaveText("3 hits in 2 sources.");
  const rows = hitsGrid(page).getByRole("row");
  await expect(rows).toHaveCount(4); // the header and three hits
  await expect(rows.nth(1)).toContainText("Site A P01");
  await expect(rows.nth(1)).toContainText("speaker turn 1 (Interviewer)");
  await expect(rows.nth(1).getByRole("gridcell").nth(4)).toHaveText(PHRASE);
  await expect(page.getByRole("list", { name: "Hits per source" })).toContainText("Site B P02");
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Keyboard: down to the second hit, Enter opens it in its source with the hit highlighted.
  await hitsGrid(page).focus();
  await page.keyboard.press("ArrowDown");
  await expect(rows.nth(2)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Site A P01", level: 2 })).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const highlight = CSS.highlights.get("margin-opened-at");
        return highlight ? [...highlight].map((r) => r.toString()).join("|") : "";
      }),
    )
    .toBe(PHRASE);

  // Back to Search: the query and the hits are as they were.
  await navigator(page).getByRole("link", { name: "Search" }).click();
  await expect(searchBox(page)).toHaveValue(`"${PHRASE}"`);
  await expect(statusLine(page)).toHaveText("3 hits in 2 sources.");
  await expect(rows.nth(2)).toHaveAttribute("aria-selected", "true");

  // Participants only: the interviewer's question drops out.
  await page.getByText("Where to search: everywhere").click();
  await page.getByRole("radio", { name: "Participants' turns only" }).check();
  await searchBox(page).press("Enter");
  await expect(statusLine(page)).toHaveText("2 hits in 2 sources.");
  await expect(rows).toHaveCount(3);

  // Code the hits to a new code, spread to their speaker turns: a preview, then one batch.
  await page.getByRole("button", { name: "Code hits…" }).click();
  const dialog = page.getByRole("dialog", { name: "Code 2 hits" });
  await dialog.getByRole("radio", { name: "A new code" }).check();
  await dialog.getByLabel("New code name").fill("Go-live");
  await dialog.getByRole("radio", { name: /^Speaker turn/ }).check();
  const preview = dialog.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("status")).toHaveText("2 new codings, 0 codings that grow, 0 hits already coded, in 2 sources.");
  await expect(preview.getByRole("row", { name: /Site A P01/ })).toContainText("1");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await dialog.getByRole("button", { name: "Apply" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Coded 2 passages in 2 sources at Go-live: 2 new codings.")).toBeVisible();
  await expect(page.getByRole("button", { name: 'Undo Autocoded “"go-live weekend"” → Go-live, speaker turns, 2 passages' })).toBeVisible();

  // One line in the audit trail says what was asked for.
  await navigator(page).getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByRole("row", { name: /Autocoded “"go-live weekend"” → Go-live, speaker turns, 2 passages/ })).toHaveCount(1);

  // The codings and their stripes, in two sources; each covers the participant's whole turn.
  await openSourceFromList(page, "Site B P02");
  await expect(goLiveStripes(page)).toHaveCount(1);
  await openSourceFromList(page, "Site A P01");
  await expect(goLiveStripes(page)).toHaveCount(1);
  const coded = await goLiveStripes(page).evaluate(
    (el) => Number((el as HTMLElement).dataset.end) - Number((el as HTMLElement).dataset.start),
  );
  expect(coded).toBe(`The ${PHRASE} was long, but the matrons stayed late.`.length);

  // One Ctrl+Z takes the whole batch back; Redo brings it back.
  await page.getByRole("heading", { name: "Site A P01", level: 2 }).click();
  await page.keyboard.press("Control+z");
  await expect(goLiveStripes(page)).toHaveCount(0);
  await openSourceFromList(page, "Site B P02");
  await expect(goLiveStripes(page)).toHaveCount(0);
  await page.getByRole("button", { name: /^Redo Autocoded/ }).click();
  await expect(goLiveStripes(page)).toHaveCount(1);

  // The codings travel in a bundle like any other.
  await addMember(page, "Sam Okafor", colleagueKey);
  const bundle = await exportFor(page, "Sam Okafor");
  await colleague.getByRole("button", { name: "Import bundle…" }).click();
  await chooseBundle(colleague, "Import bundle as a project", bundle);
  await colleague.getByRole("button", { name: "Create project" }).click();
  await expect(colleague.getByRole("heading", { name: "Go-live study", level: 1 })).toBeVisible();
  await openSourceFromList(colleague, "Site A P01");
  await expect(goLiveStripes(colleague)).toHaveCount(1);
  await expect(goLiveStripes(colleague)).toHaveAttribute("aria-label", /by Amira Patel/);
  await openSourceFromList(colleague, "Site B P02");
  await expect(goLiveStripes(colleague)).toHaveCount(1);
});

test("CSV export, saved searches, ?q= on arrival, a catastrophic regular expression stopped, Cancel, and memo hits", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const page = await newCoder(browser, "Amira Patel", "AP");
  await createProject(page, "Go-live study");
  await importSources(page);
  await navigator(page).getByRole("link", { name: "Search" }).click();
  await search(page, "weekend OR fortnight");
  await expect(statusLine(page)).toHaveText("4 hits in 2 sources.");

  // CSV of the hits.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export hits as CSV…" }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  expect(csv.startsWith("\uFEFF")).toBe(true);
  expect(csv).toContain('"Source","Location","Left context","Hit","Right context","Start","End"');
  expect(csv.trim().split("\n")).toHaveLength(5);
  expect(csv).toContain('"fortnight"');

  // Save it with a scope (participants' turns only), search something else everywhere, then run the
  // saved search again: its query, options and scope come back.
  await page.getByText("Where to search: everywhere").click();
  await page.getByRole("radio", { name: "Participants' turns only" }).check();
  await page.getByRole("checkbox", { name: "Whole words" }).check();
  await searchBox(page).press("Enter");
  await expect(statusLine(page)).toHaveText("3 hits in 2 sources.");
  await page.getByRole("button", { name: "Save search…" }).click();
  const save = page.getByRole("dialog", { name: "Save search" });
  await save.getByLabel("Name").fill("Timing");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await save.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("list", { name: "Saved searches" }).getByRole("button", { name: "Run saved search Timing" })).toBeVisible();
  await page.getByRole("radio", { name: "All text" }).check();
  await page.getByRole("checkbox", { name: "Whole words" }).uncheck();
  await search(page, "supplier");
  await expect(statusLine(page)).toHaveText("1 hit in 1 source.");
  await page.getByRole("button", { name: "Run saved search Timing" }).click();
  await expect(searchBox(page)).toHaveValue("weekend OR fortnight");
  await expect(page.getByRole("radio", { name: "Participants' turns only" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Whole words" })).toBeChecked();
  await expect(statusLine(page)).toHaveText("3 hits in 2 sources.");
  await page.getByRole("radio", { name: "All text" }).check();
  await page.getByRole("checkbox", { name: "Whole words" }).uncheck();
  await page.getByText(/^Where to search/).click();

  // Saving under a name in use asks first; rename and delete from the list.
  await page.getByRole("button", { name: "Save search…" }).click();
  await save.getByLabel("Name").fill("timing");
  await save.getByRole("button", { name: "Save" }).click();
  await expect(save.getByRole("alert")).toHaveText("A saved search called “timing” exists. Replace it with this search?");
  await save.getByRole("button", { name: "Replace" }).click();
  await expect(save).toBeHidden();
  const savedList = page.getByRole("list", { name: "Saved searches" });
  await expect(savedList.getByRole("listitem")).toHaveCount(1);
  await savedList.getByRole("button", { name: "Rename timing" }).click();
  const rename = page.getByRole("dialog", { name: "Rename saved search" });
  await rename.getByLabel("Name").fill("Weekends and fortnights");
  await rename.getByRole("button", { name: "Save" }).click();
  await expect(savedList.getByRole("button", { name: "Run saved search Weekends and fortnights" })).toBeVisible();
  await savedList.getByRole("button", { name: "Delete Weekends and fortnights" }).click();
  await savedList.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByText("None yet. Save a search to run it again later.")).toBeVisible();
  // Saved searches are project records: undo brings a deleted one back.
  await page.getByRole("button", { name: "Undo Deleted saved search “Weekends and fortnights”" }).click();
  await expect(savedList.getByRole("button", { name: "Run saved search Weekends and fortnights" })).toBeVisible();

  // Word frequency's "search this word" links to #/project/<id>/search?q=...: the query runs on arrival.
  const projectId = projectIdFrom(page);
  await page.evaluate((id) => (window.location.hash = `#/project/${id}/search?q=supplier`), projectId);
  await expect(searchBox(page)).toHaveValue("supplier");
  await expect(statusLine(page)).toHaveText("1 hit in 1 source.");
  // With &whole=1 (a word from word frequency), "whole words" is on: "week" does not find "weekend".
  await page.evaluate((id) => (window.location.hash = `#/project/${id}/search?q=week&whole=1`), projectId);
  await expect(page.getByRole("checkbox", { name: "Whole words" })).toBeChecked();
  await expect(statusLine(page)).toHaveText("No hits.");
  await page.evaluate((id) => (window.location.hash = `#/project/${id}/search?q=supplier`), projectId);
  await expect(page.getByRole("checkbox", { name: "Whole words" })).not.toBeChecked();
  await expect(statusLine(page)).toHaveText("1 hit in 1 source.");
  // Opened afresh at that address (the worker has not been told the sources yet): still every hit.
  await page.reload();
  await expect(statusLine(page)).toHaveText("1 hit in 1 source.");

  // A query that cannot be read says what is wrong.
  await search(page, '"unclosed');
  await expect(page.getByRole("alert")).toHaveText('A quotation mark is not closed: put a second " after the phrase.');
  await expect(hitsGrid(page)).toHaveCount(0);

  // (a+)+$ over a run of a's backtracks for ever: stopped by the time limit, while the app stays usable.
  await page.getByRole("checkbox", { name: "Regular expression" }).check();
  await search(page, "(a+)+$");
  await expect(statusLine(page)).toHaveText("Searching…");
  await page.getByText("Where to search: everywhere").click();
  await expect(page.getByRole("radio", { name: "Participants' turns only" })).toBeVisible();
  await searchBox(page).fill("typing still works");
  await expect(searchBox(page)).toHaveValue("typing still works");
  await expect(page.getByRole("alert")).toContainText("was stopped, so Margin stays responsive", { timeout: 20_000 });

  // Cancel stops a running search at once; the worker comes back and answers the next one.
  await search(page, "(a+)+$");
  await expect(statusLine(page)).toHaveText("Searching…");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("alert")).toHaveText("Search cancelled.");
  await page.getByRole("checkbox", { name: "Regular expression" }).uncheck();
  await search(page, "supplier");
  await expect(statusLine(page)).toHaveText("1 hit in 1 source.");

  // A source renamed meanwhile is named afresh in the hits (the worker's kept source list follows).
  await expect(hitsGrid(page)).toContainText("Site B P02");
  await navigator(page)
    .getByRole("link", { name: /^Sources/ })
    .click();
  await page.getByRole("button", { name: "Rename Site B P02" }).click();
  const renameSource = page.getByRole("dialog", { name: "Rename “Site B P02”" });
  await renameSource.getByRole("textbox", { name: "Source name" }).fill("Site B ward manager");
  await renameSource.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("table", { name: "Sources" }).getByRole("link", { name: "Site B ward manager" })).toBeVisible();
  await navigator(page).getByRole("link", { name: "Search" }).click();
  await search(page, "supplier");
  await expect(statusLine(page)).toHaveText("1 hit in 1 source.");
  await expect(hitsGrid(page)).toContainText("Site B ward manager");

  // Memos too: a memo's hits are listed apart, and open the memo.
  await navigator(page).getByRole("link", { name: "Memos" }).click();
  await page.getByRole("button", { name: "New project memo" }).click();
  const editor = page.getByRole("region", { name: /^Memo: / });
  await editor.getByRole("textbox", { name: "Title" }).fill("Weekend staffing");
  await editor.getByRole("textbox", { name: "Memo text" }).fill("Agency cover every fortnight.");
  await expect(editor.getByText("Saved", { exact: true })).toBeVisible();
  await navigator(page).getByRole("link", { name: "Search" }).click();
  await page.getByRole("checkbox", { name: "Search memos too" }).check();
  await search(page, "weekend OR fortnight");
  await expect(statusLine(page)).toHaveText("4 hits in 2 sources, and 2 hits in memos and annotations.");
  const memoHits = page.getByRole("list", { name: "Hits in memos and annotations" }).getByRole("button");
  await expect(memoHits).toHaveCount(2);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await memoHits.first().click();
  await expect(page.getByRole("region", { name: /^Memo: / }).getByRole("textbox", { name: "Title" })).toHaveValue("Weekend staffing");
});
