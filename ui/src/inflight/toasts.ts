// A sale that settled while the cashier was elsewhere: a short note on the ticket side, gone
// after a while. Few at once, and their timers end with them.

import type { SaleView } from "../generated/ipc";
import { MAX_TOASTS, screen } from "../lib/state.svelte";

const SHOW_MS = 12000;

let lastId = 0;
const timers = new Map<number, number>();

export function toast(sale: SaleView): void {
  const id = ++lastId;
  const kept = [...screen.toasts, { id, sale }];
  for (const gone of kept.slice(0, Math.max(0, kept.length - MAX_TOASTS))) dropTimer(gone.id);
  screen.toasts = kept.slice(-MAX_TOASTS);
  timers.set(
    id,
    window.setTimeout(() => dismissToast(id), SHOW_MS),
  );
}

export function dismissToast(id: number): void {
  dropTimer(id);
  screen.toasts = screen.toasts.filter((x) => x.id !== id);
}

/** Every toast and its timer (the screen is closing, or a test starts over). */
export function clearToasts(): void {
  for (const id of timers.keys()) dropTimer(id);
  screen.toasts = [];
}

function dropTimer(id: number): void {
  const timer = timers.get(id);
  if (timer !== undefined) window.clearTimeout(timer);
  timers.delete(id);
}
