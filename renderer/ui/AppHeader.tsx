import type { ReactNode } from "react";
import type { CoderProfile } from "../db/profile";
import { Button } from "./Button";
import { readableTextColour } from "../../shared/colour";

export function AppHeader({
  profile,
  onOpenSettings,
  children,
}: {
  profile: CoderProfile;
  onOpenSettings: () => void;
  children?: ReactNode;
}) {
  return (
    <header className="flex h-11 shrink-0 items-center gap-3 border-b border-slate-300 bg-white px-3 dark:border-slate-700 dark:bg-slate-900">
      <a href="#/" className="font-semibold tracking-tight text-slate-900 dark:text-slate-100">
        Margin
      </a>
      <div className="flex min-w-0 flex-1 items-center gap-2">{children}</div>
      <span className="text-xs text-slate-600 dark:text-slate-400" aria-label={`Coding as ${profile.name}`}>
        <span
          aria-hidden="true"
          className="mr-1 inline-block rounded px-1 font-semibold"
          style={{ backgroundColor: profile.colour, color: readableTextColour(profile.colour) }}
        >
          {profile.initials}
        </span>
        {profile.name}
      </span>
      <Button variant="ghost" onClick={onOpenSettings}>
        Settings
      </Button>
    </header>
  );
}
