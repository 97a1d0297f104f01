const NAMED: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text into HTML/XML: the five characters that could end an element or attribute. The one escaper for
 * reports, the print window's title and saved HTML. `numeric` writes every one as `&#NN;` (the print
 * window's form); both read the same in any HTML parser.
 */
export function escapeHtml(text: string, form: "named" | "numeric" = "named"): string {
  return text.replace(/[&<>"']/g, (c) => (form === "numeric" ? `&#${c.charCodeAt(0)};` : (NAMED[c] ?? c)));
}
