// F9, the supervisor's panel: contingency settings (offline payments on provisional receipts,
// their caps and window) and the operations that wait for a person, with "Reintentar" and
// "Resolver" (a note is required). Keyboard first: Tab between fields and buttons, Enter in a
// field saves, arrows move between operations, Esc closes (or cancels a resolution).

import type { AttentionView, ContingencyView, StatusView } from "./bindings";
import { api, errorMessage } from "./api";
import { h } from "./dom";
import { t } from "./i18n";
import { S, clamp, localTime, type SupervisorState } from "./state";
import { closeOverlay, probeHub, statusChanged } from "./actions";
import { renderOverlay } from "./chrome";
import { focusId } from "./focus";
import { capText, parseHours } from "./offline";
import { badgeNode, statePill } from "./panels";

function fromView(sv: SupervisorState, c: ContingencyView): void {
  sv.enabled = c.enabled;
  sv.perCap = capText(c.perPaymentCap.amount);
  sv.totalCap = capText(c.totalCap.amount);
  sv.hours = String(c.windowHours);
}

export function openSupervisor(): void {
  const sv: SupervisorState = {
    enabled: false,
    perCap: "",
    totalCap: "",
    hours: "",
    dirty: false,
    saving: false,
    error: null,
    saved: null,
    items: null,
    listError: null,
    index: 0,
    resolving: null,
    note: "",
    resolveError: null,
    listNote: null,
  };
  if (S.status) fromView(sv, S.status.contingency);
  S.supervisor = sv;
  S.overlay = "supervisor";
  renderOverlay();
  focusId("cont-enabled");
  void api
    .status()
    .then((st) => {
      if (S.supervisor === sv && !sv.dirty) fromView(sv, st.contingency);
      statusChanged(st);
      if (S.overlay === "supervisor") renderOverlay();
    })
    .catch((e: unknown) => {
      sv.error = errorMessage(e, t().unexpected);
      if (S.overlay === "supervisor") renderOverlay();
    });
  void loadAttention();
}

export function toggleSupervisor(): void {
  if (S.overlay === "supervisor") closeOverlay();
  else openSupervisor();
}

async function loadAttention(): Promise<void> {
  const sv = S.supervisor;
  if (!sv) return;
  try {
    sv.items = await api.needsAttention();
    sv.index = clamp(sv.index, 0, Math.max(0, sv.items.length - 1));
    sv.listError = null;
    if (sv.resolving !== null && !sv.items.some((a) => Number(a.outboxId) === sv.resolving)) sv.resolving = null;
  } catch (e) {
    sv.listError = errorMessage(e, t().unexpected);
  }
  if (S.overlay === "supervisor" && S.supervisor === sv) renderOverlay();
}

function edited(sv: SupervisorState): void {
  const was = sv.dirty;
  sv.dirty = true;
  sv.saved = null;
  if (!was) renderOverlay();
}

function toggleEnabled(): void {
  const sv = S.supervisor;
  if (!sv) return;
  sv.enabled = !sv.enabled;
  sv.dirty = true;
  sv.saved = null;
  renderOverlay();
  focusId("cont-enabled");
}

export async function saveContingency(): Promise<void> {
  const sv = S.supervisor;
  if (!sv || sv.saving) return;
  const tr = t();
  const hours = parseHours(sv.hours);
  if (hours === null) {
    sv.error = tr.contHoursInvalid;
    renderOverlay();
    focusId("cont-hours", true);
    return;
  }
  sv.saving = true;
  sv.error = null;
  renderOverlay();
  try {
    const view = await api.setContingency(sv.enabled, sv.perCap, sv.totalCap, hours);
    fromView(sv, view);
    sv.dirty = false;
    sv.saved = tr.contSaved(view.enabled, view.perPaymentCap.display, view.totalCap.display, view.windowHours);
    if (S.status) statusChanged({ ...S.status, contingency: view });
  } catch (e) {
    sv.error = errorMessage(e, tr.unexpected);
  } finally {
    sv.saving = false;
  }
  if (S.overlay === "supervisor") renderOverlay();
  void probeHub();
}

async function retry(a: AttentionView): Promise<void> {
  const sv = S.supervisor;
  if (!sv) return;
  try {
    await api.retryAttention(a.outboxId);
    sv.listNote = { text: `${a.sale.companyName} ${a.sale.amount.display}: ${t().attRetried}`, bad: false };
  } catch (e) {
    sv.listNote = { text: errorMessage(e, t().unexpected), bad: true };
  }
  await loadAttention();
  focusAfterList();
  void probeHub();
}

function startResolve(a: AttentionView): void {
  const sv = S.supervisor;
  if (!sv) return;
  sv.resolving = Number(a.outboxId);
  sv.note = "";
  sv.resolveError = null;
  renderOverlay();
  focusId("att-note");
}

