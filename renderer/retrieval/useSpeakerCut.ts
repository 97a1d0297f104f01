import { useEffect, useState } from "react";
import { describeError } from "../../shared/describeError";
import type { Segment } from "../../shared/retrieval/segments";
import { segmentsFromPieces, type SpeakerScope } from "../../shared/retrieval/speakers";
import type { Range } from "../../shared/coding/ranges";
import { useCorpus } from "../search/CorpusContext";

interface Cut {
  input: readonly Segment[];
  key: string;
  segments: Segment[] | null;
  error: string | null;
}

/**
 * Coded segments cut to speaker turns (shared/retrieval/speakers.ts), by the corpus worker, which holds
 * the texts: the second and later pieces of a segment get the key `<key>#2`…; a segment with nothing
 * kept goes. With "all" the segments come back as they are. `segments` null while they are read.
 */
export function useSpeakerCut(
  segments: readonly Segment[] | null,
  speakers: SpeakerScope,
  interviewerLabels: readonly string[] | undefined,
): { segments: readonly Segment[] | null; error: string | null } {
  const corpus = useCorpus();
  const [cut, setCut] = useState<Cut | null>(null);
  const key = `${speakers}|${interviewerLabels?.join("\u0000") ?? ""}`;
  const wanted = speakers !== "all" && segments !== null;
  const ready = cut !== null && cut.input === segments && cut.key === key;
  useEffect(() => {
    if (!wanted || ready || !corpus || !segments) return;
    let live = true;
    corpus
      .ask("speakerCut", {
        speakers,
        ...(interviewerLabels ? { interviewerLabels: [...interviewerLabels] } : {}),
        passages: segments.map((s) => ({ sourceId: s.sourceId, start: s.start, end: s.end })),
      })
      .then(
        (answer) => {
          const out = segmentsFromPieces(segments, (_, i) => {
            const flat = answer.pieces[i] ?? [];
            const pieces: Range[] = [];
            for (let p = 0; p + 1 < flat.length; p += 2) pieces.push({ start: flat[p] ?? 0, end: flat[p + 1] ?? 0 });
            return pieces;
          });
          if (live) setCut({ input: segments, key, segments: out, error: null });
        },
        (e: unknown) => live && setCut({ input: segments, key, segments: null, error: describeError(e) }),
      );
    return () => {
      live = false;
    };
    // `key` stands for speakers and labels.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [corpus, segments, key, wanted, ready]);
  if (!wanted) return { segments, error: null };
  return ready ? { segments: cut.segments, error: cut.error } : { segments: null, error: null };
}
