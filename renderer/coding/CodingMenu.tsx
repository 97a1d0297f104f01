import { useEffect, useRef, type KeyboardEvent } from "react";
import { COMMANDS, ariaShortcut, shortcutText, type CodingCommand } from "./shortcuts";

const MENU_COMMANDS: CodingCommand[] = ["codeSelection", "inVivo", "codeParagraph", "codeTurn"];

/**
 * The coding menu on a right-click in the selection (or Shift+F10 / the Menu key): the coding commands
 * and Copy. A WAI-ARIA menu: arrow keys move, Enter chooses, Escape or Tab closes.
 */
export function CodingMenu({
  at,
  hasSelection,
  onCommand,
  onCopy,
  onClose,
}: {
  at: { x: number; y: number };
  hasSelection: boolean;
  onCommand: (command: CodingCommand) => void;
  onCopy: () => void;
  onClose: () => void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [])];

  useEffect(() => {
    items()[0]?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const i = list.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      list[(i + step + list.length) % list.length]?.focus();
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      list[event.key === "Home" ? 0 : list.length - 1]?.focus();
    } else if (event.key === "Escape" || event.key === "Tab") {
      event.preventDefault();
      onClose();
    }
  };

  const item = (label: string, onChoose: () => void, disabled: boolean, command?: CodingCommand) => (
    <button
      key={label}
      type="button"
      role="menuitem"
      tabIndex={-1}
      aria-disabled={disabled || undefined}
      aria-keyshortcuts={command ? ariaShortcut(COMMANDS[command].shortcut) : undefined}
      onClick={() => {
        if (disabled) return;
        onClose();
        onChoose();
      }}
      className="flex w-full justify-between gap-6 px-3 py-1.5 text-left text-sm hover:bg-slate-100 focus:bg-blue-100 focus:outline-none aria-disabled:text-slate-400 dark:hover:bg-slate-700 dark:focus:bg-sky-900"
    >
      <span>{label}</span>
      {command && <span className="text-xs text-slate-600 dark:text-slate-400">{shortcutText(COMMANDS[command].shortcut)}</span>}
    </button>
  );

  return (
    <div
      ref={menu}
      role="menu"
      aria-label="Coding"
      onKeyDown={onKeyDown}
      className="fixed z-50 min-w-56 rounded border border-slate-300 bg-white py-1 shadow-lg dark:border-slate-600 dark:bg-slate-800"
      style={{ left: Math.min(at.x, window.innerWidth - 240), top: Math.min(at.y, window.innerHeight - 200) }}
    >
      {MENU_COMMANDS.map((command) =>
        item(
          COMMANDS[command].label,
          () => onCommand(command),
          (command === "codeSelection" || command === "inVivo") && !hasSelection,
          command,
        ),
      )}
      {item("Copy", onCopy, !hasSelection)}
    </div>
  );
}
