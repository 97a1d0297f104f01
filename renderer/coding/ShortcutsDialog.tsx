import { CARET_KEYS } from "../sources/viewer/useCaretKeys";
import { Dialog } from "../ui/Dialog";
import { Button } from "../ui/Button";
import { CODING_PANEL_KEYS, COMMANDS, PALETTE_KEYS, shortcutText, type CodingCommand } from "./shortcuts";

function KeyTable({ caption, rows }: { caption: string; rows: readonly { keys: string; does: string }[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="pb-1 pt-3 text-left font-semibold">{caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Keys</th>
          <th scope="col">What they do</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.keys} className="border-t border-slate-200 dark:border-slate-700">
            <td className="w-56 py-1 pr-3 align-top">
              <kbd className="font-sans font-medium">{row.keys}</kbd>
            </td>
            <td className="py-1 align-top">{row.does}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const COMMAND_ROWS = (["codeSelection", "inVivo", "codeParagraph", "codeTurn", "shortcuts"] as CodingCommand[]).map((c) => ({
  keys: shortcutText(COMMANDS[c].shortcut),
  does: COMMANDS[c].does,
}));

/** Every key of the coding screen, from the same tables the handlers use. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" open={open} onClose={onClose} wide>
      {/* Focusable so the list scrolls from the keyboard on a small screen. */}
      <div role="region" aria-label="All shortcuts" tabIndex={0} className="max-h-[70vh] overflow-y-auto">
        <KeyTable
          caption="Coding"
          rows={[...COMMAND_ROWS, { keys: shortcutText({ key: "f", shift: false }), does: "Find in the source" }]}
        />
        <KeyTable caption="Reading caret and selecting in the text" rows={CARET_KEYS} />
        <KeyTable caption="In the code palette" rows={PALETTE_KEYS} />
        <KeyTable caption="Coding stripes" rows={CODING_PANEL_KEYS} />
      </div>
      <div className="mt-3 flex justify-end">
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
