import { describe, expect, it } from "vitest";
import { recoveryNotice, withoutRecoveryFlag } from "../../../renderer/app/recovery";
import { recoveryUrl } from "../../../electron/recovery/rendererGone";

describe("the renderer's side of render-process-gone", () => {
  it("reads the flag main sets, and only that", () => {
    const url = new URL(recoveryUrl("app://margin/index.html#/project/p1", "oom"));
    expect(recoveryNotice(url.search)).toMatch(
      /^Margin's window was reopened because it ran out of memory\. Everything that was saved is still here\./,
    );
    expect(recoveryNotice("?recovered=crash")).toContain("because it stopped unexpectedly");
    expect(recoveryNotice("")).toBeNull();
    expect(recoveryNotice("?recovered=<script>")).toBeNull();
  });

  it("drops the flag and keeps the place in the app", () => {
    expect(withoutRecoveryFlag("app://margin/index.html?recovered=memory#/project/p1/memos")).toBe(
      "app://margin/index.html#/project/p1/memos",
    );
  });
});
