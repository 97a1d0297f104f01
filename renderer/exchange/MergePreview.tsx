import type { ChangeCounts, ClashResolution, MergeConflict, MergePlan, MergeResolutions, StampedTableName } from "../../shared/merge";
import { plural } from "../../shared/text/plural";

const TABLE_LABELS: Record<StampedTableName, string> = {
  sources: "Sources",
  codes: "Codes",
  codings: "Codings",
  memos: "Memos",
  cases: "Cases",
  attributes: "Attributes",
  coders: "Coders",
  savedSearches: "Saved searches",
  speakers: "Speakers",
  casePassages: "Case passages",
};

const TABLES = Object.keys(TABLE_LABELS) as StampedTableName[];

function CountsTable({ caption, rows }: { caption: string; rows: [string, ChangeCounts][] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="mb-1 text-left font-semibold">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300 dark:border-slate-700">
          <th className="py-1 font-medium">&nbsp;</th>
          <th className="py-1 text-right font-medium">New</th>
          <th className="py-1 text-right font-medium">Changed</th>
          <th className="py-1 text-right font-medium">Deleted</th>
          <th className="py-1 text-right font-medium">Conflicts</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, c]) => (
          <tr key={label} className="border-b border-slate-200 tabular-nums dark:border-slate-800">
            <th scope="row" className="py-1 font-normal">
              {label}
            </th>
            <td className="py-1 text-right">{c.new}</td>
            <td className="py-1 text-right">{c.changed}</td>
            <td className="py-1 text-right">{c.deleted}</td>
            <td className="py-1 text-right">{c.conflicts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function sum(counts: Record<StampedTableName, ChangeCounts>): ChangeCounts {
  const out: ChangeCounts = { new: 0, changed: 0, deleted: 0, unchanged: 0, conflicts: 0 };
  for (const t of TABLES) {
    const c = counts[t];
    out.new += c.new;
    out.changed += c.changed;
    out.deleted += c.deleted;
    out.unchanged += c.unchanged;
    out.conflicts += c.conflicts;
  }
  return out;
}

/** Record fields in the researcher's words; a field not listed shows under its own name. */
const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  description: "Description",
  colour: "Colour",
  parentId: "Under",
  order: "Position",
  isCategory: "Category only",
  title: "Title",
  body: "Text",
  note: "Note",
  codeId: "Code",
  sourceId: "Source",
  start: "Starts at character",
  end: "Ends at character",
  coderId: "Coder",
  deleted: "State",
  values: "Attribute values",
  options: "Options",
  initials: "Initials",
  mergedInto: "Merged into",
  codedAs: "Coded as",
};

/** Fields holding a code or source id: shown by that record's name. */
const ID_FIELDS = new Set(["parentId", "codeId", "sourceId", "targetId", "mergedInto", "codedAs"]);

function show(field: string, value: unknown, names: ReadonlyMap<string, string>): string {
  // A tombstone against an edit is the usual coding conflict: say it in words, not true/false.
  if (field === "deleted") return value === true ? "Deleted" : "Kept";
  if (value === null || value === undefined) return field === "parentId" ? "(top level)" : "—";
  if (typeof value === "string") return ID_FIELDS.has(field) ? (names.get(value) ?? value) : value || "(empty)";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return typeof value === "number" ? String(value) : JSON.stringify(value);
}

/** Who made this version: a side's last editor need not be its coder (work relayed from a third). */
function editedBy(record: Record<string, unknown>, coderNames: ReadonlyMap<string, string>): string {
  const id = record["updatedBy"];
  const name = typeof id === "string" ? coderNames.get(id) : undefined;
  return name ? `by ${name}` : "";
}

function describeRecord(conflict: MergeConflict, names: ReadonlyMap<string, string>): string {
  const r = conflict.local;
  const text = (key: string) => (typeof r[key] === "string" ? (r[key] as string) : null);
  if (conflict.table === "codings") {
    const code = names.get(text("codeId") ?? "") ?? "a code";
    const source = names.get(text("sourceId") ?? "");
    return `Coding of “${code}”${source ? ` in “${source}”` : ""}`;
  }
  const name = text("name") ?? text("title") ?? conflict.id.slice(-8);
  return `${TABLE_LABELS[conflict.table].replace(/s$/, "")} “${name}”`;
}

/** What the merge would change, and the researcher's choices for code clashes and conflicts. */
export function MergePreview({
  plan,
  coderNames,
  recordNames,
  resolutions,
  onChange,
}: {
  plan: MergePlan;
  coderNames: Map<string, string>;
  /** Code and source names by id, so a conflict names what it is about instead of showing ids. */
  recordNames: ReadonlyMap<string, string>;
  resolutions: MergeResolutions;
  onChange: (next: MergeResolutions) => void;
}) {
  // Only coders whose work would change something: a coder with only unchanged records is no news.
  const byCoder = Object.entries(plan.preview.byCoder)
    .map(([coderId, counts]): [string, ChangeCounts] => [coderNames.get(coderId) ?? "Unknown coder", sum(counts)])
    .filter(([, c]) => c.new + c.changed + c.deleted + c.conflicts > 0);
  const setClash = (id: string, choice: ClashResolution) => onChange({ ...resolutions, clashes: { ...resolutions.clashes, [id]: choice } });
  const setConflict = (key: string, side: "local" | "incoming") =>
    onChange({ ...resolutions, conflicts: { ...resolutions.conflicts, [key]: side } });
  return (
    <div className="flex flex-col gap-4">
      <CountsTable caption="Changes by kind" rows={TABLES.map((t) => [TABLE_LABELS[t], plan.preview.byTable[t]])} />
      {byCoder.length > 0 && <CountsTable caption="Changes by coder" rows={byCoder} />}
      {plan.codeClashes.length > 0 && (
        <section aria-labelledby="clash-heading">
          <h3 id="clash-heading" className="font-semibold">
            Codes with the same name
          </h3>
          <p className="text-slate-600 dark:text-slate-400">
            Both of you made a code with the same name in the same place. Merge them into one, or keep both (one gets a number). Whichever
            of you decides, and in whichever order you exchange, you both end up with the same codes.
          </p>
          {plan.codeClashes.map((clash) => {
            const choice = resolutions.clashes?.[clash.incomingId] ?? "keep-both";
            // The same rule as shared/merge/apply.ts: the code with the smaller id is the one kept as it is.
            const keptId = clash.incomingId < clash.localId ? clash.incomingId : clash.localId;
            const otherId = keptId === clash.incomingId ? clash.localId : clash.incomingId;
            const kept = recordNames.get(keptId) ?? clash.name;
            const other = recordNames.get(otherId) ?? clash.name;
            return (
              <fieldset key={clash.incomingId} className="mt-2 rounded border border-slate-300 p-2 dark:border-slate-700">
                <legend className="px-1">
                  “{clash.name}” — {plural(clash.localCodings, "coding")} here, {clash.incomingCodings} in the bundle
                </legend>
                <label className="mr-4 inline-flex items-center gap-1.5">
                  <input
                    type="radio"
                    name={`clash-${clash.incomingId}`}
                    checked={choice === "merge"}
                    onChange={() => setClash(clash.incomingId, "merge")}
                  />{" "}
                  Merge into one code, “{kept.trim()}”
                </label>
                <label className="inline-flex items-center gap-1.5">
                  <input
                    type="radio"
                    name={`clash-${clash.incomingId}`}
                    checked={choice === "keep-both"}
                    onChange={() => setClash(clash.incomingId, "keep-both")}
                  />{" "}
                  Keep both (“{other.trim()}” gets a number)
                </label>
              </fieldset>
            );
          })}
        </section>
      )}
      {plan.conflicts.length > 0 && (
        <section aria-labelledby="conflict-heading">
          <h3 id="conflict-heading" className="font-semibold">
            Conflicts
          </h3>
          <p className="text-slate-600 dark:text-slate-400">
            Both sides changed these since your last exchange. The later edit is chosen; pick the other side to keep it instead.
          </p>
          {plan.conflicts.map((conflict) => {
            const key = `${conflict.table}:${conflict.id}`;
            const side = resolutions.conflicts?.[key] ?? conflict.winner;
            return (
              <fieldset key={key} className="mt-2 rounded border border-slate-300 p-2 dark:border-slate-700">
                <legend className="px-1">{describeRecord(conflict, recordNames)}</legend>
                <div className="grid grid-cols-2 gap-2">
                  {(["local", "incoming"] as const).map((which) => (
                    <label
                      key={which}
                      className={`flex flex-col gap-1 rounded p-2 ${side === which ? "bg-blue-50 ring-2 ring-blue-700 dark:bg-sky-950" : ""}`}
                    >
                      <span className="flex items-center gap-1.5 font-medium">
                        <input type="radio" name={`conflict-${key}`} checked={side === which} onChange={() => setConflict(key, which)} />
                        {which === "local" ? "Keep mine" : "Take theirs"}{" "}
                        <span className="text-xs font-normal">
                          {editedBy(which === "local" ? conflict.local : conflict.incoming, coderNames)}
                          {conflict.winner === which && " (later edit)"}
                        </span>
                      </span>
                      <dl className="grid grid-cols-[max-content_1fr] gap-x-2 text-xs">
                        {conflict.fields.map((field) => (
                          <div key={field} className="contents">
                            <dt className="text-slate-600 dark:text-slate-400">{FIELD_LABELS[field] ?? field}</dt>
                            <dd className="break-words">
                              {show(field, (which === "local" ? conflict.local : conflict.incoming)[field], recordNames)}
                            </dd>
                          </div>
                        ))}
                      </dl>
                    </label>
                  ))}
                </div>
              </fieldset>
            );
          })}
        </section>
      )}
    </div>
  );
}
