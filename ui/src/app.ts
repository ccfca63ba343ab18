// The cashier's one main screen: ticket on the left, the next step on the right, payments in
// progress below, status bar at the bottom; help and history as overlays. The screen renders
// what the app returns and sends what the cashier did; it never computes money or state.

import type { AppInfo } from "./bindings";
import { onSaleChanged, onStatusChanged } from "./api";
import { h } from "./dom";
import { t } from "./i18n";
import { installKeyboard } from "./keyboard";
import { S, initState, el } from "./state";
import { onKey, onStrayText } from "./keys";
import { goTicket, onScan, openHistory, openSearch, probeHub, refreshInflight, saleChanged, toggleHelp } from "./actions";
import { renderAll, renderStatus, tick } from "./chrome";
import { focusPrimary } from "./focus";

export async function start(root: HTMLElement, info: AppInfo): Promise<void> {
  initState(info);
  el.ticket = h("section.ticket", { "aria-label": t().ticketTitle });
  el.next = h("section.next", { "aria-label": t().nextTitle });
  el.inflight = h("section.inflight", { "aria-label": t().inflightTitle, "aria-live": "polite" });
  el.status = h("footer.statusbar");
  el.overlay = h("div.overlay-host");
  el.toasts = h("div.toasts", { "aria-live": "assertive" });
  const banner = info.sandbox ? h("div.sandbox-banner#sandbox-banner", { role: "note" }, t().sandboxBanner) : null;
  root.replaceChildren(
    ...[
    h(
      "header.topbar",
      {},
      h("img.logo", { src: "/icon.png", alt: "" }),
      h("span.brand", {}, t().appName),
      h(
        "nav.keys",
        { "aria-label": t().helpTitle },
        keyChip("F1", t().help, () => toggleHelp()),
        keyChip("F2", t().searchByData, () => openSearch()),
        keyChip("F4", t().ticketTitle, () => goTicket(false)),
        keyChip("F5", t().cashTitle, () => goTicket(true)),
        keyChip("F8", t().historyTitle, () => void openHistory()),
      ),
    ),
    h("main.main", {}, el.ticket, el.next),
    el.inflight,
    banner,
    el.status,
    el.overlay,
    el.toasts,
    ].filter((n): n is HTMLElement => n !== null),
  );
  root.removeAttribute("aria-busy");

  window.addEventListener("keydown", onKey);
  installKeyboard(info.scanGapMs, { onScan, onStrayText });
  renderAll();
  focusPrimary();

  await onSaleChanged(saleChanged);
  await onStatusChanged((status) => {
    S.status = status;
    renderStatus();
  });
  void refreshInflight();
  void probeHub();
  window.setInterval(tick, 1000);
  window.setInterval(() => void refreshInflight(), 5000);
  window.setInterval(() => void probeHub(), 5000);
}

function keyChip(key: string, label: string, action: () => void): HTMLElement {
  return h(
    "button.keychip",
    { type: "button", tabindex: "-1", onclick: () => action() },
    h("kbd", {}, key),
    h("span", {}, label),
  );
}
