import { useRef, useState, type KeyboardEvent } from "react";

export type ToolbarAction = "heading" | "bold" | "italic" | "bullet" | "number" | "link";

const ACTIONS: { action: ToolbarAction; label: string; keys?: string; className?: string }[] = [
  { action: "heading", label: "Heading" },
  { action: "bold", label: "Bold", keys: "Control+B", className: "font-bold" },
  { action: "italic", label: "Italic", keys: "Control+I", className: "italic" },
  { action: "bullet", label: "Bulleted list" },
  { action: "number", label: "Numbered list" },
  { action: "link", label: "Link to…", keys: "Control+K" },
];

/**
 * The formatting toolbar: one tab stop, arrow keys move between buttons (the ARIA toolbar pattern).
 * Buttons do not take focus on click, so the textarea keeps its selection and the caret.
 */
export function MemoToolbar({ disabled, onAction }: { disabled: boolean; onAction: (action: ToolbarAction) => void }) {
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const move = (event: KeyboardEvent) => {
    const last = ACTIONS.length - 1;
    const next =
      event.key === "ArrowRight"
        ? active === last
          ? 0
          : active + 1
        : event.key === "ArrowLeft"
          ? active === 0
            ? last
            : active - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    buttons.current[next]?.focus();
  };

  return (
    <div role="toolbar" aria-label="Formatting" onKeyDown={move} className="flex flex-wrap gap-1">
      {ACTIONS.map(({ action, label, keys, className }, index) => (
        <button
          key={action}
          ref={(el) => {
            buttons.current[index] = el;
          }}
          type="button"
          tabIndex={index === active ? 0 : -1}
          disabled={disabled}
          aria-keyshortcuts={keys}
          title={keys ? `${label} (${keys.replace("Control", "Ctrl")})` : undefined}
          onMouseDown={(e) => e.preventDefault()}
          onFocus={() => setActive(index)}
          onClick={() => onAction(action)}
          className={`rounded border border-slate-300 bg-white px-2 py-1 text-xs text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-400 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700 ${className ?? ""}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
