// The two main panels: the customer's ticket (left) and the next step (right): scan,
// cash tender, sale outcome, company chooser, customer-data search.

import type { BillView, CompanyView, SaleView } from "./bindings";
import { h, replace } from "./dom";
import { t } from "./i18n";
import { S, el, heard, shownFinal, type Timed } from "./state";
import { back, confirm } from "./keys";
import { currentBill, newCustomer, openSearch, pay, payOffline, pickCompanyChoice, pickMode, pickSearchCompany, reprintCurrent, scheduleQuote, scheduleCompanies, selectBill, submitSearch } from "./actions";
import { cashMode, hubOffline, reasonText, saleBadge } from "./offline";

export function renderTicket(): void {
  const tr = t();
  if (S.bills.length === 0) {
    replace(
      el.ticket,
      h("h2.panel-title", {}, tr.ticketTitle),
      h("div.empty", {}, h("div.empty-icon", { "aria-hidden": "true" }, "▤"), h("p.empty-title", {}, tr.ticketEmpty), h("p", {}, tr.ticketEmptyHint)),
    );
    return;
  }
  const many = S.bills.length > 1;
  const sale = S.view === "sale" ? S.current?.sale : undefined;
  replace(
    el.ticket,
    h("h2.panel-title", {}, many ? tr.chooseBill : tr.ticketTitle),
    ...(sale
      ? [currentBill()].filter((b): b is BillView => b !== null).map((b) => billCard(b, 0, false, true))
      : S.bills.map((b, i) => billCard(b, i, many))),
    sale && (sale.state === "approved" || (S.receipt && S.receiptProvisional))
      ? h(
          "div.receipt",
          { class: `receipt${S.receiptProvisional ? " provisional" : ""}` },
          h(
            "h3",
            {},
            S.receiptProvisional ? tr.provisionalReceipt : tr.receiptTitle,
            S.receiptProvisional ? h("span.badge.badge-provisional", {}, tr.badgeProvisional) : null,
          ),
          S.receipt
            ? h("pre.receipt-text#receipt-text", {}, S.receipt.text)
            : h("p.hint", {}, S.receiptError ?? tr.receiptPending),
          S.receipt ? h("p.path", {}, `${tr.receiptPath}: `, h("code#receipt-path", {}, S.receipt.path)) : null,
          S.receiptProvisional && sale.state === "approved" && !S.receiptError ? h("p.hint", {}, tr.finalReceiptPending) : null,
        )
      : null,
  );
}

export function billCard(b: BillView, i: number, many: boolean, compact = false): HTMLElement {
  const tr = t();
  const selected = i === S.billIndex;
  const editable = selected && b.openAmount && S.view === "tender";
  const card = h(
    many ? "button.bill-card" : "article.bill-card",
    {
      id: many ? `bill-${i}` : "bill-card",
      class: `bill-card${selected ? " selected" : ""}${compact ? " compact" : ""}`,
      "data-key": String(b.key),
      "data-company": b.companyCode,
      type: many ? "button" : null,
      onclick: many ? () => selectBill(i) : null,
    },
    many ? h("div.bill-n", {}, tr.billN(i + 1, S.bills.length)) : null,
    h("div.company-name#company-name", {}, b.companyName),
    h(
      "dl.facts",
      {},
      h("dt", {}, tr.company),
      h("dd", {}, `${b.companyName} (${tr.code} ${b.companyCode})`),
      h("dt", {}, tr.customer),
      h("dd.customer-id", {}, b.customerId),
      b.description ? h("dt", {}, tr.description) : null,
      b.description ? h("dd", {}, b.description) : null,
    ),
    h("div.amount-label", {}, b.openAmount ? tr.openAmount : tr.total),
    editable
      ? h(
          "div.amount-editor",
          {},
          h("input.amount-input#amount", {
            type: "text",
            inputmode: "decimal",
            autocomplete: "off",
            maxlength: "16",
            value: S.amountText,
            "aria-describedby": "amount-limits",
            "aria-label": tr.openAmount,
            oninput: (e: Event) => {
              S.amountText = (e.target as HTMLInputElement).value;
              scheduleQuote();
            },
          }),
          h("div.limits#amount-limits", {}, tr.limits(b.min.display, b.max.display)),
        )
      : h("div.amount-big#total", {}, b.total.display),
    b.openAmount && !editable ? h("div.limits", {}, tr.limits(b.min.display, b.max.display)) : null,
    b.busySaleId !== null ? busyNotice(b.busySaleId) : null,
  );
  return card;
}

