import { ErrorText } from "../ui/ErrorText";
import { useId } from "react";
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from "../../shared/bundle";

/** A passphrase input with a strength meter whose level is also written out (colour is never the only cue). */
export function PassphraseField({
  label,
  value,
  onChange,
  showStrength,
  error,
  goodAdvice = "Good: share it with the team by phone or in person, not in the same email as the file.",
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  showStrength: boolean;
  error?: string | null;
  /** Shown under a strong enough passphrase: what to do with it. */
  goodAdvice?: string;
}) {
  const id = useId();
  const strength = passphraseStrength(value);
  const colours = ["bg-red-600", "bg-orange-500", "bg-amber-400", "bg-lime-600", "bg-green-700"];
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="password"
        value={value}
        autoComplete="new-password"
        aria-describedby={`${id}-strength ${id}-error`}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        className="rounded border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800"
      />
      {showStrength && (
        <div id={`${id}-strength`} className="flex flex-col gap-1">
          <div className="flex items-center gap-2">
            <div
              role="meter"
              aria-label="Passphrase strength"
              aria-valuemin={0}
              aria-valuemax={4}
              aria-valuenow={value ? strength.score : 0}
              aria-valuetext={value ? strength.label : "Empty"}
              className="flex h-2 w-40 gap-0.5"
            >
              {[0, 1, 2, 3, 4].map((i) => (
                <span
                  key={i}
                  className={`h-2 flex-1 rounded ${value && i <= strength.score ? colours[strength.score] : "bg-slate-200 dark:bg-slate-700"}`}
                />
              ))}
            </div>
            <span className="text-xs font-medium">Strength: {value ? strength.label : "—"}</span>
          </div>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {value ? strength.hint || goodAdvice : `At least ${MIN_PASSPHRASE_LENGTH} characters; four or five unrelated words work well.`}
          </p>
        </div>
      )}
      {error && (
        <ErrorText id={`${id}-error`} className="text-xs">
          {error}
        </ErrorText>
      )}
    </div>
  );
}
