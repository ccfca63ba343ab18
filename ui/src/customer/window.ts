// The customer's window (a second screen facing the customer), opened and closed from the
// cashier's window (F11). It never takes the keyboard focus: the scanner's keystrokes keep
// landing in the cashier's window. Where it was and how big, and whether it was open, are
// remembered in the page's storage (shared by both windows), so it comes back where the
// counter put it, also after a restart.

import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { WebviewWindow } from "@tauri-apps/api/webviewWindow";
import { availableMonitors, currentMonitor, getCurrentWindow, type Monitor } from "@tauri-apps/api/window";
import { t } from "../lib/i18n";
import { CUSTOMER, inShell, MAIN } from "./link";

const GEOMETRY_KEY = "ventanilla.customer.geometry";
const OPEN_KEY = "ventanilla.customer.open";

/** Where the window was and how big, in logical pixels (outer position, inner size). */
export interface Geometry {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

/** A first window of this size, before the counter has placed one (and no screen is known). */
const FIRST: Geometry = { width: 900, height: 640 };

/** Where the window goes the first time, before the counter has placed it: filling a second
 * screen when there is one (a customer display); otherwise at the right of the cashier's
 * screen, clear of its middle. */
async function firstPlace(): Promise<Geometry & { maximized?: boolean }> {
  try {
    const [all, here] = await Promise.all([availableMonitors(), currentMonitor()]);
    const same = (a: Monitor, b: Monitor | null) => b !== null && a.position.x === b.position.x && a.position.y === b.position.y;
    const area = (m: Monitor) => {
      const s = m.scaleFactor || 1;
      return { x: m.workArea.position.x / s, y: m.workArea.position.y / s, w: m.workArea.size.width / s, h: m.workArea.size.height / s };
    };
    const other = all.find((m) => !same(m, here));
    if (other) {
      const a = area(other);
      return { x: Math.round(a.x), y: Math.round(a.y), width: Math.round(a.w), height: Math.round(a.h), maximized: true };
    }
    if (here) {
      const a = area(here);
      const width = Math.round(Math.min(900, a.w * 0.45));
      const height = Math.round(Math.min(a.h, a.h * 0.85));
      return { x: Math.round(a.x + a.w - width), y: Math.round(a.y), width, height };
    }
  } catch (e) {
    console.warn("the screens are not known; the customer's window opens at its default place", e);
  }
  return FIRST;
}

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch (e) {
    console.warn("could not remember the customer's window", e);
  }
}

export function savedGeometry(): Geometry | null {
  return read<Geometry>(GEOMETRY_KEY);
}

/** The customer's window was open when the counter last left it. */
export function wasOpen(): boolean {
  return read<boolean>(OPEN_KEY) === true;
}

function markOpen(open: boolean): void {
  write(OPEN_KEY, open);
}

const finite = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);

/** The customer's window, if it is open. */
async function existing(): Promise<WebviewWindow | null> {
  return WebviewWindow.getByLabel(CUSTOMER);
}

/** Opens the customer's window where it was last (without taking the focus). */
export async function openCustomer(): Promise<void> {
  if (!inShell() || (await existing())) return;
  const saved = savedGeometry();
  const g = saved ?? (await firstPlace());
  const placed = finite(g.x) && finite(g.y);
  const w = new WebviewWindow(CUSTOMER, {
    url: "index.html#customer",
    title: t().customerWindowTitle,
    width: finite(g.width) ? g.width : FIRST.width,
    height: finite(g.height) ? g.height : FIRST.height,
    ...(placed ? { x: g.x, y: g.y } : {}),
    ...(saved === null && "maximized" in g && g.maximized ? { maximized: true } : {}),
    minWidth: 480,
    minHeight: 360,
    focus: false,
    focusable: false,
  });
  await new Promise<void>((resolve, reject) => {
    void w.once("tauri://created", () => resolve());
    void w.once("tauri://error", (e) => reject(new Error(String(e.payload))));
  });
  markOpen(true);
}

/** Closes the customer's window; it stays closed at the next start. */
export async function closeCustomer(): Promise<void> {
  markOpen(false);
  const w = inShell() ? await existing() : null;
  await w?.destroy();
}

/** F11: the customer's window opens, or closes when it is open. */
export async function toggleCustomer(): Promise<void> {
  if (!inShell()) return;
  try {
    if (await existing()) await closeCustomer();
    else await openCustomer();
  } catch (e) {
    console.warn("the customer's window could not be opened or closed", e);
  }
}

/** In the cashier's window at start: the customer's window comes back if it was open, and is
 * remembered as closed when someone closes it by hand. */
export async function restoreCustomer(): Promise<UnlistenFn | null> {
  if (!inShell()) return null;
  const stop = await listen("tauri://destroyed", () => markOpen(false), { target: { kind: "Window", label: CUSTOMER } });
  if (wasOpen()) void openCustomer().catch((e: unknown) => console.warn("the customer's window did not come back", e));
  return stop;
}

/** In the customer's window: remembers where it is moved and how big it is made, and closes
 * with the cashier's window. */
export async function keepPlace(): Promise<UnlistenFn[]> {
  if (!inShell()) return [];
  const me = getCurrentWindow();
  const scale = (): number => window.devicePixelRatio || 1;
  const update = (part: Geometry): void => write(GEOMETRY_KEY, { ...(savedGeometry() ?? {}), ...part });
  return [
    await me.onMoved(({ payload }) => update({ x: Math.round(payload.x / scale()), y: Math.round(payload.y / scale()) })),
    await me.onResized(({ payload }) => {
      if (payload.width > 0 && payload.height > 0) update({ width: Math.round(payload.width / scale()), height: Math.round(payload.height / scale()) });
    }),
    await listen("tauri://destroyed", () => void me.destroy(), { target: { kind: "Window", label: MAIN } }),
  ];
}
