import { useEffect, useState } from "react";
import { describeError } from "../../shared/describeError";
import type { SpeakerLabelCount } from "../../shared/search/speakers";
import { useLive } from "../db/live";
import { listSources } from "../db/sources";
import { useProject } from "../project/ProjectContext";
import { useCorpus, useCorpusStatus } from "../search/CorpusContext";

export interface SpeakerCounts {
  /** Every label's turns, words and sources; undefined until the worker answers. */
  labels: SpeakerLabelCount[] | undefined;
  error: string | null;
}

/**
 * The speaker labels of the live sources, counted by the corpus worker (never the transcripts on the
 * main thread). Asked again when the live sources change (an import, a deletion, an undo) and when the
 * worker learns of them.
 */
export function useSpeakerCounts(): SpeakerCounts {
  const project = useProject();
  const corpus = useCorpus();
  const key = useLive(async () => (await listSources(project)).map((s) => s.id).join(","), [project]);
  // The worker answers only for the sources it was told about: ask again once it knows them all.
  const { total } = useCorpusStatus();
  const [state, setState] = useState<SpeakerCounts>({ labels: undefined, error: null });
  useEffect(() => {
    if (!corpus || key === undefined) return;
    let current = true;
    corpus.ask("speakers", {}).then(
      (answer) => current && setState({ labels: answer.labels, error: null }),
      (e: unknown) => current && setState({ labels: undefined, error: describeError(e) }),
    );
    return () => {
      current = false;
    };
  }, [corpus, key, total]);
  return state;
}
