import type { CommittedBatch } from "./changes";
import type { OpenProject } from "./projects";
import { revertBatch } from "./undo";

export interface HistoryState {
  undoLabel: string | null;
  redoLabel: string | null;
}

const MAX_STEPS = 200;

/**
 * Undo/redo for one open project in this window, built on the journal: every committed batch of
 * changes can be reverted (as a new journaled batch), and a revert can be reverted again (redo).
 */
export class History {
  private undoStack: { batchId: string; label: string }[] = [];
  private redoStack: { batchId: string; label: string }[] = [];
  private listeners = new Set<() => void>();
  private busy = false;

  /** Called by writeChanges after every commit (through WriteContext.onCommit). */
  readonly record = (batch: CommittedBatch): void => {
    if (batch.kind !== "change") return;
    // A batch committed in several transactions (an import) is one step: undo reverts it whole.
    const top = this.undoStack.at(-1);
    if (top?.batchId === batch.batchId) top.label = batch.label;
    else this.undoStack.push({ batchId: batch.batchId, label: batch.label });
    if (this.undoStack.length > MAX_STEPS) this.undoStack.shift();
    this.redoStack = [];
    this.emit();
  };

  state(): HistoryState {
    return { undoLabel: this.undoStack.at(-1)?.label ?? null, redoLabel: this.redoStack.at(-1)?.label ?? null };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reverts the latest change; returns its label, or null when there is nothing to undo. */
  async undo(project: OpenProject): Promise<string | null> {
    return this.step(project, this.undoStack, this.redoStack, "undo");
  }

  async redo(project: OpenProject): Promise<string | null> {
    return this.step(project, this.redoStack, this.undoStack, "redo");
  }

  private async step(
    project: OpenProject,
    from: { batchId: string; label: string }[],
    to: { batchId: string; label: string }[],
    kind: "undo" | "redo",
  ): Promise<string | null> {
    if (this.busy) return null;
    const top = from.pop();
    if (!top) return null;
    this.busy = true;
    try {
      const reverted = await revertBatch(project, top.batchId, kind);
      to.push({ batchId: reverted, label: top.label });
      return top.label;
    } catch (error) {
      from.push(top);
      throw error;
    } finally {
      this.busy = false;
      this.emit();
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
