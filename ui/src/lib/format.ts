// Small text helpers for what the app returned. None of them computes money: amounts are shown
// as `MoneyView.display` says, and typed amounts are sent as typed.

import type { Locale, MoneyView } from "../generated/ipc";

/** An amount as the app formatted it, kept on one line inside a sentence. */
export function nb(money: string): string {
  return money.replace(/ /g, "\u00a0");
}

/** The app's words with each amount and masked card number kept on one line: the space after a
 * currency symbol or a mask (`$ 27.870,00`, `•••• 1111`) does not break. */
export function keepFigures(text: string): string {
  return text.replace(/([^\p{L}\d\s]) (?=\d)/gu, "$1\u00a0");
}

/** A duration in whole seconds, minutes or hours, with the locale's unit words. */
export function formatDuration(s: number, sec: string, min: string, hour: string): string {
  const n = Math.max(0, Math.floor(s));
  if (n < 60) return `${n} ${sec}`;
  if (n < 3600) return `${Math.floor(n / 60)} ${min} ${n % 60} ${sec}`;
  return `${Math.floor(n / 3600)} ${hour} ${Math.floor((n % 3600) / 60)} ${min}`;
}

/** The hour and minute of an ISO time, as the counter's locale writes them. */
export function localTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString(locale === "en" ? "en-GB" : "es-AR", { hour: "2-digit", minute: "2-digit" });
}

/**
 * An amount to put in an editable field: the app's own display text (`$ 2.748,00`) without its
 * currency symbol (`2.748,00`), so the field reads like every other amount on the screen and
 * the app parses it back in the locale's number style.
 */
export function editableAmount(m: MoneyView): string {
  return m.display.replace(/^[^\d]+/, "").replace(/[^\d]+$/, "");
}
