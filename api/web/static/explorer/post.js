// Post a report: send it to POST /v1/sources with the key as a bearer header, then show
// the claims the API read from it, or the API's problem (401 without a valid key).
// The key is read from its field at the moment of sending and kept nowhere else.
(function () {
  "use strict";
  const form = document.getElementById("post-form");
  const result = document.getElementById("post-result");
  if (!form) return;

  function cell(row, text, header) {
    const c = document.createElement(header ? "th" : "td");
    if (header) c.scope = "col";
    c.textContent = text == null ? "" : String(text);
    row.appendChild(c);
  }

  function showClaims(status, body) {
    const heading = document.createElement("h2");
    heading.textContent = (status === 201 ? "Stored" : "Already stored") + ": "
      + body.claims.length + " claim" + (body.claims.length === 1 ? "" : "s");
    const link = document.createElement("a");
    link.href = form.dataset.sourcePage.replace("SOURCE_ID", encodeURIComponent(body.id));
    link.textContent = "Open " + (body.title || body.name) + " with its claims highlighted";
    const p = document.createElement("p");
    p.appendChild(link);
    const table = document.createElement("table");
    table.className = "posted-claims";
    const head = table.createTHead().insertRow();
    ["Phrase", "Quantity", "Value", "Qualifier", "Group", "Status", "Actor", "Via"]
      .forEach((h) => cell(head, h, true));
    const bodyRows = table.createTBody();
    for (const c of body.claims) {
      const row = bodyRows.insertRow();
      row.dataset.claimId = c.id;
      [c.text, c.quantity, c.value, c.qualifier, c.group, c.status, c.actor, c.via]
        .forEach((v) => cell(row, v));
    }
    const wrap = document.createElement("div");
    wrap.className = "table-wrap";
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "Claims of the posted report");
    wrap.appendChild(table);
    result.replaceChildren(heading, p, wrap);
  }

  function showProblem(status, body) {
    const box = document.createElement("div");
    box.className = "problem";
    box.setAttribute("role", "alert");
    const title = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = status + " " + ((body && body.title) || "Error");
    title.appendChild(strong);
    const detail = document.createElement("p");
    detail.textContent = (body && body.detail) || "";
    box.append(title, detail);
    result.replaceChildren(box);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const payload = {};
    for (const field of form.querySelectorAll("[data-field]")) {
      if (field.value.trim()) payload[field.dataset.field] = field.value;
    }
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    const key = document.getElementById("p-key").value.trim();
    if (key) headers.Authorization = "Bearer " + key;
    result.textContent = "Posting…";
    try {
      const response = await fetch(form.dataset.endpoint, {
        method: "POST", headers, body: JSON.stringify(payload), credentials: "omit",
        cache: "no-store",
      });
      const body = await response.json().catch(() => null);
      if (response.ok && body && Array.isArray(body.claims)) showClaims(response.status, body);
      else showProblem(response.status, body);
    } catch (error) {
      showProblem(0, { title: "Network error", detail: String(error) });
    }
  });
})();
