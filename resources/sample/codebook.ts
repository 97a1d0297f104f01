/**
 * The sample's codebook: a small sociotechnical framework in the spirit of NASSS (technology, people,
 * organisation, wider context), the kind an NHS digital evaluation would start from.
 */

export interface SampleCode {
  /** Names from the top level down. */
  path: readonly string[];
  colour: string;
  definition: string;
  whenToUse?: string;
  whenNotToUse?: string;
  example?: string;
}

export const SAMPLE_CODEBOOK: readonly SampleCode[] = [
  {
    path: ["Technology"],
    colour: "#0072B2",
    definition:
      "The electronic patient record and the shared care record as technologies: what they do, how they perform, what they connect to.",
    whenToUse: "Talk about the technology in general (devices, connectivity, the systems as a whole) that no sub-code fits.",
    whenNotToUse: "How people or the organisation respond to the technology: use People or Organisation.",
  },
  {
    path: ["Technology", "Usability"],
    colour: "#56B4E9",
    definition: "How easy or hard the systems are to use in clinical work: screens, clicks, log-in, speed, forms and alerts.",
    whenToUse: "Descriptions of specific interactions with the system that help or hinder a task.",
    whenNotToUse:
      "The time cost to staff overall (People/Workload) or missing information from other organisations (Technology/Interoperability).",
    example: "“You had to click through three screens to record one cup of tea.”",
  },
  {
    path: ["Technology", "Interoperability"],
    colour: "#009E73",
    definition: "Whether information moves between systems and organisations: GP, community, social care and hospital records.",
    whenToUse: "Information that can or cannot be seen, shared, written back or copied across organisational boundaries.",
    whenNotToUse: "Rules about who may look at shared information (Organisation/Governance).",
    example: "“It is a viewer, not a shared record.”",
  },
  {
    path: ["People"],
    colour: "#CC79A7",
    definition: "The staff who use the systems: their work, skills, experience and concerns.",
  },
  {
    path: ["People", "Workload"],
    colour: "#D55E00",
    definition: "Changes in the amount, pace or timing of work attributed to the systems.",
    whenToUse: "Extra or saved time, double documentation, work done after shifts, work shifted between staff groups.",
    whenNotToUse: "Usability problems described without any effect on work (Technology/Usability).",
    example: "“They are finishing their notes after handover, in their own time.”",
  },
  {
    path: ["People", "Training"],
    colour: "#E69F00",
    definition: "Preparing staff to use the systems: formal training, e-learning, super-users, huddles and informal help.",
    whenToUse: "How training was designed, delivered or experienced, and gaps in it.",
    whenNotToUse: "Leaders deciding to fund or release time for training (Organisation/Leadership).",
  },
  {
    path: ["Organisation"],
    colour: "#882255",
    definition: "The trust and partner organisations: how the programme is led, decided, governed and resourced.",
  },
  {
    path: ["Organisation", "Leadership"],
    colour: "#AA4499",
    definition: "Who drives, sponsors or neglects the programme, and how visible and supportive they are.",
    whenToUse: "Board, executive, clinical and middle-management leadership; who was involved in decisions and when.",
    whenNotToUse: "Formal decision structures and rules (Organisation/Governance).",
  },
  {
    path: ["Organisation", "Governance"],
    colour: "#332288",
    definition: "Formal rules and structures: clinical safety, information governance, access, design authority and change control.",
    whenToUse: "Hazard logs, access audits, smartcard sharing, data sharing agreements, change request processes.",
    whenNotToUse: "National policy and funding rules (Wider context/Policy).",
  },
  {
    path: ["Wider context"],
    colour: "#117733",
    definition: "Influences from outside the organisations using the systems.",
  },
  {
    path: ["Wider context", "Policy"],
    colour: "#44AA99",
    definition: "National and regional policy, targets and funding that shape the programme.",
    whenToUse: "National direction, digital maturity standards, capital funding and its deadlines, integrated care system requirements.",
    whenNotToUse: "Local trust decisions (Organisation).",
    example: "“The timetable was set as much by the funding rules as by our readiness.”",
  },
];
