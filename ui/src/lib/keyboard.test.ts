// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EarlyKey } from "./keyboard";

const BILL = "05700861082790003832152882102060000027480005";

/** A fresh copy of the module (it installs window listeners once per call). */
async function freshKeyboard() {
  vi.resetModules();
  return import("./keyboard");
}

function press(key: string, code = ""): KeyboardEvent {
  const e = new KeyboardEvent("keydown", { key, code, bubbles: true, cancelable: true });
  (document.activeElement ?? document.body).dispatchEvent(e);
  return e;
}

let stop: (() => void) | undefined;

describe("keyboard glue", () => {
  beforeEach(() => {
    document.body.innerHTML = '<input id="field" type="text">';
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  });
  afterEach(() => {
    stop?.();
    stop = undefined;
    vi.restoreAllMocks();
    vi.useRealTimers();
    delete window.__ventanillaKeys;
  });

  it("a scan typed before the app loaded is looked up once it starts", async () => {
    const early: EarlyKey[] = [...BILL, "Enter"].map((key, i) => ({ key, t: 100 + i * 5, mods: false }));
    window.__ventanillaKeys = { takeOver: () => early };
    const { installKeyboard } = await freshKeyboard();
    const onScan = vi.fn();
    stop = installKeyboard(50, { onScan, onStrayText: vi.fn() });
    expect(onScan).toHaveBeenCalledWith(BILL);
  });

  it("a person's keys typed before the app loaded are kept, in order", async () => {
    const early: EarlyKey[] = [..."3000"].map((key, i) => ({ key, t: 100 + i * 200, mods: false }));
    window.__ventanillaKeys = { takeOver: () => early };
    const { installKeyboard } = await freshKeyboard();
    const onStrayText = vi.fn();
    document.getElementById("field")?.blur();
    stop = installKeyboard(50, { onScan: vi.fn(), onStrayText });
    vi.advanceTimersByTime(5000);
    expect(onStrayText.mock.calls.map((c) => c[0]).join("")).toBe("3000");
  });

  it("a scan while an input has the focus never reaches the input", async () => {
    window.__ventanillaKeys = { takeOver: () => [] };
    const { installKeyboard } = await freshKeyboard();
    const onScan = vi.fn();
    stop = installKeyboard(50, { onScan, onStrayText: vi.fn() });
    const field = document.getElementById("field") as HTMLInputElement;
    field.focus();
    const events = [...BILL].map((k) => {
      vi.advanceTimersByTime(5);
      return press(k);
    });
    vi.advanceTimersByTime(5);
    const enter = press("Enter");
    expect(events.every((e) => e.defaultPrevented)).toBe(true);
    expect(enter.defaultPrevented).toBe(true);
    expect(onScan).toHaveBeenCalledWith(BILL);
    vi.advanceTimersByTime(1000);
    expect(field.value).toBe("");
  });

  it("a scan stays whole when the page was busy in the middle of it", async () => {
    // A hand-run clock and timer queue: a busy page runs its timers late, and runs them before
    // the keys that were typed meanwhile and wait behind them.
    vi.useRealTimers();
    let now = 1000;
    const timers = new Map<number, { run: () => void; at: number }>();
    let lastId = 0;
    vi.spyOn(performance, "now").mockImplementation(() => now);
    vi.spyOn(window, "setTimeout").mockImplementation(((run: () => void, ms = 0) => {
      lastId += 1;
      timers.set(lastId, { run, at: now + ms });
      return lastId;
    }) as unknown as typeof window.setTimeout);
    vi.spyOn(window, "clearTimeout").mockImplementation((id?: number) => void timers.delete(id ?? -1));
    const runDue = (): void => {
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= now).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) return;
        timers.delete(due[0]);
        due[1].run();
      }
    };
    window.__ventanillaKeys = { takeOver: () => [] };
    const { installKeyboard } = await freshKeyboard();
    const onScan = vi.fn();
    const onStrayText = vi.fn();
    stop = installKeyboard(50, { onScan, onStrayText });
    const field = document.getElementById("field") as HTMLInputElement;
    field.focus();
    // Fewer keys than a scan's shortest: until more come, they may be a person's typing.
    const half = 5;
    for (const k of BILL.slice(0, half)) {
      now += 5;
      runDue();
      press(k);
    }
    // Busy for 55 ms: the scanner's next keys wait, and the timer runs first, only 4 ms past
    // the moment it would have handed the first half over as typing (the old single timer
    // did just that: the bill split in two, its first half typed into the field).
    now += 55;
    runDue();
    const typedAt = now - 50;
    [...BILL.slice(half), "Enter"].forEach((k, i) => {
      // Each key carries the moment it was typed (5 ms apart), earlier than it is handled.
      const e = new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true });
      Object.defineProperty(e, "timeStamp", { value: typedAt + i * 5 });
      now = Math.max(now, typedAt + i * 5) + 0.5;
      field.dispatchEvent(e);
    });
    now += 1000;
    runDue();
    expect(onScan).toHaveBeenCalledWith(BILL);
    expect(onStrayText).not.toHaveBeenCalled();
    expect(field.value).toBe("");
  });

  it("a person typing in the input gets every key into it", async () => {
    window.__ventanillaKeys = { takeOver: () => [] };
    const { installKeyboard } = await freshKeyboard();
    const onScan = vi.fn();
    stop = installKeyboard(50, { onScan, onStrayText: vi.fn() });
    const field = document.getElementById("field") as HTMLInputElement;
    field.focus();
    const seen: string[] = [];
    field.addEventListener("input", () => seen.push(field.value));
    for (const k of "252") {
      press(k);
      vi.advanceTimersByTime(150);
    }
    expect(field.value).toBe("252");
    expect(seen).toEqual(["2", "25", "252"]);
    const enter = press("Enter");
    expect(enter.defaultPrevented).toBe(false);
    expect(onScan).not.toHaveBeenCalled();
  });

  it("space still presses a focused button", async () => {
    window.__ventanillaKeys = { takeOver: () => [] };
    document.body.innerHTML = '<button id="b" type="button">OK</button>';
    const { installKeyboard } = await freshKeyboard();
    const onStrayText = vi.fn();
    stop = installKeyboard(50, { onScan: vi.fn(), onStrayText });
    (document.getElementById("b") as HTMLButtonElement).focus();
    const space = press(" ");
    expect(space.defaultPrevented).toBe(false);
    vi.advanceTimersByTime(500);
    expect(onStrayText).not.toHaveBeenCalled();
  });

  const cases: [string, string, string][] = [
    ["es", ".", "12,50"],
    ["es", ",", "12,50"],
    ["en", ",", "12.50"],
    ["en", ".", "12.50"],
  ];
  for (const [lang, layoutKey, want] of cases) {
    it(`in an amount field on a "${lang}" screen the keypad's decimal key (sending "${layoutKey}") types ${want}`, async () => {
      window.__ventanillaKeys = { takeOver: () => [] };
      document.documentElement.lang = lang;
      document.body.innerHTML = '<input id="amount" type="text" inputmode="decimal"><input id="note" type="text">';
      const { installKeyboard } = await freshKeyboard();
      stop = installKeyboard(50, { onScan: vi.fn(), onStrayText: vi.fn() });
      const amount = document.getElementById("amount") as HTMLInputElement;
      amount.focus();
      const keys: [string, string][] = [
        ["1", "Numpad1"],
        ["2", "Numpad2"],
        [layoutKey, "NumpadDecimal"],
        ["5", "Numpad5"],
        ["0", "Numpad0"],
      ];
      for (const [k, code] of keys) {
        press(k, code);
        vi.advanceTimersByTime(150);
      }
      expect(amount.value).toBe(want);
      // Other fields, and the main keyboard's own keys, are left as they are.
      const note = document.getElementById("note") as HTMLInputElement;
      note.focus();
      press(layoutKey, "NumpadDecimal");
      vi.advanceTimersByTime(150);
      press(".", "Period");
      vi.advanceTimersByTime(150);
      expect(note.value).toBe(`${layoutKey}.`);
    });
  }
});
