// Around the panels: payments in progress, the status bar, the help and history overlays,
// the once-a-second tick and the toasts.

import type { SaleView } from "./bindings";
import { h, replace } from "./dom";
import { t } from "./i18n";
import { S, el, localTime } from "./state";
import { closeOverlay, showHistoryReceipt } from "./actions";
import { badgeNode, reasonNodes, renderNext, renderTicket, statePill, waitingText } from "./panels";
import { hubOffline, oldestQueued, reasonText } from "./offline";
import { supervisorNode } from "./supervisor";

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
        // Nothing is sent while the journal cannot record the answer: no countdown to run out.
        const countdown = S.status?.journalRefusing
          ? tr.waitingJournal
          : hubOffline(S.status)
            ? tr.waitingLink
            : x.sale.state === "sending"
              ? tr.countdownSending(Math.max(0, Math.ceil(Number(x.sale.answerTimeoutSecs) - w.waited)))
              : x.sale.state === "querying" && x.sale.nextCheckInSecs !== null
                ? tr.countdownQuerying(Math.max(0, Math.ceil(Number(x.sale.nextCheckInSecs) - (performance.now() - x.at) / 1000)))
                : "";
        return h(
          "li.strip-item",
          { "data-sale": String(x.sale.id), class: `strip-item${x.sale.provisional ? " provisional" : ""}` },
          statePill(x.sale),
          badgeNode(x.sale),
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
  // The app's word on each link when it gives one (colour and word); otherwise what the last
  // calls showed.
  const links = st
    ? st.links.map((l) =>
        h(
          "span.status-item",
          {
            class: `status-item link link-${l.state}`,
            id: `link-${l.gateway}`,
            "data-state": l.state,
            title: l.lastSuccessAt ? tr.lastAnswer(localTime(l.lastSuccessAt)) : null,
          },
          h("span.dot", { "aria-hidden": "true" }),
          `${l.name}: `,
          h("strong", {}, l.label),
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
  let queue: string;
  if (st) {
    const age = oldestQueued(st, (performance.now() - S.statusAt) / 1000);
    queue = age === null ? tr.queueZero : tr.queueOldest(st.queueDepth, tr.seconds(age));
  } else {
    queue = rows.length ? tr.inflightOldest(rows.length, tr.seconds(oldest)) : tr.inflightZero;
  }
  replace(
    el.status,
    ...links,
    h("span.status-item#queue", { "data-depth": st ? String(st.queueDepth) : null }, queue),
    st ? h("span.status-item#last-sync", {}, st.lastSyncAt ? tr.lastSync(localTime(st.lastSyncAt)) : tr.lastSyncNever) : null,
    st && st.provisionalPending > 0
      ? h(
          "span.status-item.status-provisional#provisional",
          {},
          h("span.badge.badge-provisional", {}, st.provisionalPending === 1 ? tr.badgeProvisional : tr.badgeProvisionals),
          tr.provisional(st.provisionalPending, st.contingency.heldOffline.display),
        )
      : null,
    st && st.attention > 0 ? h("span.status-item.status-warning#attention", {}, `⚠ ${tr.attention(st.attention)}`) : null,
    st?.warning
      ? h(
          "span.status-item.status-warning#status-warning",
          { role: "alert", "data-journal-refusing": st.journalRefusing ? "true" : null },
          `⚠ ${st.warning}`,
        )
      : null,
    h("span.status-spacer"),
    h(
      "span.status-item#who",
      { title: `${tr.counter}: ${S.info.counter} · ${tr.cashier}: ${S.info.cashier}` },
      h("strong", {}, S.info.counter),
      " · ",
      h("strong", {}, S.info.cashier),
    ),
    h("span.status-item.muted", {}, `v${S.info.version}`),
  );
}

export function renderOverlay(): void {
  const tr = t();
  if (S.overlay === "supervisor") {
    replace(el.overlay, supervisorNode());
    return;
  }
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
                      h("span.hist-state", {}, statePill(r), badgeNode(r)),
                    ),
                  ),
                ),
            h(
              "div.history-detail",
              {},
              hs.receipt
                ? [
                    h("h3", {}, sel && !sel.receiptReady && sel.provisional ? tr.provisionalReceipt : tr.receiptTitle, hs.receipt.copy ? " (COPIA)" : ""),
                    h("pre.receipt-text#history-receipt", {}, hs.receipt.text),
                    h("p.path", {}, `${tr.receiptPath}: `, h("code", {}, hs.receipt.path)),
                    hs.note ? h("p.path#history-note", {}, hs.note) : null,
                  ]
                : sel
                  ? [
                      h("h3", {}, sel.companyName),
                      h("p", {}, statePill(sel), badgeNode(sel)),
                      ...(sel.state === "rejected" ? reasonNodes(sel) : []),
                      h("p.hint", {}, hasReceipt(sel) ? tr.showReceipt + " (Enter)" : tr.noReceipt),
                    ]
                  : null,
              sel
                ? h(
                    "div.actions",
                    {},
                    h("button.btn#history-show", { type: "button", tabindex: "-1", disabled: !hasReceipt(sel), onclick: () => void showHistoryReceipt(false) }, tr.showReceipt, h("kbd", {}, "Enter")),
                    h("button.btn#history-reprint", { type: "button", tabindex: "-1", disabled: !hasReceipt(sel), onclick: () => void showHistoryReceipt(true) }, tr.reprint, h("kbd", {}, "C")),
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

/** The hub's receipt, or the provisional one of a sale taken offline and not settled yet. */
function hasReceipt(sale: SaleView): boolean {
  return sale.receiptReady || (sale.provisional && !sale.isFinal);
}

export function toast(sale: SaleView): void {
  const tr = t();
  const reason = sale.state === "rejected" ? reasonText(sale).plain : "";
  const lead = sale.provisional ? (sale.state === "approved" ? `${tr.toastConfirmed}: ` : sale.state === "rejected" ? `${tr.toastRejected}. ` : "") : "";
  const text = `${lead}${sale.companyName} ${sale.amount.display}: ${sale.stateLabel}${reason ? ` — ${reason}` : ""}`;
  const node = h(
    "div.toast",
    { class: `toast state-${sale.state}${sale.provisional ? " provisional" : ""}`, role: "status" },
    statePill(sale),
    badgeNode(sale),
    h("span", {}, text),
  );
  el.toasts.append(node);
  window.setTimeout(() => node.remove(), 12000);
}
