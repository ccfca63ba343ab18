import { describe, expect, it } from "vitest";
import { rejectionText } from "./i18n";

describe("rejectionText", () => {
  it("splits the app's explanation from the hub's words", () => {
    const r = rejectionText(
      "La factura ya estaba pagada: no se cobró. Devuelva el dinero al cliente. (409_BILL_ALREADY_PAID - Factura con barra: 057 ya ha sido pagada. Id de operación: A6)",
      "es",
    );
    expect(r.plain).toBe("La factura ya estaba pagada: no se cobró. Devuelva el dinero al cliente.");
    expect(r.detail).toMatch(/^409_BILL_ALREADY_PAID/);
  });

  it("explains a bare hub code in plain words", () => {
    expect(rejectionText("409_BILL_ALREADY_PAID - Factura ... ya ha sido pagada", "es").plain).toBe(
      "La factura ya estaba pagada.",
    );
    expect(rejectionText("422_BILL_EXPIRED - vencida", "en").plain).toBe("The bill is past due and cannot be paid.");
  });

  it("keeps unknown reasons readable and empty ones empty", () => {
    expect(rejectionText("999_OTHER - Algo pasó", "es").plain).toBe("Algo pasó");
    expect(rejectionText(null, "es")).toEqual({ plain: "", detail: "" });
  });
});
