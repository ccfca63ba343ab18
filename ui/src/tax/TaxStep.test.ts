// The F3 taxpayer step: the document id and its messages, the debts ticked with Space and moved
// with the arrows, the order created (its debts on the ticket, its countdown), the warning in
// its last 15 minutes, no charge once it expired, and a cancellation that asks first.
import { tick } from "svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TaxDebtsView, TaxOrderView, TicketItemView, TicketView } from "../generated/ipc";

vi.mock("../generated/ipc", () => import("../testing/ipc-mock"));

const { commands, resetCommands } = await import("../testing/ipc-mock");
const { draft } = await import("../testing/fixtures");
const { press, pressEnter, showApp, text } = await import("../testing/render");
const { screen } = await import("../lib/state.svelte");
const { onStrayText } = await import("../app/keys");

const ves = (display: string, amount: string) => ({ amount, currency: "VES", display });

const debts: TaxDebtsView = {
  docId: "V-12345678",
  debts: [
    { id: "101", description: "Inmueble 2026-T1", kind: "property", amount: ves("Bs. 1.250,00", "1250.00") },
    { id: "102", description: "Vehículo ABC123", kind: "vehicle", amount: ves("Bs. 480,50", "480.50") },
    { id: "103", description: "Multa de tránsito", kind: "fine", amount: ves("Bs. 90,00", "90.00") },
  ],
  total: ves("Bs. 1.820,50", "1820.50"),
};

function order(secondsLeft: number, ids = ["101", "103"], phase = "open"): TaxOrderView {
  return {
    id: 7,
    orderId: "ORD-77",
    docId: "V-12345678",
    phase,
    phaseLabel: phase === "open" ? "Abierta" : "Vencida",
    total: ves("Bs. 1.340,00", "1340.00"),
    expireAt: "2026-12-07T18:00:00Z",
    secondsLeft,
    expiring: secondsLeft <= 900,
    items: debts.debts
      .filter((d) => ids.includes(d.id))
      .map((d) => ({ id: d.id, description: d.description, amount: d.amount, status: "pending", statusLabel: "Pendiente" })),
    reference: null,
  };
}

function ticketOf(o: TaxOrderView): TicketView {
  const items: TicketItemView[] = o.items.map((d, i) => ({
    position: i + 1,
    gateway: "arkadu",
    title: d.description,
    customerId: o.docId,
    amount: d.amount,
    bill: null,
    sale: null,
    tax: { order: o.id, orderId: o.orderId, debtId: d.id, status: "pending", statusLabel: "Pendiente", isFinal: false },
    refund: "none",
  }));
  return { ...draft([]), items, total: o.total };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await Promise.resolve();
    await tick();
  }
}

