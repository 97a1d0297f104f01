import { expect, test, type Locator, type Page } from "@playwright/test";
import type { ConvertedSource } from "../../shared/import/types";
import { dragSelect, openSyntheticInterview } from "./helpers/viewer";

/*
 * A researcher applies a code and the save fails. The viewer paints a coding as soon as the write has
 * begun (before it is durable), so a failed save must take the highlight and stripe away again, say
 * so, and leave the project as it was. The failures are real IndexedDB failures, made in the page:
 *  - the commit fails after the coding is on screen: the write's transaction is held open until the
 *    stripe shows, then aborted (what a commit that runs out of disk space looks like to the app);
 *  - the disk is full: IDBObjectStore.add/put throw a QuotaExceededError DOMException before anything
 *    is shown, so the palette says why and stays open.
 * Nothing in the app knows about the test.
 */

const NAME = "GDE_SiteA_P03";
const CODE = "Workload";
const FIRST = "struggled with the smartcard log-in times";
// At most 40 characters: the status line quotes the coded words in full up to that length.
const SECOND = "pushed back on the discharge summaries";
const THIRD = "the mobile devices on the wards";

const codebook = (page: Page) => page.getByRole("complementary", { name: "Codes and memos" });
const codeItem = (page: Page) => codebook(page).getByRole("treeitem", { name: CODE, exact: true });
/** The coding status line (the one that says what was coded, or why not). */
const status = (page: Page) => page.getByRole("status").filter({ hasText: /coded|Coded/ });
const palette = (page: Page) => page.getByRole("dialog", { name: "Code the selection" });

/** The stripe of a coding at `CODE` that starts at `start`. */
function stripeAt(page: Page, start: number): Locator {
  return page
    .getByRole("group", { name: "Coding stripes" })
    .getByRole("button", { name: new RegExp(`^Coding: ${CODE}, `) })
    .and(page.locator(`[data-start="${start}"]`));
}

/** Texts painted by code highlights (CSS Custom Highlight API) that hold `needle`. */
async function highlightedWith(page: Page, needle: string): Promise<number> {
  return page.evaluate((needle) => {
    let n = 0;
    CSS.highlights.forEach((highlight, name) => {
      if (name.startsWith("margin-code-") && [...highlight].some((r) => r instanceof Range && r.toString().includes(needle))) n++;
    });
    return n;
  }, needle);
}

async function codeWithPalette(page: Page): Promise<void> {
  await page.keyboard.press("Control+k");
  await expect(palette(page).getByRole("combobox", { name: "Code name or path" })).toBeFocused();
  await page.keyboard.type(CODE);
  await page.keyboard.press("Enter");
}

const openInterview = (page: Page): Promise<ConvertedSource> => openSyntheticInterview(page, NAME);

/**
 * The next coding write commits only after its stripe for `start` is on screen, and then fails: its
 * transaction is kept busy with reads until the stripe shows (at most 10 s), then aborted. Records
 * whether the stripe and a highlight holding `needle` were shown before the failure.
 */
async function failNextCommitOnceShown(page: Page, start: number, needle: string): Promise<void> {
  await page.evaluate(
    ({ start, needle }) => {
      const proto = IDBObjectStore.prototype;
      const add = proto.add;
      const state = { armed: true, stripeShown: false, highlightShown: false, aborted: false };
      (window as unknown as { __failure: typeof state }).__failure = state;
      const shownNow = () => {
        const stripe = document.querySelector(`[data-coding-ids][data-start="${start}"]`) !== null;
        let highlight = false;
        CSS.highlights.forEach((h, name) => {
          if (name.startsWith("margin-code-") && [...h].some((r) => r instanceof Range && r.toString().includes(needle))) highlight = true;
        });
        return { stripe, highlight };
      };
      proto.add = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        const request = add.call(this, value, key);
        const entry = value as { table?: unknown } | null;
        // The coding's journal entry is the write's last request: after it, only the commit is left.
        if (state.armed && this.name === "journal" && entry?.table === "codings") {
          state.armed = false;
          proto.add = add;
          const tx = this.transaction;
          const storeName = this.name;
          const until = Date.now() + 10_000;
          // Listening from a microtask puts this after the app's own success handler.
          queueMicrotask(() =>
            request.addEventListener("success", () => {
              const hold = () => {
                const now = shownNow();
                if ((now.stripe && now.highlight) || Date.now() > until) {
                  state.stripeShown = now.stripe;
                  state.highlightShown = now.highlight;
                  state.aborted = true;
                  tx.abort();
                } else tx.objectStore(storeName).count().addEventListener("success", hold);
              };
              hold();
            }),
          );
        }
        return request;
      };
    },
    { start, needle },
  );
}

