/**
 * Peak memory of the app during a bundle import, for bundle-app-bench.ts. Two views, both honest about
 * what they miss:
 *  - the renderer process's resident high-water mark (Linux VmHWM, reset per round through clear_refs):
 *    a true peak of everything in the page's process — main thread, the bundle worker, Blink;
 *  - the main thread's JS heap (CDP Runtime.getHeapUsage) sampled every 100 ms: the DevTools figure, but
 *    sampled between tasks, so it can miss a peak inside one long task, and it leaves out the worker.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import type { CDPSession, Page } from "@playwright/test";

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name may hold spaces and parentheses: the fields after its last ")" are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      out.push({ pid: Number(name), ppid, cmdline: readFileSync(`/proc/${name}/cmdline`, "utf8").replace(/\0/g, " ") });
    } catch {
      // Gone while we looked.
    }
  }
  return out;
}

/** Chromium renderer processes started by this bench (descendants of this Node process only). */
function ourRenderers(): number[] {
  const all = processes();
  const children = new Map<number, Proc[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found: number[] = [];
  const walk = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      if (child.cmdline.includes("--type=renderer")) found.push(child.pid);
      walk(child.pid);
    }
  };
  walk(process.pid);
  return found;
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export interface MemoryPeak {
  /** Resident size of the page's renderer process before the round, and its high-water mark during it (MB). */
  rendererRssBeforeMb: number | null;
  rendererRssPeakMb: number | null;
  /** Main-thread JS heap, MB: before the round, and the highest sample during it. */
  heapBeforeMb: number;
  heapPeakMb: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Starts watching one round; `stop()` returns its peaks. */
export async function watchMemory(page: Page): Promise<{ stop(): Promise<MemoryPeak> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const heap = async (): Promise<number> => (await cdp.send("Runtime.getHeapUsage")).usedSize;
  // The page's renderer is the biggest one (a spare renderer may exist, nearly empty).
  const renderer = ourRenderers()
    .map((pid) => ({ pid, rss: statusKb(pid, "VmRSS") }))
    .sort((a, b) => b.rss - a.rss)[0];
  let resetOk = false;
  if (renderer) {
    try {
      // "5" resets the peak resident size to the current one (Linux proc(5), clear_refs).
      writeFileSync(`/proc/${renderer.pid}/clear_refs`, "5");
      resetOk = true;
    } catch {
      resetOk = false;
    }
  }
  const before = await heap();
  let peak = before;
  let sampling: Promise<void> | null = null;
  const timer = setInterval(() => {
    // One request at a time: while the main thread runs a long task, the answer waits for it.
    sampling ??= heap()
      .then((used) => {
        peak = Math.max(peak, used);
      })
      .catch(() => undefined)
      .finally(() => {
        sampling = null;
      });
  }, 100);
  return {
    async stop() {
      clearInterval(timer);
      await sampling;
      peak = Math.max(peak, await heap());
      await cdp.detach().catch(() => undefined);
      const hwm = renderer && resetOk ? statusKb(renderer.pid, "VmHWM") : Number.NaN;
      return {
        rendererRssBeforeMb: renderer && resetOk ? Math.round(renderer.rss / 102.4) / 10 : null,
        rendererRssPeakMb: Number.isNaN(hwm) ? null : Math.round(hwm / 102.4) / 10,
        heapBeforeMb: mb(before),
        heapPeakMb: mb(peak),
      };
    },
  };
}
