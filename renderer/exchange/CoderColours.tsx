import { ErrorText } from "../ui/ErrorText";
import { useState } from "react";
import { coderLooks } from "../../shared/coding/coderLooks";
import { listCoders, setCoderColour } from "../db/codings";
import { useLive } from "../db/live";
import type { OpenProject } from "../db/projects";
import { coderUnderline } from "../coding/coderStyle";
import { errorText } from "./messages";

/** Each coder of the open project with the colour and underline pattern they are drawn in; colours editable. */
export function CoderColours({ project }: { project: OpenProject }) {
  const coders = useLive(() => listCoders(project), [project]);
  const [error, setError] = useState<string | null>(null);
  if (!coders || coders.length === 0) return null;
  const looks = coderLooks(coders);
  return (
    <section aria-labelledby="coder-colours-heading" className="mb-5 text-sm">
      <h3 id="coder-colours-heading" className="font-semibold">
        Coders in this project
      </h3>
      <p className="mt-1 text-slate-600 dark:text-slate-400">
        Each coder is drawn in their own colour and underline pattern (the pattern tells coders apart in greyscale).
      </p>
      <ul className="mt-2 flex flex-col gap-1">
        {coders.map((coder) => {
          const look = looks.get(coder.id);
          return (
            <li key={coder.id} className="flex items-center gap-2">
              <input
                type="color"
                aria-label={`Colour for ${coder.name}`}
                value={(look?.colour ?? coder.colour).toLowerCase()}
                onChange={(e) => {
                  setError(null);
                  setCoderColour(project, coder.id, e.target.value).catch((err: unknown) => setError(errorText(err)));
                }}
                className="h-7 w-10 cursor-pointer rounded border border-slate-400 bg-transparent dark:border-slate-600"
              />
              <span style={coderUnderline(look)}>
                {coder.name} ({coder.initials})
              </span>
              <span className="text-xs text-slate-600 dark:text-slate-400">{look?.pattern} underline</span>
            </li>
          );
        })}
      </ul>
      {error && <ErrorText className="mt-1">{error}</ErrorText>}
    </section>
  );
}
