// Fills the window with the start-up error: the page's loading note goes, the app's message
// and what to do take its place.

import { mount } from "svelte";
import FatalScreen from "./FatalScreen.svelte";

export function showFatal(root: HTMLElement, message: string): void {
  root.removeAttribute("aria-busy");
  root.classList.add("fatal-root");
  root.replaceChildren();
  mount(FatalScreen, { target: root, props: { message } });
}
