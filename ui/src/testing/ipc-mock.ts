// A stand-in for ui/src/generated/ipc.ts in tests: every command is a vi.fn() (the test says
// what it answers), events are never heard. A test file swaps it in with vi.mock, whose factory
// loads this module in place of generated/ipc.ts.

import { vi } from "vitest";
import type { BillView, MoneyView, commands as real } from "../generated/ipc";
import { draft } from "./fixtures";

type Commands = { [K in keyof typeof real]: ReturnType<typeof vi.fn> };

// Made on first use, so a new command in generated/ipc.ts needs nothing here.
const made = new Map<string, ReturnType<typeof vi.fn>>();

function never(): ReturnType<typeof vi.fn> {
  return vi.fn(() => new Promise(() => {}));
}

export const commands = new Proxy({} as Commands, {
  get(_, name: string) {
    let f = made.get(name);
    if (!f) {
      f = never();
      made.set(name, f);
    }
    return f;
  },
});

export const events = {
  saleChanged: vi.fn(async () => () => {}),
  statusChanged: vi.fn(async () => () => {}),
  ticketChanged: vi.fn(async () => () => {}),
  draftChanged: vi.fn(async () => () => {}),
};

/** The app's ticket as a test drives it: adding one of `known` (by key) makes a new line at its
 * total; `total` is what the app would say the ticket comes to (default: the first bill's). */
export function answerTicket(known: BillView[], total?: MoneyView): void {
  let bills: BillView[] = [];
  const ticketOf = () => draft(bills, total ?? bills[0]?.total ?? null);
  commands.ticketAddBill.mockImplementation(async (key: number) => {
    const b = known.find((x) => x.key === key);
    if (b) bills = [...bills, b];
    return ticketOf();
  });
  commands.ticket.mockImplementation(async () => ticketOf());
  commands.ticketAbandon.mockImplementation(async () => {
    bills = [];
    return ticketOf();
  });
}

/** Every command back to "never answers", calls forgotten. */
export function resetCommands(): void {
  for (const f of made.values()) {
    f.mockReset();
    f.mockImplementation(() => new Promise(() => {}));
  }
}
