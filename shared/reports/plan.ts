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

export { plural } from "../text/plural";
