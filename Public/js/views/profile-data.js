import { t, locale } from "../i18n/i18n.js";
// "Your data" on My profile: everything the site keeps about you, as one JSON file.
import { h } from "../components/dom.js";
import { toast } from "../components/toast.js";
import * as meAPI from "../api/me.js";
import { user } from "../session.js";

export function dataSection() {
  const button = h("button", { type: "button", class: "button button-ghost" }, t("profileData.downloadMyData"));
  const status = h("p", { class: "muted", role: "status" });
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = t("profileData.preparingYourFile");
    try {
      const file = await meAPI.exportData();
      const link = h("a", { href: URL.createObjectURL(file), download: exportName() });
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has the file once the click is handled; the object URL can go then.
      setTimeout(() => URL.revokeObjectURL(link.href), 0);
      status.textContent = t("profileData.yourDataIsDownloaded", { value: formatSize(file.size) });
    } catch (error) {
      status.textContent = "";
      toast(error.message, "error");
    } finally {
      button.disabled = false;
    }
  });
  return h("section", { class: "card settings-card", "aria-labelledby": "data-title" },
    h("h2", { id: "data-title" }, t("profileData.yourData")),
    h("p", { class: "muted" },
      t("profileData.oneJsonFileWithYour")
      + t("profileData.everyMatchWithItsPoints")),
    button, status);
}

function exportName() {
  const day = new Date().toISOString().slice(0, 10);
  return `transcendence-${user()?.username ?? "me"}-${day}.json`;
}

function formatSize(bytes) {
  return new Intl.NumberFormat(locale, { style: "unit", unit: bytes >= 1e6 ? "megabyte" : "kilobyte", maximumFractionDigits: 1 })
    .format(bytes >= 1e6 ? bytes / 1e6 : Math.max(0.1, bytes / 1e3));
}
