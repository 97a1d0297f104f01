import { memo, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { CodingRecord } from "../../shared/model/records";
import type { CodingDisplay, LanedSegment } from "./useCodingDisplay";
import { formatDate } from "../../shared/text/dates";

/** Width of one stripe lane: a bar and its vertical label. */
export const LANE_WIDTH = 20;
/** Longest a label runs (pixels) before it is cut short with an ellipsis. */
const MAX_LABEL = 220;

export interface PlacedStripe {
  segment: LanedSegment;
  lane: number;
  /** Frame coordinates, pixels. */
  top: number;
  height: number;
}

// Every stripe's accessible name carries a date, and a coding re-renders the window's stripes: each
// date string is formatted once (a coding's createdAt never changes).
const formatted = new Map<string, string>();

export function formatCodingDate(iso: string): string {
  let text = formatted.get(iso);
  if (text === undefined) {
    const d = new Date(iso);
    text = Number.isNaN(d.getTime()) ? "" : formatDate(d);
    if (formatted.size >= 20_000) formatted.clear();
    formatted.set(iso, text);
  }
  return text;
}

export function stripeKey(segment: LanedSegment): string {
  return `${segment.key}@${segment.start}`;
}

function codingsOf(display: CodingDisplay, segment: LanedSegment): CodingRecord[] {
  return segment.ids.map((id) => display.byId.get(id)).filter((c): c is CodingRecord => c !== undefined);
}

function coderName(display: CodingDisplay, coderId: string): string {
  return display.coders.get(coderId)?.name ?? "an unknown coder";
}

/** The stripe's visible label: the code name, with the coder's initials when coders are apart. */
export function stripeLabel(display: CodingDisplay, segment: LanedSegment): string {
  const name = display.codes.get(segment.codeId)?.name ?? "Code";
  if (!segment.coderId) return name;
  return `${name} · ${display.coders.get(segment.coderId)?.initials ?? "?"}`;
}

/** "Coding: Usability, by Amira Patel, 12 Mar 2026" (and how many, and whether annotated). */
export function stripeName(display: CodingDisplay, segment: LanedSegment): string {
  const codings = codingsOf(display, segment);
  const name = display.codes.get(segment.codeId)?.name ?? "Code";
  const coders = [...new Set(codings.map((c) => coderName(display, c.coderId)))];
  const latest = codings.reduce((max, c) => (c.createdAt > max ? c.createdAt : max), "");
  const count = codings.length > 1 ? `, ${codings.length} codings` : "";
  const annotated = codings.some((c) => c.note.trim()) ? ", annotated" : "";
  const when = codings.length > 1 ? `latest ${formatCodingDate(latest)}` : formatCodingDate(latest);
  return `Coding: ${name}${count}, by ${coders.join(" and ")}, ${when}${annotated}`;
}

/**
 * The coding stripes: one bar per code (or code × coder) beside the text it codes, labelled, coloured
 * and keyboard-reachable: one Tab stop, arrow keys between stripes, Enter opens the coding.
 */
export const CodingStripes = memo(function CodingStripes({
  stripes,
  left,
  display,
  openSegment,
  panelId,
  onOpen,
}: {
  stripes: readonly PlacedStripe[];
  left: number;
  display: CodingDisplay;
  openSegment: LanedSegment | null;
  panelId: string;
  onOpen: (segment: LanedSegment, stripe: HTMLElement) => void;
}) {
  const tooltipId = useId();
  const [active, setActive] = useState<string | null>(null);
  const [tip, setTip] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // Leaving a stripe hides its tooltip after a moment, so the pointer can move onto the tooltip.
  const hideTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const showTip = (key: string) => {
    if (hideTimer.current) clearTimeout(hideTimer.current);
    setTip(key);
  };
  const hideTip = (key: string) => {
    if (hideTimer.current) clearTimeout(hideTimer.current);
    hideTimer.current = setTimeout(() => setTip((t) => (t === key ? null : t)), 200);
  };
  useEffect(
    () => () => {
      if (hideTimer.current) clearTimeout(hideTimer.current);
    },
    [],
  );
  const ordered = [...stripes].sort((a, b) => a.top - b.top || a.lane - b.lane);
  const activeKey = ordered.some((s) => stripeKey(s.segment) === active) ? active : ordered[0] ? stripeKey(ordered[0].segment) : null;

  const focusStripe = (stripe: PlacedStripe | undefined) => {
    if (!stripe) return;
    const key = stripeKey(stripe.segment);
    setActive(key);
    const button = buttons.current.get(key);
    button?.focus({ preventScroll: true });
    button?.scrollIntoView({ block: "nearest" });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, stripe: PlacedStripe) => {
    const i = ordered.indexOf(stripe);
    if (event.key === "Escape" && tip) {
      event.preventDefault();
      event.stopPropagation();
      setTip(null);
      return;
    }
    let next: PlacedStripe | undefined;
    if (event.key === "ArrowDown") next = ordered[i + 1];
    else if (event.key === "ArrowUp") next = ordered[i - 1];
    else if (event.key === "Home") next = ordered[0];
    else if (event.key === "End") next = ordered[ordered.length - 1];
    else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      const lane = stripe.lane + (event.key === "ArrowRight" ? 1 : -1);
      next = ordered.filter((s) => s.lane === lane).sort((a, b) => Math.abs(a.top - stripe.top) - Math.abs(b.top - stripe.top))[0];
    } else return;
    event.preventDefault();
    focusStripe(next);
  };

  // A label may run on below a short stripe, down to the next stripe in its lane.
  const room = new Map<PlacedStripe, number>();
  const byLane = [...stripes].sort((a, b) => a.lane - b.lane || a.top - b.top);
  byLane.forEach((stripe, i) => {
    const next = byLane[i + 1];
    const space = next && next.lane === stripe.lane ? next.top - stripe.top - 4 : MAX_LABEL;
    room.set(stripe, Math.max(stripe.height, Math.min(space, MAX_LABEL)));
  });

  const tipStripe = ordered.find((s) => stripeKey(s.segment) === tip);
  return (
    <div role="group" aria-label="Coding stripes" className="absolute left-0 top-0 select-none">
      {ordered.map((stripe) => {
        const { segment } = stripe;
        const key = stripeKey(segment);
        const code = display.codes.get(segment.codeId);
        const annotated = segment.ids.some((id) => display.byId.get(id)?.note.trim());
        const isOpen = openSegment !== null && stripeKey(openSegment) === key;
        return (
          <button
            key={key}
            ref={(el) => {
              if (el) buttons.current.set(key, el);
              else buttons.current.delete(key);
            }}
            type="button"
            tabIndex={key === activeKey ? 0 : -1}
            aria-label={stripeName(display, segment)}
            aria-describedby={tip === key ? tooltipId : undefined}
            aria-expanded={isOpen}
            aria-controls={isOpen ? panelId : undefined}
            data-coding-ids={segment.ids.join(" ")}
            data-start={segment.start}
            data-end={segment.end}
            onClick={(e) => {
              setActive(key);
              onOpen(segment, e.currentTarget);
            }}
            onKeyDown={(e) => onKeyDown(e, stripe)}
            onFocus={() => {
              setActive(key);
              showTip(key);
            }}
            onBlur={() => setTip((t) => (t === key ? null : t))}
            onMouseEnter={() => showTip(key)}
            onMouseLeave={() => hideTip(key)}
            className={`absolute flex items-start rounded-sm text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-700 dark:hover:bg-slate-800 dark:focus-visible:outline-sky-300 ${
              isOpen ? "bg-blue-50 ring-1 ring-blue-700 dark:bg-sky-950 dark:ring-sky-300" : ""
            }`}
            style={{ left: left + stripe.lane * LANE_WIDTH, top: stripe.top, height: stripe.height, width: LANE_WIDTH - 2 }}
          >
            <span aria-hidden="true" className="h-full w-1 shrink-0 rounded-full" style={{ backgroundColor: code?.colour ?? "#777777" }} />
            <span
              aria-hidden="true"
              className="absolute left-[5px] top-0 overflow-hidden text-ellipsis whitespace-nowrap pt-0.5 text-[11px] leading-[13px] text-slate-800 [writing-mode:vertical-rl] dark:text-slate-200"
              style={{ maxHeight: room.get(stripe) }}
            >
              {annotated && <span className="not-italic">✎ </span>}
              {stripeLabel(display, segment)}
            </span>
          </button>
        );
      })}
      {tipStripe && (
        <StripeTooltip
          id={tooltipId}
          display={display}
          stripe={tipStripe}
          right={left + tipStripe.lane * LANE_WIDTH - 6}
          onEnter={() => showTip(stripeKey(tipStripe.segment))}
          onLeave={() => hideTip(stripeKey(tipStripe.segment))}
        />
      )}
    </div>
  );
});