/** The bill has a payment waiting for the hub; once that one ends, say so. */
function busyNotice(id: BillView["key"]): HTMLElement {
  const tr = t();
  const ended = heard.get(Number(id));
  if (ended?.isFinal) {
    return h(
      "div.notice#busy",
      { role: "status", class: `notice state-${ended.state}-notice` },
      h("strong", {}, ended.stateLabel, ". "),
      tr.busyEnded(String(id)),
    );
  }
  return h("div.notice.pending#busy", { role: "status" }, h("strong", {}, "◷ "), tr.busy(String(id)));
}

export function renderNext(): void {
  const tr = t();
  const err = S.error ? h("div.alert#error", { role: "alert" }, h("strong", {}, "⚠ "), S.error) : null;
  switch (S.view) {
    case "scan":
    case "searching": {
      const busy = S.view === "searching";
      replace(
        el.next,
        h("h2.panel-title", {}, tr.nextTitle),
        h(
          "div.scan-hero",
          {},
          h("div.scan-icon", { "aria-hidden": "true" }, h("span", {}, "|| ||| | |||")),
          h("h3", {}, busy ? tr.searching : tr.scanTitle),
          h("p.hint", {}, tr.scanHint),
        ),
        err,
        h(
          "label.field",
          {},
          h("span.field-label", {}, tr.barcodeLabel),
          h("input.big-input#barcode", {
            type: "text",
            inputmode: "numeric",
            autocomplete: "off",
            maxlength: "64",
            value: S.barcode,
            disabled: busy,
            oninput: (e: Event) => {
              S.barcode = (e.target as HTMLInputElement).value;
            },
          }),
        ),
        h(
          "div.actions",
          {},
          h(
            "button.btn.primary#lookup",
            { type: "button", disabled: busy, onclick: () => confirm(null) },
            tr.findBill,
            h("kbd", {}, "Enter"),
          ),
          h("button.btn#open-search", { type: "button", onclick: () => openSearch() }, tr.searchByData, h("kbd", {}, "F2")),
        ),
      );
      return;
    }
    case "tender":
      renderTender(err);
      return;
    case "sale":
      renderSale();
      return;
    case "chooser":
      renderChooser(err);
      return;
    case "search":
      renderSearch(err);
      return;
  }
}

export function renderTender(err: HTMLElement | null): void {
  const tr = t();
  const bill = currentBill();
  if (!bill) return;
  const busy = bill.busySaleId !== null;
  const mode = cashMode(S.status);
  const c = S.status?.contingency;
  // Offline with contingency on, the provisional receipt is the one way to charge (a supervisor
  // who prefers sales to wait for the link turns contingency off, F9).
  const payButton =
    mode === "offline-contingency" && c
      ? h(
          "button.btn.primary.big.offline#pay-offline",
          { type: "button", disabled: busy, onclick: () => void payOffline() },
          tr.payOffline,
          h("kbd", {}, "Enter"),
        )
      : h(
          "button.btn.primary.big#pay",
          { type: "button", disabled: busy, onclick: () => void pay() },
          tr.confirmCash,
          h("kbd", {}, "Enter"),
        );
  const offline =
    mode === "offline-contingency" && c
      ? h(
          "div.offline-box#offline-box",
          { role: "status" },
          h("h3", {}, h("span.dot", { "aria-hidden": "true" }), tr.offlineTitle),
          h("p", {}, tr.offlineExplain),
          h("p.offline-caps#offline-caps", {}, tr.offlineCaps(c.perPaymentCap.display, c.totalCap.display, c.heldOffline.display)),
        )
      : mode === "offline-disabled"
        ? h("div.notice.offline-off#offline-off", { role: "status" }, h("strong", {}, tr.offlineDisabled), " ", tr.offlineDisabledHint)
        : null;
  replace(
    el.next,
    h("h2.panel-title", {}, tr.cashTitle, h("kbd.title-key", {}, "F5")),
    err,
    h(
      "label.field",
      {},
      h("span.field-label", {}, tr.received),
      h("input.big-input.money-input#received", {
        type: "text",
        inputmode: "decimal",
        autocomplete: "off",
        maxlength: "16",
        placeholder: bill.total.display,
        value: S.receivedText,
        disabled: busy,
        "aria-describedby": "received-hint",
        oninput: (e: Event) => {
          S.receivedText = (e.target as HTMLInputElement).value;
          scheduleQuote();
        },
      }),
      h("span.field-hint#received-hint", {}, tr.receivedHint),
    ),
    h("div#quote"),
    offline,
    h("div.actions", {}, payButton),
  );
  renderQuote();
}

