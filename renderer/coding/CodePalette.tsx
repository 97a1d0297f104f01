import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { isExistingName, searchCodes, type PaletteCode } from "./paletteSearch";
import { PALETTE_KEYS } from "./shortcuts";

/** What the researcher picked: an existing code, or a new one (with its parent). */
export type PaletteChoice = { kind: "existing"; codeId: string } | { kind: "new"; name: string; parentId: string | null };

type Option =
  | { kind: "code"; code: PaletteCode; recent: number | null }
  | { kind: "create"; name: string }
  | { kind: "parent"; code: PaletteCode | null };

const MAX_SHOWN = 200;

/**
 * The quick-code palette: a combobox over the codebook (WAI-ARIA combobox with a listbox popup, the
 * list always shown). Typing filters by name or path; Enter applies the highlighted code; recent codes
 * are on 1–9; a name that matches nothing becomes a new code (Enter, or Ctrl+Enter at any time);
 * Alt+Enter or "Choose parent…" asks where the new code goes first. Escape (or a click outside)
 * closes; the dialog gives focus back to where it was.
 */
export function CodePalette({
  open,
  title,
  excludeCodeId,
  ...body
}: Omit<PaletteBodyProps, "excludeCodeId"> & {
  open: boolean;
  title: string;
  /** In "change code" mode, the coding's current code (not offered). */
  excludeCodeId?: string | null;
}) {
  return (
    // Not modal: closing a modal dialog restyles the whole page, and it closes on every coding.
    <Dialog title={title} open={open} onClose={body.onClose} wide modal={false}>
      {open && <PaletteBody {...body} excludeCodeId={excludeCodeId ?? null} />}
    </Dialog>
  );
}

interface PaletteBodyProps {
  /** What will be coded, quoted for the researcher (first words of the selection). */
  subject: string;
  /** Codes that can be applied, in tree order. */
  codes: readonly PaletteCode[];
  /** Every code (categories too), in tree order: where a new code can go, and names already taken. */
  parents: readonly PaletteCode[];
  recentIds: readonly string[];
  excludeCodeId: string | null;
  /** Resolves when done; a rejection's message is shown and the palette stays open. */
  onChoose: (choice: PaletteChoice) => Promise<void>;
  onClose: () => void;
}

