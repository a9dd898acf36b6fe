// The chat page: sign in, ask, read the answer as it streams in, open its sources, rate it.
// Plain browser JavaScript, served by Docent itself (intranet machines reach no CDN).
"use strict";

const API = "/api/v1";
const I_DONT_KNOW = "I don't know based on the available knowledge.";
const $ = (id) => document.getElementById(id);

let token = sessionStorage.getItem("docent.token");
let current = null; // {queryId, sources}
let rating = null;

function claims(jwt) {
    try {
        const payload = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
        return JSON.parse(decodeURIComponent(escape(atob(payload))));
    } catch (e) {
        return null;
    }
}

function show() {
    const signedIn = token && claims(token);
    $("sign-in").hidden = !!signedIn;
    $("chat").hidden = !signedIn;
    $("sign-out").hidden = !signedIn;
    $("who").hidden = !signedIn;
    if (signedIn) {
        const c = claims(token);
        $("who").textContent = `${c.upn || c.sub} · ${(c.groups || []).join(", ")}`;
        $("question").focus();
    }
}

async function offerDevSignIn() {
    // The development sign-in exists only where Docent trusts the development key; elsewhere it is a 404.
    const probe = await fetch(`${API}/dev/token`, {
        method: "POST", headers: {"Content-Type": "application/json"}, body: "{}"
    }).catch(() => null);
    $("dev-sign-in").hidden = !probe || probe.status === 404;
}

function signedIn(newToken) {
    token = newToken;
    sessionStorage.setItem("docent.token", token);
    $("sign-in-error").textContent = "";
    show();
}

$("dev-sign-in").addEventListener("submit", async (event) => {
    event.preventDefault();
    const groups = $("groups").value.split(",").map((g) => g.trim()).filter((g) => g);
    const reply = await fetch(`${API}/dev/token`, {
        method: "POST", headers: {"Content-Type": "application/json"},
        body: JSON.stringify({user: $("user").value.trim(), groups, admin: $("admin").checked})
    });
    const body = await reply.json().catch(() => ({}));
    if (!reply.ok) {
        $("sign-in-error").textContent = body.message || `Sign-in failed (${reply.status}).`;
        return;
    }
    signedIn(body.token);
});

$("token-sign-in").addEventListener("submit", (event) => {
    event.preventDefault();
    const pasted = $("token").value.trim();
    if (!claims(pasted)) {
        $("sign-in-error").textContent = "That is not a token.";
        return;
    }
    signedIn(pasted);
});

$("sign-out").addEventListener("click", () => {
    sessionStorage.removeItem("docent.token");
    token = null;
    $("answer").hidden = true;
    show();
});

$("ask").addEventListener("submit", async (event) => {
    event.preventDefault();
    const question = $("question").value.trim();
    if (!question) {
        return;
    }
    startAnswer();
    try {
        const reply = await fetch(`${API}/ask/stream`, {
            method: "POST",
            headers: {"Content-Type": "application/json", "Authorization": `Bearer ${token}`},
            body: JSON.stringify({question})
        });
        if (!reply.ok) {
            const body = await reply.json().catch(() => ({}));
            if (reply.status === 401) {
                sessionStorage.removeItem("docent.token");
            }
            fail(body.message || `Docent answered ${reply.status}.`, reply.status === 429
                ? `Too many questions; try again in ${reply.headers.get("Retry-After") || "a few"} seconds.` : null);
            return;
        }
        await readEvents(reply.body, onEvent);
    } catch (e) {
        fail("Docent could not be reached. Check your connection and ask again.");
    } finally {
        $("ask-button").disabled = false;
    }
});

function startAnswer() {
    current = null;
    rating = null;
    $("ask-button").disabled = true;
    $("answer").hidden = false;
    $("answer").className = "answer streaming";
    $("answer-text").textContent = "";
    $("sources").replaceChildren();
    $("snippet").hidden = true;
    $("feedback").hidden = true;
    $("feedback-state").textContent = "";
    $("comment").value = "";
    $("thumbs-up").setAttribute("aria-pressed", "false");
    $("thumbs-down").setAttribute("aria-pressed", "false");
    $("state").textContent = "Looking through the documents you may read…";
}

