/**
 * The coding screen's commands and their keys, in one place: the toolbar's tooltips and
 * aria-keyshortcuts, the keyboard handler and the "Keyboard shortcuts" help all read this table.
 * Keys avoid the app menu (Ctrl+O/E/P/Z/Y/F/,) and Chromium's text-field keys.
 */
export type CodingCommand = "codeSelection" | "inVivo" | "codeParagraph" | "codeTurn" | "shortcuts";

export interface Shortcut {
  key: string;
  shift: boolean;
}

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export const COMMANDS: Record<CodingCommand, { label: string; shortcut: Shortcut; does: string }> = {
  codeSelection: { label: "Code selection…", shortcut: { key: "k", shift: false }, does: "Code the selection: choose or create a code" },
  inVivo: { label: "Code in vivo", shortcut: { key: "i", shift: false }, does: "Make the selected words a new code and code them with it" },
  codeParagraph: { label: "Code paragraph…", shortcut: { key: "p", shift: true }, does: "Code the whole paragraph at the caret" },
  codeTurn: {
    label: "Code speaker turn…",
    shortcut: { key: "t", shift: true },
    does: "Code what the speaker says in the turn at the caret (without the label)",
  },
  shortcuts: { label: "Keyboard shortcuts", shortcut: { key: "/", shift: false }, does: "Show this list" },
};

/** "Ctrl+Shift+P" (or "⌘⇧P" on a Mac), for tooltips and the help. */
export function shortcutText(shortcut: Shortcut): string {
  const key = shortcut.key.toUpperCase();
  if (isMac) return `⌘${shortcut.shift ? "⇧" : ""}${key}`;
  return `Ctrl+${shortcut.shift ? "Shift+" : ""}${key}`;
}

/** The aria-keyshortcuts value, e.g. "Control+Shift+P". */
export function ariaShortcut(shortcut: Shortcut): string {
  const key = shortcut.key === "/" ? "Slash" : shortcut.key.toUpperCase();
  return `${isMac ? "Meta" : "Control"}+${shortcut.shift ? "Shift+" : ""}${key}`;
}

/** Which command a key press is, if any. */
export function commandFor(event: KeyboardEvent): CodingCommand | null {
  const primary = isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!primary || event.altKey) return null;
  const key = event.key.toLowerCase();
  for (const [command, { shortcut }] of Object.entries(COMMANDS) as [CodingCommand, (typeof COMMANDS)[CodingCommand]][]) {
    if (shortcut.key === key && shortcut.shift === event.shiftKey) return command;
  }
  return null;
}

export const PALETTE_KEYS: readonly { keys: string; does: string }[] = [
  { keys: "Type", does: "Find a code by name or path (“Tech/Usab” finds Technology › Usability)" },
  { keys: "↑ / ↓, Enter", does: "Choose a code and apply it" },
  { keys: "1 – 9 (before typing), or Alt+1 – 9", does: "Apply a recent code" },
  { keys: "Ctrl+Enter", does: "Create a new code with the typed name and apply it" },
  { keys: "Alt+Enter", does: "Create a new code, choosing its parent first" },
  { keys: "Escape", does: "Close without coding" },
];

export const CODING_PANEL_KEYS: readonly { keys: string; does: string }[] = [
  { keys: "Tab to the stripes, then ↑ / ↓", does: "Move between coding stripes beside the text" },
  { keys: "Enter on a stripe", does: "Open the coding: uncode, change code, adjust boundaries, annotate" },
  { keys: "Escape", does: "Close the coding panel" },
];
