import { describe, expect, it, vi } from "vitest";
import { GAVE_UP_MESSAGE, recoveryUrl, watchRendererGone, type GoneDetails } from "../../../electron/recovery/rendererGone";

/** A stand-in webContents: records what was loaded and lets the test kill its renderer. */
function contents(url = "app://margin/index.html#/project/p1/source/s1") {
  let listener: ((event: unknown, details: GoneDetails) => void) | undefined;
  const loaded: string[] = [];
  let current = url;
  const fake = {
    destroyed: false,
    loaded,
    on: (event: string, l: (event: unknown, details: GoneDetails) => void) => {
      if (event === "render-process-gone") listener = l;
    },
    getURL: () => current,
    loadURL: vi.fn((next: string) => {
      loaded.push(next);
      current = next;
      return Promise.resolve();
    }),
    isDestroyed: () => fake.destroyed,
    die: (reason: string) => listener?.({}, { reason, exitCode: 1 }),
  };
  return fake;
}

function deps(clock = { t: 0 }) {
  return { now: () => clock.t, showError: vi.fn(), log: vi.fn() };
}

describe("render-process-gone", () => {
  it("reloads the app where the researcher was, saying it ran out of memory", () => {
    const web = contents();
    const d = deps();
    watchRendererGone(web, d);
    web.die("oom");
    expect(web.loaded).toEqual(["app://margin/index.html?recovered=memory#/project/p1/source/s1"]);
    expect(d.showError).not.toHaveBeenCalled();
    expect(d.log).toHaveBeenCalledWith(expect.stringContaining("oom"));
  });

  it("says 'crash' for other reasons, and ignores a clean exit or a closed window", () => {
    const web = contents();
    watchRendererGone(web, deps());
    web.die("clean-exit");
    expect(web.loaded).toEqual([]);
    web.die("crashed");
    expect(web.loaded).toEqual(["app://margin/index.html?recovered=crash#/project/p1/source/s1"]);
    web.destroyed = true;
    web.die("crashed");
    expect(web.loaded).toHaveLength(1);
  });

  it("never carries a foreign URL over: only the app's own hash route is kept", () => {
    expect(recoveryUrl("https://evil.example/#/project/x", "crashed")).toBe("app://margin/index.html?recovered=crash");
    expect(recoveryUrl("app://margin/index.html?recovered=memory#/project/p2/memos", "killed")).toBe(
      "app://margin/index.html?recovered=crash#/project/p2/memos",
    );
    expect(recoveryUrl("", "oom")).toBe("app://margin/index.html?recovered=memory");
  });

  it("stops reloading after three deaths within a minute and tells the researcher instead", () => {
    const clock = { t: 0 };
    const web = contents();
    const d = deps(clock);
    watchRendererGone(web, d);
    for (let i = 0; i < 4; i++) {
      web.die("crashed");
      clock.t += 10_000;
    }
    expect(web.loaded).toHaveLength(3);
    expect(d.showError).toHaveBeenCalledWith(GAVE_UP_MESSAGE);
    clock.t += 60_000;
    web.die("oom");
    expect(web.loaded).toHaveLength(4);
  });
});
