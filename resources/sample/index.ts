/**
 * Margin's sample project: three short fictional interviews from an evaluation of an electronic
 * patient record and shared care record rollout at "Northfield Hospitals NHS Trust", a small
 * sociotechnical codebook, cases with attributes, codings by two coders and a project memo.
 * Everything here is invented for Margin; no real people, places or data.
 *
 * Transcripts are plain .txt and go through the real importer (shared/import convertText) when the
 * sample is created, so offsets are the converter's; codings are anchored to words (./anchors).
 */
import p01 from "./transcripts/p01-digital-nurse.txt?raw";
import p02 from "./transcripts/p02-ccio.txt?raw";
import p03 from "./transcripts/p03-district-nurse.txt?raw";

export { SAMPLE_CODEBOOK, type SampleCode } from "./codebook";
export { SAMPLE_CODINGS, type SampleCoding, type SampleCoderKey } from "./codings";
export { resolveAnchor, findAll, type SampleAnchor, type AnchorRange } from "./anchors";

export const SAMPLE_PROJECT_NAME = "Sample: Shared Care Record evaluation";

export interface SampleSource {
  key: "p01" | "p02" | "p03";
  fileName: string;
  name: string;
  text: string;
  caseName: string;
  memo: string;
}

export const SAMPLE_SOURCES: readonly SampleSource[] = [
  { key: "p01", fileName: "p01-digital-nurse.txt", name: "P01 Digital nurse interview", text: p01, caseName: "P01", memo: "" },
  { key: "p02", fileName: "p02-ccio.txt", name: "P02 CCIO interview", text: p02, caseName: "P02", memo: "" },
  {
    key: "p03",
    fileName: "p03-district-nurse.txt",
    name: "P03 District nursing team lead interview",
    text: p03,
    caseName: "P03",
    memo: "The only community perspective so far: connectivity and double log-in dominate. Recruit a second community participant.",
  },
];

export interface SampleAttribute {
  name: string;
  options: readonly string[];
}

export const SAMPLE_ATTRIBUTES: readonly SampleAttribute[] = [
  { name: "Role", options: ["Digital nurse", "Chief clinical information officer", "District nursing team lead"] },
  { name: "Staff group", options: ["Nursing", "Medical"] },
  { name: "Site type", options: ["Acute hospital", "Community services"] },
];

export interface SampleCase {
  name: string;
  description: string;
  /** Attribute name -> value. */
  values: Readonly<Record<string, string>>;
}

export const SAMPLE_CASES: readonly SampleCase[] = [
  {
    name: "P01",
    description: "Digital nurse, medical division, Northfield General Hospital.",
    values: { Role: "Digital nurse", "Staff group": "Nursing", "Site type": "Acute hospital" },
  },
  {
    name: "P02",
    description: "Chief clinical information officer and consultant geriatrician.",
    values: { Role: "Chief clinical information officer", "Staff group": "Medical", "Site type": "Acute hospital" },
  },
  {
    name: "P03",
    description: "District nursing team lead, east locality.",
    values: { Role: "District nursing team lead", "Staff group": "Nursing", "Site type": "Community services" },
  },
];

/** The second coder, a fictional colleague, so double coding can be compared. */
export const SAMPLE_SECOND_CODER = { name: "Sam Okafor", initials: "SO", colour: "#D55E00" } as const;

export const SAMPLE_PROJECT_MEMO = {
  title: "About this sample project",
  body: [
    "This is a fictional evaluation of the electronic patient record (EPR) and shared care record rollout at Northfield Hospitals NHS Trust, written for Margin. The people, places and interviews are invented.",
    "",
    "Three interviews (a digital nurse, the chief clinical information officer and a district nursing team lead) have been coded with a small sociotechnical codebook inspired by NASSS: Technology, People, Organisation and Wider context.",
    "",
    "Two coders have coded them: you, and Sam Okafor (SO). Things to try:",
    "- Open “Coded segments”, choose Technology with “Include sub-codes” to see Usability and Interoperability together.",
    "- Choose Usability and Workload with “All of these codes” to see where log-in problems are described as lost time.",
    "- Filter by coder to compare your coding with Sam’s, or by the case attribute “Staff group”.",
  ].join("\n"),
} as const;

export const SAMPLE_CODE_MEMO = {
  code: "People/Workload",
  title: "Workload: emerging pattern",
  body: "Log-in delay keeps coming up as lost time, not only as a usability problem (P01, P02). Community staff describe the same cost through connectivity (P03). Consider a sub-code for time spent outside patient contact.",
} as const;