function StripeTooltip({
  id,
  display,
  stripe,
  right,
  onEnter,
  onLeave,
}: {
  id: string;
  display: CodingDisplay;
  stripe: PlacedStripe;
  right: number;
  onEnter: () => void;
  onLeave: () => void;
}) {
  const codings = codingsOf(display, stripe.segment);
  return (
    <div
      id={id}
      role="tooltip"
      onMouseEnter={onEnter}
      onMouseLeave={onLeave}
      className="absolute z-20 w-72 -translate-x-full rounded border border-slate-300 bg-white p-2 text-xs text-slate-900 shadow-lg dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
      style={{ left: right, top: stripe.top }}
    >
      <p className="font-semibold">{display.paths.get(stripe.segment.codeId)?.replaceAll("/", " › ") ?? "Code"}</p>
      <ul className="mt-1 flex flex-col gap-1">
        {codings.slice(0, 5).map((c) => (
          <li key={c.id}>
            <span>
              {coderName(display, c.coderId)} · {formatCodingDate(c.createdAt)}
            </span>
            {c.note.trim() && (
              <span className="mt-0.5 line-clamp-3 block italic text-slate-700 dark:text-slate-300">“{c.note.trim()}”</span>
            )}
          </li>
        ))}
        {codings.length > 5 && <li>and {codings.length - 5} more</li>}
      </ul>
      <p className="mt-1 text-slate-600 dark:text-slate-400">Enter or click to open</p>
    </div>
  );
}
