import { useEffect, useRef } from "react";

/**
 * Calls `save` when the editor unmounts and when the window is hidden, left or closed (pagehide,
 * visibilitychange, beforeunload: in Electron closing the window fires them too). The save may not
 * finish as the page goes; the typing is also kept in localStorage (draftStore) for that case.
 */
export function useSaveOnLeave(save: () => Promise<void>): void {
  const latest = useRef(save);
  useEffect(() => {
    latest.current = save;
  }, [save]);
  useEffect(() => {
    const now = () => void latest.current();
    const onHidden = () => {
      if (document.visibilityState === "hidden") now();
    };
    window.addEventListener("pagehide", now);
    window.addEventListener("beforeunload", now);
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      window.removeEventListener("pagehide", now);
      window.removeEventListener("beforeunload", now);
      document.removeEventListener("visibilitychange", onHidden);
      now();
    };
  }, []);
}
