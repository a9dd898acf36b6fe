// The administrators' console: dashboard, documents, jobs, cache and evaluation runs, all from Docent's own API.
"use strict";

const API = "/api/v1";
const $ = (id) => document.getElementById(id);
const token = sessionStorage.getItem("docent.token");
const charts = {};

function claims(jwt) {
    try {
        return JSON.parse(decodeURIComponent(escape(atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")))));
    } catch (e) {
        return null;
    }
}

async function api(path, options = {}) {
    const headers = Object.assign({"Authorization": `Bearer ${token}`}, options.headers || {});
    const reply = await fetch(`${API}${path}`, Object.assign({}, options, {headers}));
    const body = reply.status === 204 ? {} : await reply.json().catch(() => ({}));
    if (!reply.ok) {
        throw new Error(body.message || `${path} answered ${reply.status}`);
    }
    return body;
}

function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text == null ? "" : String(text);
    row.append(td);
    return td;
}

function chart(id, type, labels, datasets, options = {}) {
    if (charts[id]) {
        charts[id].destroy();
    }
    charts[id] = new Chart($(id), {type, data: {labels, datasets}, options: Object.assign({
        animation: false, responsive: true, maintainAspectRatio: false}, options)});
}

async function loadDashboard() {
    const days = Number($("days").value);
    const [series, users, collections, runs] = await Promise.all([
        api(`/admin/dashboard?days=${days}`), api(`/admin/usage?by=user&days=${days}`),
        api(`/admin/usage?by=collection&days=${days}`), api("/admin/eval-runs?limit=50")]);
    const buckets = series.buckets;
    const labels = buckets.map((b) => new Date(b.start).toLocaleString([], days <= 2
        ? {hour: "2-digit", minute: "2-digit"} : {month: "short", day: "numeric"}));
    chart("chart-latency", "line", labels, [
        {label: "P50", data: buckets.map((b) => b.p50Ms)},
        {label: "P95", data: buckets.map((b) => b.p95Ms)}]);
    chart("chart-requests", "bar", labels, [{label: "questions", data: buckets.map((b) => b.questions)}]);
    chart("chart-ratios", "line", labels, [
        {label: "cache hits", data: buckets.map((b) => b.cacheHitRatio)},
        {label: "helpful", data: buckets.map((b) => b.feedbackUp + b.feedbackDown === 0 ? null
                : b.feedbackUp / (b.feedbackUp + b.feedbackDown))}], {scales: {y: {min: 0, max: 1}}});
    const usage = (lines) => [
        {label: "tokens in", data: lines.map((l) => l.inputTokens), yAxisID: "tokens"},
        {label: "tokens out", data: lines.map((l) => l.outputTokens), yAxisID: "tokens"},
        {label: "cost", data: lines.map((l) => l.cost), yAxisID: "cost", type: "line"}];
    const usageScales = {scales: {tokens: {position: "left"}, cost: {position: "right"}}};
    chart("chart-users", "bar", users.usage.map((l) => l.key), usage(users.usage), usageScales);
    chart("chart-collections", "bar", collections.usage.map((l) => l.key), usage(collections.usage), usageScales);
    const ordered = runs.runs.slice().reverse();
    chart("chart-quality", "line", ordered.map((r) => `${r.dataset} ${r.mode} ${new Date(r.createdAt).toLocaleDateString()}`), [
        {label: "hit@10", data: ordered.map((r) => r.hitAt10)},
        {label: "MRR@10", data: ordered.map((r) => r.mrrAt10)},
        {label: "nDCG@10", data: ordered.map((r) => r.ndcgAt10)}], {scales: {y: {min: 0, max: 1}}});
    const rows = $("eval-rows");
    rows.replaceChildren();
    for (const run of runs.runs) {
        const row = document.createElement("tr");
        [new Date(run.createdAt).toLocaleString(), run.dataset, run.mode, run.queries, run.hitAt10.toFixed(3),
            run.mrrAt10.toFixed(3), run.ndcgAt10.toFixed(3)].forEach((v) => cell(row, v));
        rows.append(row);
    }
}

async function loadDocuments() {
    const list = await api("/documents?limit=200");
    const rows = $("document-rows");
    rows.replaceChildren();
    for (const doc of list.documents) {
        const row = document.createElement("tr");
        row.dataset.documentId = doc.documentId;
        cell(row, doc.title);
        cell(row, doc.collection);
        cell(row, doc.status).className = `status ${doc.status}`;
        cell(row, doc.chunkCount);
        const groups = document.createElement("input");
        groups.value = doc.groups.join(", ");
        groups.setAttribute("aria-label", `Groups of ${doc.title}`);
        groups.className = "groups";
        cell(row, "").append(groups);
        const actions = cell(row, "");
        const save = document.createElement("button");
        save.type = "button";
        save.textContent = "Save groups";
        save.addEventListener("click", async () => {
            try {
                await api(`/documents/${doc.documentId}/acl`, {method: "PUT",
                    headers: {"Content-Type": "application/json"},
                    body: JSON.stringify({groups: groups.value.split(",").map((g) => g.trim()).filter((g) => g)})});
                await loadDocuments();
            } catch (e) {
                alert(e.message);
            }
        });
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "danger";
        remove.textContent = "Delete";
        remove.addEventListener("click", async () => {
            if (confirm(`Delete "${doc.title}" for everyone?`)) {
                await api(`/documents/${doc.documentId}`, {method: "DELETE"}).catch((e) => alert(e.message));
                await loadDocuments();
            }
        });
        const reingest = document.createElement("button");
        reingest.type = "button";
        reingest.textContent = "Re-ingest";
        reingest.addEventListener("click", async () => {
            try {
                await api(`/documents/${doc.documentId}/reingest`, {method: "POST"});
                await Promise.all([loadDocuments(), loadJobs()]);
            } catch (e) {
                alert(e.message);
            }
        });
        actions.append(save, reingest, remove);
        rows.append(row);
    }
}

async function loadJobs() {
    const status = $("job-status").value;
    const list = await api(`/ingestion-jobs?limit=100${status ? `&status=${status}` : ""}`);
    const rows = $("job-rows");
    rows.replaceChildren();
    for (const job of list.jobs) {
        const row = document.createElement("tr");
        cell(row, new Date(job.createdAt).toLocaleString());
        cell(row, job.source);
        cell(row, job.action);
        cell(row, job.status).className = `status ${job.status}`;
        cell(row, job.attempts);
        cell(row, `${job.chunksTotal} (${job.chunksEmbedded} / ${job.chunksReused})`);
        cell(row, job.error);
        rows.append(row);
    }
}

async function loadDeadLetters() {
    const list = await api("/ingestion-jobs/dead-letters?limit=100");
    const rows = $("dead-letter-rows");
    rows.replaceChildren();
    for (const letter of list.deadLetters) {
        const row = document.createElement("tr");
        [new Date(letter.failedAt).toLocaleString(), letter.externalId, letter.collection, letter.jobId, letter.error]
            .forEach((v) => cell(row, v));
        rows.append(row);
    }
}

async function loadCollections() {
    const list = await api("/collections");
    const rows = $("collection-rows");
    rows.replaceChildren();
    for (const collection of list.collections) {
        const row = document.createElement("tr");
        [collection.name, collection.description, collection.defaultTtlDays, collection.documents]
            .forEach((v) => cell(row, v));
        rows.append(row);
    }
}

$("new-collection").addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = {name: $("collection-name").value.trim()};
    if ($("collection-description").value.trim()) {
        body.description = $("collection-description").value.trim();
    }
    if ($("collection-ttl").value) {
        body.defaultTtlDays = Number($("collection-ttl").value);
    }
    try {
        await api("/collections", {method: "POST", headers: {"Content-Type": "application/json"},
            body: JSON.stringify(body)});
        $("collection-state").textContent = `Collection ${body.name} created.`;
        await loadCollections();
    } catch (e) {
        $("collection-state").textContent = e.message;
    }
});

