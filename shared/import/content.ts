import type { SourceContentRecord } from "../model/records";
import type { ConvertedSource } from "./types";
import type { SourceId } from "../ids";

/** The stored heavy part of a converted source (the app's import and the CLI's `create` store the same). */
export function sourceContentFrom(sourceId: SourceId, converted: ConvertedSource): SourceContentRecord {
  return {
    id: sourceId,
    text: converted.text,
    blocks: converted.blocks,
    marks: converted.marks,
    turns: converted.turns,
    timestamps: converted.timestamps,
    warnings: converted.warnings,
  };
}
