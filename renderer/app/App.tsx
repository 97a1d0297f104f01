import { describeError } from "../../shared/describeError";
import { useCallback, useEffect, useState } from "react";
import { getProfile, getTheme, type CoderProfile, type Theme } from "../db/profile";
import { HomeScreen } from "../home/HomeScreen";
import { ProfileSetup } from "../onboarding/ProfileSetup";
import { ProjectWorkspace } from "../project/ProjectWorkspace";
import { SettingsDialog } from "../settings/SettingsDialog";
import { useHost } from "../host/HostContext";
import { useRoute } from "./router";
import { recoveryNotice, withoutRecoveryFlag } from "./recovery";
import { applyTheme } from "./theme";

type Loaded = { profile: CoderProfile | undefined; theme: Theme };

export function App() {
  const host = useHost();
  const route = useRoute();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [recovered, setRecovered] = useState(() => recoveryNotice(window.location.search));

  useEffect(() => {
    if (recovered) window.history.replaceState(window.history.state, "", withoutRecoveryFlag(window.location.href));
  }, [recovered]);

  useEffect(() => {
    Promise.all([getProfile(), getTheme()])
      .then(([profile, theme]) => {
        applyTheme(theme);
        setLoaded({ profile, theme });
      })
      .catch((e: unknown) => setError(describeError(e)));
  }, []);

  useEffect(
    () =>
      host.onMenuCommand((command) => {
        if (command === "settings") setSettingsOpen(true);
        // The menu's Undo/Redo accelerators reach us instead of the page: a focused text field undoes its own typing.
        if ((command === "undo" || command === "redo") && isTextField(document.activeElement)) {
          document.execCommand(command);
        }
      }),
    [host],
  );

  const onThemeChange = useCallback((theme: Theme) => {
    applyTheme(theme);
    setLoaded((current) => (current ? { ...current, theme } : current));
  }, []);

  if (error) {
    return (
      <main className="p-8">
        <h1 className="text-lg font-semibold">Margin could not open its storage</h1>
        <p role="alert" className="mt-2 text-red-700">
          {error}
        </p>
      </main>
    );
  }
  if (!loaded) return <p className="p-8 text-slate-500">Loading…</p>;
  if (!loaded.profile) {
    return <ProfileSetup onSaved={(profile) => setLoaded({ ...loaded, profile })} />;
  }
  const profile = loaded.profile;
  return (
    <>
      {recovered && <RecoveredNotice message={recovered} onDismiss={() => setRecovered(null)} />}
      {route.name === "project" ? (
        <ProjectWorkspace
          key={route.projectId}
          projectId={route.projectId}
          view={route.view}
          sourceId={route.sourceId}
          at={route.at ?? null}
          profile={profile}
          onOpenSettings={() => setSettingsOpen(true)}
        />
      ) : (
        <HomeScreen profile={profile} onOpenSettings={() => setSettingsOpen(true)} />
      )}
      <SettingsDialog
        open={settingsOpen}
        onClose={() => setSettingsOpen(false)}
        profile={profile}
        theme={loaded.theme}
        onProfileChange={(p) => setLoaded({ ...loaded, profile: p })}
        onThemeChange={onThemeChange}
      />
    </>
  );
}

function RecoveredNotice({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div
      role="alert"
      className="fixed inset-x-0 bottom-0 z-50 flex items-start gap-3 border-t border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="flex-1">{message}</p>
      <button type="button" className="underline" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

function isTextField(element: Element | null): boolean {
  return (
    element instanceof HTMLTextAreaElement ||
    (element instanceof HTMLInputElement && /^(text|search|email|url|number|)$/.test(element.type)) ||
    (element instanceof HTMLElement && element.isContentEditable)
  );
}