// Server-Sent Events from a POST: EventSource only does GET, so the stream is parsed here.
async function readEvents(body, handle) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
        const {value, done} = await reader.read();
        if (done) {
            return;
        }
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let name = "message";
            const data = [];
            for (const line of block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.slice(6).trim();
                } else if (line.startsWith("data:")) {
                    data.push(line.slice(5).replace(/^ /, ""));
                }
            }
            if (data.length) {
                handle(name, JSON.parse(data.join("\n")));
            }
        }
    }
}

function onEvent(name, data) {
    if (name === "meta") {
        current = {queryId: data.queryId, sources: data.sources || []};
        showSources(current.sources);
        $("state").textContent = "Answering…";
    } else if (name === "token") {
        $("answer-text").append(data.text);
    } else if (name === "done") {
        finish(data);
    } else if (name === "error") {
        fail(data.message || "The answer stopped unexpectedly.");
    }
}

function finish(result) {
    current = {queryId: result.queryId, sources: result.sources || []};
    renderCitations(result.answer);
    showSources(current.sources);
    const notes = [];
    let kind = "answered";
    if (result.answer === I_DONT_KNOW) {
        kind = "unknown";
        notes.push("Nothing you may read answers this question.");
    }
    if (result.degraded) {
        kind += " degraded";
        notes.push("Docent is partly unavailable: this answer comes from a reduced search and may be incomplete.");
    }
    if (result.cached) {
        notes.push("Answered from earlier answers.");
    }
    $("answer").className = `answer ${kind}`;
    $("state").textContent = notes.join(" ");
    $("feedback").hidden = false;
}

function fail(message, detail) {
    $("answer").hidden = false;
    $("answer").className = "answer failed";
    $("state").textContent = detail || message;
    $("ask-button").disabled = false;
}

function renderCitations(text) {
    const target = $("answer-text");
    target.replaceChildren();
    const parts = text.split(/(\[\d+\])/);
    for (const part of parts) {
        const match = /^\[(\d+)\]$/.exec(part);
        if (match && current && current.sources[Number(match[1]) - 1]) {
            const n = Number(match[1]);
            const cite = document.createElement("button");
            cite.type = "button";
            cite.className = "cite";
            cite.textContent = `[${n}]`;
            cite.setAttribute("aria-label", `Source ${n}: ${current.sources[n - 1].title}`);
            cite.addEventListener("click", () => openSource(n));
            target.append(cite);
        } else {
            target.append(part);
        }
    }
}

function showSources(sources) {
    const list = $("sources");
    list.replaceChildren();
    sources.forEach((source, i) => {
        const item = document.createElement("li");
        const open = document.createElement("button");
        open.type = "button";
        open.className = "source";
        open.textContent = source.title;
        open.addEventListener("click", () => openSource(i + 1));
        item.append(open);
        list.append(item);
    });
}

function openSource(n) {
    const source = current.sources[n - 1];
    const panel = $("snippet");
    panel.replaceChildren();
    const title = document.createElement("h4");
    title.textContent = `[${n}] ${source.title}`;
    const text = document.createElement("p");
    text.textContent = source.snippet;
    panel.append(title, text);
    panel.hidden = false;
    panel.focus();
}

for (const [id, value] of [["thumbs-up", "up"], ["thumbs-down", "down"]]) {
    $(id).addEventListener("click", () => {
        rating = value;
        $("thumbs-up").setAttribute("aria-pressed", String(value === "up"));
        $("thumbs-down").setAttribute("aria-pressed", String(value === "down"));
    });
}

$("feedback").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!rating || !current) {
        $("feedback-state").textContent = "Choose Helpful or Not helpful first.";
        return;
    }
    const reply = await fetch(`${API}/feedback`, {
        method: "POST",
        headers: {"Content-Type": "application/json", "Authorization": `Bearer ${token}`},
        body: JSON.stringify({queryId: current.queryId, rating, comment: $("comment").value})
    }).catch(() => null);
    const body = reply ? await reply.json().catch(() => ({})) : {};
    $("feedback-state").textContent = reply && reply.ok ? "Thank you, your feedback was saved."
        : (body.message || "Your feedback could not be saved; try again.");
});

show();
if (!token) {
    offerDevSignIn();
}
