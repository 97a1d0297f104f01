import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";

export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  /** Shown beside the label and given to assistive technology (aria-keyshortcuts). */
  shortcut?: string;
}

/**
 * A popup menu (WAI-ARIA menu pattern): arrows, Home/End and first letters move; Enter or Space
 * chooses; Escape and Tab close. Disabled items stay focusable so they can be discovered.
 */
export function MenuPopup({
  label,
  items,
  at,
  onClose,
}: {
  label: string;
  items: MenuItem[];
  /** Viewport position of the menu's top-left corner. */
  at: { x: number; y: number };
  /** `chosen` when an item was chosen (it then decides where focus goes). */
  onClose: (chosen: boolean) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState(at);
  const [active, setActive] = useState(() =>
    Math.max(
      0,
      items.findIndex((i) => !i.disabled),
    ),
  );

  // Keep the menu inside the window (a context menu opened near the bottom or right edge).
  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect();
    if (!box) return;
    setPos({
      x: Math.max(4, Math.min(at.x, window.innerWidth - box.width - 4)),
      y: Math.max(4, Math.min(at.y, window.innerHeight - box.height - 4)),
    });
  }, [at]);

  useEffect(() => {
    ref.current?.querySelectorAll<HTMLElement>("[role=menuitem]")[active]?.focus();
  }, [active]);

  useEffect(() => {
    const outside = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose(false);
    };
    document.addEventListener("mousedown", outside);
    return () => document.removeEventListener("mousedown", outside);
  }, [onClose]);

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    onClose(true);
    item.onSelect();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const n = items.length;
    let next: number | null = null;
    if (event.key === "ArrowDown") next = (active + 1) % n;
    else if (event.key === "ArrowUp") next = (active - 1 + n) % n;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = n - 1;
    else if (event.key === "Escape" || event.key === "Tab") {
      event.preventDefault();
      event.stopPropagation();
      onClose(false);
      return;
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      const item = items[active];
      if (item) choose(item);
      return;
    } else if (event.key.length === 1 && /\S/.test(event.key)) {
      const key = event.key.toLowerCase();
      for (let k = 1; k <= n; k++) {
        const i = (active + k) % n;
        if (items[i]?.label.toLowerCase().startsWith(key)) {
          next = i;
          break;
        }
      }
    }
    if (next !== null) {
      event.preventDefault();
      event.stopPropagation();
      setActive(next);
    }
  };

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      onKeyDown={onKeyDown}
      style={{ left: pos.x, top: pos.y }}
      className="fixed z-50 min-w-44 rounded border border-slate-300 bg-white py-1 text-sm shadow-lg dark:border-slate-600 dark:bg-slate-800"
    >
      {items.map((item, i) => (
        <div
          key={item.label}
          role="menuitem"
          tabIndex={i === active ? 0 : -1}
          aria-disabled={item.disabled || undefined}
          aria-keyshortcuts={item.shortcut}
          onClick={() => choose(item)}
          onMouseEnter={() => setActive(i)}
          className={`flex cursor-default items-center justify-between gap-4 px-3 py-1.5 outline-none focus:bg-blue-100 dark:focus:bg-sky-900 ${
            item.disabled ? "text-slate-500 dark:text-slate-400" : ""
          }`}
        >
          <span>{item.label}</span>
          {item.shortcut && <span className="text-xs text-slate-600 dark:text-slate-300">{item.shortcut}</span>}
        </div>
      ))}
    </div>
  );
}

/** A button that opens a menu below itself; focus returns to the button when the menu closes. */
export function MenuButton({
  label,
  items,
  buttonLabel,
  className = "",
}: {
  label: string;
  items: MenuItem[];
  buttonLabel?: string;
  className?: string;
}) {
  const button = useRef<HTMLButtonElement>(null);
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  const open = () => {
    const box = button.current?.getBoundingClientRect();
    if (box) setAt({ x: box.left, y: box.bottom + 2 });
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={at !== null}
        aria-label={buttonLabel ? label : undefined}
        // The open menu closes on any mousedown outside it: not on this button's, which toggles it.
        onMouseDown={(e) => at && e.stopPropagation()}
        onClick={() => (at ? setAt(null) : open())}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            open();
          }
        }}
        className={`inline-flex items-center gap-1 rounded border border-slate-300 bg-white px-2 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700 ${className}`}
      >
        {buttonLabel ?? label}
        <span aria-hidden="true">▾</span>
      </button>
      {at && (
        <MenuPopup
          label={label}
          items={items}
          at={at}
          onClose={() => {
            setAt(null);
            button.current?.focus();
          }}
        />
      )}
    </>
  );
}
