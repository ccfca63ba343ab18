// The cashier's one main screen: ticket on the left, the next step on the right, payments in
// progress below, status bar at the bottom; help and history as overlays. The screen renders
// what the app returns and sends what the cashier did; it never computes money or state.

import type { AppInfo } from "./bindings";
import { onSaleChanged, onStatusChanged } from "./api";
import { h } from "./dom";
import { t } from "./i18n";
import { installKeyboard } from "./keyboard";
import { initState, el } from "./state";
import { onKey, onStrayText } from "./keys";
import { goTicket, onScan, openHistory, openSearch, probeHub, refreshInflight, saleChanged, statusChanged, toggleHelp } from "./actions";
import { renderAll, tick } from "./chrome";
import { toggleSupervisor } from "./supervisor";
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
        keyChip("F1", t().chips.help, () => toggleHelp()),
        keyChip("F2", t().chips.search, () => openSearch()),
        keyChip("F4", t().chips.ticket, () => goTicket(false)),
        keyChip("F5", t().chips.cash, () => goTicket(true)),
        keyChip("F8", t().chips.history, () => void openHistory()),
        keyChip("F9", t().chips.supervisor, () => toggleSupervisor()),
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
  await onStatusChanged(statusChanged);
  void refreshInflight();
  void probeHub();
  window.setInterval(tick, 1000);
  window.setInterval(() => void refreshInflight(), 5000);
  // The event tells every change at once; this catches anything missed (and ages the queue).
  window.setInterval(() => void probeHub(), 2000);
}

function keyChip(key: string, label: string, action: () => void): HTMLElement {
  return h(
    "button.keychip",
    { type: "button", tabindex: "-1", onclick: () => action() },
    h("kbd", {}, key),
    h("span", {}, label),
  );
}
