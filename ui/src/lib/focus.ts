// Focus moves by intent: the action that changes the screen says what the cashier does next, and
// the focus goes there once Svelte has drawn it. Nothing re-focuses after redraws (Svelte keeps
// unchanged elements, and the focus with them).

import { tick } from "svelte";

export interface FocusOptions {
  /** Put the caret after the text (a field the cashier goes on typing into). */
  caretAtEnd?: boolean;
  /** Select the text (a filter the cashier will likely retype). */
  select?: boolean;
}

/** Focuses the element `id` now, keeping it in view. False when it is not on screen. */
export function focusNow(id: string, opts: FocusOptions = {}): boolean {
  const n = document.getElementById(id);
  if (!(n instanceof HTMLElement)) return false;
  n.focus();
  // A field goes to the middle of its panel, clear of the buttons pinned at the panel's foot.
  n.scrollIntoView?.({ block: n instanceof HTMLInputElement ? "center" : "nearest" });
  if (n instanceof HTMLInputElement) {
    try {
      if (opts.select) n.select();
      else if (opts.caretAtEnd) n.setSelectionRange(n.value.length, n.value.length);
    } catch {
      /* not a text field */
    }
  }
  return true;
}

/** Focuses `id` once the pending state changes are on screen. */
export async function focusSoon(id: string, opts: FocusOptions = {}): Promise<boolean> {
  await tick();
  return focusNow(id, opts);
}
