// The web page of a map (orgmap export --format html). Plain script, no framework: select a
// role (click, tap, Enter, #role=ID), read its job description in the panel, find roles,
// teams and rings, pan and zoom by changing the SVG's viewBox.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("map-data").textContent);
  const svg = document.getElementById("map");
  const stage = document.getElementById("stage");
  const panel = document.getElementById("panel");
  const panelBody = document.getElementById("panel-body");
  const find = document.getElementById("find");
  const found = document.getElementById("found");
  const tip = document.getElementById("tip");
  const byId = new Map(data.roles.map((r, i) => [r[0], i]));
  const home = svg.viewBox.baseVal;
  const fitBox = { x: home.x, y: home.y, w: home.width, h: home.height };
  let box = Object.assign({}, fitBox);
  let selected = null;

  // ---- View: the viewBox is the camera. ----
  function show() {
    svg.setAttribute("viewBox", [box.x, box.y, box.w, box.h].join(" "));
  }
  // Map units per screen pixel (the SVG keeps its aspect: the larger of the two).
  function unitsPerPixel() {
    const r = svg.getBoundingClientRect();
    return Math.max(box.w / Math.max(r.width, 1), box.h / Math.max(r.height, 1));
  }
  // The map point under a screen point.
  function toMap(clientX, clientY) {
    const r = svg.getBoundingClientRect();
    const k = unitsPerPixel();
    const cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    return { x: cx + (clientX - (r.left + r.width / 2)) * k,
             y: cy + (clientY - (r.top + r.height / 2)) * k };
  }
  function zoom(factor, clientX, clientY) {
    const r = svg.getBoundingClientRect();
    if (clientX === undefined) { clientX = r.left + r.width / 2; clientY = r.top + r.height / 2; }
    const w = Math.min(Math.max(box.w / factor, fitBox.w / 64), fitBox.w * 4);
    factor = box.w / w;
    const at = toMap(clientX, clientY);
    box.x = at.x - (at.x - box.x) / factor;
    box.y = at.y - (at.y - box.y) / factor;
    box.w /= factor;
    box.h /= factor;
    show();
  }
  function fit() {
    box = Object.assign({}, fitBox);
    show();
  }
  // Brings a map point into view (centred when it is off screen or near the edge).
  function reveal(x, y) {
    const margin = 0.1;
    if (x < box.x + box.w * margin || x > box.x + box.w * (1 - margin) ||
        y < box.y + box.h * margin || y > box.y + box.h * (1 - margin)) {
      box.x = x - box.w / 2;
      box.y = y - box.h / 2;
      show();
    }
  }

  // ---- Pan (drag), pinch (two fingers), wheel and keys. ----
  const pointers = new Map();
  let drag = null;
  stage.addEventListener("pointerdown", (e) => {
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    drag = { x: e.clientX, y: e.clientY, box: Object.assign({}, box), moved: false,
             spread: spread() };
  });
  stage.addEventListener("pointermove", (e) => {
    if (!pointers.has(e.pointerId) || !drag) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 2) {
      const now = spread();
      if (drag.spread > 0 && now > 0) {
        const mid = middle();
        zoom(now / drag.spread, mid.x, mid.y);
        drag.spread = now;
      }
      drag.moved = true;
      return;
    }
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) stage.setPointerCapture(e.pointerId);
    drag.moved = true;
    stage.classList.add("panning");
    const k = unitsPerPixel();
    box.x = drag.box.x - dx * k;
    box.y = drag.box.y - dy * k;
    show();
  });
  function release(e) {
    pointers.delete(e.pointerId);
    stage.classList.remove("panning");
    if (pointers.size === 0) setTimeout(() => { drag = null; }, 0);
  }
  stage.addEventListener("pointerup", release);
  stage.addEventListener("pointercancel", release);
  function spread() {
    const p = [...pointers.values()];
    return p.length === 2 ? Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) : 0;
  }
  function middle() {
    const p = [...pointers.values()];
    return { x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2 };
  }
  stage.addEventListener("wheel", (e) => {
    e.preventDefault();
    zoom(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)), e.clientX, e.clientY);
  }, { passive: false });
  document.getElementById("zoom-in").addEventListener("click", () => zoom(1.25));
  document.getElementById("zoom-out").addEventListener("click", () => zoom(0.8));
  document.getElementById("fit").addEventListener("click", fit);
  window.addEventListener("beforeprint", fit);

  // ---- Selection: a role, its links lit, its job description in the panel. ----
  // Lighting: a veil in the background's colour over the whole map, and copies of what is
  // lit above it. The work is in proportion to what is lit, not to the map (fading each of
  // 10,000 elements instead takes seconds).
  const SVG_NS = "http://www.w3.org/2000/svg";
  const paper = svg.querySelector("rect");
  const veil = document.createElementNS(SVG_NS, "rect");
  veil.id = "veil";
  for (const [k, v] of [["x", -1e6], ["y", -1e6], ["width", 2e6], ["height", 2e6]]) veil.setAttribute(k, v);
  veil.setAttribute("fill", paper ? paper.getAttribute("fill") : "#fff");
  veil.setAttribute("fill-opacity", "0.82");
  veil.setAttribute("visibility", "hidden");
  // Clicks go through the veil to the faded roles under it.
  veil.setAttribute("pointer-events", "none");
  const litLayer = document.createElementNS(SVG_NS, "g");
  litLayer.id = "lit";
  const top = svg.querySelector("g[font-family]") || svg;
  top.appendChild(veil);
  top.appendChild(litLayer);
  const groupsOf = new Map();
  svg.querySelectorAll("[data-role]").forEach((el) => {
    const i = el.getAttribute("data-role");
    if (!groupsOf.has(i)) groupsOf.set(i, []);
    groupsOf.get(i).push(el);
  });
  function roleGroups(i) {
    return groupsOf.get(String(i)) || [];
  }
  function lift(el, selectedRole) {
    const copy = el.cloneNode(true);
    copy.removeAttribute("tabindex");
    copy.setAttribute("aria-hidden", "true");
    if (selectedRole) copy.classList.add("selected");
    litLayer.appendChild(copy);
  }
  function light(roles, links, chosen) {
    litLayer.textContent = "";
    if (roles === null) { veil.setAttribute("visibility", "hidden"); return; }
    veil.setAttribute("visibility", "visible");
    links.forEach((l) => {
      const el = svg.querySelector('[data-link="' + l + '"]');
      if (el) lift(el, false);
    });
    roles.forEach((i) => roleGroups(i).forEach((el) => lift(el, i === chosen)));
  }
  function select(i, fromHash) {
    if (i === null || i === undefined || !data.roles[i]) { close(); return; }
    selected = i;
    const roles = new Set([i]), links = [];
    data.links.forEach(([a, b], l) => {
      if (a === i || b === i) { links.push(l); roles.add(a); roles.add(b); }
    });
    light(roles, links, i);
    const article = document.getElementById("role-" + data.roles[i][0]);
    document.querySelectorAll(".job.chosen").forEach((el) => el.classList.remove("chosen"));
    if (article) article.classList.add("chosen");
    tip.hidden = true;
    panelBody.innerHTML = article ? article.innerHTML : "";
    panel.hidden = false;
    const node = svg.querySelector('.role[data-role="' + i + '"]');
    if (node) {
      const b = node.getBBox();
      reveal(b.x + b.width / 2, b.y + b.height / 2);
    }
    const hash = "#role=" + encodeURIComponent(data.roles[i][0]);
    if (!fromHash && location.hash !== hash) history.replaceState(null, "", hash);
  }
  function close() {
    selected = null;
    light(null);
    panel.hidden = true;
    if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  }
  function roleAt(target) {
    const g = target.closest && target.closest("[data-role]");
    return g ? Number(g.getAttribute("data-role")) : null;
  }
  svg.addEventListener("click", (e) => {
    if (drag && drag.moved) return;
    const i = roleAt(e.target);
    if (i === null) close(); else select(i);
  });
  svg.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" && e.key !== " ") return;
    const i = roleAt(e.target);
    if (i !== null) { e.preventDefault(); select(i); }
  });
  panelBody.addEventListener("click", (e) => {
    const a = e.target.closest("a[data-goto]");
    if (!a) return;
    e.preventDefault();
    select(byId.get(a.getAttribute("data-goto")));
  });
  document.getElementById("close").addEventListener("click", close);
  document.addEventListener("keydown", (e) => {
    if (e.target === find) return;
    if (e.key === "Escape") close();
    else if (e.key === "+" || e.key === "=") zoom(1.25);
    else if (e.key === "-") zoom(0.8);
    else if (e.key === "0") fit();
  });
  function fromHash() {
    const m = /^#role=(.+)$/.exec(location.hash);
    let id = data.start;
    // (A hand-typed address may be badly encoded: then it names no role.)
    try { if (m) id = decodeURIComponent(m[1]); } catch (e) { id = null; }
    if (id && byId.has(id)) select(byId.get(id), true);
  }
  window.addEventListener("hashchange", fromHash);

  // ---- Hover: a role's name and purpose (from its job description). ----
  svg.addEventListener("pointermove", (e) => {
    const i = e.pointerType === "mouse" && !(drag && drag.moved) ? roleAt(e.target) : null;
    if (i === null) { tip.hidden = true; return; }
    const purpose = document.querySelector("#role-" + CSS.escape(data.roles[i][0]) + " .purpose");
    tip.innerHTML = "";
    const name = document.createElement("b");
    name.textContent = data.roles[i][1];
    tip.appendChild(name);
    if (purpose) tip.appendChild(document.createTextNode(purpose.textContent));
    const r = stage.getBoundingClientRect();
    tip.style.left = Math.min(e.clientX - r.left + 14, r.width - 260) + "px";
    tip.style.top = (e.clientY - r.top + 14) + "px";
    tip.hidden = false;
  });
  svg.addEventListener("pointerleave", () => { tip.hidden = true; });

  // ---- Search: roles, teams and rings as one types. ----
  let results = [];
  let active = -1;
  function search() {
    const needle = find.value.trim().toLowerCase();
    found.innerHTML = "";
    results = [];
    active = -1;
    if (!needle) {
      // The search cleared: the selection's light again, or none.
      found.hidden = true;
      if (selected === null) light(null); else select(selected, true);
      return;
    }
    data.roles.forEach((r, i) => {
      if (r[1].toLowerCase().includes(needle) || r[0].includes(needle)) {
        results.push({ label: r[1], kind: r[3] || r[2], roles: [i], role: i });
      }
    });
    data.teams.forEach((t) => {
      if (t[0].toLowerCase().includes(needle)) results.push({ label: t[0], kind: "team", roles: t[1] });
    });
    data.rings.forEach((k) => {
      if (k[0].toLowerCase().includes(needle)) results.push({ label: k[0], kind: "ring", roles: k[1] });
    });
    const lit = new Set(results.flatMap((r) => r.roles));
    light(lit.size ? lit : null, []);
    results.slice(0, 30).forEach((r, n) => {
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "found-" + n;
      li.textContent = r.label;
      const small = document.createElement("small");
      small.textContent = r.kind;
      li.appendChild(small);
      li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(r); });
      found.appendChild(li);
    });
    if (results.length === 0) {
      const li = document.createElement("li");
      li.textContent = "Nothing found";
      found.appendChild(li);
    }
    found.hidden = false;
  }
  function choose(r) {
    found.hidden = true;
    if (r.role !== undefined) { select(r.role); return; }
    // A team or a ring: its roles lit, and the view on them.
    light(new Set(r.roles), []);
    const boxes = r.roles.map((i) => svg.querySelector('.role[data-role="' + i + '"]'))
      .filter(Boolean).map((el) => el.getBBox());
    if (boxes.length) {
      const x = boxes.reduce((s, b) => s + b.x + b.width / 2, 0) / boxes.length;
      const y = boxes.reduce((s, b) => s + b.y + b.height / 2, 0) / boxes.length;
      reveal(x, y);
    }
  }
  function mark(n) {
    const items = found.querySelectorAll("li[role=option]");
    items.forEach((li, k) => li.setAttribute("aria-selected", k === n ? "true" : "false"));
    active = n;
    if (items[n]) { find.setAttribute("aria-activedescendant", items[n].id); items[n].scrollIntoView({ block: "nearest" }); }
  }
  find.addEventListener("input", search);
  find.addEventListener("keydown", (e) => {
    const count = Math.min(results.length, 30);
    if (e.key === "ArrowDown" && count) { e.preventDefault(); mark((active + 1) % count); }
    else if (e.key === "ArrowUp" && count) { e.preventDefault(); mark((active - 1 + count) % count); }
    else if (e.key === "Enter" && count) { e.preventDefault(); choose(results[Math.max(active, 0)]); }
    else if (e.key === "Escape") { find.value = ""; search(); find.blur(); }
  });
  find.addEventListener("blur", () => { found.hidden = true; });

  show();
  fromHash();
})();
