import { expect, test, type Locator, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { stemmer } from "stemmer";
import { parseCsv } from "../../shared/cases/csv";
import { ENGLISH_STOP_WORDS } from "../../shared/search/wordFrequency";
import { makeTranscriptDocx, type TranscriptTurn } from "../fixtures/docx/generate";
import { completeFirstRun, createProject, seriousA11yViolations } from "./helpers/app";
import { DOCX_MIME, type FilePayload } from "./helpers/files";

/**
 * Two generated interviews whose words we choose: each word is said a known number of times, spread
 * over turns, with stop words between. Expected counts are computed here from the generated turns
 * (what was said, labels left out), not written by hand.
 */
const SAID: Record<string, [number, number]> = {
  ward: [9, 8],
  nurse: [5, 6],
  nurses: [4, 3],
  nursing: [2, 2],
  handover: [6, 4],
  agency: [3, 4],
  rota: [2, 3],
  shift: [1, 4],
};
const FILLER = ["the", "and", "was", "we", "it"];

function turnsFor(interview: 0 | 1): TranscriptTurn[] {
  const words: string[] = [];
  for (const [word, counts] of Object.entries(SAID)) for (let i = 0; i < counts[interview]; i++) words.push(word);
  // Deterministic mixing so words are spread over turns, with stop words between them.
  const mixed = words.map((w, i) => ({ w, key: (i * 7919) % 101 })).sort((a, b) => a.key - b.key);
  const turns: TranscriptTurn[] = [];
  for (let i = 0; i < mixed.length; i += 5) {
    const text = mixed
      .slice(i, i + 5)
      .map((m, k) => `${FILLER[(i + k) % FILLER.length]} ${m.w}`)
      .join(" ");
    turns.push({
      speaker: turns.length % 2 === 0 ? "Interviewer" : `P0${interview + 1}`,
      text: `${text[0]?.toUpperCase()}${text.slice(1)}.`,
    });
  }
  return turns;
}

const TURNS = [turnsFor(0), turnsFor(1)];

/** What the table should say: count and sources per word (stop words and words under 3 letters left out). */
function expected(stop: readonly string[] = ENGLISH_STOP_WORDS, participantsOnly = false) {
  const counts = new Map<string, { count: number; sources: Set<number> }>();
  TURNS.forEach((turns, source) => {
    for (const turn of turns.filter((t) => !participantsOnly || t.speaker !== "Interviewer"))
      for (const raw of String(turn.text)
        .toLowerCase()
        .split(/[^a-z']+/)) {
        if (raw.length < 3 || stop.includes(raw)) continue;
        const entry = counts.get(raw) ?? { count: 0, sources: new Set<number>() };
        entry.count++;
        entry.sources.add(source);
        counts.set(raw, entry);
      }
  });
  return [...counts]
    .map(([word, e]) => ({ word, count: e.count, sources: e.sources.size }))
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1));
}

async function importInterviews(page: Page): Promise<void> {
  const files: FilePayload[] = [];
  for (const [i, turns] of TURNS.entries())
    files.push({ name: `Ward study P0${i + 1}.docx`, mimeType: DOCX_MIME, buffer: Buffer.from(await makeTranscriptDocx({ turns })) });
  await page.getByRole("button", { name: "Import sources" }).click();
  const dialog = page.getByRole("dialog", { name: "Import sources" });
  const chooser = page.waitForEvent("filechooser");
  await dialog.getByRole("button", { name: "Choose files…" }).click();
  await (await chooser).setFiles(files);
  await expect(dialog.getByRole("status").first()).toHaveText(`${files.length} imported, 0 duplicates, 0 failed`, { timeout: 30_000 });
  await dialog.getByRole("button", { name: "Done" }).click();
}

const view = (page: Page) => page.getByRole("region", { name: "Word frequency" });
const table = (page: Page) => view(page).getByRole("table", { name: "Most frequent words" });

/** The table's rows as [word, count, sources] (the header row left out). */
async function tableRows(t: Locator): Promise<[string, number, number][]> {
  const rows = await t.getByRole("row").all();
  const out: [string, number, number][] = [];
  for (const row of rows.slice(1)) {
    const cells = await row.getByRole("cell").allInnerTexts();
    const word = await row.getByRole("rowheader").innerText();
    // cells: rank, length, count, weighted %, sources, (forms), leave out
    out.push([word.trim(), Number(cells[2]?.replace(/,/g, "")), Number(cells[4]?.replace(/,/g, ""))]);
  }
  return out;
}

test("word frequency: top words in order, stop words, grouping forms, cloud, search a word, CSV, accessible", async ({ page }) => {
  await completeFirstRun(page);
  await createProject(page, "Ward study");
  await importInterviews(page);
  await page
    .getByRole("navigation", { name: "Project navigator" })
    .getByRole("link", { name: /Word frequency/ })
    .click();
  await expect(view(page).getByRole("heading", { name: "Word frequency" })).toBeVisible();

  // The table: every word with its count and sources, most frequent first; no stop word, no label.
  const want = expected();
  expect(want[0]?.word).toBe("ward");
  await expect(table(page).getByRole("row")).toHaveCount(want.length + 1, { timeout: 30_000 });
  expect(await tableRows(table(page))).toEqual(want.map((w) => [w.word, w.count, w.sources]));
  for (const stop of ["the", "and", "was", "interviewer", "p01"])
    await expect(table(page).getByRole("button", { name: `Search for “${stop}”` })).toHaveCount(0);

  // The same scopes as search: only the participants' turns.
  const speakers = view(page).getByRole("combobox", { name: "Speakers" });
  await speakers.selectOption({ label: "Participants’ turns only" });
  const participants = expected(ENGLISH_STOP_WORDS, true);
  expect(participants).not.toEqual(want);
  await expect(table(page).getByRole("row")).toHaveCount(participants.length + 1);
  await expect.poll(() => tableRows(table(page))).toEqual(participants.map((w) => [w.word, w.count, w.sources]));
  await speakers.selectOption({ label: "All text" });
  await expect.poll(() => tableRows(table(page))).toEqual(want.map((w) => [w.word, w.count, w.sources]));

  // The cloud is a picture named by its top words.
  await expect(
    view(page).getByRole("img", {
      name: new RegExp(`^Word cloud .*: ward \\(${want[0]?.count}\\), ${want[1]?.word} \\(${want[1]?.count}\\)`),
    }),
  ).toBeVisible();

  const violations = await seriousA11yViolations(page);
  expect(violations).toEqual([]);

  // Adding a stop word takes it out of the table (and the choice survives a reload).
  await view(page)
    .getByRole("button", { name: /^Stop words \(\d+\)…$/ })
    .click();
  const dialog = page.getByRole("dialog", { name: "Stop words" });
  await dialog.getByRole("textbox", { name: "Add stop words" }).fill("Ward");
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await expect(dialog.getByRole("button", { name: "Remove “ward” from the stop words" })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await dialog.getByRole("button", { name: "Done" }).click();
  const withoutWard = expected([...ENGLISH_STOP_WORDS, "ward"]);
  await expect(table(page).getByRole("button", { name: "Search for “ward”" })).toHaveCount(0);
  expect(await tableRows(table(page))).toEqual(withoutWard.map((w) => [w.word, w.count, w.sources]));
  const cloud = view(page).getByRole("img", { name: /^Word cloud / });
  await expect(cloud).toHaveAttribute("aria-label", new RegExp(`: ${withoutWard[0]?.word} \\(${withoutWard[0]?.count}\\)`));
  const picture = await cloud.innerHTML();
  await page.reload();
  await expect(table(page).getByRole("row")).toHaveCount(withoutWard.length + 1, { timeout: 30_000 });
  await expect(table(page).getByRole("button", { name: "Search for “ward”" })).toHaveCount(0);
  // The same words give the same picture (the layout's random numbers come from a seed).
  expect(await cloud.innerHTML()).toBe(picture);

  // Grouping word forms joins nurse, nurses and nursing (one Porter stem), shown as the most frequent form.
  expect(new Set(["nurse", "nurses", "nursing"].map(stemmer)).size).toBe(1);
  await view(page)
    .getByRole("checkbox", { name: /Group word forms/ })
    .check();
  const forms = withoutWard.filter((w) => stemmer(w.word) === stemmer("nurse"));
  const groupCount = forms.reduce((n, w) => n + w.count, 0);
  const nurseRow = table(page)
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name: "Search for “nurse”" }) });
  await expect(nurseRow).toHaveCount(1);
  await expect(nurseRow).toContainText(forms.map((f) => `${f.word} (${f.count})`).join(", "));
  await expect(nurseRow.getByRole("cell").nth(2)).toHaveText(String(groupCount));
  await expect(table(page).getByRole("button", { name: "Search for “nurses”" })).toHaveCount(0);
  // The grouped nurse row now leads the table.
  expect((await tableRows(table(page)))[0]).toEqual(["nurse", groupCount, 2]);

  // CSV export: the table's rows.
  const download = page.waitForEvent("download");
  await view(page).getByRole("button", { name: "Export table as CSV" }).click();
  const bytes = readFileSync(await (await download).path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = parseCsv(bytes.toString("utf8").replace(/^\uFEFF/, ""));
  expect(parsed.problems).toEqual([]);
  const [header, ...records] = parsed.records.map((r) => r.cells);
  expect(header).toEqual(["Word", "Length", "Count", "Weighted percentage", "Sources", "Forms"]);
  const shown = await tableRows(table(page));
  expect(records.map((r) => [r[0], Number(r[2]), Number(r[4])])).toEqual(shown);
  expect(records[0]?.[5]).toBe(forms.map((f) => `${f.word} (${f.count})`).join("; "));

  // A word opens Search with it (a group: its forms joined by OR).
  await nurseRow.getByRole("button", { name: "Search for “nurse”" }).click();
  const query = forms.map((f) => f.word).join(" OR ");
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${encodeURIComponent(query).replace(/%20/g, "\\+")}&whole=1$`));
  await expect(page.getByRole("heading", { name: "Search", level: 2, exact: true })).toBeVisible();
  // The Search view runs it with whole words on.
  await expect(page.getByRole("searchbox", { name: "Search all sources" })).toHaveValue(query);
  await expect(page.getByRole("checkbox", { name: "Whole words" })).toBeChecked();
  await expect(page.getByRole("grid", { name: "Hits" })).toBeVisible();

  // A word in the cloud searches it too.
  await page.goBack();
  await cloud.locator("text", { hasText: "handover" }).click();
  await expect(page).toHaveURL(/\/search\?q=handover&whole=1$/);
});
