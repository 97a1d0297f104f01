/**
 * Which speaker labels the researcher marked as interviewer or facilitator (the Speakers view). Search
 * scopes, Coded segments and reports leave their turns out on request. `interviewerLabels` undefined:
 * none marked, so the labels isInterviewerLabel recognises count (shared/search/scope.ts).
 */
export function useSpeakerRoles(): { interviewerLabels: readonly string[] | undefined } {
  // Until roles are stored (the speakers table), the recognised labels count.
  return { interviewerLabels: undefined };
}
