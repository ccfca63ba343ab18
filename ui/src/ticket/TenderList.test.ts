// The tenders under the ticket's total: each with its words and amount, its state in words
// while the ticket is built, what is still owed; a paid ticket's tenders without either.
import { render } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { bill, charged, draft, money, paidTicket, approved, tender, waitingCard } from "../testing/fixtures";
import { text } from "../testing/render";
import TenderList from "./TenderList.svelte";

describe("the ticket's tenders", () => {
  it("lists an accepted card and one waiting, in words, then what is still owed", () => {
    const ticket = charged(
      draft([bill()], money("$ 5.496,00", "5496.00")),
      [tender({ amount: money("$ 1.000,00", "1000.00") }), waitingCard(money("$ 2.000,00", "2000.00"))],
      money("$ 4.496,00", "4496.00"),
    );
    render(TenderList, { ticket, paid: false });
    expect(document.getElementById("ticket-tenders")?.dataset.count).toBe("2");
    expect(text("#tender-0")).toContain("Tarjeta •••• 1111 (INCA-0000000432)");
    expect(text("#tender-amount-0")).toBe("$ 1.000,00");
    expect(text("#tender-state-0")).toBe("✓ Aceptado");
    expect(document.getElementById("tender-1")?.dataset.state).toBe("waiting");
    expect(text("#tender-1")).toContain("esperando al cliente en el terminal");
    expect(text("#tender-state-1")).toBe("◷ Esperando");
    expect(text("#owed")).toBe("Falta pagar $ 4.496,00");
  });

  it("shows nothing before any tender is taken", () => {
    render(TenderList, { ticket: draft([bill()]), paid: false });
    expect(document.getElementById("ticket-tenders")).toBeNull();
    expect(document.getElementById("owed")).toBeNull();
  });

  it("lists every tender of a paid ticket, with no state to wait for and nothing owed", () => {
    const paid = paidTicket([{ sale: approved() }], "settled");
    const ticket = {
      ...paid,
      tenders: [tender({ amount: money("$ 3.000,00", "3000.00") }), ...paid.tenders],
    };
    render(TenderList, { ticket, paid: true });
    expect(document.getElementById("ticket-tenders")?.dataset.count).toBe("2");
    expect(text("#tender-0")).toContain("Tarjeta •••• 1111");
    expect(text("#tender-1")).toContain("Efectivo: recibido $ 6.000,00, vuelto $ 504,00");
    expect(document.getElementById("tender-state-0")).toBeNull();
    expect(document.getElementById("owed")).toBeNull();
  });
});
