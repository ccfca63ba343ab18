// F2, a bill by customer data: the company (filtered as typed), how to search its bills, and
// the values the company asks for.

import { commands, type BillModeView, type CompanyView } from "../generated/ipc";
import { focusSoon } from "../lib/focus";
import { clamp, screen } from "../lib/state.svelte";
import { failed } from "../status/link";
import { isLatestLookup, nextLookup, showBills } from "./lookup";
import { focusPrimary } from "./nav";

let searchTimer: number | undefined;

export function openSearch(): void {
  screen.overlay = null;
  screen.search ??= { filter: "", companies: null, index: 0, company: null, mode: null, values: {} };
  screen.view = "search";
  screen.error = null;
  focusPrimary();
  if (!screen.search.companies) void loadCompanies();
}

/** The company filter as typed: the list follows once the cashier pauses. */
export function setFilter(value: string): void {
  if (!screen.search) return;
  screen.search.filter = value;
  scheduleCompanies();
}

/** A value the company asks for, as typed. */
export function setParam(id: string, value: string): void {
  if (screen.search) screen.search.values[id] = value;
}

/** The company filter changed: ask again once the cashier pauses. */
export function scheduleCompanies(): void {
  window.clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => void loadCompanies(), 200);
}

export async function loadCompanies(): Promise<void> {
  const s = screen.search;
  if (!s) return;
  const filter = s.filter;
  try {
    const list = await commands.companies(filter);
    if (screen.search !== s || s.filter !== filter) return;
    s.companies = list;
    s.index = 0;
    screen.hub = "ok";
    screen.error = null;
  } catch (e) {
    failed(e);
  }
}

/** ↑ ↓ while the filter has the focus: the highlighted company moves (Enter picks it). */
export function moveSearchCompany(d: number): boolean {
  const s = screen.search;
  if (!s?.companies || s.company) return false;
  s.index = clamp(s.index + d, 0, Math.max(0, s.companies.length - 1));
  void focusSoon("search-filter").then(() => {
    document.getElementById(`company-${s.index}`)?.scrollIntoView?.({ block: "nearest" });
  });
  return true;
}

/** ↑ ↓ between the ways to search the chosen company's bills. */
export function moveSearchMode(d: number): boolean {
  const modes = screen.search?.company?.billModes;
  if (!modes || screen.search?.mode) return false;
  const i = modes.findIndex((m) => document.activeElement?.id === `mode-${m.id}`);
  const next = modes[clamp(i + d, 0, modes.length - 1)];
  if (next) void focusSoon(`mode-${next.id}`);
  return true;
}

export function pickSearchCompany(c: CompanyView): void {
  const s = screen.search;
  if (!s) return;
  s.company = c;
  s.mode = c.billModes.length === 1 ? (c.billModes[0] ?? null) : null;
  s.values = {};
  screen.error = null;
  focusPrimary();
}

/** Enter on the company list: the highlighted company. */
export function pickHighlightedCompany(): void {
  const c = screen.search?.companies?.[screen.search.index];
  if (c) pickSearchCompany(c);
}

export function pickMode(m: BillModeView): void {
  const s = screen.search;
  if (!s) return;
  s.mode = m;
  s.values = {};
  focusPrimary();
}

export async function submitSearch(): Promise<void> {
  const s = screen.search;
  if (!s?.company || !s.mode) return;
  const values = s.mode.parameters.map((p) => ({ id: p.id, value: s.values[p.id] ?? "" }));
  const seq = nextLookup();
  screen.error = null;
  try {
    const bills = await commands.findByCustomerData(s.company.code, s.mode.id, values);
    if (!isLatestLookup(seq)) return;
    screen.hub = "ok";
    await showBills(bills);
  } catch (e) {
    if (!isLatestLookup(seq)) return;
    failed(e);
  }
}

/** Esc in the search: one step back (mode, company), then out of the search. */
export function searchBack(): void {
  const s = screen.search;
  if (s?.mode && (s.company?.billModes.length ?? 0) > 1) s.mode = null;
  else if (s?.company) {
    s.company = null;
    s.mode = null;
  } else {
    screen.view = screen.ticket.items.length ? "tender" : "scan";
  }
  screen.error = null;
  focusPrimary();
}