export function renderQuote(): void {
  const box = document.getElementById("quote");
  if (!box) return;
  const tr = t();
  const q = S.quote;
  for (const id of ["pay", "pay-offline"]) {
    const b = document.getElementById(id) as HTMLButtonElement | null;
    if (b) b.disabled = S.paying || (currentBill()?.busySaleId ?? null) !== null;
  }
  replace(
    box,
    h(
      "div.quote",
      {},
      h("div.quote-row", {}, h("span", {}, tr.toCharge), h("strong#quote-amount", {}, q ? q.amount.display : "—")),
      h("div.quote-row", {}, h("span", {}, tr.received), h("strong#quote-received", {}, q ? q.received.display : "—")),
      h(
        "div.change-box",
        {},
        h("span.change-label", {}, tr.change),
        h("span.change-big#change", {}, q ? q.change.display : "—"),
      ),
    ),
    S.quoteError ? h("div.alert#quote-error", { role: "alert" }, h("strong", {}, "⚠ "), S.quoteError) : null,
  );
}

export function statePill(sale: SaleView, id?: string): HTMLElement {
  const icon = sale.state === "approved" ? "✓" : sale.state === "rejected" ? "✕" : "◷";
  return h(
    `span.pill`,
    { id: id ?? null, class: `pill state-${sale.state}`, "data-state": sale.state },
    h("span.pill-icon", { "aria-hidden": "true" }, icon),
    sale.stateLabel,
  );
}

/** A sale taken offline, at a glance: word and colour. */
export function badgeNode(sale: SaleView): HTMLElement | null {
  const b = saleBadge(sale);
  if (!b) return null;
  const tr = t();
  return b === "provisional"
    ? h("span.badge.badge-provisional", { "data-badge": b }, tr.badgeProvisional)
    : h("span.badge.badge-offline", { "data-badge": b }, tr.badgeTakenOffline);
}

export function waitingText(x: Timed): { waited: number; line: string } {
  const tr = t();
  const elapsed = (performance.now() - x.at) / 1000;
  const waited = Number(x.sale.waitedSecs) + elapsed;
  let line = tr.waitingJournaled;
  if (hubOffline(S.status)) {
    line = tr.waitingLinkLine;
  } else if (x.sale.state === "sending") {
    line = tr.waitingSending(Math.max(0, Math.ceil(Number(x.sale.answerTimeoutSecs) - waited)));
  } else if (x.sale.state === "querying" && x.sale.nextCheckInSecs !== null) {
    line = tr.waitingQuerying(Math.max(0, Math.ceil(Number(x.sale.nextCheckInSecs) - elapsed)));
  }
  return { waited, line };
}

