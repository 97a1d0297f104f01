/**
 * What went wrong, in the words of the error itself: an Error's message, or the thrown value as text.
 * The one way every screen, worker, the main process and the CLI turn a caught value into a message.
 */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
