// The cash tender: the open amount in the locale's form, the placeholder that follows it, the
// pay button that answers at once, and the panel while the hub cannot be reached.
import { tick } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { commands, resetCommands } = await import("../testing/ipc-mock");
const { bill, money, sale, status } = await import("../testing/fixtures");
const { press, showApp, text } = await import("../testing/render");
const { screen } = await import("../lib/state.svelte");
const { showBills } = await import("./lookup");
const { statusChanged } = await import("../status/link");

const open = bill({
  openAmount: true,
  total: money("$ 50,00", "50.00"),
  min: money("$ 10,00", "10.00"),
  max: money("$ 5.000,00", "5000.00"),
});

function typeInto(id: string, value: string): void {
  const input = document.getElementById(id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("the cash tender", () => {
  beforeEach(() => {
    resetCommands();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    showApp();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  /** The quote's pause, the app's answers and Svelte's updates. */
  async function flush(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(300);
      await tick();
    }
  }

  it("shows the open amount as the locale writes it, and sends it as typed", async () => {
    commands.quoteCash.mockResolvedValue({ amount: money("$ 50,00", "50.00"), received: money("$ 50,00"), change: money("$ 0,00") });
    showBills([open]);
    await flush();
    const amount = document.getElementById("amount") as HTMLInputElement;
    expect(amount.value).toBe("50,00");
    expect(commands.quoteCash).toHaveBeenLastCalledWith(open.key, "50,00", "");
    typeInto("amount", "1.234,50");
    await flush();
    expect(commands.quoteCash).toHaveBeenLastCalledWith(open.key, "1.234,50", "");
  });

  it("has the cash field's placeholder follow the amount to charge", async () => {
    commands.quoteCash.mockResolvedValue({ amount: money("$ 50,00", "50.00"), received: money("$ 50,00"), change: money("$ 0,00") });
    showBills([open]);
    await flush();
    const received = document.getElementById("received") as HTMLInputElement;
    expect(received.placeholder).toBe("$ 50,00");
    commands.quoteCash.mockResolvedValue({ amount: money("$ 80,00", "80.00"), received: money("$ 80,00"), change: money("$ 0,00") });
    typeInto("amount", "80");
    await flush();
    expect(received.placeholder).toBe("$ 80,00");
    expect(text("#quote-amount")).toBe("$ 80,00");
  });

  it("answers a press of Cobrar at once, before the app replies", async () => {
    commands.quoteCash.mockResolvedValue({ amount: money("$ 2.748,00"), received: money("$ 2.748,00"), change: money("$ 0,00") });
    let reply: (s: unknown) => void = () => {};
    commands.payCash.mockImplementation(() => new Promise((r) => (reply = r)));
    showBills([bill()]);
    await flush();
    (document.getElementById("pay") as HTMLButtonElement).click();
    // No await: the button has already changed.
    const pay = document.getElementById("pay") as HTMLButtonElement;
    expect(pay.disabled).toBe(true);
    expect(pay.dataset.state).toBe("sending");
    expect(pay.getAttribute("aria-busy")).toBe("true");
    expect(pay.textContent).toContain("Enviando…");
    expect(commands.payCash).toHaveBeenCalledTimes(1);
    pay.click();
    expect(commands.payCash).toHaveBeenCalledTimes(1);
    reply(sale());
    await flush();
    expect(document.getElementById("sale-state")?.dataset.state).toBe("journaled");
    expect(document.activeElement?.id).toBe("next-customer");
  });

  it("offline with contingency off: says only that it cannot charge, and what to do", async () => {
    commands.quoteCash.mockResolvedValue({ amount: money("$ 2.748,00"), received: money("$ 2.748,00"), change: money("$ 0,00") });
    showBills([bill()]);
    statusChanged(status("offline", false));
    await flush();
    const off = text("#offline-off");
    expect(off).toContain("sin conexión");
    expect(off).toContain("desactivados");
    expect(off).toContain("F9");
    expect(off).not.toMatch(/cobra igual|queda en espera/i);
    expect(document.getElementById("pay-offline")).toBeNull();
    const pay = document.getElementById("pay") as HTMLButtonElement;
    expect(pay.disabled).toBe(true);
    expect(pay.dataset.state).toBe("blocked");
    (document.getElementById("received") as HTMLInputElement).focus();
    press("Enter");
    await flush();
    expect(commands.payCash).not.toHaveBeenCalled();
    expect(screen.view).toBe("tender");
  });

  it("offline with contingency on: offers the provisional receipt with its caps", async () => {
    commands.quoteCash.mockResolvedValue({ amount: money("$ 2.748,00"), received: money("$ 2.748,00"), change: money("$ 0,00") });
    showBills([bill()]);
    statusChanged(status("offline", true));
    await flush();
    expect(document.getElementById("offline-off")).toBeNull();
    expect(text("#offline-caps").replace(/\u00a0/g, " ")).toContain("$ 50.000,00");
    expect(document.getElementById("pay-offline")).not.toBeNull();
  });
});
