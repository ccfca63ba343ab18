// Around the panels: payments in progress, the status bar, the help and history overlays,
// the once-a-second tick and the toasts.

import type { SaleView } from "./bindings";
import { h, replace } from "./dom";
import { rejectionText, t } from "./i18n";
import { S, el, localTime } from "./state";
import { closeOverlay, showHistoryReceipt } from "./actions";
import { reasonNodes, renderNext, renderTicket, statePill, waitingText } from "./panels";

export function renderAll(): void {
  renderTicket();
  renderNext();
  renderInflight();
  renderStatus();
  renderOverlay();
}

export function renderInflight(): void {
  const tr = t();
  const rows = [...S.inflight.values()].sort((a, b) => Number(a.sale.id) - Number(b.sale.id));
  if (rows.length === 0) {
    el.inflight.hidden = true;
    el.inflight.replaceChildren();
    return;
  }
  el.inflight.hidden = false;
  replace(
    el.inflight,
    h("h2.strip-title", {}, `◷ ${tr.inflightTitle}`),
    h(
      "ul.strip",
      {},
      ...rows.map((x) => {
        const w = waitingText(x);
        const countdown =
          x.sale.state === "sending"
            ? tr.countdownSending(Math.max(0, Math.ceil(Number(x.sale.answerTimeoutSecs) - w.waited)))
            : x.sale.state === "querying" && x.sale.nextCheckInSecs !== null
              ? tr.countdownQuerying(Math.max(0, Math.ceil(Number(x.sale.nextCheckInSecs) - (performance.now() - x.at) / 1000)))
              : "";
        return h(
          "li.strip-item",
          { "data-sale": String(x.sale.id) },
          statePill(x.sale),
          h("span.strip-main", {}, `${x.sale.companyName} · ${x.sale.customerId}`),
          h("strong.strip-amount", {}, x.sale.amount.display),
          h("span.strip-time", {}, tr.waited(tr.seconds(w.waited))),
          countdown ? h("span.strip-countdown", {}, countdown) : null,
        );
      }),
    ),
    h("p.strip-hint", {}, tr.meanwhile),
  );
}

export function renderStatus(): void {
  const tr = t();
  const st = S.status;
  const rows = [...S.inflight.values()];
  const oldest = rows.reduce((m, x) => Math.max(m, waitingText(x).waited), 0);
  // The app's word on each link when it gives one; otherwise what the last calls showed.
  const links = st
    ? st.links.map((l) =>
        h(
          "span.status-item",
          { class: `status-item link-${l.state}`, id: `link-${l.gateway}` },
          h("span.dot", { "aria-hidden": "true" }),
          `${l.name}: ${l.label}`,
        ),
      )
    : [
        h(
          "span.status-item",
          { class: `status-item hub-${S.hub}`, id: "hub-state" },
          h("span.dot", { "aria-hidden": "true" }),
          S.hub === "ok" ? tr.hubOk : S.hub === "down" ? tr.hubDown : tr.hubUnknown,
        ),
      ];
  const queue =
    st && st.queueDepth > 0
      ? tr.queueOldest(st.queueDepth, tr.seconds(st.oldestQueuedSecs ?? 0))
      : rows.length
        ? tr.inflightOldest(rows.length, tr.seconds(oldest))
        : tr.inflightZero;
  replace(
    el.status,
    ...links,
    h("span.status-item#queue", {}, queue),
    st && st.attention > 0 ? h("span.status-item.status-warning#attention", {}, tr.attention(st.attention)) : null,
    st && st.provisionalPending > 0
      ? h("span.status-item#provisional", {}, tr.provisional(st.provisionalPending, st.contingency.heldOffline.display))
      : null,
    st?.warning ? h("span.status-item.status-warning#status-warning", { role: "alert" }, `⚠ ${st.warning}`) : null,
    h("span.status-spacer"),
    h("span.status-item", {}, `${tr.counter}: `, h("strong", {}, S.info.counter)),
    h("span.status-item", {}, `${tr.cashier}: `, h("strong", {}, S.info.cashier)),
    h("span.status-item.muted", {}, `v${S.info.version}`),
  );
}

