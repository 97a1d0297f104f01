import type { CSSProperties } from "react";
import type { CoderLook } from "../../shared/coding/coderLooks";

/** A coder's underline: their colour in their pattern, so two coders differ on screen and in greyscale. */
export function coderUnderline(look: CoderLook | undefined): CSSProperties {
  if (!look) return { textDecoration: "none" };
  return {
    textDecorationLine: "underline",
    textDecorationStyle: look.pattern,
    textDecorationColor: look.colour,
    textDecorationThickness: "2px",
    textUnderlineOffset: "3px",
  };
}