async function confirmResolve(): Promise<void> {
  const sv = S.supervisor;
  if (!sv || sv.resolving === null) return;
  const id = sv.resolving;
  const item = sv.items?.find((a) => Number(a.outboxId) === id);
  try {
    await api.resolveAttention(id, sv.note);
    sv.resolving = null;
    sv.resolveError = null;
    sv.listNote = { text: `${item ? `${item.sale.companyName} ${item.sale.amount.display}: ` : ""}${t().attResolved}`, bad: false };
    await loadAttention();
    focusAfterList();
    void probeHub();
  } catch (e) {
    sv.resolveError = errorMessage(e, t().unexpected);
    renderOverlay();
    focusId("att-note", true);
  }
}

function cancelResolve(): void {
  const sv = S.supervisor;
  if (!sv) return;
  sv.resolving = null;
  sv.resolveError = null;
  renderOverlay();
  focusId(`att-resolve-${sv.index}`);
}

function focusAfterList(): void {
  const sv = S.supervisor;
  if (!sv) return;
  if (sv.items && sv.items.length > 0) focusId(`att-retry-${sv.index}`);
  else focusId("cont-enabled");
}

/** Enter in the panel: a settings field saves, the note resolves. True when handled. */
export function supervisorEnter(field: HTMLElement | null): boolean {
  if (!field) return true;
  if (field.id === "att-note") {
    void confirmResolve();
    return true;
  }
  if (field.id.startsWith("cont-")) {
    void saveContingency();
    return true;
  }
  return true;
}

/** Esc in the panel: cancels a resolution being typed. False when the panel should close. */
export function supervisorBack(): boolean {
  if (S.supervisor?.resolving !== null && S.supervisor?.resolving !== undefined) {
    cancelResolve();
    return true;
  }
  return false;
}

/** ↑ ↓ between the operations. */
export function supervisorMove(d: number): boolean {
  const sv = S.supervisor;
  const n = sv?.items?.length ?? 0;
  if (!sv || n === 0 || sv.resolving !== null) return false;
  const inList = Boolean(document.activeElement?.closest("#att-list"));
  sv.index = inList ? clamp(sv.index + d, 0, n - 1) : sv.index;
  renderOverlay();
  focusId(`att-retry-${sv.index}`);
  return true;
}

/** The app's status changed while the panel may be open: keep the list and the figures fresh. */
export function supervisorHeard(before: StatusView | null, st: StatusView): void {
  const sv = S.supervisor;
  if (S.overlay !== "supervisor" || !sv) return;
  if (before?.attention !== st.attention) {
    void loadAttention();
    return;
  }
  const c0 = before?.contingency;
  const c1 = st.contingency;
  if (c0?.heldOffline.display !== c1.heldOffline.display || c0?.available !== c1.available) renderOverlay();
}

export function supervisorNode(): HTMLElement | null {
  const sv = S.supervisor;
  if (!sv) return null;
  const tr = t();
  return h(
    "div.overlay",
    {
      role: "dialog",
      "aria-modal": "true",
      "aria-label": tr.supervisor,
      onclick: (e: Event) => {
        if (e.target === e.currentTarget) closeOverlay();
      },
    },
    h(
      "div.dialog.supervisor#supervisor",
      {},
      h("h2", {}, tr.supervisor, h("kbd.title-key", {}, "F9")),
      h("p.hint", {}, tr.supervisorHint),
      h("div.supervisor-body", {}, settingsNode(sv), attentionNode(sv)),
    ),
  );
}

function settingsNode(sv: SupervisorState): HTMLElement {
  const tr = t();
  const c = S.status?.contingency ?? null;
  const field = (id: string, label: string, value: string, set: (v: string) => void, mode: string, hint?: string) =>
    h(
      "label.field.sup-field",
      {},
      h("span.field-label", {}, label),
      h("input.big-input.sup-input", {
        id,
        type: "text",
        inputmode: mode,
        autocomplete: "off",
        maxlength: "16",
        value,
        "aria-describedby": hint ? `${id}-hint` : null,
        oninput: (e: Event) => {
          set((e.target as HTMLInputElement).value);
          edited(sv);
        },
      }),
      hint ? h("span.field-hint", { id: `${id}-hint` }, hint) : null,
    );
  return h(
    "section.sup-section.sup-settings",
    { "aria-labelledby": "cont-title" },
    h("h3#cont-title", {}, tr.contTitle),
    h("p.hint", {}, tr.contExplain),
    h(
      "button.switch#cont-enabled",
      {
        type: "button",
        role: "switch",
        "aria-checked": sv.enabled ? "true" : "false",
        class: `switch ${sv.enabled ? "on" : "off"}`,
        onclick: () => toggleEnabled(),
      },
      h("span.switch-track", { "aria-hidden": "true" }, h("span.switch-knob")),
      h("span.switch-label", {}, sv.enabled ? tr.contOn : tr.contOff),
      h("span.switch-hint", {}, tr.contToggleHint),
    ),
    h(
      "div.sup-fields",
      {},
      field("cont-per", tr.contPerCap, sv.perCap, (v) => (sv.perCap = v), "decimal", tr.contPerCapHint),
      field("cont-total", tr.contTotalCap, sv.totalCap, (v) => (sv.totalCap = v), "decimal", tr.contTotalCapHint),
      field("cont-hours", tr.contHours, sv.hours, (v) => (sv.hours = v), "numeric", tr.contHoursHint),
    ),
    c ? h("p.sup-held#cont-held", {}, tr.contHeld, h("span.nowrap", {}, c.heldOffline.display)) : null,
    c ? h("p", { class: c.available ? "sup-now available" : "sup-now", id: "cont-now" }, c.available ? tr.contAvailable : tr.contIdle) : null,
    sv.error ? h("div.alert#cont-error", { role: "alert" }, h("strong", {}, "⚠ "), sv.error) : null,
    sv.saved && !sv.dirty ? h("p.saved-note#cont-saved", { role: "status" }, "✓ ", sv.saved) : null,
    h(
      "div.actions",
      {},
      h("button.btn.primary#cont-save", { type: "button", disabled: sv.saving, onclick: () => void saveContingency() }, tr.contSave, h("kbd", {}, "Enter")),
      sv.dirty ? h("span.unsaved#cont-unsaved", {}, tr.contUnsaved) : null,
    ),
  );
}

