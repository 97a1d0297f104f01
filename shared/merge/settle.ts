/**
 * Settling a merged project so no live coding points at a deleted or missing code (issue 13 item 1).
 * Rules and why: docs/bundle-format.md "Merge" → "Merged codes, and codings on deleted codes".
 *
 * A merged-away code is a tombstone with `mergedInto` (a redirect). After every join, every live
 * coding whose code is deleted is re-pointed: through the redirects to the code they end at; where
 * there is no redirect (old data, or a code deleted while someone else coded to it), the code the
 * chain ends at is restored; a code that does not exist at all gets a placeholder "Recovered code".
 *
 * What makes every replica reach the same records in any order of exchanges: what settling writes is a
 * pure function of the records' OWN versions (their "raw" versions: what a coder or a merge decision
 * wrote). A settled version keeps its raw version's fields and stamp with a mark appended (so it sorts
 * right after the raw version and before any later edit), and a re-pointed coding keeps its raw code
 * in `codedAs`. So settling never invents a new edit: two replicas settling the same records write the
 * same versions, and settling again, or after any further join, gives the result of settling once.
 */
import type { CodeRecord, CodingRecord } from "../model/records";
import { stableStringify } from "./lww";
import { plural } from "../text/plural";
import type { CodeId } from "../ids";

/** Appended to the stamp of a settled version. Node ids are [A-Za-z0-9_.], at most 64, ours 16. */
const SETTLED_MARK = ".";

/** The placeholder for a code no record exists for: any real version of that code sorts after it. */
export const RECOVERED_STAMP = `${"0".repeat(13)}-00000-recovered${SETTLED_MARK}`;
export const RECOVERED_CODE_NAME = "Recovered code";

export function isSettledStamp(stamp: string): boolean {
  return stamp.endsWith(SETTLED_MARK);
}

/** A stamp without the settled mark: the same for an edit and its settled versions. */
export function rawStamp(stamp: string): string {
  return isSettledStamp(stamp) ? stamp.slice(0, -SETTLED_MARK.length) : stamp;
}

function settledStamp(raw: string): string {
  // A stamp whose node is already 64 characters long cannot take the mark: keep it (a same-stamp version).
  return raw.length - raw.lastIndexOf("-") - 1 >= 64 ? raw : raw + SETTLED_MARK;
}

/** The version a coder or a merge decision wrote, under what settling made of it. */
export function rawCoding(c: CodingRecord): CodingRecord {
  const { codedAs, ...rest } = c;
  // On a version a coder wrote, a `codedAs` copied along from a settled one means nothing: dropped.
  if (!isSettledStamp(c.updatedAt)) return codedAs === undefined ? c : rest;
  return { ...rest, codeId: codedAs ?? c.codeId, updatedAt: rawStamp(c.updatedAt) };
}

/** Settled code versions are only ever restorations of a deleted code; the placeholder has no raw version. */
export function rawCode(c: CodeRecord): CodeRecord | null {
  if (c.updatedAt === RECOVERED_STAMP) return null;
  if (!isSettledStamp(c.updatedAt)) return c;
  return { ...c, deleted: true, updatedAt: rawStamp(c.updatedAt) };
}

export interface SettleReport {
  /** Live codings moved from a merged-away code to the code it was merged into. */
  codingsRepointed: number;
  /** Deleted codes brought back because live codings were on them and there was no redirect. */
  codesRestored: { id: string; name: string; codings: number }[];
  /** Codes no record existed for, made as placeholders so their codings stay visible. */
  codesRecovered: { id: string; codings: number }[];
  /**
   * Codes a merge had restored for codings that have all been deleted or moved since: they are deleted
   * again (their own last version), as on every replica, and said so rather than vanishing silently.
   */
  codesDeletedAgain: { id: string; name: string }[];
}

export interface Settled {
  /** Records to put over the tables (settled versions), per table; empty when nothing needed settling. */
  codes: CodeRecord[];
  codings: CodingRecord[];
  report: SettleReport;
}

interface Resolution {
  /** The code the coding belongs on. */
  target: CodeId;
  /** The target is deleted and must be restored (no redirect led anywhere live). */
  restore: boolean;
  /** No record of the target exists. */
  missing: boolean;
}

/** Where a coding on code `id` belongs, following redirects. Cycles end at their smallest id. */
function resolver(raw: ReadonlyMap<string, CodeRecord>): (id: CodeId) => Resolution {
  const memo = new Map<string, Resolution>();
  return (start) => {
    const known = memo.get(start);
    if (known) return known;
    const path: CodeId[] = [];
    const seen = new Set<string>();
    let cur = start;
    let result: Resolution;
    for (;;) {
      const rec = raw.get(cur);
      if (!rec) {
        // A redirect to a code that does not exist ends at the last code that does.
        const last = path[path.length - 1];
        result = last === undefined ? { target: cur, restore: false, missing: true } : { target: last, restore: true, missing: false };
        break;
      }
      if (!rec.deleted) {
        result = { target: cur, restore: false, missing: false };
        break;
      }
      path.push(cur);
      seen.add(cur);
      const next = rec.mergedInto;
      if (next === undefined || next === cur) {
        result = { target: cur, restore: true, missing: false };
        break;
      }
      if (seen.has(next)) {
        // Merged both ways round (A into B on one laptop, B into A on another): the smallest id survives.
        const cycle = path.slice(path.indexOf(next));
        const survivor = cycle.reduce((a, b) => (b < a ? b : a));
        result = { target: survivor, restore: true, missing: false };
        break;
      }
      cur = next;
    }
    memo.set(start, result);
    return result;
  };
}

