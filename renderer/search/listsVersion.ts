/**
 * A fingerprint of the live sources and cases (ids and stamps, in order), for the corpus worker's
 * cached lists (./corpus.ts cacheLists). Every change writes a new stamp, and a merge brings the
 * incoming stamps: any of them changes the fingerprint, even when it is older than the newest.
 */
export function listsVersion(
  sources: readonly { id: string; updatedAt: string }[],
  cases: readonly { id: string; updatedAt: string }[],
): string {
  // FNV-1a over the ids and stamps: 1,000 sources in well under a millisecond.
  let hash = 0x811c9dc5;
  const add = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
  };
  for (const s of sources) add(`${s.id}@${s.updatedAt};`);
  add("|");
  for (const c of cases) add(`${c.id}@${c.updatedAt};`);
  return `${sources.length}.${cases.length}.${(hash >>> 0).toString(36)}`;
}