function PaletteBody({ subject, codes, parents, recentIds, excludeCodeId, onChoose, onClose }: PaletteBodyProps) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  // Set while choosing where a new code goes: the new code's name.
  const [parentFor, setParentFor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const available = useMemo(() => codes.filter((c) => c.id !== excludeCodeId), [codes, excludeCodeId]);
  const recent = useMemo(
    () =>
      recentIds
        .map((rid) => available.find((c) => c.id === rid))
        .filter((c): c is PaletteCode => c !== undefined)
        .slice(0, 9),
    [recentIds, available],
  );
  const trimmed = query.replace(/\s+/g, " ").trim();
  // Folds every code's name and path (~2 ms for 500 codes): once per query, not on every render.
  const nameTaken = useMemo(() => trimmed !== "" && isExistingName(parents, trimmed), [parents, trimmed]);

  const options = useMemo<Option[]>(() => {
    if (parentFor !== null) {
      const found = searchCodes(parents, trimmed)
        .slice(0, MAX_SHOWN)
        .map((code): Option => ({ kind: "parent", code }));
      // "Top level" first until the researcher types; then the best match is highlighted.
      return trimmed ? [...found, { kind: "parent", code: null }] : [{ kind: "parent", code: null }, ...found];
    }
    const recentNumber = (codeId: string) => {
      const i = recent.findIndex((r) => r.id === codeId);
      return i >= 0 ? i + 1 : null;
    };
    const found = trimmed ? searchCodes(available, trimmed) : [...recent, ...available.filter((c) => !recent.includes(c))];
    const out: Option[] = found.slice(0, MAX_SHOWN).map((code) => ({ kind: "code", code, recent: recentNumber(code.id) }));
    if (trimmed && !nameTaken) out.push({ kind: "create", name: trimmed });
    return out;
  }, [parentFor, parents, available, recent, trimmed, nameTaken]);

  // A new query highlights the best match (or "Create", when nothing matches).
  const [seen, setSeen] = useState(options);
  if (seen !== options) {
    setSeen(options);
    setActive(0);
  }
  const current = options[Math.min(active, options.length - 1)];

  useEffect(() => {
    list.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: "nearest" });
  }, [active, options]);

  const choose = async (choice: PaletteChoice) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onChoose(choice);
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  const askParent = (name: string) => {
    setParentFor(name);
    setQuery("");
    input.current?.focus();
  };

  const apply = (option: Option | undefined) => {
    if (!option) return;
    if (option.kind === "code") void choose({ kind: "existing", codeId: option.code.id });
    else if (option.kind === "create") void choose({ kind: "new", name: option.name, parentId: null });
    else if (parentFor !== null) void choose({ kind: "new", name: parentFor, parentId: option.code?.id ?? null });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const digit = /^[1-9]$/.test(event.key) ? Number(event.key) : null;
    if (digit !== null && parentFor === null && (event.altKey || query === "")) {
      const code = recent[digit - 1];
      if (code) {
        event.preventDefault();
        void choose({ kind: "existing", codeId: code.id });
      }
      return;
    }
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((a) => (options.length === 0 ? 0 : (Math.min(a, options.length - 1) + step + options.length) % options.length));
        return;
      }
      case "PageDown":
      case "PageUp": {
        event.preventDefault();
        const step = event.key === "PageDown" ? 10 : -10;
        setActive((a) => Math.min(Math.max(0, a + step), Math.max(0, options.length - 1)));
        return;
      }
      case "Escape":
        if (parentFor !== null) {
          // Back to the codes, not out of the palette.
          event.preventDefault();
          setQuery(parentFor);
          setParentFor(null);
        }
        return;
      case "Enter": {
        event.preventDefault();
        if (parentFor === null && trimmed && event.altKey) askParent(trimmed);
        else if (parentFor === null && trimmed && (event.ctrlKey || event.metaKey))
          void choose({ kind: "new", name: trimmed, parentId: null });
        else apply(current);
        return;
      }
    }
  };

  const optionId = (i: number) => `${id}-option-${i}`;
  const activeIndex = current ? options.indexOf(current) : -1;
  const hintsId = `${id}-hints`;
  return (
    <div className="flex flex-col gap-2">
      <p className="truncate text-sm text-slate-700 dark:text-slate-300" title={subject}>
        {parentFor === null ? <>Coding: “{subject}”</> : <>New code “{parentFor}”: choose where it goes.</>}
      </p>
      <input
        ref={input}
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        aria-label={parentFor === null ? "Code name or path" : "Parent code"}
        aria-describedby={hintsId}
        placeholder={parentFor === null ? "Type a code name or path, or a new name" : "Type to find the parent code"}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        spellCheck={false}
        autoComplete="off"
        className="rounded border border-slate-400 bg-white px-2 py-1.5 text-base dark:border-slate-600 dark:bg-slate-800"
      />
      <ul
        ref={list}
        id={`${id}-list`}
        role="listbox"
        aria-label={parentFor === null ? "Codes" : "Parent codes"}
        className="max-h-80 overflow-y-auto rounded border border-slate-300 dark:border-slate-700"
      >
        {options.map((option, i) => (
          <li
            key={option.kind === "create" ? "create" : `${option.kind}-${option.code?.id ?? "top"}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === activeIndex}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => apply(option)}
            className="flex cursor-pointer items-center gap-2 px-2 py-1 text-sm aria-selected:bg-blue-100 aria-selected:text-blue-950 dark:aria-selected:bg-sky-900 dark:aria-selected:text-white"
          >
            <OptionContent option={option} />
          </li>
        ))}
        {options.length === 0 && (
          <li className="px-2 py-1 text-sm text-slate-600 dark:text-slate-400">No codes yet: type a name to create one.</li>
        )}
      </ul>
      {error && <ErrorText className="text-sm">{error}</ErrorText>}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p id={hintsId} className="text-xs text-slate-600 dark:text-slate-400">
          {PALETTE_KEYS.slice(1, 5)
            .map((k) => `${k.keys}: ${k.does.toLowerCase()}`)
            .join(" · ")}
        </p>
        <div className="flex gap-2">
          {parentFor === null && (
            <Button
              disabled={!trimmed || nameTaken}
              onClick={() => askParent(trimmed)}
              title="Create the new code under another code (Alt+Enter)"
            >
              Choose parent…
            </Button>
          )}
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </div>
    </div>
  );
}

function OptionContent({ option }: { option: Option }) {
  if (option.kind === "create") {
    return (
      <>
        <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full border border-dashed border-slate-500" />
        <span>
          Create code “<strong>{option.name}</strong>”
        </span>
      </>
    );
  }
  if (!option.code) return <span>Top level (no parent)</span>;
  const { code } = option;
  const ancestors = code.path.slice(0, -1);
  return (
    <>
      <span aria-hidden="true" className="inline-block h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: code.colour }} />
      <span className="min-w-0 flex-1 truncate">
        {ancestors.length > 0 && <span className="text-slate-600 dark:text-slate-400">{ancestors.join(" › ")} › </span>}
        {code.name}
      </span>
      {option.kind === "code" && option.recent !== null && (
        <kbd className="rounded border border-slate-400 px-1 text-xs tabular-nums">
          <span className="sr-only">, key </span>
          {option.recent}
        </kbd>
      )}
    </>
  );
}
