// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // The organisation switcher submits on change; the button stays for keyboard and no-JS users.
  const select = document.getElementById("sv-org-switch");
  if (select) select.addEventListener("change", () => select.form.requestSubmit());
});
