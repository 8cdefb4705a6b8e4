import { t } from "../i18n/i18n.js";
// Avatar upload with an instant local preview; the server decides the type from the bytes.
import { h } from "../components/dom.js";
import { toast } from "../components/toast.js";
import { ApiError } from "../api/client.js";
import * as meAPI from "../api/me.js";
import { user, setUser } from "../session.js";

const MAX_BYTES = 2 * 1024 * 1024;

export function avatarSection() {
  const me = user();
  const preview = h("img", { class: "avatar avatar-xl", src: me.avatarURL, alt: t("profileAvatar.yourAvatar"), width: 96, height: 96 });
  const error = h("p", { class: "field-error", id: "avatar-error", role: "alert", hidden: true });
  const input = h("input", { type: "file", id: "avatar-input", name: "avatar", class: "visually-hidden",
    accept: "image/png,image/jpeg,image/gif,image/webp", "aria-describedby": "avatar-hint avatar-error" });
  const remove = h("button", { type: "button", class: "button button-ghost", hidden: !me.hasCustomAvatar }, t("profileAvatar.removePicture"));

  const showError = (message) => { error.textContent = message ?? ""; error.hidden = !message; };
  const refresh = (updated) => {
    setUser(updated);
    preview.src = updated.avatarURL;
    remove.hidden = !updated.hasCustomAvatar;
  };

  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    input.value = "";
    showError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) return showError(t("profileAvatar.thisPictureIsOver2"));
    const localURL = URL.createObjectURL(file);
    const previous = preview.src;
    preview.src = localURL;
    try {
      refresh(await meAPI.uploadAvatar(file));
      toast(t("profileAvatar.newPictureSaved"), "success");
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      preview.src = previous;
      showError(failure.message);
    } finally {
      URL.revokeObjectURL(localURL);
    }
  });
  remove.addEventListener("click", async () => {
    refresh(await meAPI.removeAvatar());
    toast(t("profileAvatar.pictureRemoved"));
  });

  return h("section", { class: "card settings-card avatar-card", "aria-labelledby": "avatar-title" },
    h("h2", { id: "avatar-title" }, t("profileAvatar.profilePicture")),
    h("div", { class: "avatar-row" },
      preview,
      h("div", { class: "stack" },
        h("label", { for: "avatar-input", class: "button button-primary file-button" }, t("profileAvatar.uploadAPicture")),
        input,
        remove,
      ),
    ),
    h("p", { class: "field-hint", id: "avatar-hint" }, t("profileAvatar.pngJpegGifOrWebp")),
    error,
  );
}
