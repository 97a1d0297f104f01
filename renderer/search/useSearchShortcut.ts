import { useEffect } from "react";
import { searchHref } from "../app/router";

/** The Search view's query box: Ctrl+Shift+F focuses it from anywhere in the project. */
export const SEARCH_INPUT_ID = "project-search-query";

export function isSearchShortcut(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === "f";
}

/** Ctrl+Shift+F (Cmd+Shift+F on a Mac) opens the Search view and puts the cursor in its query box. */
export function useSearchShortcut(projectId: string): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event)) return;
      event.preventDefault();
      const focus = () => {
        const input = document.getElementById(SEARCH_INPUT_ID);
        if (input instanceof HTMLInputElement) {
          input.focus();
          input.select();
          return true;
        }
        return false;
      };
      if (focus()) return;
      window.location.hash = searchHref(projectId);
      // The view mounts on the next render: try for a moment, then give up quietly.
      let tries = 0;
      const timer = setInterval(() => {
        if (focus() || ++tries > 40) clearInterval(timer);
      }, 25);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [projectId]);
}
