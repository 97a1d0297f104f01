import { describe, expect, it } from "vitest";
import { notCodedMessage, whyNotSaved } from "../../../../renderer/coding/saveFailure";

/** A Dexie-style error: its own name, the IndexedDB error it wraps as `inner`. */
function dexieError(name: string, message: string, inner?: unknown): Error {
  const error = new Error(message);
  error.name = name;
  return Object.assign(error, { inner });
}

describe("why a coding was not saved", () => {
  it("names a full disk, however deep IndexedDB's QuotaExceededError is wrapped", () => {
    const quota = new DOMException("The current transaction exceeded its quota limitations.", "QuotaExceededError");
    const full = "there is no room left to save it (the disk, or the space this app may use on it, is full)";
    expect(whyNotSaved(quota)).toBe(full);
    expect(whyNotSaved(dexieError("QuotaExceededError", "QuotaExceededError The current transaction…", quota))).toBe(full);
    // A commit that fails for lack of space aborts the transaction: Dexie's AbortError wraps it.
    expect(whyNotSaved(dexieError("AbortError", "Transaction aborted", quota))).toBe(full);
  });

  it("says an aborted save was interrupted, not 'AbortError'", () => {
    expect(whyNotSaved(dexieError("AbortError", "AbortError", null))).toBe("the save was interrupted before it was complete");
  });

  it("passes the app's own refusals on, without a doubled full stop", () => {
    expect(whyNotSaved(new Error("That code no longer exists."))).toBe("That code no longer exists");
    expect(notCodedMessage("the admin staff", "Workload", new Error("That code no longer exists."))).toBe(
      "“the admin staff” was not coded at Workload: That code no longer exists. Nothing was saved.",
    );
    expect(whyNotSaved("disk unplugged")).toBe("disk unplugged");
  });
});
