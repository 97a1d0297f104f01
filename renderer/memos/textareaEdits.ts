import { applyReplacement, type Replacement, type TextState } from "../../shared/memos/editing";

export function textareaState(el: HTMLTextAreaElement): TextState {
  return { text: el.value, start: el.selectionStart, end: el.selectionEnd };
}

/**
 * Applies a toolbar edit through the browser's own editing, so Ctrl+Z in the textarea undoes it like
 * typing. If the browser refuses, the text is set directly (`setText`) and the selection restored
 * after React has rendered it.
 */
export function applyToTextarea(el: HTMLTextAreaElement, r: Replacement, setText: (text: string) => void): void {
  const expected = applyReplacement(el.value, r).text;
  el.focus();
  el.setSelectionRange(r.from, r.to);
  if (r.insert) document.execCommand("insertText", false, r.insert);
  else if (r.from !== r.to) document.execCommand("delete");
  if (el.value === expected) {
    el.setSelectionRange(r.selectionStart, r.selectionEnd);
    return;
  }
  setText(expected);
  requestAnimationFrame(() => el.setSelectionRange(r.selectionStart, r.selectionEnd));
}
