import { describeError } from "../../shared/describeError";
import { useEffect, useSyncExternalStore } from "react";
import type { OpenProject } from "../db/projects";
import { useHost } from "../host/HostContext";
import { useProject } from "./ProjectContext";

export type HistoryStep = "undo" | "redo";

/** The latest "Undid: …" message, shown by <UndoControls/> in a status region. */
class UndoAnnouncer {
  private message = "";
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): string => this.message;

  announce(message: string): void {
    this.message = message;
    this.emit();
    if (this.timer) clearTimeout(this.timer);
    // Brief: the change itself is visible; the message only confirms what was undone.
    this.timer = setTimeout(() => {
      this.message = "";
      this.emit();
    }, 6000);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

export const undoAnnouncer = new UndoAnnouncer();

export function useUndoAnnouncement(): string {
  return useSyncExternalStore(undoAnnouncer.subscribe, undoAnnouncer.get);
}

/** Undoes or redoes the latest change and says what it was. */
export async function runHistoryStep(project: OpenProject, step: HistoryStep): Promise<void> {
  const before = project.history.state();
  if ((step === "undo" ? before.undoLabel : before.redoLabel) === null) {
    undoAnnouncer.announce(step === "undo" ? "Nothing to undo" : "Nothing to redo");
    return;
  }
  try {
    const label = step === "undo" ? await project.history.undo(project) : await project.history.redo(project);
    // null while another step is still running: that one will announce itself.
    if (label !== null) undoAnnouncer.announce(`${step === "undo" ? "Undid" : "Redid"}: ${label}`);
  } catch (e) {
    undoAnnouncer.announce(`Could not ${step}: ${describeError(e)}`);
  }
}

const NOT_TEXT_INPUTS = new Set(["button", "submit", "reset", "checkbox", "radio", "range", "color", "file", "image", "hidden"]);

/** Text fields keep their own typing undo: Ctrl+Z there is the browser's, not the project's. */
export function isTextEntry(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement) return true;
  if (element instanceof HTMLInputElement) return !NOT_TEXT_INPUTS.has(element.type);
  return element instanceof HTMLElement && element.isContentEditable;
}

/** Which step a key press asks for: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z and Ctrl+Y redo. */
export function stepForKey(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">): HistoryStep | null {
  if (event.altKey || !(event.ctrlKey || event.metaKey)) return null;
  const key = event.key.toLowerCase();
  if (key === "z") return event.shiftKey ? "redo" : "undo";
  if (key === "y" && event.ctrlKey && !event.shiftKey) return "redo";
  return null;
}

// Several places may call the hook (the workspace, a view): each key press and menu command acts once.
const handledEvents = new WeakSet<Event>();
let lastStep: { step: HistoryStep; via: "key" | "menu"; at: number } | null = null;

function claim(step: HistoryStep, via: "key" | "menu"): boolean {
  const now = performance.now();
  // The same command from the menu and the keyboard (Electron may deliver both for one press).
  if (lastStep && lastStep.step === step && now - lastStep.at < 300 && (lastStep.via !== via || via === "menu")) return false;
  lastStep = { step, via, at: now };
  return true;
}

/**
 * Ctrl/Cmd+Z undoes the project's latest change, Ctrl/Cmd+Shift+Z and Ctrl+Y redo it, and so do the
 * app menu's Undo and Redo — except while typing in a text field, or inside an open dialog.
 */
export function useUndoShortcuts(): void {
  const project = useProject();
  const host = useHost();

  useEffect(() => {
    const blocked = (element: Element | null) => isTextEntry(element) || Boolean(element?.closest("dialog[open]"));
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || handledEvents.has(event) || event.repeat) return;
      const step = stepForKey(event);
      if (!step) return;
      const target = event.target instanceof Element ? event.target : document.activeElement;
      if (blocked(target)) return;
      handledEvents.add(event);
      event.preventDefault();
      if (claim(step, "key")) void runHistoryStep(project, step);
    };
    window.addEventListener("keydown", onKeyDown);
    const offMenu = host.onMenuCommand((command) => {
      if (command !== "undo" && command !== "redo") return;
      if (blocked(document.activeElement)) return;
      if (claim(command, "menu")) void runHistoryStep(project, command);
    });
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      offMenu();
    };
  }, [project, host]);
}
