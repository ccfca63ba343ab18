import "./styles/tokens.css";
import "./styles/controls.css";
import { start } from "./app/start";
import { showFatal } from "./fatal/show";
import { commands } from "./generated/ipc";
import { errorMessage } from "./lib/errors";
import { setLocale, t } from "./lib/i18n";

async function boot(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  try {
    const info = await commands.appInfo();
    setLocale(info.locale);
    await start(root, info);
  } catch (e) {
    // Ventanilla did not start (its commands all answer why): the window says so.
    showFatal(root, errorMessage(e, t().unexpected));
  }
}

void boot();
