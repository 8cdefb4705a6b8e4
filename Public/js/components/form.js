// Labelled fields with inline errors, and the submit cycle every form shares.
import { h } from "./dom.js";
import { ApiError } from "../api/client.js";

let fieldCounter = 0;

export function field({ label, name, type = "text", autocomplete, hint, value = "", required = true, ...rest }) {
  const id = `field-${name}-${++fieldCounter}`;
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const input = h("input", {
    id, name, type, autocomplete, required, value,
    "aria-describedby": [hintId, errorId].filter(Boolean).join(" "),
    ...rest,
  });
  return h("div", { class: "field", dataset: { field: name } },
    h("label", { for: id }, label),
    input,
    hint ? h("p", { class: "field-hint", id: hintId }, hint) : null,
    h("p", { class: "field-error", id: errorId, hidden: true }),
  );
}

export function selectField({ label, name, options, value, hint }) {
  const id = `field-${name}-${++fieldCounter}`;
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const select = h("select", { id, name, "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") },
    options.map(([optionValue, optionLabel]) => h("option", { value: optionValue, selected: optionValue === value }, optionLabel)));
  return h("div", { class: "field", dataset: { field: name } },
    h("label", { for: id }, label),
    select,
    hint ? h("p", { class: "field-hint", id: hintId }, hint) : null,
    h("p", { class: "field-error", id: errorId, hidden: true }),
  );
}

export function setFieldError(form, name, message) {
  const wrapper = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  if (!wrapper) return false;
  const input = wrapper.querySelector("input, select");
  const error = wrapper.querySelector(".field-error");
  error.textContent = message ?? "";
  error.hidden = !message;
  input.toggleAttribute("aria-invalid", Boolean(message));
  return true;
}

export function clearErrors(form) {
  form.querySelectorAll("[data-field]").forEach((wrapper) => setFieldError(form, wrapper.dataset.field, null));
  const banner = form.querySelector(".form-error");
  if (banner) { banner.textContent = ""; banner.hidden = true; }
}

export function formBanner() {
  return h("p", { class: "form-error", role: "alert", hidden: true });
}

function showBanner(form, message) {
  const banner = form.querySelector(".form-error");
  if (banner) { banner.textContent = message; banner.hidden = false; }
}

/// Runs `action` on submit with the button busy; shows server field errors
/// beside their fields (mapped through `fieldNames` when names differ) and
/// anything else in the form's banner.
export function handleSubmit(form, action, { fieldNames = {} } = {}) {
  // An error goes away as soon as its field is edited.
  form.addEventListener("input", (event) => {
    const wrapper = event.target.closest?.("[data-field]");
    if (wrapper?.querySelector("[aria-invalid]")) setFieldError(form, wrapper.dataset.field, null);
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    const button = form.querySelector("button[type=submit]");
    button?.setAttribute("aria-busy", "true");
    if (button) button.disabled = true;
    try {
      await action(new FormData(form));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      let shown = false;
      for (const [name, message] of Object.entries(error.fields ?? {})) {
        shown = setFieldError(form, fieldNames[name] ?? name, message) || shown;
      }
      if (!shown) showBanner(form, error.message);
      form.querySelector("[aria-invalid]")?.focus();
    } finally {
      button?.removeAttribute("aria-busy");
      if (button) button.disabled = false;
    }
  });
}
