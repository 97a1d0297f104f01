import { useState, type FormEvent } from "react";
import { ENGLISH_STOP_WORDS } from "../../shared/search/wordFrequency";
import {
  addStopWords,
  NO_STOP_WORD_CHANGES,
  removeStopWord,
  stopWordList,
  typedStopWords,
  type StopWordChanges,
} from "../../shared/search/stopWords";
import { plural } from "../../shared/text/plural";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { TextField } from "../ui/TextField";

/** The editable stop-word list: add words, remove any, or go back to the English list. */
export function StopWordsDialog({
  open,
  changes,
  onChange,
  onClose,
}: {
  open: boolean;
  changes: StopWordChanges;
  onChange: (changes: StopWordChanges) => void;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const list = stopWordList(changes);
  const changed = changes.added.length > 0 || changes.removed.length > 0;

  const add = (event: FormEvent) => {
    event.preventDefault();
    const words = typedStopWords(typed);
    if (words.length === 0) {
      setError("Type one or more words, separated by spaces or commas.");
      return;
    }
    onChange(addStopWords(changes, words));
    setTyped("");
    setError(null);
  };

  return (
    <Dialog title="Stop words" open={open} onClose={onClose} wide>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Words left out of the count. The list starts from {plural(ENGLISH_STOP_WORDS.length, "common English word")}; your changes are kept
        on this computer for this project.
      </p>
      <form onSubmit={add} className="mt-3 flex items-end gap-2">
        <TextField
          label="Add stop words"
          hint="Separate words with spaces or commas, e.g. yeah, um, mean"
          value={typed}
          error={error}
          onChange={(e) => setTyped(e.target.value)}
          className="flex-1"
        />
        <Button type="submit" variant="primary" className="mb-5">
          Add
        </Button>
      </form>
      <p className="mt-3 text-sm font-medium" id="stop-word-count">
        {plural(list.length, "stop word")}
      </p>
      <ul
        aria-labelledby="stop-word-count"
        className="mt-1 flex max-h-64 flex-wrap gap-1 overflow-y-auto rounded border border-slate-300 p-2 dark:border-slate-700"
      >
        {list.map((word) => (
          <li key={word} className="flex items-center rounded bg-slate-100 pl-2 text-sm dark:bg-slate-800">
            <span lang="en">{word}</span>
            <button
              type="button"
              aria-label={`Remove “${word}” from the stop words`}
              title="Remove"
              onClick={() => onChange(removeStopWord(changes, word))}
              className="ml-1 rounded px-1.5 text-slate-600 hover:bg-slate-300 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-600"
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="mt-4 flex justify-between gap-2">
        <Button disabled={!changed} onClick={() => onChange(NO_STOP_WORD_CHANGES)}>
          Reset to the English list
        </Button>
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </div>
    </Dialog>
  );
}
