// The whole window when Ventanilla could not start (a damaged journal, a bad configuration):
// what happened, in the app's own words, and what to do. Nothing else works meanwhile, so
// nothing else is shown.

import { h } from "./dom";
import { t } from "./i18n";

export function renderFatal(root: HTMLElement, message: string): void {
  const tr = t();
  root.removeAttribute("aria-busy");
  root.classList.add("fatal-root");
  root.replaceChildren(
    h(
      "div.fatal-screen#fatal",
      { role: "alert" },
      h("div.fatal-icon", { "aria-hidden": "true" }, "⚠"),
      h("h1.fatal-title", {}, tr.fatalTitle),
      h("p.fatal-message#fatal-message", {}, message),
      h("h2.fatal-what", {}, tr.fatalWhat),
      h("ol.fatal-steps", {}, ...tr.fatalSteps.map((step) => h("li", {}, step))),
    ),
  );
}
