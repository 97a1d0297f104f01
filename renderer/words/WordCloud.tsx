import { useMemo, useRef } from "react";
import { CLOUD_FONT, layoutCloud, type CloudInput } from "./cloudLayout";

const WIDTH = 640;
const HEIGHT = 400;
/** How many words the picture's name lists (all of them is too long to hear). */
const NAMED = 10;
const number = new Intl.NumberFormat("en-GB");

/** A few colours that read on white and on slate-900 alike (Tailwind fill classes, light and dark). */
const COLOURS = [
  "fill-blue-800 dark:fill-sky-300",
  "fill-slate-800 dark:fill-slate-100",
  "fill-teal-800 dark:fill-teal-300",
  "fill-violet-800 dark:fill-violet-300",
  "fill-amber-800 dark:fill-amber-300",
];

/**
 * The word-cloud picture: an SVG image whose name lists the top words with their counts (the table
 * beside it is the accessible version of the whole picture). A click on a word searches it, as the
 * table's word buttons do.
 */
export function WordCloud({ words, onChoose }: { words: readonly CloudInput[]; onChoose: (index: number) => void }) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const picture = useMemo(
    () =>
      layoutCloud(words, WIDTH, HEIGHT, () => {
        canvas.current ??= document.createElement("canvas");
        return canvas.current;
      }),
    [words],
  );
  const label =
    words.length === 0
      ? "Word cloud: no words"
      : `Word cloud of the ${words.length} most frequent words, most frequent first: ${words
          .slice(0, NAMED)
          .map((w) => `${w.text} (${number.format(w.count)})`)
          .join(", ")}${words.length > NAMED ? ", …" : ""}`;
  return (
    <svg
      role="img"
      aria-label={label}
      // Centred on the words: a few words start off-centre on d3-cloud's spiral.
      viewBox={`${Math.round(picture.centre.x - WIDTH / 2)} ${Math.round(picture.centre.y - HEIGHT / 2)} ${WIDTH} ${HEIGHT}`}
      className="h-auto w-full max-w-3xl select-none"
      fontFamily={CLOUD_FONT}
      fontWeight={600}
    >
      {picture.words.map((w) => (
        <text
          key={w.index}
          x={w.x}
          y={w.y}
          fontSize={w.size}
          textAnchor="middle"
          className={`${COLOURS[w.index % COLOURS.length] ?? ""} cursor-pointer hover:underline`}
          onClick={() => onChoose(w.index)}
        >
          <title>{`${w.text}: ${number.format(words[w.index]?.count ?? 0)}`}</title>
          {w.text}
        </text>
      ))}
    </svg>
  );
}
