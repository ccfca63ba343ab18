// What the card and wallet tender tests share: a fresh app on fake timers before each test, the
// screen let to settle, typing into a field, and a ticket of one bill on the tender step. Import
// it after the test file mocks "../generated/ipc".

import { tick } from "svelte";
import { afterEach, beforeEach, vi } from "vitest";
import { answerTicket, commands, resetCommands } from "../testing/ipc-mock";
import { bill, money } from "../testing/fixtures";
import { showApp } from "../testing/render";
import { showBills } from "../next/lookup";

export const total = money("$ 2.748,00", "2748.00");
export const part = money("$ 1.000,00", "1000.00");
export const rest = money("$ 1.748,00", "1748.00");

/** Each test starts on a fresh app, its commands reset, with fake timeouts. */
export function freshAppEachTest(): void {
  beforeEach(() => {
    resetCommands();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    showApp();
  });

  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Lets the screen's timers and renders settle. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await vi.advanceTimersByTimeAsync(300);
    await tick();
  }
}

/** Types `value` into the input `id`, as the cashier would. */
export function typeInto(id: string, value: string): void {
  const input = document.getElementById(id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

/** A ticket of one bill on the tender step, its cash quoted on what is owed. */
export async function ticketOfOne(): Promise<void> {
  answerTicket([bill()]);
  commands.ticketQuoteCash.mockResolvedValue({ amount: total, received: total, change: money("$ 0,00") });
  await showBills([bill()]);
  await flush();
}