export function renderOverlay(): void {
  const tr = t();
  if (S.overlay === "help") {
    replace(
      el.overlay,
      h(
        "div.overlay",
        { role: "dialog", "aria-modal": "true", "aria-label": tr.helpTitle, onclick: (e: Event) => { if (e.target === e.currentTarget) closeOverlay(); } },
        h(
          "div.dialog.help#help",
          {},
          h("h2", {}, tr.helpTitle),
          h("table.keys-table", {}, h("tbody", {}, ...tr.keys.map(([k, d]) => h("tr", {}, h("td", {}, h("kbd", {}, k)), h("td", {}, d))))),
          h("div.actions", {}, h("button.btn.primary#help-close", { type: "button", onclick: () => closeOverlay() }, tr.helpClose)),
        ),
      ),
    );
    return;
  }
  if (S.overlay === "history" && S.history) {
    const hs = S.history;
    const sel = hs.rows[hs.index];
    replace(
      el.overlay,
      h(
        "div.overlay",
        { role: "dialog", "aria-modal": "true", "aria-label": tr.historyTitle },
        h(
          "div.dialog.history#history",
          {},
          h("h2", {}, tr.historyTitle, h("kbd.title-key", {}, "F8")),
          h("p.hint", {}, tr.historyHint),
          hs.error ? h("div.alert", { role: "alert" }, h("strong", {}, "⚠ "), hs.error) : null,
          h(
            "div.history-body",
            {},
            hs.rows.length === 0
              ? h("p.hint", {}, tr.historyEmpty)
              : h(
                  "div.list.history-list#history-list",
                  { role: "listbox" },
                  ...hs.rows.map((r, i) =>
                    h(
                      "button.list-item.history-row",
                      {
                        id: `hist-${i}`,
                        type: "button",
                        role: "option",
                        class: `list-item history-row${i === hs.index ? " selected" : ""}`,
                        "aria-selected": i === hs.index ? "true" : "false",
                        "data-sale": String(r.id),
                        onclick: () => {
                          hs.index = i;
                          void showHistoryReceipt(false);
                        },
                      },
                      h("span.hist-time", {}, localTime(r.createdAt)),
                      h("span.item-main", {}, r.companyName, h("span.item-sub", {}, ` · ${r.customerId}`)),
                      h("span.item-amount", {}, r.amount.display),
                      statePill(r),
                    ),
                  ),
                ),
            h(
              "div.history-detail",
              {},
              hs.receipt
                ? [
                    h("h3", {}, tr.receiptTitle, hs.receipt.copy ? " (COPIA)" : ""),
                    h("pre.receipt-text#history-receipt", {}, hs.receipt.text),
                    h("p.path", {}, `${tr.receiptPath}: `, h("code", {}, hs.receipt.path)),
                    hs.note ? h("p.path#history-note", {}, hs.note) : null,
                  ]
                : sel
                  ? [
                      h("h3", {}, sel.companyName),
                      h("p", {}, statePill(sel)),
                      ...(sel.state === "rejected" ? reasonNodes(sel.reason) : []),
                      h("p.hint", {}, sel.receiptReady ? tr.showReceipt + " (Enter)" : tr.noReceipt),
                    ]
                  : null,
              sel
                ? h(
                    "div.actions",
                    {},
                    h("button.btn#history-show", { type: "button", tabindex: "-1", disabled: !sel.receiptReady, onclick: () => void showHistoryReceipt(false) }, tr.showReceipt, h("kbd", {}, "Enter")),
                    h("button.btn#history-reprint", { type: "button", tabindex: "-1", disabled: !sel.receiptReady, onclick: () => void showHistoryReceipt(true) }, tr.reprint, h("kbd", {}, "C")),
                  )
                : null,
            ),
          ),
        ),
      ),
    );
    return;
  }
  el.overlay.replaceChildren();
}

export function tick(): void {
  if (S.view === "sale" && S.current && !S.current.sale.isFinal) {
    const line = document.getElementById("countdown");
    if (line) renderNext();
  }
  renderInflight();
  renderStatus();
}

export function toast(sale: SaleView): void {
  const text = `${sale.companyName} ${sale.amount.display}: ${sale.stateLabel}${sale.reason ? ` — ${rejectionText(sale.reason, S.info.locale).plain}` : ""}`;
  const node = h("div.toast", { class: `toast state-${sale.state}`, role: "status" }, statePill(sale), h("span", {}, text));
  el.toasts.append(node);
  window.setTimeout(() => node.remove(), 12000);
}
