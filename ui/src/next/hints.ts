// The cash-received shortcuts: hint N (the app's exact total or a round sum above it) goes into
// the field as the screen writes amounts; the exact total leaves it empty, which the app reads as
// exact cash.

import { editableAmount } from "../lib/format";
import { focusSoon } from "../lib/focus";
import { screen } from "../lib/state.svelte";
import { scheduleQuote } from "./tender";

/** Fills the cash received with hint `i`. False when there is no such hint here. */
export function useHint(i: number): boolean {
  const hint = screen.ticket.cashHints[i];
  if (screen.view !== "tender" || !hint) return false;
  screen.receivedText = i === 0 ? "" : editableAmount(hint);
  scheduleQuote(0);
  void focusSoon("received", { caretAtEnd: true });
  return true;
}
