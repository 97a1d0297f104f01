import type { CodingMessage } from "./useCodingActions";
import { Button } from "../ui/Button";
import { COMMANDS, ariaShortcut, shortcutText, type CodingCommand } from "./shortcuts";

const TOOLBAR_COMMANDS: CodingCommand[] = ["codeSelection", "inVivo", "codeParagraph", "codeTurn"];

/** The coding tools above the text: the commands (with their keys), what is shown, and the key help. */
export function CodingToolbar({
  onCommand,
  filterSummary,
  onOpenFilter,
  message,
}: {
  onCommand: (command: CodingCommand) => void;
  filterSummary: string;
  onOpenFilter: () => void;
  message: CodingMessage | null;
}) {
  return (
    <div className="border-b border-slate-300 bg-white px-4 py-1.5 dark:border-slate-700 dark:bg-slate-900">
      <div role="group" aria-label="Coding tools" className="flex flex-wrap items-center gap-1">
        {TOOLBAR_COMMANDS.map((command) => {
          const { label, shortcut, does } = COMMANDS[command];
          return (
            <Button
              key={command}
              variant={command === "codeSelection" ? "primary" : "secondary"}
              // Keep the text's selection: a mouse press on a button would otherwise move focus first.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onCommand(command)}
              aria-keyshortcuts={ariaShortcut(shortcut)}
              title={`${does} (${shortcutText(shortcut)})`}
            >
              {label}
            </Button>
          );
        })}
        <span aria-hidden="true" className="mx-1 h-5 w-px bg-slate-300 dark:bg-slate-600" />
        <Button onClick={onOpenFilter} title="Choose which codes and coders are shown">
          Coding shown: {filterSummary}
        </Button>
        <Button
          variant="ghost"
          onClick={() => onCommand("shortcuts")}
          aria-keyshortcuts={ariaShortcut(COMMANDS.shortcuts.shortcut)}
          title={`Keyboard shortcuts (${shortcutText(COMMANDS.shortcuts.shortcut)})`}
        >
          Keyboard shortcuts
        </Button>
      </div>
      <p
        role="status"
        aria-live="polite"
        className={`min-h-5 text-xs ${message?.error ? "text-red-700 dark:text-red-400" : "text-slate-700 dark:text-slate-300"}`}
      >
        {message?.text ?? ""}
      </p>
    </div>
  );
}
