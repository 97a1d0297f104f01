import { useId, useMemo, useState } from "react";
import { foldForFilter } from "../codebook/treeRows";

export interface PickableCode {
  id: string;
  path: string;
}

const SHOWN = 200;

export interface CodeComboboxProps {
  label: string;
  codes: PickableCode[];
  value: string | null;
  onChange: (id: string) => void;
}

/**
 * Type-ahead choice of ONE code by its path (combobox with an always-visible list): typing narrows
 * the list, arrows move through it, Enter or a click chooses. For choosing several codes, see CodeChecklist.
 */
export function CodeCombobox({ label, codes, value, onChange }: CodeComboboxProps) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const shown = useMemo(() => {
    const q = foldForFilter(query.trim());
    return (q ? codes.filter((c) => foldForFilter(c.path).includes(q)) : codes).slice(0, SHOWN);
  }, [codes, query]);
  const at = Math.min(active, shown.length - 1);
  const optionId = (i: number) => `${id}-option-${i}`;

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${id}-input`} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={at >= 0 ? optionId(at) : undefined}
        value={query}
        placeholder="Type part of a code's name"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            setActive(Math.max(0, Math.min(shown.length - 1, at + (e.key === "ArrowDown" ? 1 : -1))));
          } else if (e.key === "Enter") {
            e.preventDefault();
            const choice = shown[at];
            if (choice) onChange(choice.id);
          }
        }}
        className="rounded border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800"
      />
      <ul
        id={`${id}-list`}
        role="listbox"
        aria-label={`${label}: codes`}
        className="max-h-48 overflow-auto rounded border border-slate-300 text-sm dark:border-slate-700"
      >
        {shown.map((code, i) => (
          <li
            key={code.id}
            id={optionId(i)}
            role="option"
            aria-selected={code.id === value}
            onMouseDown={(e) => e.preventDefault()} // keep focus in the box
            onClick={() => {
              setActive(i);
              onChange(code.id);
            }}
            className={`cursor-pointer px-2 py-1 ${i === at ? "outline-2 -outline-offset-2 outline-blue-600" : ""} ${
              code.id === value ? "bg-blue-100 font-semibold dark:bg-sky-900" : "hover:bg-slate-100 dark:hover:bg-slate-800"
            }`}
          >
            {code.id === value && <span aria-hidden="true">✓ </span>}
            {code.path}
          </li>
        ))}
        {shown.length === 0 && (
          <li role="option" aria-selected="false" aria-disabled="true" className="px-2 py-1 text-slate-600 dark:text-slate-400">
            No code matches “{query}”.
          </li>
        )}
      </ul>
    </div>
  );
}
