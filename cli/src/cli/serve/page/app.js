// argsat serve: the page. Plain JavaScript, no library, no network but the local server.
"use strict";

const $ = (id) => document.getElementById(id);
// Past this many arguments the page keeps no copy of the framework (the server has it):
// pictures are coloured by the server, names checked by it.
const LARGE = 50000;

const state = {
  session: null, large: false, counts: { arguments: 0, attacks: 0 }, name: "", args: [], attacks: [], semantics: "grounded",
  exts: [], extIndex: -1, extDone: false, extNote: "", stream: null,
  selected: null, focus: null, tooLarge: false, statusRows: [], sortKey: null, sortUp: true,
};

// ---- talking to the server ------------------------------------------------------------

function apx() {
  return state.args.map((a) => `arg(${a}).\n`).join("") +
    state.attacks.map(([a, b]) => `att(${a},${b}).\n`).join("");
}

// Without a body, the request is about the session's framework (kept by the server in
// its incremental solver); a session gone (the server restarted, or it expired) is made
// again from the page's copy.
async function post(path, params, body, again) {
  const all = Object.assign({}, params || {});
  if (body === undefined && state.session) all.session = state.session;
  const q = new URLSearchParams(all).toString();
  const r = await fetch(path + (q ? "?" + q : ""), { method: "POST", body: body === undefined ? "" : body });
  const type = r.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await r.json() : await r.text();
  if (r.status === 404 && body === undefined && !again && !state.large && String(data.error || "").startsWith("no session")) {
    await newSession(apx());
    return post(path, params, body, true);
  }
  if (!r.ok) {
    const e = new Error((data && data.error) || `HTTP ${r.status}`);
    e.status = r.status; e.data = data;
    throw e;
  }
  return data;
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

// ---- loading ----------------------------------------------------------------------------

function parseApx(text) {
  const args = [], attacks = [];
  for (const line of text.split("\n")) {
    let m = line.match(/^arg\((.*)\)\.\s*$/);
    if (m) { args.push(m[1]); continue; }
    m = line.match(/^att\((.*),(.*)\)\.\s*$/);
    if (m) attacks.push([m[1], m[2]]);
  }
  return { args, attacks };
}

// Loads framework text in any format: the server parses it (errors name line and column)
// into a session; the page keeps a copy (as APX) unless it is large.
async function loadText(text, name) {
  let made;
  try {
    made = await post("/api/sessions", { name }, text);
  } catch (e) {
    showError(e.message);
    return false;
  }
  showError("");
  state.session = made.session;
  state.counts = { arguments: made.arguments, attacks: made.attacks };
  state.large = made.arguments > LARGE;
  state.name = name; state.args = []; state.attacks = [];
  if (!state.large) await pull();
  state.selected = null; state.focus = null;
  $("undo").disabled = true;
  $("explanation").textContent = "Click an argument.";
  $("accept").textContent = "";
  await refresh();
  return true;
}

async function newSession(text) {
  const made = await post("/api/sessions", {}, text);
  state.session = made.session;
}

// Whether the framework has an argument of that name (the server checks, when large).
const known = (n) => state.large || state.args.includes(n);

// The page's copy of the session's framework, after an edit.
async function pull() {
  const m = parseApx(await post("/api/convert", { to: "apx" }));
  state.args = m.args; state.attacks = m.attacks;
}

async function loadOffered() {
  const id = $("framework-select").value;
  const name = $("framework-select").selectedOptions[0]?.textContent || "framework";
  const r = await fetch(`/api/frameworks/${id}`);
  if (!r.ok) { showError(`cannot load ${name}`); return; }
  await loadText(await r.text(), name);
}

// ---- everything on the page follows the framework ---------------------------------------

async function refresh() {
  $("loaded").textContent = `${state.name}: ${state.counts.arguments} arguments, ${state.counts.attacks} attacks`;
  $("search-names").innerHTML = state.args.slice(0, 5000).map((a) => `<option value="${esc(a)}">`).join("");
  // All at once: a slow part (counting stable extensions, say) holds up nothing else.
  // The extensions stream in on their own.
  startExtensions();
  const parts = [refreshCheck(), refreshPicture(), refreshStatus()];
  if (state.selected && known(state.selected)) parts.push(explain(state.selected));
  await Promise.all(parts);
}

function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function refreshCheck() {
  try {
    const c = await post("/api/check");
    const yn = (b) => b === null ? "unknown (out of time)" : b ? '<span class="yes">yes</span>' : '<span class="no">no</span>';
    $("check").innerHTML =
      `<div>grounded: ${c.grounded.in} in, ${c.grounded.out} out, ${c.grounded.undec} undecided</div>` +
      `<div id="check-stable">stable extension: ${c.stable_exists ? '<span class="yes">exists</span>' : '<span class="no">none</span>'}</div>` +
      `<div>coherent (every preferred extension stable): ${yn(c.coherent)}</div>` +
      `<div id="check-count">stable extensions: ${c.stable_extensions === null ? "at least " + c.stable_extensions_at_least : c.stable_extensions}</div>` +
      `<div>self-attacking: ${c.self_attacking.count}, unattacked: ${c.unattacked.count}</div>`;
  } catch (e) {
    $("check").textContent = e.message;
  }
}

async function refreshPicture() {
  const params = {};
  if (state.focus) { params.focus = state.focus; params.depth = $("depth").value || "2"; }
  // Large: the server colours the picture by the extension shown.
  if (state.large && state.semantics !== "grounded" && state.extIndex >= 0) {
    params.semantics = state.semantics; params.extension = String(state.extIndex + 1);
  }
  try {
    const svg = await post("/api/render", params);
    $("picture").innerHTML = svg;
    // A very wide drawing (a hub and its neighbours) scrolls rather than shrink to a strip.
    const drawing = $("picture").querySelector("svg");
    if (drawing && drawing.width.baseVal.value > 2.5 * $("picture").clientWidth) drawing.style.maxWidth = "none";
    state.tooLarge = false;
    $("focus-box").hidden = !state.focus;
    const drawn = $("picture").querySelectorAll("g.argument").length;
    if (state.focus) $("focus-note").textContent = `${drawn} arguments around ${state.focus}` + (drawn >= 300 ? " (the nearest 300)" : "");
  } catch (e) {
    if (e.data && e.data.too_large) {
      state.tooLarge = true;
      $("picture").innerHTML = "";
      $("focus-box").hidden = false;
      $("focus-note").textContent = `${e.data.arguments} arguments are too many to draw: search for one and see the part around it.`;
    } else {
      $("picture").textContent = e.message;
    }
  }
  colour();
}

// Colours the drawn arguments by the current extension (members IN, what they attack
// OUT, the rest UNDEC), or by the grounded labelling the server drew.
function colour() {
  const ext = state.exts[state.extIndex];
  const nodes = document.querySelectorAll("#picture g.argument");
  if (state.large) {
    // The server coloured it (refreshPicture).
  } else if (state.semantics === "grounded" || !ext) {
    nodes.forEach((g) => { if (g.dataset.grounded) g.dataset.label = g.dataset.grounded; });
  } else {
    const members = new Set(ext);
    const out = new Set(state.attacks.filter(([a]) => members.has(a)).map(([, b]) => b));
    nodes.forEach((g) => {
      if (!g.dataset.grounded) g.dataset.grounded = g.dataset.label;
      const n = g.dataset.name;
      g.dataset.label = members.has(n) ? "in" : out.has(n) ? "out" : "undec";
    });
  }
  nodes.forEach((g) => g.classList.toggle("selected", g.dataset.name === state.selected));
  updateExtLabel();
}

function updateExtLabel() {
  let text;
  if (state.semantics === "grounded") text = "grounded labelling";
  else if (state.exts.length === 0) text = state.extDone ? `no ${state.semantics} extension` : "searching…";
  else text = `${state.semantics} extension ${state.extIndex + 1} of ${state.extDone ? state.exts.length : state.exts.length + "+"}`;
  if (state.extNote) text += ` (${state.extNote})`;
  $("ext-label").textContent = text;
  $("ext-prev").disabled = state.extIndex <= 0;
  $("ext-next").disabled = state.extIndex >= state.exts.length - 1;
}

// Streams the extensions of the chosen semantics: the first shows at once.
async function startExtensions() {
  if (state.stream) state.stream.abort();
  state.stream = null;
  state.exts = []; state.extIndex = -1; state.extDone = false; state.extNote = "";
  if (state.semantics === "grounded") { colour(); return; }
  const ctl = new AbortController();
  state.stream = ctl;
  try {
    const q = new URLSearchParams({ semantics: state.semantics, session: state.session }).toString();
    const r = await fetch("/api/extensions?" + q, { method: "POST", body: "", signal: ctl.signal });
    if (!r.ok) { const j = await r.json(); state.extNote = j.error; state.extDone = true; colour(); return; }
    const reader = r.body.getReader();
    const decoder = new TextDecoder();
    // A line can be megabytes (a huge extension): its pieces are joined once it ends.
    let pieces = [], kept = 0;
    const take = (text) => {
      const line = JSON.parse(text);
      if (!line.extension) {
        state.extDone = true;
        if (line.error) state.extNote = line.error;
        return true;
      }
      state.exts.push(line.extension);
      if (state.extIndex < 0) { state.extIndex = 0; show(); }
      // Enough to step through (10,000 extensions, or 20 million names in all, so that a
      // huge framework's extensions do not fill the tab's memory): stop the server's work.
      kept += line.extension.length;
      if (state.exts.length >= 10000 || kept >= 20000000) {
        state.extNote = `the first ${state.exts.length}`;
        state.extDone = true;
        ctl.abort();
        return false;
      }
      return true;
    };
    for (;;) {
      const { value, done } = await reader.read();
      // A newer stream (another semantics, an edit) replaced this one.
      if (done || state.stream !== ctl) break;
      const text = decoder.decode(value, { stream: true });
      let from = 0, nl;
      while ((nl = text.indexOf("\n", from)) >= 0) {
        pieces.push(text.slice(from, nl));
        from = nl + 1;
        const whole = pieces.join("");
        pieces = [];
        if (!take(whole)) { updateExtLabel(); return; }
      }
      pieces.push(text.slice(from));
      updateExtLabel();
    }
    if (state.stream !== ctl) return;
    state.extDone = true;
  } catch (e) {
    if (e.name !== "AbortError") state.extNote = e.message;
  }
  if (state.stream === ctl) { colour(); }
}

// Shows the extension stepped to.
function show() {
  if (state.large) refreshPicture(); else colour();
}

// ---- the table ----------------------------------------------------------------------------

async function refreshStatus() {
  // Only the latest request's answer is shown (semantics change faster than answers come).
  const token = (state.statusToken = (state.statusToken || 0) + 1);
  $("status-note").textContent = `working out every argument's status under ${state.semantics}…`;
  $("status-table").classList.add("stale");
  try {
    const s = await post(`/api/sessions/${state.session}/status`, { semantics: state.semantics }, "");
    if (token !== state.statusToken) return;
    state.statusRows = s.arguments;
    $("status-table").classList.remove("stale");
    $("status-note").textContent = s.total > s.arguments.length ? `the first ${s.arguments.length} of ${s.total} arguments` : "";
    drawStatus();
  } catch (e) {
    if (token !== state.statusToken) return;
    state.statusRows = [];
    drawStatus();
    $("status-note").textContent = e.message;
  }
}

function drawStatus() {
  const rows = state.statusRows.slice();
  if (state.sortKey) {
    const k = state.sortKey;
    rows.sort((a, b) => (a[k] < b[k] ? -1 : a[k] > b[k] ? 1 : 0) * (state.sortUp ? 1 : -1));
  }
  const yn = (b) => b ? "yes" : "no";
  $("status-table").querySelector("tbody").innerHTML = rows.map((r) =>
    `<tr data-name="${esc(r.name)}" class="${r.name === state.selected ? "selected" : ""}"><td>${esc(r.name)}</td><td class="${r.grounded}">${r.grounded}</td><td>${yn(r.credulous)}</td><td>${yn(r.sceptical)}</td></tr>`).join("");
}

// ---- explanations -------------------------------------------------------------------------

async function explain(name) {
  state.selected = name;
  $("attack-from").value = $("attack-from").value || name;
  colour();
  drawStatus();
  const sem = state.semantics;
  try {
    const [e, a] = await Promise.all([
      post("/api/explain", { argument: name, semantics: sem }),
      post(`/api/sessions/${state.session}/accept`, { argument: name, semantics: sem }, ""),
    ]);
    $("accept").innerHTML = `<b>${esc(name)}</b> under ${esc(sem)}: credulously ${a.credulous ? '<span class="yes">accepted</span>' : '<span class="no">rejected</span>'}, sceptically ${a.sceptical ? '<span class="yes">accepted</span>' : '<span class="no">rejected</span>'}`;
    $("explanation").textContent = e.text;
    mark(e);
  } catch (err) {
    $("explanation").textContent = err.message;
  }
}

// Highlights what the explanation names: the witness or counterexample, the attacks
// that reject the argument.
function mark(e) {
  const members = new Set([...(e.credulous.witness || []), ...(e.sceptical.counterexample || [])]);
  const attacks = [];
  for (const part of [e.credulous.rejection, e.sceptical.support]) {
    if (part && Array.isArray(part.attacks)) attacks.push(...part.attacks);
  }
  // OUT in the grounded labelling: the IN attacker's attack.
  if (attacks.length === 0 && e.grounded && e.grounded.attacker) attacks.push([e.grounded.attacker, e.argument]);
  const key = (a, b) => a + "\u0000" + b;
  const marked = new Set(attacks.map(([a, b]) => key(a, b)));
  document.querySelectorAll("#picture g.argument").forEach((g) => g.classList.toggle("marked", members.has(g.dataset.name)));
  document.querySelectorAll("#picture g.attack").forEach((g) => g.classList.toggle("marked", marked.has(key(g.dataset.from, g.dataset.to))));
}

// ---- editing: the server's session makes each change in its incremental solver -----------

const NAME = /^[A-Za-z0-9_]+$/;

async function edit(change) {
  let done;
  try {
    done = await post(`/api/sessions/${state.session}/edit`, {}, JSON.stringify(change));
  } catch (e) {
    showError(e.message);
    return;
  }
  $("undo").disabled = !done.can_undo;
  showError("");
  state.counts = { arguments: done.arguments, attacks: done.attacks };
  if (!state.large) await pull();
  if (state.selected && !known(state.selected)) state.selected = null;
  await refresh();
}

function addArg() {
  const n = $("arg-name").value.trim();
  if (!NAME.test(n)) { showError("an argument's name is letters, digits and _"); return; }
  return edit({ op: "add_argument", argument: n });
}

function removeArg() {
  return edit({ op: "remove_argument", argument: $("arg-name").value.trim() || state.selected || "" });
}

function attackChange(add) {
  const from = $("attack-from").value.trim(), to = $("attack-to").value.trim();
  return edit({ op: add ? "add_attack" : "remove_attack", from, to });
}

function undo() {
  return edit({ op: "undo" });
}

function download(name, type, text) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

const base = () => state.name.replace(/\.[^.]*$/, "") || "framework";

// ---- wiring -------------------------------------------------------------------------------

function wire() {
  $("load-offered").onclick = loadOffered;
  $("load-paste").onclick = () => loadText($("paste").value, "pasted");
  $("upload").onchange = () => {
    const f = $("upload").files[0];
    if (!f) return;
    const reader = new FileReader();
    reader.onload = () => loadText(reader.result, f.name);
    reader.readAsText(f);
  };
  $("semantics").onchange = async () => {
    state.semantics = $("semantics").value;
    await Promise.all([refreshStatus(), startExtensions(), state.selected ? explain(state.selected) : null]);
  };
  $("ext-prev").onclick = () => { if (state.extIndex > 0) { state.extIndex--; show(); } };
  $("ext-next").onclick = () => { if (state.extIndex < state.exts.length - 1) { state.extIndex++; show(); } };
  $("picture").onclick = (ev) => {
    const g = ev.target.closest && ev.target.closest("g.argument");
    if (g) explain(g.dataset.name);
  };
  $("status-table").onclick = (ev) => {
    const th = ev.target.closest("th");
    if (th) {
      const k = th.dataset.key;
      state.sortUp = state.sortKey === k ? !state.sortUp : true;
      state.sortKey = k;
      drawStatus();
      return;
    }
    const tr = ev.target.closest("tr[data-name]");
    if (tr) explain(tr.dataset.name);
  };
  $("focus-go").onclick = async () => {
    const n = $("search").value.trim();
    if (!known(n)) { showError(`no argument named ${n}`); return; }
    showError("");
    state.focus = n;
    await refreshPicture();
    await explain(n);
  };
  $("add-arg").onclick = addArg;
  $("remove-arg").onclick = removeArg;
  $("add-attack").onclick = () => attackChange(true);
  $("remove-attack").onclick = () => attackChange(false);
  $("undo").onclick = undo;
  $("download-apx").onclick = async () => download(base() + ".apx", "text/plain", await post("/api/convert", { to: "apx" }));
  $("download-i23").onclick = async () => download(base() + ".af", "text/plain", await post("/api/convert", { to: "i23" }));
  $("download-svg").onclick = () => {
    const svg = $("picture").querySelector("svg");
    if (svg) download(base() + ".svg", "image/svg+xml", svg.outerHTML);
  };
}

async function main() {
  wire();
  const list = await (await fetch("/api/frameworks")).json();
  $("framework-select").innerHTML = list.frameworks.map((f) => `<option value="${f.id}">${esc(f.name)}</option>`).join("");
  if (list.frameworks.length) await loadOffered();
  document.body.dataset.ready = "yes";
}

main();
