/**
 * Speaker records (issue 16 item 3): the role and speaker name the researcher gives a speaker label of
 * the transcripts' turns. One record per label; when replicas made two for one label, the newest live
 * one counts (shared/search/speakers.ts speakerRecordsByLabel) and is the one edited here.
 */
import { isLive, type Live } from "../../shared/model/live";
import type { SpeakerRecord, SpeakerRole } from "../../shared/model/records";
import { speakerRecordsByLabel } from "../../shared/search/speakers";
import { cleanName } from "../../shared/text/names";
import { writeChanges, type ChangeWriter } from "./changes";
import type { OpenProject } from "./projects";

export const MAX_SPEAKER_NAME = 200;

/** Live speaker records (every replica's, duplicates for a label included: readers pick per label). */
export async function listSpeakerRecords(project: OpenProject): Promise<Live<SpeakerRecord>[]> {
  return (await project.db.speakers.toArray()).filter(isLive);
}

/** “P07”, “P08” and 3 more: labels for an audit line, kept short. */
export function labelList(labels: readonly string[], max = 3): string {
  const shown = labels.slice(0, max).map((l) => `“${l}”`);
  const more = labels.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

function distinctLabels(labels: readonly string[]): string[] {
  const out = [...new Set(labels)];
  if (out.length === 0) throw new Error("Choose at least one speaker.");
  return out;
}

/** Sets fields of each label's record, making the record (named after its label) where there is none. */
async function setForLabels(
  w: ChangeWriter,
  project: OpenProject,
  labels: readonly string[],
  fields: (label: string, current: SpeakerRecord | undefined) => Partial<Pick<SpeakerRecord, "name" | "role">>,
): Promise<void> {
  const current = speakerRecordsByLabel(await project.db.speakers.toArray());
  for (const label of labels) {
    const record = current.get(label);
    const patch = fields(label, record);
    if (record) {
      const changed = (Object.keys(patch) as (keyof typeof patch)[]).some((k) => patch[k] !== record[k]);
      if (changed) await w.update<SpeakerRecord>("speakers", record.id, patch);
    } else {
      await w.create<SpeakerRecord>("speakers", { label, name: patch.name ?? label, role: patch.role ?? null });
    }
  }
}

const ROLE_WORDS: Record<SpeakerRole, string> = { interviewer: "interviewer", facilitator: "facilitator", participant: "participant" };

/** Sets (or clears, with null) the role of these labels: one undo step. */
export async function setSpeakerRole(project: OpenProject, labels: readonly string[], role: SpeakerRole | null): Promise<void> {
  const list = distinctLabels(labels);
  const label = role === null ? `Cleared the role of ${labelList(list)}` : `Marked ${labelList(list)} as ${ROLE_WORDS[role]}`;
  await writeChanges(project.db, project.ctx, label, (w) => setForLabels(w, project, list, () => ({ role })));
}

/**
 * Gives these labels one speaker name (merging variants: "P07", "P07 (ward manager)" → "P07"), in one
 * undo step. When the labels carry exactly one role between them, all of them take it.
 */
export async function mergeSpeakerLabels(project: OpenProject, labels: readonly string[], name: string): Promise<void> {
  const list = distinctLabels(labels);
  const clean = cleanName(name);
  if (!clean) throw new Error("A speaker needs a name.");
  if (clean.length > MAX_SPEAKER_NAME) throw new Error(`Keep speaker names under ${MAX_SPEAKER_NAME} characters.`);
  const what = list.length === 1 ? `Named speaker ${labelList(list)} “${clean}”` : `Merged speaker labels ${labelList(list)} as “${clean}”`;
  await writeChanges(project.db, project.ctx, what, async (w) => {
    const current = speakerRecordsByLabel(await project.db.speakers.toArray());
    const roles = new Set(list.map((l) => current.get(l)?.role ?? null).filter((r): r is SpeakerRole => r !== null));
    const role = roles.size === 1 ? [...roles][0] : undefined;
    await setForLabels(w, project, list, (_label, record) => ({ name: clean, role: role ?? record?.role ?? null }));
  });
}