export function renderSale(): void {
  const tr = t();
  const cur = S.current;
  if (!cur) return;
  const sale = cur.sale;
  if (sale.isFinal) {
    shownFinal.add(Number(sale.id));
    if (shownFinal.size > 200) shownFinal.delete(shownFinal.values().next().value ?? 0);
  }
  const parts: (HTMLElement | null)[] = [h("h2.panel-title", {}, tr.nextTitle)];
  if (!sale.isFinal && sale.provisional) {
    parts.push(
      h(
        "div.outcome.provisional",
        {},
        h(
          "div.provisional-head",
          {},
          h("div.provisional-banner#provisional-banner", { role: "status" }, tr.provisionalTitle),
          h("p.provisional-lead", {}, tr.provisionalLead),
        ),
        h("div.change-label", {}, tr.changeToGive),
        h("div.change-huge#sale-change", {}, sale.change.display),
        h("p.sale-line", {}, `${tr.toCharge}: ${sale.amount.display} · ${tr.received}: ${sale.received.display}`),
        h("p.provisional-state", {}, statePill(sale, "sale-state"), h("span.hint", {}, tr.provisionalHint)),
      ),
    );
  } else if (!sale.isFinal) {
    const w = waitingText(cur);
    parts.push(
      h(
        "div.outcome.pending",
        {},
        statePill(sale, "sale-state"),
        h("h3", {}, tr.waitingTitle),
        h("p.countdown#countdown", {}, w.line),
        h("p.waited", {}, tr.waited(tr.seconds(w.waited))),
        h("p.hint", {}, tr.meanwhile),
      ),
    );
  } else if (sale.state === "approved") {
    parts.push(
      h(
        "div.outcome.approved",
        {},
        statePill(sale, "sale-state"),
        h("div.change-label", {}, tr.changeToGive),
        h("div.change-huge#sale-change", {}, sale.change.display),
        h(
          "p.sale-line",
          {},
          `${tr.toCharge}: ${sale.amount.display} · ${tr.received}: ${sale.received.display}`,
          sale.hubNumber !== null ? ` · ${tr.operation(String(sale.hubNumber))}` : "",
        ),
        sale.provisional ? h("p.notice.state-approved-notice#confirmed-note", { role: "status" }, "✓ ", tr.provisionalConfirmed) : null,
      )
    );
  } else {
    parts.push(
      h(
        "div.outcome.rejected",
        {},
        statePill(sale, "sale-state"),
        ...reasonNodes(sale),
        sale.provisional ? h("p.notice.state-rejected-notice#provisional-rejected", { role: "alert" }, tr.provisionalRejected) : null,
      ),
    );
  }
  parts.push(
    h(
      "div.actions",
      {},
      h("button.btn.primary.big#next-customer", { type: "button", onclick: () => newCustomer() }, tr.newCustomer, h("kbd", {}, sale.isFinal || sale.provisional ? "Enter" : "Esc")),
      sale.state === "approved" || (sale.provisional && !sale.isFinal)
        ? h("button.btn#reprint", { type: "button", disabled: !sale.receiptReady && !(sale.provisional && !sale.isFinal), onclick: () => void reprintCurrent() }, tr.reprint)
        : null,
    ),
    S.copyNote ? h("p.path#copy-note", { role: "status" }, S.copyNote) : null,
  );
  replace(el.next, ...parts);
}

/** A rejection: what happened and what to do, big; the hub's words small, for support. */
export function reasonNodes(sale: SaleView): HTMLElement[] {
  const r = reasonText(sale);
  const tr = t();
  const out = [h("p.reason#reason", {}, r.plain || tr.rejectedHint)];
  if (r.plain && !/devuelva|give .* back/i.test(r.plain)) out.push(h("p.hint", {}, tr.rejectedHint));
  if (r.detail) out.push(h("p.reason-detail#reason-detail", {}, r.detail));
  return out;
}

export function renderChooser(err: HTMLElement | null): void {
  const tr = t();
  const ch = S.chooser;
  if (!ch) return;
  replace(
    el.next,
    h("h2.panel-title", {}, tr.chooserTitle),
    h("p.hint", {}, tr.chooserHint),
    err,
    h(
      "div.list#chooser",
      { role: "listbox", "aria-label": tr.chooserTitle },
      ...ch.companies.map((c, i) =>
        h(
          "button.list-item",
          {
            id: `choice-${i}`,
            type: "button",
            role: "option",
            class: `list-item${i === ch.index ? " selected" : ""}`,
            "aria-selected": i === ch.index ? "true" : "false",
            "data-code": c.code,
            onclick: () => void pickCompanyChoice(i),
            onfocus: () => {
              ch.index = i;
              document.querySelectorAll("#chooser .list-item").forEach((n, j) => {
                n.classList.toggle("selected", j === i);
                n.setAttribute("aria-selected", j === i ? "true" : "false");
              });
            },
          },
          h("span.item-main", {}, c.name),
          h("span.item-sub", {}, `${tr.code} ${c.code} · ${tr.customer} ${c.customerId}`),
          h("span.item-amount", {}, c.total.display),
        ),
      ),
    ),
  );
}

