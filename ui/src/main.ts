import "./styles/tokens.css";
import "./styles/controls.css";
import { start } from "./app/start";
import { isCustomerPage, showCustomerUnavailable, startCustomer } from "./customer/start";
import { showFatal } from "./fatal/show";
import { commands } from "./generated/ipc";
import { errorMessage } from "./lib/errors";
import { setLocale, t } from "./lib/i18n";

async function boot(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  // The same page is the cashier's screen and, in the second window, the customer's.
  const customer = isCustomerPage();
  try {
    const info = await commands.appInfo();
    setLocale(info.locale);
    if (customer) await startCustomer(root, info);
    else await start(root, info);
  } catch (e) {
    // Ventanilla did not start (its commands all answer why): the window says so; the
    // customer's window only that the counter is not serving.
    if (customer) showCustomerUnavailable(root);
    else showFatal(root, errorMessage(e, t().unexpected));
  }
}

void boot();