async function loadCache() {
    const stats = await api("/admin/cache");
    $("cache-size").textContent = stats.entries;
}

$("upload").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData();
    form.append("file", $("file").files[0]);
    form.append("groups", $("upload-groups").value);
    if ($("upload-collection").value.trim()) {
        form.append("collection", $("upload-collection").value.trim());
    }
    if ($("upload-ttl").value) {
        form.append("ttlDays", $("upload-ttl").value);
    }
    $("upload-state").textContent = "Uploading…";
    try {
        const accepted = await api("/documents", {method: "POST", body: form});
        $("upload-state").textContent = `Accepted; job ${accepted.status}…`;
        for (let i = 0; i < 240; i++) {
            const job = await api(`/ingestion-jobs/${accepted.jobId}`);
            $("upload-state").textContent = `Job ${job.status}${job.error ? `: ${job.error}` : ""}`;
            if (job.status === "done" || job.status === "failed") {
                break;
            }
            await new Promise((resolve) => setTimeout(resolve, 500));
        }
        await Promise.all([loadDocuments(), loadJobs()]);
    } catch (e) {
        $("upload-state").textContent = e.message;
    }
});

$("flush").addEventListener("click", async () => {
    const flushed = await api("/admin/cache", {method: "DELETE"});
    $("cache-state").textContent = `Flushed ${flushed.flushed} answers.`;
    await loadCache();
});

$("days").addEventListener("change", loadDashboard);
$("job-status").addEventListener("change", loadJobs);

const me = token && claims(token);
if (!me || !(me.groups || []).includes("admin")) {
    $("not-admin").hidden = false;
    document.querySelectorAll("main section").forEach((s) => { s.hidden = true; });
} else {
    $("who").textContent = me.upn || me.sub;
    Promise.all([loadDashboard(), loadDocuments(), loadJobs(), loadDeadLetters(), loadCollections(), loadCache()])
        .then(() => document.body.setAttribute("data-loaded", "true"))
        .catch((e) => { $("not-admin").textContent = e.message; $("not-admin").hidden = false; });
}
