import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from "react";

const FOCUSABLE =
  'input:not([disabled]), button:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A dialog on the native <dialog> element. Modal (the default): the browser traps focus, restores it
 * on close and closes on Escape, so every dialog behaves the same for keyboard and screen-reader users.
 *
 * `modal={false}` is for a quick popup over the text (the quick-code palette): no page-wide backdrop
 * and nothing made inert, because opening or closing a modal dialog restyles and repaints the whole
 * page (tens of ms on a long coded source, paid on every coding). It keeps the modal one's manners:
 * focus moves in and is kept in (Tab cycles), Escape or a click outside closes it, and focus goes
 * back to where it was.
 */
export function Dialog({
  title,
  open,
  onClose,
  children,
  wide = false,
  modal = true,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  modal?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !modal) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open, modal]);

  // Non-modal: focus in on opening, back to where it was on closing (as showModal and close do).
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (modal || !open || !dialog) return;
    const from = document.activeElement;
    dialog.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    const outside = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || !dialog.contains(event.target)) onCloseRef.current();
    };
    document.addEventListener("pointerdown", outside, true);
    return () => {
      document.removeEventListener("pointerdown", outside, true);
      // After React's commit, not inside it: given back inside it, the text's focus handler did not
      // see the focus and its reading caret stayed hidden (seen in coding.spec).
      queueMicrotask(() => {
        const active = document.activeElement;
        const lost = active === null || active === document.body || dialog.contains(active);
        if (lost && from instanceof HTMLElement && from.isConnected) from.focus({ preventScroll: true });
      });
    };
  }, [open, modal]);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (modal || event.defaultPrevented) return;
    if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    } else if (event.key === "Tab") {
      const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  const width = wide ? "w-[min(56rem,95vw)]" : "w-[min(28rem,95vw)]";
  const look =
    "rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      // Non-modal: shown with the open attribute, above the page (no top layer without showModal).
      open={modal ? undefined : open}
      onKeyDown={onKeyDown}
      // React passes a nested dialog's close/cancel up to this one: only react to our own.
      onClose={(event) => {
        if (modal && event.target === event.currentTarget) onClose();
      }}
      onCancel={(event) => {
        if (event.target !== event.currentTarget) return;
        event.preventDefault();
        onClose();
      }}
      className={
        modal
          ? `m-auto ${look} ${width}`
          : `fixed inset-x-0 top-[12vh] z-50 mx-auto max-h-[76vh] overflow-y-auto shadow-2xl ring-1 ring-slate-900/10 ${look} ${width}`
      }
    >
      {open && (
        <div className="p-5">
          <h2 id={titleId} className="mb-3 text-base font-semibold">
            {title}
          </h2>
          {children}
        </div>
      )}
    </dialog>
  );
}
