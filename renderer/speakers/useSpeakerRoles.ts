import { useMemo } from "react";
import { interviewerLabels } from "../../shared/search/speakers";
import { useLive } from "../db/live";
import { listSpeakerRecords } from "../db/speakers";
import { useProject } from "../project/ProjectContext";
import { useSpeakerCounts } from "./useSpeakerCounts";

/**
 * Which speaker labels the researcher marked as interviewer or facilitator (the Speakers view). Search
 * scopes, Coded segments and reports leave their turns out on request. `interviewerLabels` undefined:
 * none marked, so the labels isInterviewerLabel recognises count (shared/search/scope.ts). Once any
 * role is set, a label without a role of its own counts by what it suggests (shared/search/speakers.ts
 * interviewerLabels), so marking P07 a participant does not make the interviewer one too.
 */
export function useSpeakerRoles(): { interviewerLabels: readonly string[] | undefined } {
  const project = useProject();
  const records = useLive(() => listSpeakerRecords(project), [project]);
  const { labels } = useSpeakerCounts();
  return useMemo(
    () => ({
      interviewerLabels: records
        ? interviewerLabels(
            records,
            labels?.map((l) => l.label),
          )
        : undefined,
    }),
    [records, labels],
  );
}
