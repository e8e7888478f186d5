"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const state = { csrf: null, status: null, snapshots: [], jobs: new Map(), rowErrors: new Map(), menu: null };

  // ---- HTTP ---------------------------------------------------------------------------------------------
  async function api(method, path, body) {
    const headers = { Accept: "application/json" };
    if (method !== "GET") {
      headers["X-CSRF-Token"] = state.csrf || "";
      headers["Content-Type"] = "application/json";
    }
    let response;
    try {
      response = await fetch(path, { method, headers, credentials: "same-origin",
        body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      return { ok: false, status: 0, body: { error: "Cannot reach Tidemark", hint: "check that the server is running" } };
    }
    if (response.status === 401 && path !== "/api/logout") {
      location.assign("/login?next=" + encodeURIComponent(location.pathname));
      return { ok: false, status: 401, body: {} };
    }
    const text = await response.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = { error: text }; }
    return { ok: response.ok, status: response.status, body: parsed };
  }

  function errorText(body) {
    if (!body) return "Something went wrong";
    return (body.error || "Something went wrong") + (body.hint ? " — " + body.hint : "");
  }

  function showError(element, body) {
    element.textContent = typeof body === "string" ? body : errorText(body);
    element.hidden = false;
  }

  // ---- formatting ---------------------------------------------------------------------------------------
  function bytes(n) {
    if (n === null || n === undefined) return "–";
    const units = ["B", "KB", "MB", "GB", "TB"];
    let value = n, unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return (unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)) + " " + units[unit];
  }
  function number(n) { return n === null || n === undefined ? "–" : n.toLocaleString(); }
  function count(n, word) { return number(n) + " " + word + (n === 1 ? "" : "s"); }
  function when(iso) {
    if (!iso) return "–";
    const date = new Date(iso);
    return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }
  function relative(iso) {
    if (!iso) return "";
    const seconds = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
    const abs = Math.abs(seconds);
    const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
    if (abs < 60) return format.format(seconds, "second");
    if (abs < 3600) return format.format(Math.round(seconds / 60), "minute");
    if (abs < 86400) return format.format(Math.round(seconds / 3600), "hour");
    return format.format(Math.round(seconds / 86400), "day");
  }
  function duration(ms) {
    const s = Math.floor(ms / 1000);
    return s < 60 ? s + " s" : Math.floor(s / 60) + " min " + (s % 60) + " s";
  }
  function redact(conn) { return conn.replace(/(\/\/[^:/@]+):[^@]*@/, "$1:***@").replace(/(password=)[^&]*/i, "$1***"); }
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined || v === false) return;
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v === true ? "" : v);
    });
    children.flat().forEach((c) => { if (c !== null && c !== undefined) node.append(c); });
    return node;
  }

  // ---- progress -----------------------------------------------------------------------------------------
  function progressBar(progress, label) {
    const bar = el("progress", { max: "100", "aria-label": label });
    if (progress && progress.percent !== null && progress.percent !== undefined) bar.value = progress.percent;
    return bar;
  }
  function progressText(p) {
    if (!p) return "";
    const parts = [p.phase];
    if (p.table) parts.push("table " + p.table);
    if (p.rowsDone) parts.push(number(p.rowsDone) + (p.rowsTotal ? " / " + number(p.rowsTotal) : "") + " rows");
    if (p.bytesDone) parts.push(bytes(p.bytesDone) + (p.bytesTotal ? " / " + bytes(p.bytesTotal) : ""));
    if (p.percent !== null && p.percent !== undefined) parts.push(p.percent.toFixed(0) + " %");
    parts.push(duration(p.elapsedMillis));
    return parts.join(" · ");
  }

  // ---- banners, overview --------------------------------------------------------------------------------
  function renderBanners(status) {
    const banners = $("banners");
    banners.replaceChildren();
    if (!status.snapshotsEnabled) {
      banners.append(el("div", { class: "banner banner-muted", id: "banner-disabled" },
        el("strong", { text: "Snapshots are disabled" }), " (SNAPSHOTS_ENABLED=0): nothing is created, restored or scheduled."));
    }
    if (status.mode === "read-only") {
      banners.append(el("div", { class: "banner banner-info", id: "banner-read-only", role: "status" },
        el("strong", { text: "Read-only: " }), "a snapshot of the main database is running; writes wait until it ends. ",
        progressBar(status.modeJob, "Snapshot progress"), el("span", { class: "small", text: " " + progressText(status.modeJob) })));
    } else if (status.mode === "maintenance") {
      banners.append(el("div", { class: "banner banner-warn", id: "banner-maintenance", role: "alert" },
        el("strong", { text: "Maintenance: " }), "the main database is being restored; the application is unavailable until it ends. ",
        progressBar(status.modeJob, "Restore progress"), el("span", { class: "small", text: " " + progressText(status.modeJob) })));
    }
  }

  function renderOverview(status) {
    $("storage").textContent = status.storage;
    $("database").textContent = status.database;
    $("encryption").textContent = status.encryption ? "New snapshots are encrypted (age)." : "New snapshots are not encrypted.";
    const list = $("schedules");
    list.replaceChildren();
    if (status.schedules.length === 0) {
      list.append(el("li", { class: "muted", text: "No schedules. Set SNAPSHOTS_MAIN_SCHEDULE to a cron expression, e.g. 0 3 * * *." }));
    }
    status.schedules.forEach((s) => {
      const label = s.source === "main" ? "Main database" : "Redis";
      const next = !s.active ? "not running (snapshots disabled)"
        : s.nextRun ? "next " + when(s.nextRun) + " (" + relative(s.nextRun) + ")" : "no further runs";
      const item = el("li", {}, el("strong", { text: label }), " ", el("code", { text: s.expression }),
        el("span", { class: "muted small", text: " " + s.timeZone }), el("div", { class: "small", text: next }));
      if (s.lastRun) {
        const outcome = s.lastRun.state === "failed" ? "failed: " + (s.lastRun.error || "") : s.lastRun.state;
        item.append(el("div", { class: "small " + (s.lastRun.state === "failed" ? "error-text" : "muted"),
          text: "last run " + when(s.lastRun.at) + " — " + outcome }));
      }
      list.append(item);
    });
    const disabled = !status.snapshotsEnabled || status.mode === "maintenance";
    $("create-snapshot").disabled = disabled;
    $("create-snapshot").title = !status.snapshotsEnabled ? "snapshots are disabled (SNAPSHOTS_ENABLED=0)" : "";
  }

  // ---- jobs ---------------------------------------------------------------------------------------------
  function track(job) { state.jobs.set(job.id, job); renderJobs(); }

  // Re-rendering only on change keeps keyboard focus and screen-reader position between polls.
  let renderedJobs = null;
  function renderJobs() {
    const jobs = [...state.jobs.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    const signature = JSON.stringify(jobs.map((j) => [j.id, j.state, j.progress]));
    if (signature === renderedJobs) return;
    renderedJobs = signature;
    const list = $("jobs");
    list.replaceChildren();
    $("jobs-section").hidden = jobs.length === 0;
    jobs.forEach((job) => {
      const title = job.description.charAt(0).toUpperCase() + job.description.slice(1);
      const item = el("li", { class: "job job-" + job.state, "data-job": job.id, "data-state": job.state, "data-operation": job.operation },
        el("div", { class: "job-head" }, el("strong", { text: title }), el("span", { class: "badge badge-" + job.state, text: job.state })));
      if (job.state === "running") {
        item.append(progressBar(job.progress, title + " progress"), el("div", { class: "small muted", text: progressText(job.progress) }));
      } else if (job.state === "succeeded") {
        item.append(el("div", { class: "small", text: summary(job) }));
      } else {
        item.append(el("div", { class: "small error-text", role: "alert", text: errorText(job.error) }));
      }
      if (job.state !== "running") {
        const dismiss = el("button", { type: "button", class: "ghost small-button", text: "Dismiss", "aria-label": "Dismiss " + title });
        dismiss.addEventListener("click", () => { state.jobs.delete(job.id); renderJobs(); });
        item.append(dismiss);
      }
      list.append(item);
    });
  }

  function summary(job) {
    const r = job.result || {};
    if (job.operation === "snapshot") return "Snapshot " + r.id + " stored: " + count(r.tables, "table") + ", " + count(r.rows, "row") + ", " + bytes(r.size) + ".";
    if (job.operation === "restore") return "Restored " + count(r.tables, "table") + ", " + count(r.rows, "row") + " into " + r.target + "." +
      (r.warnings && r.warnings.length ? " Warnings: " + r.warnings.join("; ") : "");
    if (job.operation === "verify") return "Verified: " + count(r.tables, "table") + ", " + count(r.rows, "row") + ", every checksum matches.";
    return "Finished.";
  }

  async function pollJobs() {
    const running = [...state.jobs.values()].filter((j) => j.state === "running");
    let finished = false;
    for (const job of running) {
      const reply = await api("GET", "/api/jobs/" + job.id);
      if (reply.ok) {
        state.jobs.set(job.id, reply.body);
        if (reply.body.state !== "running") finished = true;
      }
    }
    if (running.length) renderJobs();
    if (finished) await refresh();
    setTimeout(pollJobs, running.length ? 500 : 1000);
  }

  // ---- snapshot list ------------------------------------------------------------------------------------
  let renderedSnapshots = null;
  function renderSnapshots(force) {
    const signature = JSON.stringify([state.snapshots, [...state.rowErrors], state.status && state.status.mode,
      state.status && state.status.snapshotsEnabled]);
    if (!force && signature === renderedSnapshots) return;
    renderedSnapshots = signature;
    const body = $("snapshot-rows");
    body.replaceChildren();
    $("count").textContent = "(" + state.snapshots.length + ")";
    if (state.snapshots.length === 0) {
      body.append(el("tr", {}, el("td", { colspan: "9", class: "muted empty", text: "No snapshots yet. Create one with “Create snapshot”." })));
      return;
    }
    const storage = state.status ? state.status.storage : "";
    state.snapshots.forEach((s) => {
      const row = el("tr", { "data-id": s.id },
        el("td", { "data-label": "Snapshot" }, el("span", { class: "mono snapshot-id", text: s.id })),
        el("td", { "data-label": "Source", text: (s.source === "main" ? "Main database" : s.source) + (s.backend ? " · " + s.backend : "") }),
        el("td", { "data-label": "Created", class: "nowrap" }, el("time", { datetime: s.createdAt, title: s.createdAt, text: when(s.createdAt) }),
          el("div", { class: "muted small", text: relative(s.createdAt) })),
        el("td", { "data-label": "Size", class: "num", text: bytes(s.size) }),
        el("td", { "data-label": "Tables", class: "num", text: number(s.tables) }),
        el("td", { "data-label": "Rows", class: "num", text: number(s.rows) }),
        el("td", { "data-label": "Encrypted", text: s.encrypted ? "🔒 yes" : "no" }),
        el("td", { "data-label": "Storage", class: "small", title: storage, text: storage.split(" ")[0] }),
        el("td", { class: "actions" }, actionMenu(s)));
      body.append(row);
      if (state.rowErrors.has(s.id)) {
        body.append(el("tr", { class: "row-error" }, el("td", { colspan: "9", role: "alert", text: state.rowErrors.get(s.id) })));
      }
    });
  }

  function actionMenu(snapshot) {
    const wrap = el("div", { class: "menu-wrap" });
    const button = el("button", { type: "button", class: "menu-button", "aria-haspopup": "menu", "aria-expanded": "false",
      "aria-label": "Actions for snapshot " + snapshot.id, text: "Actions ▾" });
    const menu = el("div", { class: "menu", role: "menu", hidden: true });
    const enabled = state.status && state.status.snapshotsEnabled && state.status.mode !== "maintenance";
    const items = [
      ["Restore…", "restore", () => openRestore(snapshot), !enabled],
      ["Download", "download", () => location.assign("/api/snapshots/" + encodeURIComponent(snapshot.id) + "/download"), false],
      ["Verify", "verify", () => startJob("/api/snapshots/" + encodeURIComponent(snapshot.id) + "/verify", {}, snapshot.id), false],
      ["Delete…", "delete", () => openDelete(snapshot), state.status && state.status.mode === "maintenance"],
    ];
    items.forEach(([label, action, run, disabled]) => {
      const item = el("button", { type: "button", role: "menuitem", "data-action": action, tabindex: "-1", text: label, disabled });
      item.addEventListener("click", () => { closeMenu(); run(); });
      menu.append(item);
    });
    button.addEventListener("click", () => (state.menu && state.menu.menu === menu ? closeMenu() : openMenu(button, menu)));
    button.addEventListener("keydown", (e) => { if (e.key === "ArrowDown") { e.preventDefault(); openMenu(button, menu); } });
    menu.addEventListener("keydown", (e) => {
      const entries = [...menu.querySelectorAll("[role=menuitem]:not([disabled])")];
      const index = entries.indexOf(document.activeElement);
      if (e.key === "ArrowDown") { e.preventDefault(); entries[(index + 1) % entries.length].focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); entries[(index - 1 + entries.length) % entries.length].focus(); }
      if (e.key === "Escape") { e.preventDefault(); closeMenu(); button.focus(); }
      if (e.key === "Tab") closeMenu();
    });
    wrap.append(button, menu);
    return wrap;
  }

  function openMenu(button, menu) {
    closeMenu();
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    state.menu = { button, menu };
    const first = menu.querySelector("[role=menuitem]:not([disabled])");
    if (first) first.focus();
  }
  function closeMenu() {
    if (!state.menu) return;
    state.menu.menu.hidden = true;
    state.menu.button.setAttribute("aria-expanded", "false");
    state.menu = null;
  }
  document.addEventListener("click", (e) => {
    if (state.menu && !state.menu.menu.contains(e.target) && e.target !== state.menu.button) closeMenu();
  });

  async function startJob(path, body, snapshotId, errorElement) {
    const reply = await api("POST", path, body);
    if (reply.ok) {
      if (snapshotId) state.rowErrors.delete(snapshotId);
      track(reply.body);
      await refresh();
      return true;
    }
    if (errorElement) showError(errorElement, reply.body);
    else if (snapshotId) { state.rowErrors.set(snapshotId, errorText(reply.body)); renderSnapshots(); }
    else showError($("page-error"), reply.body);
    return false;
  }

  // ---- dialogs ------------------------------------------------------------------------------------------
  function openDialog(dialog, focus) {
    dialog.querySelectorAll(".form-error").forEach((e) => { e.hidden = true; });
    dialog.showModal();
    if (focus) focus.focus();
  }
  document.querySelectorAll("dialog [data-close]").forEach((b) => b.addEventListener("click", () => b.closest("dialog").close()));

  function openCreate() {
    const options = $("source-options");
    options.replaceChildren();
    const sources = state.status ? state.status.sources : [{ source: "main", label: "Main database", available: true }];
    sources.forEach((s, i) => {
      options.append(el("label", { class: "choice" + (s.available ? "" : " unavailable") },
        el("input", { type: "radio", name: "source", value: s.source, id: "source-" + s.source, checked: i === 0, disabled: !s.available }),
        el("span", {}, s.label, s.available ? null : el("span", { class: "muted small", text: " — unavailable: " + s.reason }))));
    });
    openDialog($("create-dialog"), $("source-main"));
  }

  let restoring = null;
  function restoreTarget() {
    return $("restore-into-other").checked ? $("restore-target").value.trim() : null;
  }
  function updateRestoreWarning() {
    const other = $("restore-into-other").checked;
    $("restore-target").disabled = !other;
    const target = other ? (restoreTarget() ? redact(restoreTarget()) : "the database you type above") : "the main database (" + state.status.database + ")";
    const tables = restoring.tables === null || restoring.tables === undefined ? "tables" : count(restoring.tables, "table");
    const replace = $("restore-replace").checked;
    $("restore-warning").textContent = other
      ? "The " + tables + " of snapshot " + restoring.id + " will be written into " + target + "." +
        (replace ? " Tables of the same names there will be replaced." : " The restore stops if tables of the same names exist.")
      : "The " + tables + " of snapshot " + restoring.id + " will replace the same tables in " + target +
        ". The application is in maintenance until the restore ends.";
    $("restore-confirm-label").textContent = other ? "Write into " + target : "Replace the data in " + target;
  }
  function openRestore(snapshot) {
    restoring = snapshot;
    $("restore-snapshot").textContent = "Snapshot " + snapshot.id + " · " + when(snapshot.createdAt) + " · " + number(snapshot.rows) + " rows";
    $("restore-main-name").textContent = state.status ? state.status.database : "";
    $("restore-into-main").checked = true;
    $("restore-target").value = "";
    $("restore-replace").checked = true;
    $("restore-confirm-check").checked = false;
    updateRestoreWarning();
    openDialog($("restore-dialog"), $("restore-into-main"));
  }
  ["restore-into-main", "restore-into-other", "restore-replace"].forEach((id) => $(id).addEventListener("change", () => {
    updateRestoreWarning();
    if (id === "restore-into-other" && $(id).checked) $("restore-target").focus();
  }));
  $("restore-into-main").addEventListener("change", () => { $("restore-replace").checked = true; updateRestoreWarning(); });
  $("restore-target").addEventListener("input", updateRestoreWarning);

  let deleting = null;
  function openDelete(snapshot) {
    deleting = snapshot;
    $("delete-snapshot").textContent = snapshot.id;
    openDialog($("delete-dialog"), $("delete-confirm"));
  }

  $("create-snapshot").addEventListener("click", openCreate);
  $("create-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const chosen = document.querySelector("input[name=source]:checked");
    if (!chosen) { showError($("create-error"), "Choose a database."); return; }
    $("create-confirm").disabled = true;
    const ok = await startJob("/api/snapshots", { source: chosen.value }, null, $("create-error"));
    $("create-confirm").disabled = false;
    if (ok) $("create-dialog").close();
  });
  $("restore-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const other = $("restore-into-other").checked;
    if (other && !restoreTarget()) { showError($("restore-error"), "Type the connection string of the target database."); $("restore-target").focus(); return; }
    if (!$("restore-confirm-check").checked) { showError($("restore-error"), "Tick the confirmation to restore."); $("restore-confirm-check").focus(); return; }
    $("restore-confirm").disabled = true;
    const ok = await startJob("/api/snapshots/" + encodeURIComponent(restoring.id) + "/restore",
      { target: other ? restoreTarget() : null, replace: $("restore-replace").checked }, null, $("restore-error"));
    $("restore-confirm").disabled = false;
    if (ok) $("restore-dialog").close();
  });
  $("delete-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const reply = await api("DELETE", "/api/snapshots/" + encodeURIComponent(deleting.id));
    if (!reply.ok) { showError($("delete-error"), reply.body); return; }
    $("delete-dialog").close();
    await refresh();
  });
  $("logout").addEventListener("click", async () => { await api("POST", "/api/logout"); location.assign("/login"); });

  // ---- API keys ---------------------------------------------------------------------------------------
  async function loadKeys() {
    const reply = await api("GET", "/api/apikeys");
    if (!reply.ok) { showError($("key-error"), reply.body); return; }
    const list = $("keys");
    list.replaceChildren();
    reply.body.forEach((key) => {
      const revoke = el("button", { type: "button", class: "ghost small-button", text: "Revoke",
        "aria-label": "Revoke API key " + key.name, "data-key": key.name });
      revoke.addEventListener("click", async () => {
        if (!window.confirm("Revoke API key “" + key.name + "”? Scripts using it stop working at once.")) return;
        const revoked = await api("DELETE", "/api/apikeys/" + encodeURIComponent(key.name));
        if (!revoked.ok) { showError($("key-error"), revoked.body); return; }
        $("key-created").hidden = true;
        await loadKeys();
      });
      list.append(el("li", {}, el("span", {}, el("strong", { text: key.name }),
        el("span", { class: "muted small", text: " created " + when(key.createdAt) })), revoke));
    });
  }
  $("key-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    $("key-error").hidden = true;
    const name = $("key-name").value.trim();
    if (!name) { showError($("key-error"), "Type a name for the key."); $("key-name").focus(); return; }
    const reply = await api("POST", "/api/apikeys/" + encodeURIComponent(name));
    if (!reply.ok) { showError($("key-error"), reply.body); return; }
    $("key-created-name").textContent = reply.body.name;
    $("key-value").textContent = reply.body.key;
    $("key-created").hidden = false;
    $("key-name").value = "";
    await loadKeys();
  });

  // ---- refresh ------------------------------------------------------------------------------------------
  async function refresh() {
    const [status, list] = await Promise.all([api("GET", "/api/status"), api("GET", "/api/snapshots")]);
    if (status.ok) {
      state.status = status.body;
      status.body.jobs.forEach((job) => { if (!state.jobs.has(job.id)) state.jobs.set(job.id, job); });
      renderBanners(status.body);
      renderOverview(status.body);
      renderJobs();
    }
    if (list.ok) {
      $("page-error").hidden = true;
      state.snapshots = list.body;
      if (!state.menu) renderSnapshots();
    } else if (list.status !== 401) {
      showError($("page-error"), list.body);
    }
  }

  async function start() {
    const session = await api("GET", "/api/session");
    if (session.ok) state.csrf = session.body.csrfToken;
    await refresh();
    loadKeys();
    setInterval(refresh, 3000);
    pollJobs();
  }
  start();
})();
