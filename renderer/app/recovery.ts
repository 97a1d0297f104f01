// The main process reloads a window whose renderer died with "?recovered=memory|crash"
// (electron/recovery/rendererGone.ts). This turns that flag into what the researcher reads.

export function recoveryNotice(search: string): string | null {
  const why = new URLSearchParams(search).get("recovered");
  if (why !== "memory" && why !== "crash") return null;
  const cause = why === "memory" ? "it ran out of memory" : "it stopped unexpectedly";
  return (
    `Margin's window was reopened because ${cause}. Everything that was saved is still here. ` +
    "If you were importing, the files it listed as imported are saved; import the others again, a few at a time."
  );
}

/** The URL without the flag, so reloading later does not show the message again. */
export function withoutRecoveryFlag(href: string): string {
  const url = new URL(href);
  url.searchParams.delete("recovered");
  return url.toString();
}
