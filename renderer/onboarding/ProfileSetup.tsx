import { ErrorText } from "../ui/ErrorText";
import { describeError } from "../../shared/describeError";
import { useState, type FormEvent } from "react";
import { saveProfile, type CoderProfile } from "../db/profile";
import { Button } from "../ui/Button";
import { TextField } from "../ui/TextField";

/** First run: who is coding. Every coding and change is recorded against this coder. */
export function ProfileSetup({ onSaved }: { onSaved: (profile: CoderProfile) => void }) {
  const [name, setName] = useState("");
  const [initials, setInitials] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const suggested = name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0] ?? "")
    .join("")
    .slice(0, 3)
    .toUpperCase();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    try {
      onSaved(await saveProfile({ name, initials: initials || suggested }));
    } catch (e) {
      setError(describeError(e));
      setSaving(false);
    }
  }

  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <form
        onSubmit={(e) => void submit(e)}
        aria-labelledby="profile-title"
        className="w-full max-w-md rounded-lg border border-slate-300 bg-white p-6 shadow-sm dark:border-slate-700 dark:bg-slate-900"
      >
        <h1 id="profile-title" className="text-xl font-semibold">
          Welcome to Margin
        </h1>
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          Margin records who coded what, so your team can compare coders and trace every change. Your name stays on this computer and in the
          project files you share.
        </p>
        <div className="mt-5 flex flex-col gap-4">
          <TextField label="Your name" value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
          <TextField
            label="Initials"
            hint={suggested ? `Shown beside your codings. Leave blank to use ${suggested}.` : "Shown beside your codings."}
            value={initials}
            maxLength={4}
            onChange={(e) => setInitials(e.target.value)}
          />
          {error && <ErrorText className="text-sm">{error}</ErrorText>}
          <Button type="submit" variant="primary" disabled={saving} className="self-start">
            Continue
          </Button>
        </div>
      </form>
    </main>
  );
}
