import "./styles.css";
import { api, errorMessage } from "./api";
import { start } from "./app";
import { setLocale, t } from "./i18n";

async function boot(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  try {
    const info = await api.appInfo();
    setLocale(info.locale);
    await start(root, info);
  } catch (e) {
    root.textContent = errorMessage(e, t().unexpected);
    root.classList.add("fatal");
  }
}

void boot();
