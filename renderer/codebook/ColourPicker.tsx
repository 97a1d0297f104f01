import { CODE_COLOURS } from "../../shared/coding/palette";

/** Names for the palette, so a colour can be chosen and announced by name, not by sight alone. */
const COLOUR_NAMES: Readonly<Record<(typeof CODE_COLOURS)[number], string>> = {
  "#0072B2": "Blue",
  "#D55E00": "Vermilion",
  "#009E73": "Bluish green",
  "#CC79A7": "Pink",
  "#E69F00": "Orange",
  "#56B4E9": "Sky blue",
  "#882255": "Wine",
  "#44AA99": "Teal",
  "#117733": "Green",
  "#332288": "Indigo",
  "#AA4499": "Purple",
  "#999933": "Olive",
  "#DDCC77": "Sand",
  "#88CCEE": "Cyan",
  "#661100": "Brown",
  "#6699CC": "Steel blue",
};

export function colourName(hex: string): string {
  const found = CODE_COLOURS.find((c) => c.toLowerCase() === hex.toLowerCase());
  return found ? COLOUR_NAMES[found] : `Custom colour ${hex.toLowerCase()}`;
}

/**
 * The palette as a radio group of named swatches (native radios: arrow keys move and choose). A
 * colour from outside the palette (an imported codebook's) is offered too so saving keeps it.
 */
export function ColourPicker({ value, onChange, name }: { value: string; onChange: (colour: string) => void; name: string }) {
  const custom = CODE_COLOURS.some((c) => c.toLowerCase() === value.toLowerCase()) ? [] : [value];
  const options: string[] = [...CODE_COLOURS, ...custom];
  return (
    <fieldset role="radiogroup" aria-label="Colour" className="flex flex-col gap-1">
      <legend className="mb-1 text-sm font-medium">Colour</legend>
      <div className="grid grid-cols-4 gap-1 sm:grid-cols-8">
        {options.map((colour) => {
          const checked = colour.toLowerCase() === value.toLowerCase();
          const label = colourName(colour);
          return (
            <label
              key={colour}
              title={label}
              className={`relative flex cursor-pointer flex-col items-center gap-0.5 rounded p-1 text-center text-[11px] leading-tight has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-600 ${
                checked ? "bg-slate-200 font-semibold dark:bg-slate-700" : "hover:bg-slate-100 dark:hover:bg-slate-800"
              }`}
            >
              <input
                type="radio"
                name={name}
                value={colour}
                checked={checked}
                onChange={() => onChange(colour)}
                className="absolute inset-0 m-0 cursor-pointer opacity-0"
              />
              <span
                aria-hidden="true"
                className="flex h-6 w-6 items-center justify-center rounded border border-slate-500 text-sm font-bold text-white"
                style={{ backgroundColor: colour, textShadow: "0 0 2px #000" }}
              >
                {checked ? "✓" : ""}
              </span>
              <span>{label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
