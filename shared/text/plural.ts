/**
 * A count with its noun in the right number: "1 duplicate", "2 duplicates", "1,204 codings".
 * The one helper for counts in words; `many` is for irregular plurals ("1 memo set", "2 sets of codes").
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${new Intl.NumberFormat("en-GB").format(n)} ${n === 1 ? one : many}`;
}