export function renderSearch(err: HTMLElement | null): void {
  const tr = t();
  const s = S.search;
  if (!s) return;
  const parts: (HTMLElement | null)[] = [h("h2.panel-title", {}, tr.searchTitle, h("kbd.title-key", {}, "F2"))];
  if (!s.company) {
    parts.push(
      h(
        "label.field",
        {},
        h("span.field-label", {}, tr.searchFilter),
        h("input.big-input#search-filter", {
          type: "text",
          autocomplete: "off",
          maxlength: "60",
          value: s.filter,
          "aria-controls": "company-list",
          oninput: (e: Event) => {
            s.filter = (e.target as HTMLInputElement).value;
            scheduleCompanies();
          },
        }),
      ),
      err,
      s.companies === null
        ? h("p.hint", {}, tr.searchLoading)
        : s.companies.length === 0
          ? h("p.hint", {}, tr.searchNoCompanies)
          : h(
              "div.list#company-list",
              { role: "listbox" },
              ...s.companies.map((c, i) =>
                h(
                  "button.list-item",
                  {
                    id: `company-${i}`,
                    type: "button",
                    tabindex: "-1",
                    role: "option",
                    class: `list-item${i === s.index ? " selected" : ""}`,
                    "aria-selected": i === s.index ? "true" : "false",
                    "data-code": c.code,
                    onclick: () => pickSearchCompany(c),
                  },
                  h("span.item-main", {}, c.name),
                  h("span.item-sub", {}, `${tr.code} ${c.code}`),
                ),
              ),
            ),
    );
  } else if (!s.mode) {
    parts.push(
      companyHeader(s.company),
      h("p.hint", {}, tr.searchModes),
      err,
      h(
        "div.list",
        {},
        ...s.company.billModes.map((m) =>
          h("button.list-item", { id: `mode-${m.id}`, type: "button", onclick: () => pickMode(m) }, h("span.item-main", {}, m.name)),
        ),
      ),
    );
  } else {
    const mode = s.mode;
    parts.push(
      companyHeader(s.company),
      h("p.mode-name", {}, mode.name),
      err,
      h(
        "form.param-form#param-form",
        { onsubmit: (e: Event) => { e.preventDefault(); void submitSearch(); } },
        ...mode.parameters.map((p, i) =>
          h(
            "label.field",
            {},
            h("span.field-label", {}, p.name, p.optional ? h("em.optional", {}, ` (${tr.optional})`) : null),
            h("input.big-input.param", {
              id: `param-${i}`,
              type: "text",
              "data-param": p.id,
              "data-type": p.inputType,
              inputmode: p.inputType === "integer" ? "numeric" : p.inputType === "decimal" ? "decimal" : null,
              placeholder: p.inputType === "date" ? (S.info.locale === "en" ? "YYYY-MM-DD" : "AAAA-MM-DD") : null,
              maxlength: p.maxLength > 0 ? String(p.maxLength) : null,
              readonly: p.readOnly,
              required: !p.optional,
              autocomplete: "off",
              value: s.values[p.id] ?? "",
              oninput: (e: Event) => {
                s.values[p.id] = (e.target as HTMLInputElement).value;
              },
            }),
          ),
        ),
        h(
          "div.actions",
          {},
          h("button.btn.primary#search-submit", { type: "submit" }, tr.searchSubmit, h("kbd", {}, "Enter")),
          h("button.btn", { type: "button", onclick: () => back() }, tr.changeCompany, h("kbd", {}, "Esc")),
        ),
      ),
    );
  }
  replace(el.next, ...parts);
}

export function companyHeader(c: CompanyView): HTMLElement {
  return h("div.company-header", {}, h("strong", {}, c.name), h("span.item-sub", {}, ` · ${t().code} ${c.code}`));
}
