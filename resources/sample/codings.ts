/**
 * The sample's codings by two coders: "you" (the researcher who opens the sample) and a fictional
 * second coder. They agree in places, differ in boundaries in others, and some passages are coded at
 * two codes (Usability and Workload overlap in P01 and P02), so retrieval, the ANY/ALL rule and coder
 * comparison all have something to show.
 */
import type { SampleAnchor } from "./anchors";

export type SampleCoderKey = "you" | "second";

export interface SampleCoding {
  source: "p01" | "p02" | "p03";
  /** Code path, "/"-separated as in codebook files. */
  code: string;
  coder: SampleCoderKey;
  anchor: SampleAnchor;
  note?: string;
}

const t = (text: string): SampleAnchor => ({ text });
const span = (from: string, to: string): SampleAnchor => ({ from, to });

export const SAMPLE_CODINGS: readonly SampleCoding[] = [
  // P01, digital nurse
  {
    source: "p01",
    code: "Technology/Usability",
    coder: "you",
    anchor: t(
      "The obs charts are much better than paper once you are in, because the early warning score calculates itself and the escalation prompt comes up straight away.",
    ),
  },
  {
    source: "p01",
    code: "Technology/Usability",
    coder: "you",
    anchor: t(
      "Logging in with the smartcard on the ward PCs can take two or three minutes at the start of a shift, and the mobile devices time out if you put them down to help a patient.",
    ),
  },
  {
    source: "p01",
    code: "Technology/Usability",
    coder: "second",
    anchor: t("Logging in with the smartcard on the ward PCs can take two or three minutes at the start of a shift"),
  },
  {
    source: "p01",
    code: "People/Workload",
    coder: "second",
    anchor: span("But getting in is the problem.", "So people end up queuing at one computer."),
    note: "Log-in delay as lost time, not only a usability issue.",
  },
  { source: "p01", code: "People/Workload", coder: "you", anchor: span("It adds up. On nights", "which is not sustainable.") },
  {
    source: "p01",
    code: "People/Workload",
    coder: "second",
    anchor: span("For the first six weeks we also had double documentation", "it really felt like twice the work."),
  },
  {
    source: "p01",
    code: "Technology/Usability",
    coder: "you",
    anchor: t(
      "The fluid balance form had the intake and output boxes on different tabs, so you had to click through three screens to record one cup of tea.",
    ),
  },
  {
    source: "p01",
    code: "Organisation/Governance",
    coder: "second",
    anchor: span("We raised it through the clinical design group", "but it took eight weeks."),
  },
  {
    source: "p01",
    code: "People/Training",
    coder: "you",
    anchor: span("Everyone had to do the e-learning", "a tick-box exercise for most staff, to be fair."),
  },
  {
    source: "p01",
    code: "People/Training",
    coder: "second",
    anchor: span("The super-users were the thing that worked.", "instead of working around the system."),
  },
  { source: "p01", code: "People/Training", coder: "you", anchor: span("Bank and agency staff are the gap.", "as well as her own.") },
  {
    source: "p01",
    code: "People/Workload",
    coder: "second",
    anchor: t("so the substantive nurse ends up doing their documentation as well as her own."),
  },
  {
    source: "p01",
    code: "Technology/Interoperability",
    coder: "you",
    anchor: t(
      "When someone comes up from ED at two in the morning I can open the shared care record and see their GP medication list and allergies, and whether the district nurses are already visiting.",
    ),
  },
  {
    source: "p01",
    code: "Technology/Interoperability",
    coder: "you",
    anchor: span("The frustration is that it doesn't always match.", "on paper with the pharmacist."),
  },
  {
    source: "p01",
    code: "Technology/Interoperability",
    coder: "second",
    anchor: span("Discharge summaries go electronically now", "only the letter."),
  },
  {
    source: "p01",
    code: "Organisation/Governance",
    coder: "you",
    anchor: t(
      "at the start people shared smartcards because log-in was so slow, which is a big governance problem, because the record then says the wrong nurse gave the drug.",
    ),
  },
  {
    source: "p01",
    code: "Organisation/Governance",
    coder: "second",
    anchor: t(
      "The information governance team did an audit of access and sent reminders, and the matron made it a conversation at every safety huddle.",
    ),
  },
  {
    source: "p01",
    code: "Organisation/Leadership",
    coder: "you",
    anchor: span("The CCIO has been visible", "actually released from the rota."),
  },
  {
    source: "p01",
    code: "Organisation/Leadership",
    coder: "second",
    anchor: span("Where it felt less joined up was the divisional managers", "as if nothing had changed."),
  },
  { source: "p01", code: "Technology/Usability", coder: "you", anchor: t("Faster log-in. Tap-and-go cards on every ward PC.") },

  // P02, chief clinical information officer
  { source: "p02", code: "Wider context/Policy", coder: "you", anchor: span("Partly national direction.", "with deadlines.") },
  {
    source: "p02",
    code: "Wider context/Policy",
    coder: "second",
    anchor: span("Partly national direction.", "I would not have chosen to go live in winter."),
  },
  {
    source: "p02",
    code: "Organisation/Governance",
    coder: "you",
    anchor: span("We had a clinical safety case and a hazard log", "relied on training we then shortened."),
  },
  {
    source: "p02",
    code: "Organisation/Governance",
    coder: "second",
    anchor: t(
      "There is a digital programme board chaired by the deputy chief executive, a clinical design authority that I chair, and the safety group.",
    ),
  },
  {
    source: "p02",
    code: "Organisation/Governance",
    coder: "you",
    anchor: t("Every change request from the wards goes through the design authority, which is right for safety, but the backlog is long."),
  },
  {
    source: "p02",
    code: "Technology/Usability",
    coder: "second",
    anchor: t(
      "Being able to see bloods, imaging and the GP record in one place on a ward round is transformative for frail older patients",
    ),
  },
  {
    source: "p02",
    code: "Technology/Usability",
    coder: "you",
    anchor: span("Where it is poor is the number of clicks for simple tasks.", "not to the doctor at midnight."),
  },
  {
    source: "p02",
    code: "Technology/Interoperability",
    coder: "you",
    anchor: span("It is a viewer, not a shared record.", "only as documents."),
  },
  {
    source: "p02",
    code: "Technology/Interoperability",
    coder: "second",
    anchor: span("The shared care record pulls a view", "mostly for the agreements, not the technology."),
  },
  {
    source: "p02",
    code: "Organisation/Leadership",
    coder: "you",
    anchor: span("The board has been committed.", "which made the difference on the wards."),
  },
  {
    source: "p02",
    code: "Organisation/Leadership",
    coder: "second",
    anchor: span("What we underestimated was middle management.", "asking the wards to do everything at once."),
  },
  {
    source: "p02",
    code: "People/Workload",
    coder: "you",
    anchor: span("Nurses in particular are documenting more than they did", "never captured what they did."),
  },
  { source: "p02", code: "Technology/Usability", coder: "you", anchor: t("The log-in time is the most wasteful thing") },
  {
    source: "p02",
    code: "People/Workload",
    coder: "second",
    anchor: span("The log-in time is the most wasteful thing", "competing with everything else for capital."),
  },
  { source: "p02", code: "People/Training", coder: "you", anchor: t("The classroom training taught the buttons and not the workflow.") },
  {
    source: "p02",
    code: "People/Training",
    coder: "second",
    anchor: span("For the next phase, which is the outpatient modules", "look like our population."),
  },
  {
    source: "p02",
    code: "Wider context/Policy",
    coder: "you",
    anchor: span("What hinders is that funding comes in short bursts", "rather than when the wards are ready."),
  },
  {
    source: "p02",
    code: "Organisation/Governance",
    coder: "second",
    anchor: span("the national data opt-out and the local sharing agreements", "not sure what they are allowed to look at."),
  },

  // P03, district nursing team lead
  {
    source: "p03",
    code: "Technology/Interoperability",
    coder: "you",
    anchor: span("If a patient comes home from Northfield General", "instead of waiting for a fax or a phone call."),
  },
  {
    source: "p03",
    code: "Technology/Interoperability",
    coder: "second",
    anchor: span("When it works, a lot.", "instead of waiting for a fax or a phone call."),
  },
  {
    source: "p03",
    code: "Technology",
    coder: "you",
    anchor: span("The shared care record needs a live connection", "and then look up the record."),
    note: "Connectivity: infrastructure rather than the software itself.",
  },
  {
    source: "p03",
    code: "People/Workload",
    coder: "second",
    anchor: t("It adds maybe forty minutes a day per nurse, which is a visit, on top of an already stretched caseload."),
  },
  {
    source: "p03",
    code: "Technology/Usability",
    coder: "you",
    anchor: t("The shared care record is another log-in in another window, with another password that expires every ninety days."),
  },
  {
    source: "p03",
    code: "Technology/Interoperability",
    coder: "you",
    anchor: t("You can't copy anything across, so we retype the discharge medicines into our own record, which is a risk in itself."),
  },
  {
    source: "p03",
    code: "Technology/Interoperability",
    coder: "second",
    anchor: span("I've asked whether the hospital discharge summary", "need to agree an interface."),
  },
  {
    source: "p03",
    code: "Technology/Interoperability",
    coder: "you",
    anchor: span("What we don't get is the nursing information", "the last time the dressing was changed."),
  },
  {
    source: "p03",
    code: "People/Training",
    coder: "you",
    anchor: span("A one-hour online session", "fine for learning where things are."),
  },
  {
    source: "p03",
    code: "Organisation/Governance",
    coder: "second",
    anchor: span("But there was nothing on the governance side", "didn't use it at all for the first month."),
  },
  {
    source: "p03",
    code: "Organisation/Governance",
    coder: "you",
    anchor: t(
      "She explained the legitimate relationship rule, that if we have a referral we can look, and she showed them that access is audited.",
    ),
  },
  {
    source: "p03",
    code: "People/Training",
    coder: "second",
    anchor: span("That helped more than any training.", "not something a team lead had to chase."),
  },
  {
    source: "p03",
    code: "Organisation/Leadership",
    coder: "you",
    anchor: span("community nursing was consulted late.", "not in the design meetings."),
  },
  {
    source: "p03",
    code: "Organisation/Leadership",
    coder: "second",
    anchor: span("Our service manager has been supportive", "made before we were asked."),
  },
  {
    source: "p03",
    code: "People/Workload",
    coder: "you",
    anchor: span("Phone calls to the wards have dropped", "better on information, worse on time."),
  },
];
