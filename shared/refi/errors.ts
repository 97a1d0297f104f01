/**
 * The only error REFI-QDA import throws. Its message is shown to researchers as is: it names the
 * file and, for XML problems, the element.
 */
export class RefiError extends Error {
  override readonly name = "RefiError";
  readonly fileName: string;
  /** The XML element at fault, when there is one. */
  readonly element: string | null;

  constructor(fileName: string, message: string, element: string | null = null, options?: { cause?: unknown }) {
    super(message, options);
    this.fileName = fileName;
    this.element = element;
  }
}

export const quoted = (name: string): string => `“${name}”`;
