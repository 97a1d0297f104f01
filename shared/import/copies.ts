/**
 * Which of two same-text files in one batch is the original: the one whose name does not look like a copy.
 * Windows writes "P01 - Copy.docx", macOS "P01 copy.docx" / "P01 copy 2.docx", browsers "P01 (1).docx",
 * and people "P01 (copy).docx".
 */
const COPY_SUFFIX = /(?:\s*\((?:copy(?:\s*\d+)?|\d+)\)|\s+-\s+copy(?:\s*\(\d+\))?|\s+copy(?:\s+\d+)?)$/i;

/** The file name without its extension and without copy suffixes, for comparing names. */
export function originalName(fileName: string): { stem: string; isCopy: boolean } {
  let stem = fileName.replace(/\.[^.\s]{1,8}$/, "").trim();
  let isCopy = false;
  for (let m = COPY_SUFFIX.exec(stem); m; m = COPY_SUFFIX.exec(stem)) {
    stem = stem.slice(0, m.index).trim();
    isCopy = true;
  }
  return { stem: stem.toLocaleLowerCase(), isCopy };
}

/**
 * The order to write a batch in: the pick order, except that a file named like a copy ("P01 (copy)")
 * picked before its original is written just after the original (the last one picked with that name),
 * so when their text is the same the original is kept and the copy reported as the duplicate.
 * Deterministic; a batch with no copy picked before its original keeps the pick order exactly.
 */
export function originalsFirst(fileNames: readonly string[]): number[] {
  const names = fileNames.map(originalName);
  const lastOriginal = new Map<string, number>();
  for (const [i, n] of names.entries()) if (!n.isCopy) lastOriginal.set(n.stem, i);
  const deferred = new Map<number, number[]>();
  const order: number[] = [];
  for (const [i, n] of names.entries()) {
    const original = lastOriginal.get(n.stem);
    if (n.isCopy && original !== undefined && original > i) deferred.set(original, [...(deferred.get(original) ?? []), i]);
    else order.push(i, ...(deferred.get(i) ?? []));
  }
  return order;
}
