// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // The organisation switcher submits on change; the button stays for keyboard and no-JS users.
  const select = document.getElementById("sv-org-switch");
  if (select) select.addEventListener("change", () => select.form.requestSubmit());

  // Copy buttons (data-sv-copy="<id of the field>") are hidden without JavaScript; selecting the text still works.
  for (const button of document.querySelectorAll("[data-sv-copy]")) {
    const field = document.getElementById(button.dataset.svCopy);
    const status = button.parentElement.querySelector(".sv-copy-status");
    if (!field || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        if (status) status.textContent = button.dataset.svCopied || "";
      } catch {
        field.select();
      }
    });
  }

  // Forms that do something hard to undo ask once more (data-sv-confirm="question"); without JS they submit at once.
  for (const form of document.querySelectorAll("form[data-sv-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.svConfirm)) event.preventDefault();
    });
  }
});
