// Where the keyboard focus goes on each screen (always somewhere visible and useful).

import { S } from "./state";
import { currentBill } from "./actions";

export function focusPrimary(): void {
  if (S.overlay === "help") return focusId("help-close");
  if (S.overlay === "history") return focusId(`hist-${S.history?.index ?? 0}`);
  switch (S.view) {
    case "scan":
      return focusId("barcode", true);
    case "tender": {
      const bill = currentBill();
      if (S.bills.length > 1 && !bill) return focusId("bill-0");
      return focusId(bill?.busySaleId !== null ? "next-customer" : "received", true);
    }
    case "sale":
      return focusId("next-customer");
    case "chooser":
      return focusId(`choice-${S.chooser?.index ?? 0}`);
    case "search":
      if (!S.search?.company) {
        focusId("search-filter", true);
        (document.getElementById("search-filter") as HTMLInputElement | null)?.select();
        return;
      }
      if (!S.search.mode) return focusId(`mode-${S.search.company.billModes[0]?.id ?? ""}`);
      return focusId("param-0", true);
    default:
      return;
  }
}

export function focusId(id: string, caretAtEnd = false): void {
  const n = document.getElementById(id) as HTMLElement | null;
  if (!n) return;
  n.focus();
  n.scrollIntoView({ block: "nearest" });
  if (caretAtEnd && n instanceof HTMLInputElement) {
    const len = n.value.length;
    try {
      n.setSelectionRange(len, len);
    } catch {
      /* not a text field */
    }
  }
}
