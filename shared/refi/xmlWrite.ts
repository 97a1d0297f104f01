/**
 * Writing QDA-XML by hand: a few string builders around one escape function, so element order
 * follows the XSD exactly and a 100,000-coding project is written without building a tree first.
 *
 * Only characters are escaped, never encoded as numeric references: some readers (fast-xml-parser
 * as the importer uses it) leave "&#10;" undecoded, so anything that needed one is written plainly
 * or replaced (see below) and every reader sees the same text.
 */

/**
 * Characters XML 1.0 cannot hold at all (C0 controls other than tab and line breaks, U+FFFE/U+FFFF,
 * unpaired surrogates). They become U+FFFD so the file stays valid and the loss is visible.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what XML forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Count of characters replaced because XML cannot hold them; the export reports it. */
export interface EscapeTally {
  replaced: number;
}

function clean(text: string, tally?: EscapeTally): string {
  return text.replace(FORBIDDEN, () => {
    if (tally) tally.replaced++;
    return "\uFFFD";
  });
}

/** Element text: & < > escaped; line breaks kept as "\n" (XML reads "\r\n" as "\n" anyway). */
export function escapeText(text: string, tally?: EscapeTally): string {
  return clean(text.replace(/\r\n?/g, "\n"), tally).replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/**
 * Attribute value (written in double quotes). Tabs and line breaks become spaces: every XML reader
 * turns them into spaces when it reads an attribute, so writing a space says what will be read.
 */
export function escapeAttribute(value: string, tally?: EscapeTally): string {
  return clean(value.replace(/\r\n|[\t\n\r]/g, " "), tally).replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
}

export type Attributes = Record<string, string | number | boolean | undefined | null>;

/** ` a="1" b="x"`, leaving out undefined and null values, in the order given. */
export function attributes(attrs: Attributes, tally?: EscapeTally): string {
  let out = "";
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    out += ` ${name}="${escapeAttribute(String(value), tally)}"`;
  }
  return out;
}

/** Appends lines with indentation; `join()` gives the document. */
export class XmlLines {
  private readonly lines: string[] = [];
  constructor(readonly tally: EscapeTally = { replaced: 0 }) {}

  open(depth: number, tag: string, attrs: Attributes = {}): void {
    this.lines.push(`${"  ".repeat(depth)}<${tag}${attributes(attrs, this.tally)}>`);
  }

  close(depth: number, tag: string): void {
    this.lines.push(`${"  ".repeat(depth)}</${tag}>`);
  }

  empty(depth: number, tag: string, attrs: Attributes = {}): void {
    this.lines.push(`${"  ".repeat(depth)}<${tag}${attributes(attrs, this.tally)}/>`);
  }

  /** `<tag>text</tag>` on one line (the text itself may span lines; no indentation is added inside). */
  leaf(depth: number, tag: string, text: string, attrs: Attributes = {}): void {
    this.lines.push(`${"  ".repeat(depth)}<${tag}${attributes(attrs, this.tally)}>${escapeText(text, this.tally)}</${tag}>`);
  }

  raw(line: string): void {
    this.lines.push(line);
  }

  /** Adds another builder's lines (a part written separately, e.g. one source). */
  append(other: XmlLines): void {
    for (const l of other.lines) this.lines.push(l);
    this.tally.replaced += other.tally.replaced;
  }

  get size(): number {
    return this.lines.length;
  }

  join(): string {
    return `${this.lines.join("\n")}\n`;
  }
}

/** xsd:decimal has no exponent: 1e-7 is written 0.0000001 and 1e21 as its digits (moved from the exponent form, so no digits are invented). */
export function decimalString(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = m;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