/** The next write (add or put) to the codings store throws QuotaExceededError, as IndexedDB does when the disk is full. */
async function failNextWriteWithQuota(page: Page): Promise<void> {
  await page.evaluate(() => {
    const proto = IDBObjectStore.prototype;
    const { add, put } = proto;
    const refuse = (original: typeof add) =>
      function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        if (this.name !== "codings") return original.call(this, value, key);
        proto.add = add;
        proto.put = put;
        throw new DOMException("The current transaction exceeded its quota limitations.", "QuotaExceededError");
      };
    proto.add = refuse(add);
    proto.put = refuse(put);
  });
}

test.describe("a coding that fails to save", () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  test("the highlight and stripe go away, the message says so, nothing is counted; the next try works and survives a reload", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const source = await openInterview(page);

    // One coding saved normally, so the code exists and has a count.
    const first = await dragSelect(page, source, FIRST);
    await codeWithPalette(page);
    await expect(stripeAt(page, first.start)).toHaveCount(1);
    await expect(codeItem(page)).toHaveAccessibleDescription("1 coding in 1 source");

    // ---- 1. The commit fails after the coding is on screen.
    const second = await dragSelect(page, source, SECOND);
    await failNextCommitOnceShown(page, second.start, SECOND);
    await codeWithPalette(page);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __failure: { aborted: boolean } }).__failure.aborted)).toBe(true);
    const seen = await page.evaluate(() => {
      const { stripeShown, highlightShown } = (window as unknown as { __failure: { stripeShown: boolean; highlightShown: boolean } })
        .__failure;
      return { stripeShown, highlightShown };
    });
    // The coding was painted before the save failed: this is the rollback being tested.
    expect(seen).toEqual({ stripeShown: true, highlightShown: true });
    await expect(status(page)).toHaveText(
      `“${SECOND}” was not coded at ${CODE}: the save was interrupted before it was complete. Nothing was saved.`,
    );
    await expect(palette(page)).toHaveCount(0);
    await expect(stripeAt(page, second.start)).toHaveCount(0);
    await expect.poll(() => highlightedWith(page, SECOND)).toBe(0);
    await expect(stripeAt(page, first.start)).toHaveCount(1);
    await expect(codeItem(page)).toHaveAccessibleDescription("1 coding in 1 source");

    // ---- 2. The disk is full: the write itself is refused.
    const third = await dragSelect(page, source, THIRD);
    // Apart from the codings already there, so the refused write is a new coding (not an extension).
    for (const other of [first, second]) expect(third.end < other.start || third.start > other.end).toBe(true);
    await failNextWriteWithQuota(page);
    await codeWithPalette(page);
    const full = `“${THIRD}” was not coded at ${CODE}: there is no room left to save it (the disk, or the space this app may use on it, is full). Nothing was saved.`;
    // Refused before the coding was shown: the palette stays open and says why, for another try or Escape.
    await expect(palette(page).getByRole("alert")).toHaveText(full);
    await expect(stripeAt(page, third.start)).toHaveCount(0);
    expect(await highlightedWith(page, THIRD)).toBe(0);
    await expect(codeItem(page)).toHaveAccessibleDescription("1 coding in 1 source");
    await page.keyboard.press("Escape");
    await expect(palette(page)).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Source text" })).toBeFocused();

    // ---- 3. With the storage working again, the same coding is saved, counted and kept.
    await dragSelect(page, source, SECOND);
    await codeWithPalette(page);
    await expect(stripeAt(page, second.start)).toHaveCount(1);
    await expect(status(page)).toHaveText(`Coded “${SECOND}” at ${CODE}`);
    await expect.poll(() => highlightedWith(page, SECOND)).toBe(1);
    await expect(codeItem(page)).toHaveAccessibleDescription("2 codings in 1 source");

    await page.reload();
    await expect(page.locator("[data-block-start]").first()).toBeVisible();
    await expect(codeItem(page)).toHaveAccessibleDescription("2 codings in 1 source");
    await dragSelect(page, source, SECOND);
    await expect(stripeAt(page, second.start)).toHaveCount(1);
    await expect(stripeAt(page, first.start)).toHaveCount(1);
    await expect(stripeAt(page, third.start)).toHaveCount(0);
    // The audit trail holds the two saved codings and nothing of the failed ones.
    await page.getByRole("navigation", { name: "Project navigator" }).getByRole("link", { name: "Audit trail" }).click();
    const rows = page.getByRole("table", { name: "Audit trail" }).getByRole("row");
    await expect(rows.filter({ hasText: `Coded at new code “${CODE}”` })).toHaveCount(1);
    await expect(rows.filter({ hasText: `Coded at “${CODE}”` })).toHaveCount(1);
  });
});
