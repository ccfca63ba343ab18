// The screen's words. Spanish by default; English when AppInfo.locale is "en". The locale is
// set once at start, before anything is shown, so the words need not be reactive.

import type { Locale } from "../../generated/ipc";
import { en } from "./en";
import { es, type Strings } from "./es";

export type { Strings };

let current: Strings = es;

export function setLocale(l: Locale): void {
  current = l === "en" ? en : es;
  document.documentElement.lang = l;
}

/** The strings of the current locale. */
export function t(): Strings {
  return current;
}
