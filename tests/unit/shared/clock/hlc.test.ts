import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { HybridLogicalClock, HlcError, MAX_DRIFT_MS, compareStamps, formatStamp, parseStamp } from "../../../../shared/clock/hlc";

function manualTime(start: number) {
  let t = start;
  return { now: () => t, set: (v: number) => (t = v) };
}

describe("hybrid logical clock", () => {
  it("formats and parses a stamp losslessly", () => {
    const stamp = { wallTime: 1_764_000_000_000, counter: 42, node: "abc123" };
    expect(formatStamp(stamp)).toBe("1764000000000-00016-abc123");
    expect(parseStamp(formatStamp(stamp))).toEqual(stamp);
  });

  it("rejects malformed stamps", () => {
    expect(() => parseStamp("yesterday")).toThrow(HlcError);
    expect(() => parseStamp("1764000000000-00016-")).toThrow(HlcError);
  });

  it("is strictly monotonic while wall time stands still", () => {
    const time = manualTime(1000);
    const clock = new HybridLogicalClock("a", time.now);
    const stamps = Array.from({ length: 100 }, () => clock.tick());
    for (let i = 1; i < stamps.length; i++) expect(compareStamps(stamps[i - 1]!, stamps[i]!)).toBeLessThan(0);
    expect(parseStamp(stamps[99]!).wallTime).toBe(1000);
    expect(parseStamp(stamps[99]!).counter).toBe(99);
  });

  it("survives the wall clock going backwards", () => {
    const time = manualTime(5_000);
    const clock = new HybridLogicalClock("a", time.now);
    const before = clock.tick();
    time.set(1_000); // the laptop's clock was corrected by an hour
    const after = clock.tick();
    expect(after > before).toBe(true);
    expect(parseStamp(after).wallTime).toBe(5_000);
    time.set(6_000);
    expect(parseStamp(clock.tick())).toEqual({ wallTime: 6_000, counter: 0, node: "a" });
  });

  it("resumes after the last stamp it persisted, even if the clock is behind", () => {
    const time = manualTime(10);
    const clock = new HybridLogicalClock("a", time.now, "0000000009000-00003-a");
    expect(clock.tick()).toBe("0000000009000-00004-a");
  });

  it("orders a received remote stamp before the next local event", () => {
    const timeA = manualTime(1_000);
    const timeB = manualTime(50_000); // B's clock is ahead
    const a = new HybridLogicalClock("a", timeA.now);
    const b = new HybridLogicalClock("b", timeB.now);
    const fromB = b.tick();
    const merged = a.receive(fromB);
    expect(merged > fromB).toBe(true);
    expect(a.tick() > merged).toBe(true);
  });

  it("refuses a stamp more than a day in the future", () => {
    const time = manualTime(0);
    const clock = new HybridLogicalClock("a", time.now);
    const future = formatStamp({ wallTime: MAX_DRIFT_MS + 10, counter: 0, node: "b" });
    expect(() => clock.receive(future)).toThrow(/future/);
  });

  it("gives a total order across replicas consistent with causality (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: -500, max: 500 }), fc.boolean()), { maxLength: 200 }),
        (events) => {
          const times = [1000, 1000, 1000];
          const clocks = ["a", "b", "c"].map((n, i) => new HybridLogicalClock(n, () => times[i]!));
          let lastSent: string | null = null;
          const seen = new Set<string>();
          for (const [replica, drift, receive] of events) {
            times[replica] = Math.max(0, times[replica]! + drift);
            const clock = clocks[replica]!;
            const stamp: string = receive && lastSent ? clock.receive(lastSent) : clock.tick();
            if (receive && lastSent) expect(stamp > lastSent).toBe(true);
            expect(seen.has(stamp)).toBe(false);
            seen.add(stamp);
            lastSent = stamp;
          }
        },
      ),
    );
  });
});
