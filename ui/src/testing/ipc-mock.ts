// A stand-in for ui/src/generated/ipc.ts in tests: every command is a vi.fn() (the test says
// what it answers), events are never heard. A test file swaps it in with vi.mock, whose factory
// loads this module in place of generated/ipc.ts.

import { vi } from "vitest";
import type { commands as real } from "../generated/ipc";

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
};

/** Every command back to "never answers", calls forgotten. */
export function resetCommands(): void {
  for (const f of made.values()) {
    f.mockReset();
    f.mockImplementation(() => new Promise(() => {}));
  }
}
