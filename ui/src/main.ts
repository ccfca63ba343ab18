import "./styles.css";
import { api, errorMessage } from "./api";
import { start } from "./app";
import { renderFatal } from "./fatal";
import { setLocale, t } from "./i18n";

async function boot(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  try {
    const info = await api.appInfo();
    setLocale(info.locale);
    await start(root, info);
  } catch (e) {
    // Ventanilla did not start (its commands all answer why): the window says so.
    renderFatal(root, errorMessage(e, t().unexpected));
  }
}

void boot();