function attentionNode(sv: SupervisorState): HTMLElement {
  const tr = t();
  const items = sv.items;
  return h(
    "section.sup-section.sup-attention",
    { "aria-labelledby": "att-title" },
    h("h3#att-title", {}, tr.attTitle(items?.length ?? S.status?.attention ?? 0)),
    sv.listNote
      ? h(sv.listNote.bad ? "div.alert" : "p.saved-note", { id: "att-note-line", role: "status" }, sv.listNote.bad ? "⚠ " : "✓ ", sv.listNote.text)
      : null,
    sv.listError ? h("div.alert", { role: "alert" }, h("strong", {}, "⚠ "), sv.listError) : null,
    items === null
      ? h("p.hint", {}, tr.attLoading)
      : items.length === 0
        ? h("p.hint#att-empty", {}, tr.attEmpty)
        : h("ul.att-list#att-list", {}, ...items.map((a, i) => attentionItem(sv, a, i))),
  );
}

function attentionItem(sv: SupervisorState, a: AttentionView, i: number): HTMLElement {
  const tr = t();
  const s = a.sale;
  const id = Number(a.outboxId);
  const resolving = sv.resolving === id;
  const agoSecs = Math.max(0, (Date.now() - Date.parse(a.since)) / 1000);
  return h(
    "li.att-item",
    { id: `att-${i}`, "data-outbox": String(id), class: `att-item${i === sv.index ? " selected" : ""}` },
    h(
      "div.att-head",
      {},
      h("strong.att-company", {}, s.companyName),
      h("span.item-sub", {}, `${tr.customer} ${s.customerId}`),
      h("strong.att-amount", {}, s.amount.display),
    ),
    h("div.att-tags", {}, s.provisional ? badgeNode(s) : h("span.badge.badge-normal", {}, tr.attNormal), statePill(s)),
    h("p.att-reason", {}, a.reason),
    ...(a.hubReason ? [h("p.att-hub-reason", {}, a.hubReason)] : []),
    h("p.att-meta", {}, `${tr.attSince(localTime(a.since), tr.seconds(Number.isFinite(agoSecs) ? agoSecs : 0))} · ${tr.attAttempts(a.attempts)}`),
    a.lastError ? h("p.att-error", {}, `${tr.attLastError}: ${a.lastError}`) : null,
    resolving
      ? h(
          "div.att-resolve",
          {},
          h(
            "label.field",
            {},
            h("span.field-label", {}, tr.attNoteLabel),
            h("input.big-input#att-note", {
              type: "text",
              autocomplete: "off",
              maxlength: "500",
              required: true,
              placeholder: tr.attNotePlaceholder,
              value: sv.note,
              oninput: (e: Event) => {
                sv.note = (e.target as HTMLInputElement).value;
              },
            }),
          ),
          sv.resolveError ? h("div.alert#att-resolve-error", { role: "alert" }, h("strong", {}, "⚠ "), sv.resolveError) : null,
          h(
            "div.actions",
            {},
            h("button.btn.primary#att-confirm", { type: "button", onclick: () => void confirmResolve() }, tr.attConfirm, h("kbd", {}, "Enter")),
            h("button.btn#att-cancel", { type: "button", onclick: () => cancelResolve() }, tr.attCancel, h("kbd", {}, "Esc")),
          ),
        )
      : h(
          "div.actions",
          {},
          h(
            "button.btn",
            {
              id: `att-retry-${i}`,
              type: "button",
              onclick: () => void retry(a),
              onfocus: () => {
                sv.index = i;
              },
            },
            tr.attRetry,
          ),
          h(
            "button.btn",
            {
              id: `att-resolve-${i}`,
              type: "button",
              onclick: () => {
                sv.index = i;
                startResolve(a);
              },
              onfocus: () => {
                sv.index = i;
              },
            },
            tr.attResolve,
          ),
        ),
  );
}
