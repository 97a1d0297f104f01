/** What each kind's builder hands to streamReport: the header's facts and its sections, lazily. */
import type { ContentsEntry, LegendEntry, ReportSection } from "./model";

export interface ReportPlan {
  title: string;
  subtitle: string;
  contents: ContentsEntry[];
  /** Sections `sections` will produce. */
  total: number;
  legend: LegendEntry[];
  laneCount: number;
  sections: AsyncIterable<ReportSection> | Iterable<ReportSection>;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${new Intl.NumberFormat("en-GB").format(n)} ${n === 1 ? one : many}`;
}
