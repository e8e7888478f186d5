"use strict";
(function () {
  const form = document.getElementById("login-form");
  const error = document.getElementById("login-error");
  const submit = document.getElementById("login-submit");

  function nextPage() {
    const next = new URLSearchParams(location.search).get("next");
    return next && next.startsWith("/admin") ? next : "/admin/snapshots";
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    try {
      const response = await fetch("/api/login", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ password: document.getElementById("password").value }),
        credentials: "same-origin",
      });
      if (response.ok) {
        location.assign(nextPage());
        return;
      }
      const body = await response.json().catch(() => ({}));
      error.textContent = (body.error || "Login failed") + (body.hint ? " — " + body.hint : "");
      error.hidden = false;
      document.getElementById("password").select();
    } catch (e) {
      error.textContent = "Cannot reach Tidemark: " + e.message;
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
})();
