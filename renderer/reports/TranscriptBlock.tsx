import type { ReactNode } from "react";
import { codedRuns, type StripeMark, type TranscriptBlockSection } from "../../shared/reports";

/** Width of one stripe lane in the margin. */
const LANE_MM = 2.2;

/** Underlines sit below the text at a depth per lane, so overlapping codings' lines stay apart. */
const UNDERLINE_DEPTHS = 4;

/** A stripe's colour, darkened so a pale code colour still shows when printed in greyscale. */
export function stripeColour(colour: string): string {
  return `color-mix(in srgb, ${colour} 65%, black)`;
}

export function Swatch({ pattern, colour }: { pattern: number; colour: string }) {
  return (
    <span aria-hidden="true" className={`report-swatch report-pattern-${pattern % 6}`} style={{ borderTopColor: stripeColour(colour) }} />
  );
}

/**
 * CSS anchor names of a stripe's first and last coded runs: the stripe in the margin is positioned
 * against them (CSS anchor positioning), so it spans exactly the lines the coding covers at whatever
 * width and font the page has, in the preview and in print, with no script (the desktop app prints a
 * script-free copy of the page).
 */
const anchorName = (block: number, stripe: number, end: "s" | "e") => `--coded-${block}-${stripe}${end}`;

function CodedText({ block }: { block: TranscriptBlockSection }) {
  const { text, stripes, number } = block;
  return (
    <>
      {codedRuns(text.length, stripes).map((piece) => {
        let node: ReactNode = text.slice(piece.from, piece.to);
        if (piece.marks.length === 0) return <span key={piece.from}>{node}</span>;
        // One underline per coding, in its lane's line style and colour, each at its own depth.
        for (const i of piece.marks) {
          const s = stripes[i] as StripeMark;
          node = (
            <span
              className={`report-coded report-underline-${s.pattern % 6}`}
              style={{ textDecorationColor: stripeColour(s.colour), textUnderlineOffset: `${1.5 + (s.lane % UNDERLINE_DEPTHS) * 2.4}pt` }}
            >
              {node}
            </span>
          );
        }
        const names = piece.marks.flatMap((i) => {
          const s = stripes[i] as StripeMark;
          return [
            ...(s.from === piece.from ? [anchorName(number, i, "s")] : []),
            ...(s.to === piece.to ? [anchorName(number, i, "e")] : []),
          ];
        });
        return (
          <span key={piece.from} className="report-coded-run" style={names.length > 0 ? { anchorName: names.join(", ") } : undefined}>
            {node}
          </span>
        );
      })}
    </>
  );
}

function StripeBar({ mark, block, index }: { mark: StripeMark; block: number; index: number }) {
  // A stripe beside an empty block (nothing to anchor to) runs the block's height.
  const coded = mark.to > mark.from;
  return (
    <span
      aria-hidden="true"
      className={`report-stripe report-pattern-${mark.pattern % 6}`}
      style={{
        left: `calc(100% - var(--report-margin) + ${mark.lane * LANE_MM}mm)`,
        top: coded ? `anchor(${anchorName(block, index, "s")} top, 0px)` : 0,
        bottom: coded ? `anchor(${anchorName(block, index, "e")} bottom, 0px)` : 0,
        borderLeftColor: stripeColour(mark.colour),
      }}
    />
  );
}

export function TranscriptBlock({ block, laneCount }: { block: TranscriptBlockSection; laneCount: number }) {
  // One label per code starting here, even when two coders' codings of it start in the same paragraph.
  const starting = [...new Map(block.stripes.filter((s) => s.startsHere).map((s) => [s.codeId, s])).values()];
  const notes = (codeId: string) => [...new Set(block.stripes.filter((s) => s.codeId === codeId).flatMap((s) => s.noteNumbers))];
  // The transcript text already carries the speaker label ("[00:01:09] P01: …"), so it is printed as is.
  const text = (
    <>
      <span className="report-block-number" aria-label={`Paragraph ${block.number}`}>
        {block.number}
      </span>
      <CodedText block={block} />
    </>
  );
  return (
    <div id={block.id} className="report-block">
      {block.blockKind === "heading" ? <h3 className="report-block-text">{text}</h3> : <p className="report-block-text">{text}</p>}
      <div className="report-stripes" style={{ paddingLeft: `${laneCount * LANE_MM + 0.8}mm` }}>
        {block.stripes.map((mark, i) => (
          <StripeBar key={`${mark.codeId}-${mark.lane}-${i}`} mark={mark} block={block.number} index={i} />
        ))}
        {starting.map((mark) => {
          const numbers = notes(mark.codeId);
          return (
            <span key={`l-${mark.codeId}`} className="report-stripe-label">
              <Swatch pattern={mark.pattern} colour={mark.colour} />
              <span>
                {mark.codeName}
                {numbers.length > 0 && <sup> note {numbers.join(", ")}</sup>}
              </span>
            </span>
          );
        })}
      </div>
    </div>
  );
}