function typeDoc(value: string): void {
  const input = document.getElementById("tax-doc") as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

/** F3, the document id, the first debt ticked with Space, and Enter: the order is made. */
async function orderFirstDebt(): Promise<void> {
  press("F3");
  await settle();
  typeDoc("V-12345678");
  press("Enter");
  await settle();
  onStrayText(" ");
  pressEnter();
  await settle();
}

/** The app's side: the debts, and an order whose debts are on the ticket once created. */
function answer(o: TaxOrderView): void {
  let ticket = draft([]);
  commands.taxDebts.mockResolvedValue(debts);
  commands.taxCreateOrder.mockImplementation(async () => {
    ticket = ticketOf(o);
    return o;
  });
  commands.taxOrder.mockResolvedValue(o);
  commands.ticket.mockImplementation(async () => ticket);
  commands.taxCancelOrder.mockImplementation(async () => {
    ticket = draft([]);
    return { ...o, phase: "canceled" };
  });
  commands.ticketQuoteCash.mockResolvedValue(null);
}

describe("the taxpayer step (F3)", () => {
  beforeEach(() => {
    resetCommands();
    showApp();
  });

  it("asks for a document id, then lists what the taxpayer owes", async () => {
    answer(order(4 * 3600));
    press("F3");
    await settle();
    expect(screen.view).toBe("tax");
    expect(document.activeElement?.id).toBe("tax-doc");
    press("Enter");
    await settle();
    expect(text("#tax-error")).toContain("Escriba la cédula o el RIF");
    expect(commands.taxDebts).not.toHaveBeenCalled();

    typeDoc("v12345678");
    press("Enter");
    await settle();
    expect(commands.taxDebts).toHaveBeenCalledWith("v12345678");
    expect(text("#tax-debts-title")).toBe("Deudas de V-12345678: 3");
    expect(document.querySelectorAll("#tax-debts [role=option]")).toHaveLength(3);
    expect(text("#tax-debt-1")).toContain("Bs. 480,50");
    expect(document.activeElement?.id).toBe("tax-debt-0");
  });

  it("shows the app's own words for a wrong check digit and keeps the field", async () => {
    commands.taxDebts.mockRejectedValue({ code: "InvalidInput", message: "El dígito verificador del RIF J-40157748-3 no es válido." });
    press("F3");
    await settle();
    typeDoc("J-40157748-3");
    press("Enter");
    await settle();
    expect(text("#tax-error")).toContain("dígito verificador");
    expect(document.querySelector("#tax-debts")).toBeNull();
    expect((document.getElementById("tax-doc") as HTMLInputElement).value).toBe("J-40157748-3");
  });

  it("creates the order of the debts ticked with Space, and takes the cash with its countdown", async () => {
    const o = order(4 * 3600);
    answer(o);
    press("F3");
    await settle();
    typeDoc("V-12345678");
    press("Enter");
    await settle();
    // Nothing ticked: Enter says what to do instead of creating an empty order.
    press("Enter");
    await settle();
    expect(text("#tax-error")).toContain("Marque con Espacio");
    expect(commands.taxCreateOrder).not.toHaveBeenCalled();

    onStrayText(" "); // 101
    press("ArrowDown");
    press("ArrowDown");
    await settle();
    expect(document.activeElement?.id).toBe("tax-debt-2");
    onStrayText(" "); // 103
    await settle();
    expect(text("#tax-ticked")).toBe("2 deudas marcadas");
    expect(document.getElementById("tax-debt-1")?.getAttribute("aria-selected")).toBe("false");

    pressEnter();
    await settle();
    expect(commands.taxCreateOrder).toHaveBeenCalledWith("V-12345678", ["101", "103"]);
    expect(screen.view).toBe("tender");
    expect(text("#ticket-title")).toBe("Ticket del cliente: 2 conceptos");
    expect(text("#tax-left-7")).toContain("Vence en 4 h 0 min");
    expect(document.getElementById("tax-order-7")?.dataset.clock).toBe("open");
    expect((document.getElementById("pay") as HTMLButtonElement).disabled).toBe(false);
  });

  it("warns in the last 15 minutes and refuses to charge once the order expired", async () => {
    answer(order(600));
    await orderFirstDebt();
    expect(document.getElementById("tax-order-7")?.dataset.clock).toBe("expiring");
    expect(text("#tax-left-7")).toContain("¡Quedan 10 min");
    expect(document.getElementById("change")).not.toBeNull();

    const expired = order(0, ["101", "103"], "expired");
    commands.taxOrder.mockResolvedValue(expired);
    commands.ticket.mockResolvedValue(ticketOf(expired));
    screen.ticket = ticketOf(expired);
    await settle();
    expect(text("#tax-expired-7")).toContain("La orden venció");
    const pay = document.getElementById("pay") as HTMLButtonElement;
    expect(pay.disabled).toBe(true);
    expect(pay.textContent).toContain("Orden vencida");
    press("Enter");
    await settle();
    expect(commands.ticketPayCash).not.toHaveBeenCalled();
    // No change worked out for money that cannot be taken.
    expect(document.getElementById("change")).toBeNull();

    // Back in F3, all Enter offers is to cancel it (asking first); no second cancel button.
    press("F3");
    await settle();
    expect(text("#tax-apply")).toContain("Anular la orden");
    expect(document.getElementById("tax-cancel")).toBeNull();
    pressEnter();
    await settle();
    expect(document.activeElement?.id).toBe("tax-cancel-no");
    expect(commands.taxCancelOrder).not.toHaveBeenCalled();
  });

  it("asks before cancelling: Esc keeps the order, yes cancels it and empties the ticket", async () => {
    answer(order(4 * 3600));
    await orderFirstDebt();
    press("F3");
    await settle();
    (document.getElementById("tax-cancel") as HTMLButtonElement).click();
    await settle();
    expect(text("#tax-cancel-q")).toBe("¿Anular la orden ORD-77?");
    expect(document.activeElement?.id).toBe("tax-cancel-no");
    press("Escape");
    await settle();
    expect(document.getElementById("tax-cancel-dialog")).toBeNull();
    expect(commands.taxCancelOrder).not.toHaveBeenCalled();

    (document.getElementById("tax-cancel") as HTMLButtonElement).click();
    await settle();
    (document.getElementById("tax-cancel-yes") as HTMLButtonElement).click();
    await settle();
    expect(commands.taxCancelOrder).toHaveBeenCalledWith(7);
    expect(screen.ticket.items).toHaveLength(0);
    expect(document.getElementById("tax-order-7")).toBeNull();
  });
});