/**
 * The settled versions to put so that every live coding is on a live code. Pure and deterministic:
 * a function of the records' raw versions only (see the file comment).
 */
export function settleCodes(tables: { codes: Iterable<CodeRecord>; codings: Iterable<CodingRecord> }): Settled {
  const raw = new Map<string, CodeRecord>();
  const stored = new Map<CodeId, CodeRecord>();
  for (const c of tables.codes) {
    stored.set(c.id, c);
    const r = rawCode(c);
    if (r) raw.set(c.id, r);
  }
  const resolve = resolver(raw);
  const codings: CodingRecord[] = [];
  const needs = new Map<CodeId, { restore: boolean; missing: boolean; codings: number }>();
  let codingsRepointed = 0;
  for (const stored of tables.codings) {
    const settledBefore = isSettledStamp(stored.updatedAt);
    // The usual case by far: a coder's own version, deleted or on a live code. Nothing to do.
    if (!settledBefore && stored.codedAs === undefined && (stored.deleted || raw.get(stored.codeId)?.deleted === false)) continue;
    const r = rawCoding(stored);
    let want: CodingRecord = r;
    if (!r.deleted) {
      const res = resolve(r.codeId);
      if (res.restore || res.missing) {
        const need = needs.get(res.target) ?? { restore: res.restore, missing: res.missing, codings: 0 };
        need.codings++;
        needs.set(res.target, need);
      }
      if (res.target !== r.codeId) want = { ...r, codeId: res.target, codedAs: r.codeId, updatedAt: settledStamp(r.updatedAt) };
    }
    if (!sameRecord(want, stored)) {
      if (!stored.deleted && want.codeId !== stored.codeId) codingsRepointed++;
      codings.push(want);
    }
  }

  const codes: CodeRecord[] = [];
  const report: SettleReport = { codingsRepointed, codesRestored: [], codesRecovered: [], codesDeletedAgain: [] };
  for (const [id, rec] of stored) {
    const r = raw.get(id);
    const need = needs.get(id);
    if (!r || (!need && !isSettledStamp(rec.updatedAt))) continue;
    const want: CodeRecord = need?.restore ? { ...r, deleted: false, updatedAt: settledStamp(r.updatedAt) } : r;
    if (sameRecord(want, rec)) continue;
    codes.push(want);
    if (need?.restore && rec.deleted) report.codesRestored.push({ id, name: r.name, codings: need.codings });
    if (!need && !rec.deleted && want.deleted) report.codesDeletedAgain.push({ id, name: r.name });
  }
  for (const [id, need] of needs) {
    if (!need.missing || raw.has(id)) continue;
    if (!stored.has(id)) codes.push(recoveredCode(id));
    report.codesRecovered.push({ id, codings: need.codings });
  }
  codes.sort((a, b) => (a.id < b.id ? -1 : 1));
  report.codesRestored.sort((a, b) => (a.id < b.id ? -1 : 1));
  report.codesRecovered.sort((a, b) => (a.id < b.id ? -1 : 1));
  report.codesDeletedAgain.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { codes, codings, report };
}

/**
 * Whether joining `arriving` over a settled project can leave a live coding on a deleted code: a code
 * arrives deleted, or a live coding arrives on a code that is deleted (or missing) after the join.
 * Cheap (looks at the arriving records only), so planning skips settling when nothing can need it.
 */
export function mayNeedSettling(
  codeAfterJoin: (id: CodeId) => CodeRecord | undefined,
  arriving: { codes: readonly CodeRecord[]; codings: readonly CodingRecord[] },
): boolean {
  if (arriving.codes.some((c) => c.deleted || isSettledStamp(c.updatedAt))) return true;
  return arriving.codings.some((k) => !k.deleted && codeAfterJoin(k.codeId)?.deleted !== false);
}

function recoveredCode(id: CodeId): CodeRecord {
  return {
    id,
    createdAt: "1970-01-01T00:00:00.000Z",
    updatedAt: RECOVERED_STAMP,
    updatedBy: "recovered",
    deleted: false,
    parentId: null,
    name: `${RECOVERED_CODE_NAME} ${id.slice(-8)}`,
    description: "Made by Margin: codings pointed at a code this project has no record of.",
    colour: "#888888",
    order: Number.MAX_SAFE_INTEGER,
    isCategory: false,
  };
}

function sameRecord(a: object, b: object): boolean {
  return a === b || stableStringify(a) === stableStringify(b);
}

/** Plain words for what settling repaired (not the routine re-pointing), for the merge message and the CLI. */
export function describeRepairs(report: SettleReport): string[] {
  const lines: string[] = [];
  for (const c of report.codesRestored) {
    lines.push(`Restored the deleted code “${c.name}”: ${c.codings} live coding${c.codings === 1 ? " was" : "s were"} still on it.`);
  }
  for (const c of report.codesRecovered) {
    lines.push(`${plural(c.codings, "coding")} pointed at a missing code; kept under “${RECOVERED_CODE_NAME} ${c.id.slice(-8)}”.`);
  }
  for (const c of report.codesDeletedAgain) {
    lines.push(`The code “${c.name}” is deleted again: it had been restored for codings that have all been deleted or moved since.`);
  }
  return lines;
}
