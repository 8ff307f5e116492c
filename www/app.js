// The demo page: the package used exactly as a page without a bundler uses it. Everything shown
// comes from the typed results and DingTalkError fields; server text is only ever set as text.
import { CalendarClient, DingTalkError } from "dingtalk-calendar";
import { MOCK_URL } from "./config.js";

const $ = (id) => document.getElementById(id);
const baseUrlInput = $("base-url");
const tokenInput = $("access-token");
const userInput = $("user-id");
const calendarInput = $("calendar-id");
const buttons = ["get", "subscribe", "unsubscribe", "delete", "create", "update", "reset"].map($);

baseUrlInput.value = MOCK_URL;
tokenInput.value = "demo-access-token";

const OPERATIONS = {
  get: { method: "GET", call: (c, u, id) => c.getSubscribedCalendar(u, id) },
  subscribe: { method: "POST", call: (c, u, id) => c.subscribeCalendar(u, id) },
  unsubscribe: { method: "POST", call: (c, u, id) => c.unsubscribeCalendar(u, id) },
  delete: { method: "DELETE", call: (c, u, id) => c.deleteSubscribedCalendar(u, id) },
};

// The log entry of the call under way; the client's requests go through this fetch, which
// records each attempt's method, path and status (never a header, so never the token).
let current = null;
async function loggingFetch(request) {
  if (current) {
    current.attempts += 1;
    current.method = request.method;
    current.path = new URL(request.url).pathname;
  }
  const response = await fetch(request);
  if (current) current.status = response.type === "opaqueredirect" ? "redirect" : String(response.status);
  return response;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function list(items) {
  if (!items || items.length === 0) return el("span", "none");
  const ul = el("ul");
  for (const item of items) ul.append(el("li", item));
  return ul;
}

function showCalendar(calendar) {
  const card = el("article", undefined, "card");
  card.append(el("h3", calendar.name ?? calendar.calendarId));
  const dl = el("dl");
  const row = (term, value) => {
    dl.append(el("dt", term));
    const dd = el("dd");
    dd.append(typeof value === "string" ? document.createTextNode(value) : value);
    dl.append(dd);
  };
  row("calendarId", calendar.calendarId);
  row("description", calendar.description ?? "none");
  row("author", calendar.author ?? "unknown");
  row("managers", list(calendar.managers));
  const scope = calendar.subscribeScope ?? {};
  row("may subscribe: users", list(scope.unionIds));
  row("may subscribe: group chats", list(scope.openConversationIds));
  row("may subscribe: organisations", list(scope.corpIds));
  card.append(dl);
  const raw = el("details");
  raw.append(el("summary", "Raw JSON"), el("pre", JSON.stringify(calendar, null, 2)));
  card.append(raw);
  return card;
}

function showResult(response) {
  if (response === undefined) return el("p", "subscribed", "result");
  if (response.calendarId !== undefined) return el("p", `created: ${response.calendarId}`, "result");
  return el("p", `result: ${response.result}`, "result");
}

// ---- create and update, through the demo's backend (scripts/demo-backend.mjs) ---------------

const ids = (id) => $(id).value.split(",").map((s) => s.trim()).filter(Boolean);

/** The form's fields, only those filled in (an update sends only what changes). */
function calendarFields() {
  const fields = {};
  const text = (key, id) => {
    if ($(id).value.trim()) fields[key] = $(id).value;
  };
  text("name", "cal-name");
  text("description", "cal-description");
  if (ids("cal-managers").length) fields.managers = ids("cal-managers");
  const scope = {};
  if (ids("cal-union-ids").length) scope.unionIds = ids("cal-union-ids");
  if (ids("cal-chat-ids").length) scope.openConversationIds = ids("cal-chat-ids");
  if (ids("cal-corp-ids").length) scope.corpIds = ids("cal-corp-ids");
  if (Object.keys(scope).length) fields.subscribeScope = scope;
  return fields;
}

/** A backend failure as the DingTalkError it was on the server. */
function backendError(body) {
  const { kind = "network", message = "the demo's server did not answer", ...rest } = body ?? {};
  return DingTalkError.from({ kind, message, ...rest });
}

async function viaBackend(name) {
  const creating = name === "create";
  setBusy(true);
  const user = encodeURIComponent(userInput.value);
  const path = creating ? `/api/users/${user}/calendars` : `/api/users/${user}/calendars/${encodeURIComponent(calendarInput.value)}`;
  const entry = { time: new Date(), method: creating ? "POST" : "PUT", path: `${path} (demo server)`, status: "", attempts: 1 };
  const started = performance.now();
  try {
    const response = await fetch(path, {
      method: entry.method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(calendarFields()),
    });
    entry.status = String(response.status);
    const body = await response.json().catch(() => undefined);
    if (!response.ok) throw backendError(body);
    if (creating) calendarInput.value = body.calendarId;
    show(showResult(body));
    if (creating) loadChoices();
  } catch (error) {
    if (!entry.status) entry.status = "error";
    show(showError(error));
  } finally {
    entry.duration = performance.now() - started;
    log(entry);
    setBusy(false);
  }
}

function showError(error) {
  const panel = el("div", undefined, "error");
  panel.setAttribute("role", "alert");
  if (!(error instanceof DingTalkError)) {
    panel.append(el("h3", "Unexpected error"), el("p", String(error)));
    return panel;
  }
  panel.append(el("h3", `DingTalkError: ${error.kind}`));
  const dl = el("dl");
  for (const [term, value] of [
    ["kind", error.kind],
    ["status", error.status ?? "none"],
    ["code", error.code ?? "none"],
    ["requestId", error.requestId ?? "none"],
    ["retryable", String(error.retryable)],
    ["message", error.message],
  ]) {
    dl.append(el("dt", term), el("dd", String(value)));
  }
  panel.append(dl);
  return panel;
}

function show(node) {
  $("answer").replaceChildren(node);
}

function log(entry) {
  const row = el("tr");
  row.append(
    el("td", entry.time.toLocaleTimeString()),
    el("td", entry.method),
    el("td", entry.path, "path"),
    el("td", entry.status),
    el("td", `${Math.round(entry.duration)} ms`),
    el("td", String(entry.attempts)),
  );
  $("log").prepend(row);
}

function setBusy(busy) {
  for (const button of buttons) button.disabled = busy;
}

async function run(name) {
  const operation = OPERATIONS[name];
  setBusy(true);
  const entry = { time: new Date(), method: operation.method, path: "(not sent)", status: "", attempts: 0 };
  current = entry;
  const started = performance.now();
  try {
    const client = new CalendarClient({
      accessToken: tokenInput.value,
      baseUrl: baseUrlInput.value.trim() || undefined,
      fetch: loggingFetch,
    });
    const value = await operation.call(client, userInput.value, calendarInput.value);
    show(name === "get" ? showCalendar(value) : showResult(value));
  } catch (error) {
    if (!entry.status) entry.status = error instanceof DingTalkError ? error.kind : "error";
    show(showError(error));
  } finally {
    entry.duration = performance.now() - started;
    current = null;
    log(entry);
    setBusy(false);
  }
}

async function resetDemo() {
  setBusy(true);
  try {
    const response = await fetch(`${MOCK_URL}/__mock/reset`, { method: "POST" });
    show(el("p", response.ok ? "Demo data reset." : `Reset failed: HTTP ${response.status}`, "result"));
  } catch (error) {
    show(el("p", `Reset failed: the mock at ${MOCK_URL} did not answer (${error.message}).`, "result"));
  } finally {
    setBusy(false);
  }
}

// The mock's users and calendars as choices (the mock only: DingTalk has no such listing).
async function loadChoices() {
  try {
    const response = await fetch(`${MOCK_URL}/__mock/state`);
    const state = await response.json();
    $("users").replaceChildren(...state.users.map((u) => Object.assign(el("option"), { value: u.unionId, label: u.name ?? u.unionId })));
    $("calendars").replaceChildren(...state.calendars.map((c) => Object.assign(el("option"), { value: c.calendarId, label: c.name ?? c.calendarId })));
    $("people").textContent = state.users.map((u) => `${u.unionId}: ${u.name ?? ""}`).join(" · ");
  } catch {
    $("people").textContent = "The mock's users and calendars could not be listed.";
  }
}

$("get").addEventListener("click", () => run("get"));
$("subscribe").addEventListener("click", () => run("subscribe"));
$("create").addEventListener("click", () => viaBackend("create"));
$("update").addEventListener("click", () => viaBackend("update"));
$("unsubscribe").addEventListener("click", () => run("unsubscribe"));
$("delete").addEventListener("click", () => run("delete"));
$("reset").addEventListener("click", resetDemo);
loadChoices();
