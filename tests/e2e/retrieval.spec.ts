import { expect, test, type Locator, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { completeFirstRun } from "./helpers/app";
import { SAMPLE_CODINGS } from "../../resources/sample/codings";
import { parseCsv } from "../../shared/cases/csv";

const SAMPLE = "Sample: Shared Care Record evaluation";
const P01 = "P01 Digital nurse interview";
const P02 = "P02 CCIO interview";
const LOGIN_OVERLAP =
  "Logging in with the smartcard on the ward PCs can take two or three minutes at the start of a shift, and the mobile devices time out if you put them down to help a patient.";
const LOGIN_OVERLAP_P02 = "The log-in time is the most wasteful thing";

async function openRetrieval(page: Page): Promise<void> {
  await completeFirstRun(page);
  await page.getByRole("button", { name: "Open sample project" }).click();
  await expect(page.getByRole("heading", { name: SAMPLE, level: 1 })).toBeVisible({ timeout: 30_000 });
  await page
    .getByRole("navigation", { name: "Project navigator" })
    .getByRole("link", { name: /Coded segments/ })
    .click();
  await expect(view(page).getByText("Choose one or more codes")).toBeVisible();
}

const view = (page: Page) => page.getByRole("region", { name: "Coded segments" });
const code = (page: Page, path: string) =>
  view(page).getByRole("list", { name: "Code checklist" }).getByRole("checkbox", { name: path, exact: true });
const rows = (page: Page) => view(page).getByRole("list", { name: "Segments" }).getByRole("listitem");
const row = (page: Page, text: string) => rows(page).filter({ hasText: text });
const summary = (page: Page) => view(page).getByText(/^\d[\d,]* segments? from \d+ sources?/);

function count(filter: (c: (typeof SAMPLE_CODINGS)[number]) => boolean): { segments: number; sources: number } {
  const hits = SAMPLE_CODINGS.filter(filter);
  return { segments: hits.length, sources: new Set(hits.map((c) => c.source)).size };
}
const summaryText = ({ segments, sources }: { segments: number; sources: number }) =>
  `${segments} ${segments === 1 ? "segment" : "segments"} from ${sources} ${sources === 1 ? "source" : "sources"}`;

async function rowTexts(list: Locator): Promise<string[]> {
  return list.locator("[data-segment-text]").allInnerTexts();
}

test("retrieves a code with its sub-codes, filters by coder, intersects two codes, shows context, exports CSV and opens the source", async ({
  page,
}) => {
  await openRetrieval(page);

  // Technology with sub-codes: Usability and Interoperability segments too.
  await code(page, "Technology").check();
  const technology = count((c) => c.code === "Technology" || c.code.startsWith("Technology/"));
  expect(technology.segments).toBe(20);
  await expect(summary(page)).toHaveText(summaryText(technology));
  const first = rows(page).first();
  // Sorted by source and position: P01's first coded passage leads.
  await expect(first).toContainText("Technology / Usability");
  await expect(first).toContainText("The obs charts are much better than paper once you are in");
  await expect(first.getByRole("link", { name: P01 })).toHaveAttribute("href", /#\/project\/.+\/source\/.+/);
  await expect(first).toContainText("Case: P01");
  await expect(first.locator("abbr")).toHaveText("AP");
  await expect(first.locator("abbr")).toHaveAttribute("title", "Amira Patel (AP)");
  await expect(row(page, LOGIN_OVERLAP.slice(0, 60)).first()).toContainText(`${P01} · P01`);

  // Without sub-codes only the passage coded at Technology itself.
  await view(page).getByRole("checkbox", { name: "Include sub-codes" }).uncheck();
  await expect(summary(page)).toHaveText("1 segment from 1 source");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("The shared care record needs a live connection");
  await expect(rows(page).first()).toContainText("P03 District nursing team lead interview");
  await view(page).getByRole("checkbox", { name: "Include sub-codes" }).check();

  // Sam Okafor's codings only.
  await view(page).getByLabel("Filter by coder").selectOption({ label: "Sam Okafor (SO)" });
  const sams = count((c) => c.coder === "second" && c.code.startsWith("Technology"));
  await expect(summary(page)).toHaveText(summaryText(sams));
  await expect(rows(page)).toHaveCount(sams.segments);
  for (const initials of await rows(page).locator("abbr").allInnerTexts()) expect(initials).toBe("SO");
  await view(page).getByLabel("Filter by coder").selectOption({ label: "All coders" });
  await expect(summary(page)).toHaveText(summaryText(technology));

  // Case attribute filter: medical staff only (P02).
  await view(page).getByLabel("Filter by case attribute").selectOption({ label: "Staff group" });
  await view(page).getByLabel("Staff group is").selectOption("Medical");
  await expect(summary(page)).toHaveText(summaryText(count((c) => c.source === "p02" && c.code.startsWith("Technology"))));
  await view(page).getByLabel("Filter by case attribute").selectOption({ label: "Any case attribute" });

  // ALL of Usability and Workload: where log-in problems are also coded as lost time.
  await view(page).getByRole("button", { name: "Clear codes" }).click();
  await code(page, "Technology / Usability").check();
  await code(page, "People / Workload").check();
  await expect(summary(page)).toHaveText(summaryText(count((c) => c.code === "Technology/Usability" || c.code === "People/Workload")));
  await view(page).getByRole("radio", { name: "All of these codes" }).check();
  await expect(summary(page)).toHaveText("2 segments from 2 sources");
  expect(await rowTexts(rows(page))).toEqual([LOGIN_OVERLAP, LOGIN_OVERLAP_P02]);
  for (const r of await rows(page).all()) {
    await expect(r).toContainText("Technology / Usability");
    await expect(r).toContainText("People / Workload");
  }
  await expect(rows(page).first().locator("abbr")).toHaveText(["AP", "SO"]);

  // Context: the paragraph around the segment, the segment itself marked.
  const p02 = row(page, LOGIN_OVERLAP_P02);
  await p02.getByRole("button", { name: "Show context" }).click();
  await expect(p02.getByRole("button", { name: "Hide context" })).toHaveAttribute("aria-expanded", "true");
  await expect(p02.locator("mark")).toHaveText(LOGIN_OVERLAP_P02);
  await expect(p02.locator("[data-segment-text]")).toContainText("I don't dismiss it.");
  await expect(p02.locator("[data-segment-text]")).toContainText(", and we have a business case for tap-and-go single sign-on");
  await expect(row(page, LOGIN_OVERLAP).locator("mark")).toHaveCount(0);
  await view(page).getByRole("checkbox", { name: "Show context for all" }).check();
  await expect(row(page, LOGIN_OVERLAP).locator("mark")).toHaveText(LOGIN_OVERLAP);
  await expect(row(page, LOGIN_OVERLAP).locator("[data-segment-text]")).toContainText("But getting in is the problem.");

  // axe on the retrieval view, with context open.
  const axe = await new AxeBuilder({ page }).include('[aria-label="Coded segments"]').analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`),
  ).toEqual([]);

  // Export the selected rows as CSV and read it back.
  await view(page).getByRole("checkbox", { name: "Select all" }).check();
  await expect(view(page).getByText("2 selected")).toBeVisible();
  const download = page.waitForEvent("download");
  await view(page).getByRole("button", { name: "Export selected as CSV" }).click();
  const file = await (await download).path();
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = parseCsv(bytes.toString("utf8").replace(/^\uFEFF/, ""));
  expect(parsed.problems).toEqual([]);
  const [header, ...records] = parsed.records.map((r) => r.cells);
  expect(header).toEqual(["Code", "Source", "Cases", "Coder", "Date coded", "Start", "End", "Text"]);
  expect(records.map((r) => [r[0], r[1], r[2], r[3], r[7]])).toEqual([
    ["Technology/Usability; People/Workload", P01, "P01", "Amira Patel (AP); Sam Okafor (SO)", LOGIN_OVERLAP],
    ["Technology/Usability; People/Workload", P02, "P02", "Amira Patel (AP); Sam Okafor (SO)", LOGIN_OVERLAP_P02],
  ]);
  for (const r of records) {
    expect(Number(r[6]) - Number(r[5])).toBe(r[7]?.length);
    expect(r[4]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
  await expect(view(page).getByText("Exported 2 segments as CSV.")).toBeVisible();

  // Copy: the segments' words with where they came from.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await view(page).getByRole("button", { name: "Copy selected" }).click();
  await expect(view(page).getByText("Copied 2 segments to the clipboard.")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split("\n\n")).toHaveLength(2);
  expect(copied).toContain(`“${LOGIN_OVERLAP}”\n— ${P01} (P01), characters`);
  expect(copied).toContain(`“${LOGIN_OVERLAP_P02}”\n— ${P02} (P02), characters`);
  expect(copied).toContain("Technology/Usability, People/Workload · coded by Amira Patel (AP), Sam Okafor (SO)");

  // Open in source: the source opens at the segment, which is selected (route ?at=start-end).
  const p02Record = records.find((r) => r[1] === P02);
  expect(p02Record).toBeDefined();
  await row(page, LOGIN_OVERLAP_P02).getByRole("button", { name: "Open in source" }).click();
  await expect(page).toHaveURL(new RegExp(`/source/[^?]+\\?at=${p02Record?.[5]}-${p02Record?.[6]}$`));
  const document = page.getByRole("main").getByRole("region", { name: P02 });
  await expect(document).toBeVisible();
  const status = page.getByRole("main").locator("[data-selection-start]");
  await expect(status).toHaveAttribute("data-selection-start", String(p02Record?.[5]));
  await expect(status).toHaveAttribute("data-selection-end", String(p02Record?.[6]));
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(LOGIN_OVERLAP_P02);
  await expect(document.getByText(LOGIN_OVERLAP_P02, { exact: false })).toBeInViewport();

  // Back to the coded segments: the query is as it was left.
  await page
    .getByRole("navigation", { name: "Project navigator" })
    .getByRole("link", { name: /Coded segments/ })
    .click();
  await expect(summary(page)).toHaveText("2 segments from 2 sources");
  await expect(view(page).getByRole("radio", { name: "All of these codes" })).toBeChecked();
});

test("first rows of 5,000 segments appear fast (measured, logged)", async ({ page }) => {
  await openRetrieval(page);
  const projectId = /#\/project\/([^/]+)/.exec(page.url())?.[1] ?? "";
  expect(projectId).not.toBe("");

  // 5,000 more codings at Training, written straight into the project's IndexedDB (as a big project would hold).
  const added = await page.evaluate(async (id) => {
    const open = (name: string) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const all = <T>(store: IDBObjectStore) =>
      new Promise<T[]>((resolve, reject) => {
        const request = store.getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const db = await open(`margin-project-${id}`);
    const read = db.transaction(["codes", "sources", "coders"], "readonly");
    const codes = await all<{ id: string; name: string }>(read.objectStore("codes"));
    const sources = await all<{ id: string; charCount: number }>(read.objectStore("sources"));
    const coders = await all<{ id: string }>(read.objectStore("coders"));
    const training = codes.find((c) => c.name === "Training");
    if (!training) throw new Error("no Training code");
    const write = db.transaction("codings", "readwrite");
    const store = write.objectStore("codings");
    const now = new Date().toISOString();
    for (let i = 0; i < 5000; i++) {
      const source = sources[i % sources.length];
      if (!source) throw new Error("no sources");
      const start = (i * 37) % (source.charCount - 60);
      store.add({
        id: `bulk-${i}`,
        createdAt: now,
        updatedAt: now,
        updatedBy: coders[0]?.id,
        deleted: false,
        sourceId: source.id,
        codeId: training.id,
        start,
        end: start + 40 + (i % 20),
        coderId: coders[i % coders.length]?.id,
        note: "",
      });
    }
    await new Promise<void>((resolve, reject) => {
      write.oncomplete = () => resolve();
      write.onerror = () => reject(write.error);
    });
    db.close();
    return 5000;
  }, projectId);
  expect(added).toBe(5000);

  // Ticking the code, then (after unticking) ticking it again once IndexedDB and the JIT are warm.
  const measure = () =>
    page.evaluate(async () => {
      const box = document.querySelector<HTMLInputElement>('input[type=checkbox][aria-label="People / Training"]');
      if (!box) throw new Error("no Training checkbox");
      const until = (ready: () => boolean) =>
        new Promise<number>((resolve) => {
          const check = () => (ready() ? resolve(performance.now()) : requestAnimationFrame(check));
          check();
        });
      const started = performance.now();
      box.click();
      const rowsAt = await until(() => document.querySelector('[aria-label="Segments"] li') !== null);
      const textAt = await until(() => document.querySelector('[aria-label="Segments"] li [data-segment-text]') !== null);
      return {
        firstRows: rowsAt - started,
        firstText: textAt - started,
        rendered: document.querySelectorAll('[aria-label="Segments"] li').length,
      };
    });
  const cold = await measure();
  const expected = 5000 + SAMPLE_CODINGS.filter((c) => c.code === "People/Training").length;
  await expect(summary(page)).toHaveText(`${expected.toLocaleString("en-GB")} segments from 3 sources`);
  expect(cold.rendered).toBeLessThan(60);
  await code(page, "People / Training").uncheck();
  await expect(view(page).getByText("Choose one or more codes")).toBeVisible();
  const warm = await measure();
  await expect(summary(page)).toHaveText(`${expected.toLocaleString("en-GB")} segments from 3 sources`);
  console.log(
    `[retrieval] ${expected} segments, first rows: ${cold.firstRows.toFixed(0)} ms cold, ${warm.firstRows.toFixed(0)} ms warm; ` +
      `first text ${cold.firstText.toFixed(0)} / ${warm.firstText.toFixed(0)} ms; ${cold.rendered} rows in the DOM`,
  );
  // Scrolling to the end renders the last segments, not all of them.
  await view(page)
    .getByRole("list", { name: "Segments" })
    .evaluate((list) => list.parentElement?.scrollTo({ top: list.scrollHeight }));
  await expect(rows(page).last()).toHaveAttribute("aria-posinset", String(expected));
});

test("“Choose all codes” ticks every code in the checklist and “Clear codes” unticks them", async ({ page }) => {
  await openRetrieval(page);
  const boxes = view(page).getByRole("list", { name: "Code checklist" }).getByRole("checkbox");
  const total = await boxes.count();
  expect(total).toBeGreaterThan(5);
  await view(page).getByRole("button", { name: "Choose all codes" }).click();
  await expect(view(page).getByText(`${total} codes chosen`)).toBeVisible();
  for (const box of await boxes.all()) await expect(box).toBeChecked();
  await expect(summary(page)).toBeVisible();
  await view(page).getByRole("button", { name: "Clear codes" }).click();
  await expect(view(page).getByText("No codes chosen")).toBeVisible();
  for (const box of await boxes.all()) await expect(box).not.toBeChecked();
});
