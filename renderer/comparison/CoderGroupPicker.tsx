import { coderLooks } from "../../shared/coding/coderLooks";
import type { CoderRecord } from "../../shared/model/records";
import { coderUnderline } from "../coding/coderStyle";

export function coderLabel(coder: CoderRecord): string {
  return `${coder.name} (${coder.initials})`;
}

/**
 * Coder A and coder B, each a group of one or more coders (NVivo's "user groups": text counts as
 * coded by a group when any member coded it). Ticking a coder for one side takes them off the other.
 */
export function CoderGroupPicker({
  coders,
  coderA,
  coderB,
  onChange,
}: {
  coders: readonly CoderRecord[];
  coderA: readonly string[];
  coderB: readonly string[];
  onChange: (patch: { coderA: string[]; coderB: string[] }) => void;
}) {
  if (coders.length < 2) {
    return (
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Coding comparison needs two coders. When a colleague’s bundle is imported, their coding appears here.
      </p>
    );
  }
  const looks = coderLooks(coders);
  const side = (name: "A" | "B", chosen: readonly string[], other: readonly string[]) => (
    <fieldset className="flex min-w-0 flex-1 flex-col gap-1">
      <legend className="mb-1 text-sm font-semibold">Coder {name}</legend>
      {coders.map((coder) => (
        <label key={coder.id} className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={chosen.includes(coder.id)}
            onChange={(e) => {
              const mine = e.target.checked
                ? [...chosen.filter((id) => id !== coder.id), coder.id]
                : chosen.filter((id) => id !== coder.id);
              const theirs = other.filter((id) => id !== coder.id);
              onChange(name === "A" ? { coderA: mine, coderB: theirs } : { coderA: theirs, coderB: mine });
            }}
          />
          <span
            aria-hidden="true"
            data-testid="coder-swatch"
            className="inline-block h-3 w-3 shrink-0 rounded-full border border-black/20"
            style={{ backgroundColor: looks.get(coder.id)?.colour }}
          />
          <span className="truncate" style={coderUnderline(looks.get(coder.id))}>
            {coderLabel(coder)}
          </span>
        </label>
      ))}
    </fieldset>
  );
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-col gap-3">
        {side("A", coderA, coderB)}
        {side("B", coderB, coderA)}
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Tick several coders on one side to compare groups: text counts as coded when anyone in the group coded it.
      </p>
    </div>
  );
}
