// The phone's page: join, then follow the facilitator's open question and vote on it.
// Every text from the server goes in with textContent, never as HTML: a name like <script>
// shows as text.
"use strict";

(function () {
  const token = document.body.dataset.token;
  // The words in the room's language, from the server; "%(name)s" is filled in by say().
  const words = JSON.parse(document.body.dataset.words);
  const say = (name, values) =>
    words[name].replace(/%\((\w+)\)s/g, (all, field) => String(values[field]));
  const $ = (id) => document.getElementById(id);
  let key = null; // kept in memory; the HttpOnly cookie carries it across a reload
  let shown = null; // the round and dimension the option buttons were built for
  let source = null;
  let retry = null;
  let latest = null;

  function screen(id) {
    for (const name of ["join", "vote"]) $(name).hidden = name !== id;
  }

  async function api(method, path, body) {
    const init = { method: method, credentials: "same-origin", cache: "no-store", headers: {} };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    return { status: response.status, data: data };
  }

  function withKey(path) {
    return key ? path + "?key=" + encodeURIComponent(key) : path;
  }

  // --- joining ----------------------------------------------------------------------------

  async function join(name) {
    $("join-error").textContent = "";
    let answer;
    try {
      answer = await api("POST", "/api/join", { token: token, name: name });
    } catch (e) {
      $("join-error").textContent = say("offline");
      return;
    }
    if (answer.status !== 200) {
      const kind = answer.data && answer.data.kind;
      const why = {
        unknown: "unknown",
        full: "full",
        taken: "taken",
        "bad-request": "bad_name",
        "not-this-room": "stale",
        closed: "room_closed",
      }[kind];
      $("join-error").textContent = say(why || "refused");
      return;
    }
    key = answer.data.key;
    latest = null;
    follow();
  }

  for (const button of document.querySelectorAll("button.name")) {
    button.addEventListener("click", () => join(button.dataset.name));
  }
  const add = $("add");
  if (add) {
    add.addEventListener("submit", (event) => {
      event.preventDefault();
      const name = $("new-name").value.trim();
      if (name) join(name);
    });
  }

  // --- following the room -----------------------------------------------------------------

  function follow() {
    screen("vote");
    if (source) source.close();
    source = new EventSource(withKey("/api/events"));
    source.onopen = () => {
      $("offline").hidden = true;
    };
    source.onmessage = (event) => render(JSON.parse(event.data));
    source.onerror = () => {
      $("offline").hidden = false;
      if (source.readyState === EventSource.CLOSED) {
        // Refused (a new run, or too many streams): ask again in a moment.
        clearTimeout(retry);
        retry = setTimeout(start, 2000);
      }
    };
  }

  async function start() {
    let answer;
    try {
      answer = await api("GET", withKey("/api/state"));
    } catch (e) {
      $("offline").hidden = false;
      retry = setTimeout(start, 2000);
      return;
    }
    if (answer.status === 200) {
      render(answer.data);
      follow();
    } else if (answer.status === 403) {
      key = null;
      latest = null;
      if (source) source.close();
      screen("join");
      status(say("pick"), "");
    } else {
      retry = setTimeout(start, 2000);
    }
  }

  // --- drawing ----------------------------------------------------------------------------

  function optionButtons(state) {
    const list = $("options");
    list.replaceChildren();
    const template = $("option-template");
    for (const option of state.options) {
      const item = template.content.cloneNode(true);
      const button = item.querySelector("button");
      button.dataset.value = String(option.value);
      button.querySelector(".value").textContent = String(option.value);
      button.querySelector(".title").textContent = option.label;
      button.querySelector(".text").textContent = option.text;
      button.addEventListener("click", () => vote(option.value));
      list.appendChild(item);
    }
    $("help-box").open = false;
  }

  function votersFor(state, value) {
    if (!state.revealed || !state.votes) return "";
    const names = Object.keys(state.votes).filter((name) => state.votes[name] === value);
    return names.join(", ");
  }

  function counted(state) {
    return say("voted", state);
  }

  function summary(state) {
    if (state.median === null) return say("revealed_none");
    const spread = state.spread === null ? "" : " · " + say("spread", state);
    return say("revealed", state) + spread;
  }

  // Two lines, always: the page never jumps when the text changes.
  function status(main, sub, warn) {
    $("status-text").textContent = main;
    $("status-sub").textContent = sub;
    $("status-sub").classList.toggle("warn", Boolean(warn));
  }

  function statusOf(state) {
    if (state.revealed) {
      if (state.split) return status(summary(state), say("split"), true);
      return status(summary(state), say("shown"));
    }
    if (state.cast) return status(say("counted"), counted(state));
    return status(say("tap"), counted(state));
  }

  function render(state) {
    // An answer that comes late (a vote's, after the stream's reveal) is older: skip it.
    if (latest && state.seq < latest.seq && state.name === latest.name) return;
    latest = state;
    screen("vote");
    $("me").textContent = state.name;
    $("closed").hidden = !state.closed;
    const open = !state.closed && state.dimension !== null;
    $("idle").hidden = state.closed || open;
    $("question").hidden = !open;
    $("context").textContent = open ? state.context || "" : "";
    if (state.closed) {
      if (source) source.close();
      status("", "");
      return;
    }
    if (!open) {
      shown = null;
      status(say("in_as", state), say("joined", state));
      return;
    }
    const here = state.round + "/" + state.dimension;
    if (shown !== here) {
      $("touchpoint").textContent = state.touchpoint;
      $("label").textContent = state.label;
      $("ask").textContent = state.question;
      $("help").textContent = state.help;
      optionButtons(state);
      shown = here;
      window.scrollTo(0, 0);
    }
    for (const button of document.querySelectorAll("#options button, #dont-know")) {
      const value = button.id === "dont-know" ? null : Number(button.dataset.value);
      button.setAttribute("aria-pressed", String(state.cast && state.my_vote === value));
      button.disabled = state.revealed;
      button.querySelector(".voters").textContent = votersFor(state, value);
    }
    $("reveal").hidden = !state.revealed;
    if (state.revealed) {
      $("median").textContent = state.median === null ? say("no_values") : say("median", state);
      $("spread").textContent = state.spread === null ? "" : "· " + say("spread", state);
      $("split").hidden = !state.split;
    }
    statusOf(state);
  }

  async function vote(value) {
    if (!latest || latest.revealed || latest.closed) return;
    const body = { dimension: latest.dimension, value: value, round: latest.round };
    if (key) body.key = key;
    status(say("sending"), counted(latest));
    let answer;
    try {
      answer = await api("POST", "/api/vote", body);
    } catch (e) {
      $("offline").hidden = false;
      status(say("not_sent"), say("again"));
      return;
    }
    if (answer.status === 200) {
      render(answer.data);
    } else if (answer.status === 409) {
      status(say("closed"), "");
      start();
    } else if (answer.status === 429) {
      status(say("moment"), "");
      setTimeout(() => vote(value), 1000);
    } else {
      start();
    }
  }

  $("dont-know").addEventListener("click", () => vote(null));
  start();
})();
