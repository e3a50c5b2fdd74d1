// SMOFT CRM Intelligent: the page for people who don't code. Plain JavaScript, no build step, no CDN.
"use strict";

const TEXTS = {
  fr: {
    tagline: "Qui appeler en premier ?", apiKey: "Clé API (si demandée)", unauthorized: "Le service demande une clé API valide (champ en haut de la page).", "tab.one": "Noter un client", "tab.base": "Noter ma base", "tab.model": "Le modèle",
    "action.score": "Calculer le score", "action.batch": "Noter la base", "result.next": "Prochaine action", "result.reasons": "Pourquoi ce score",
    "base.csv": "Fichier CSV (colonnes de l'API, sans « converted »)", "base.json": "… ou collez du JSON (liste de clients)",
    "base.filter": "Segment", "base.all": "Tous", "base.search": "N° client", "base.download": "Télécharger en CSV",
    "model.importance": "Ce qui compte pour le modèle", "model.distribution": "Scores attribués depuis le démarrage",
    "model.segments": "Répartition par segment", "model.metrics": "Qualité sur des clients jamais vus",
    required: "Champ obligatoire", whole: "Nombre entier ≥ 0 attendu", number: "Nombre ≥ 0 attendu",
    fixFields: "Corrigez les champs signalés.",
    noInput: "Choisissez un fichier CSV ou collez du JSON.", badJson: "Le JSON n'est pas lisible : ",
    row: (line, index) => line ? `Ligne ${line} (client n° ${index + 1})` : `Client n° ${index + 1}`,
    refused: "La base a été refusée, rien n'a été noté :", network: "Le service ne répond pas.",
    customers: "clients", none: "Aucun client noté pour l'instant.",
    feature: { recency_days: "Fraîcheur du dernier contact", contact_frequency: "Nombre de contacts",
      total_purchase_amount: "Montant dépensé", email_open_rate: "Taux d'ouverture des emails", website_visits: "Visites sur le site",
      customer_age_days: "Ancienneté", rfm_score: "Score RFM" },
    apiMessage: { "is required": "champ obligatoire", "must be greater than or equal to 0": "doit être supérieur ou égal à 0",
      "must be a customer object, not null": "ligne vide" },
    metric: { auc: "AUC", accuracy: "Exactitude", brier_score: "Score de Brier", calibration_error: "Erreur de calibration",
      hot_precision: "Précision des Hot", hot_recall: "Rappel des Hot", base_rate: "Taux de conversion" },
  },
  en: {
    tagline: "Who do I call first?", apiKey: "API key (if required)", unauthorized: "The service needs a valid API key (field at the top of the page).", "tab.one": "Score one customer", "tab.base": "Score my base", "tab.model": "The model",
    "action.score": "Score", "action.batch": "Score the base", "result.next": "Next action", "result.reasons": "Why this score",
    "base.csv": "CSV file (the API's columns, without “converted”)", "base.json": "… or paste JSON (a list of customers)",
    "base.filter": "Segment", "base.all": "All", "base.search": "Customer id", "base.download": "Download as CSV",
    "model.importance": "What matters to the model", "model.distribution": "Scores given since start",
    "model.segments": "Share of each segment", "model.metrics": "Quality on customers never seen",
    required: "Required", whole: "A whole number ≥ 0", number: "A number ≥ 0",
    fixFields: "Please fix the fields marked.",
    noInput: "Choose a CSV file or paste JSON.", badJson: "The JSON cannot be read: ",
    row: (line, index) => line ? `Line ${line} (customer #${index + 1})` : `Customer #${index + 1}`,
    refused: "The base was refused, nothing was scored:", network: "The service does not answer.",
    customers: "customers", none: "No customer scored yet.",
    feature: { recency_days: "Recency of last contact", contact_frequency: "Number of contacts",
      total_purchase_amount: "Amount spent", email_open_rate: "Email open rate", website_visits: "Website visits",
      customer_age_days: "Customer age", rfm_score: "RFM score" },
    apiMessage: { "is required": "required", "must be greater than or equal to 0": "must be 0 or more",
      "must be a customer object, not null": "empty line" },
    metric: { auc: "AUC", accuracy: "Accuracy", brier_score: "Brier score", calibration_error: "Calibration error",
      hot_precision: "Hot precision", hot_recall: "Hot recall", base_rate: "Conversion rate" },
  },
};

// The eight input fields, their kinds, labels and limits come from the service (GET /api/contract), not from a copy.
let FIELDS = [];
const KINDS = {};
const SEGMENTS = ["Hot", "Warm", "Cold"];
const COLOURS = { Hot: "var(--hot)", Warm: "var(--warm)", Cold: "var(--cold)" };

let language = "fr";
let results = [];
let csvLines = null;

const $ = (id) => document.getElementById(id);
const t = (key) => TEXTS[language][key];

function applyLanguage() {
  document.documentElement.lang = language;
  document.querySelectorAll("[data-i18n]").forEach((el) => {
    const text = t(el.dataset.i18n);
    if (text !== undefined) el.textContent = text;
  });
  $("language").textContent = language === "fr" ? "EN" : "FR";
  $("language").setAttribute("aria-label", language === "fr" ? "English" : "Français");
}

// When the service is run with API keys, the key typed at the top of the page goes with every call
// (kept for this browser tab only).
async function callApi(path, options = {}) {
  const headers = { ...(options.headers || {}), "Accept-Language": language };
  const key = $("api-key").value.trim();
  if (key) headers["X-API-Key"] = key;
  const response = await fetch(path, { ...options, headers });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) body.detail = t("unauthorized");
  return { ok: response.ok, status: response.status, body };
}

// ---- The input contract ------------------------------------------------------------------

async function loadContract() {
  const { ok, body } = await callApi("/api/contract");
  if (!ok) return;
  FIELDS = body.map((field) => field.key);
  for (const field of body) {
    KINDS[field.key] = field.kind;
    TEXTS.fr["field." + field.key] = field.label_fr;
    TEXTS.en["field." + field.key] = field.label_en;
    const input = $(field.key);
    if (field.minimum !== undefined) input.min = field.minimum;
    if (field.maximum !== undefined) input.max = field.maximum;
    if (field.max_length !== undefined) input.maxLength = field.max_length;
  }
  applyLanguage();
}

// ---- Score one customer ----------------------------------------------------------------

function readForm() {
  const customer = {};
  let valid = true;
  for (const field of FIELDS) {
    const input = $(field);
    const raw = input.value.trim();
    let problem = "";
    if (raw === "") problem = t("required");
    else if (KINDS[field] === "amount" && !(Number(raw) >= Number(input.min) && Number(raw) <= Number(input.max))) problem = t("number");
    else if (KINDS[field] === "count" && !/^\d+$/.test(raw)) problem = t("whole");
    // An id is a number when written as one (and exact as a JavaScript number), otherwise the CRM's text id.
    const numeric = KINDS[field] !== "id" || (/^\d{1,15}$/.test(raw));
    customer[field] = numeric ? Number(raw) : raw;
    showFieldError(field, problem);
    valid = valid && !problem;
  }
  return valid ? customer : null;
}

function showFieldError(field, message) {
  $(field + "-error").textContent = message;
  $(field).setAttribute("aria-invalid", message ? "true" : "false");
}

async function scoreOne(event) {
  event.preventDefault();
  $("form-error").textContent = "";
  if (!FIELDS.length) await loadContract();
  const customer = readForm();
  if (!customer) { $("form-error").textContent = t("fixFields"); return; }
  try {
    const { ok, body } = await callApi("/api/score?explain=true", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(customer) });
    if (!ok) {
      (body.errors || []).forEach((error) => showFieldError(error.field, error.message));
      $("form-error").textContent = body.detail || t("fixFields");
      return;
    }
    showResult(body);
  } catch (e) {
    $("form-error").textContent = t("network");
  }
}

function showResult(score) {
  $("result").hidden = false;
  $("score-value").textContent = score.score;
  const fill = $("gauge-fill");
  fill.setAttribute("stroke-dasharray", `${score.score} 100`);
  fill.style.stroke = COLOURS[score.segment];
  const segment = $("segment");
  segment.textContent = score.segment;
  segment.className = "segment " + score.segment;
  $("recommendation").textContent = score.recommendation;
  $("next-action").textContent = score.next_action ? score.next_action.text : "";
  const reasons = $("reasons");
  reasons.replaceChildren(...(score.reasons || []).map((reason) => {
    const item = document.createElement("li");
    item.className = reason.impact > 0 ? "up" : "down";
    item.textContent = `${reason.text} (${reason.impact > 0 ? "+" : ""}${reason.impact.toFixed(1)})`;
    return item;
  }));
}

// ---- Score my base ---------------------------------------------------------------------

function readFile(file) {
  return new Promise((resolve, reject) => Papa.parse(file, {
    header: true, skipEmptyLines: true, transformHeader: (h) => h.trim().toLowerCase(),
    complete: (parsed) => resolve(parsed), error: reject }));
}

function toNumber(value) {
  const text = String(value ?? "").trim();
  return text !== "" && !Number.isNaN(Number(text)) ? Number(text) : text;
}

async function scoreBase() {
  $("batch-error").replaceChildren();
  if (!FIELDS.length) await loadContract();
  let clients;
  csvLines = null;
  const file = $("csv-file").files[0];
  if (file) {
    const parsed = await readFile(file);
    clients = parsed.data.map((row) => Object.fromEntries(FIELDS.map((field) => [field, toNumber(row[field])])));
    csvLines = clients.map((_, index) => index + 2);
  } else if ($("json-text").value.trim()) {
    try {
      const pasted = JSON.parse($("json-text").value);
      clients = Array.isArray(pasted) ? pasted : pasted.clients;
    } catch (e) {
      $("batch-error").textContent = t("badJson") + e.message;
      return;
    }
  } else {
    $("batch-error").textContent = t("noInput");
    return;
  }
  try {
    const { ok, body } = await callApi("/api/batch_score?sort=score", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ clients }) });
    if (!ok) { showBatchErrors(body); return; }
    results = body.results;
    $("batch-result").hidden = false;
    $("counts").replaceChildren(...SEGMENTS.map((segment) => {
      const count = document.createElement("span");
      count.textContent = `${segment}: ${body.summary[segment]}`;
      count.style.color = COLOURS[segment];
      return count;
    }));
    renderTable();
  } catch (e) {
    $("batch-error").textContent = t("network");
  }
}

// The API names a bad row as clients[3].emails_opened; a person reads "Line 5 (customer #4) - Emails opened: ...".
function showBatchErrors(problem) {
  const box = $("batch-error");
  const intro = document.createElement("p");
  intro.textContent = t("refused");
  const list = document.createElement("ul");
  const errors = problem.errors && problem.errors.length ? problem.errors : [{ field: "", message: problem.detail || "" }];
  for (const error of errors) {
    const match = /^clients\[(\d+)]\.?(.*)$/.exec(error.field);
    const message = t("apiMessage")[error.message] || error.message;
    const item = document.createElement("li");
    if (match) {
      const index = Number(match[1]);
      const field = match[2] ? ` - ${t("field." + match[2]) || match[2]}` : "";
      item.textContent = `${t("row")(csvLines ? csvLines[index] : null, index)}${field} : ${message}`;
    } else {
      item.textContent = error.field ? `${error.field} : ${message}` : message;
    }
    list.append(item);
  }
  box.replaceChildren(intro, list);
}

function visibleResults() {
  const segment = $("segment-filter").value;
  const search = $("id-search").value.trim();
  return results.filter((r) => (!segment || r.segment === segment) && (!search || String(r.customer_id).includes(search)));
}

function renderTable() {
  const rows = visibleResults().map((result) => {
    const row = document.createElement("tr");
    const rank = results.indexOf(result) + 1;
    for (const value of [rank, result.customer_id, result.score, result.segment, result.next_action.text]) {
      const cell = document.createElement("td");
      cell.textContent = value;
      row.append(cell);
    }
    row.children[3].style.color = COLOURS[result.segment];
    return row;
  });
  $("call-list").tBodies[0].replaceChildren(...rows);
}

function downloadCsv() {
  const csv = Papa.unparse(visibleResults().map((r) => ({ customer_id: r.customer_id, score: r.score, segment: r.segment,
    priority: r.priority, next_action: r.next_action.action, within_hours: r.next_action.within_hours, recommendation: r.recommendation })));
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  link.download = "smoft-scores.csv";
  link.click();
}

// ---- The model -------------------------------------------------------------------------

async function showModel() {
  const { ok, body } = await callApi("/api/stats");
  if (!ok) return;
  const features = [...body.model.features].sort((a, b) => b.importance - a.importance);
  const top = features[0].importance;
  $("importance").replaceChildren(...features.map((feature) => {
    const row = document.createElement("div");
    row.className = "bar-row";
    row.innerHTML = `<span></span><div class="bar"></div><span></span>`;
    row.children[0].textContent = t("feature")[feature.name] || feature.name;
    row.children[1].style.width = `${(100 * feature.importance) / top}%`;
    row.children[2].textContent = `${Math.round(100 * feature.importance)} %`;
    return row;
  }));
  const bins = body.service.score_distribution;
  const most = Math.max(1, ...bins.map((bin) => bin.count));
  const histogram = $("distribution");
  histogram.replaceChildren(...bins.map((bin) => {
    const bar = document.createElement("div");
    bar.style.height = `${(100 * bin.count) / most}%`;
    bar.title = `${bin.range}: ${bin.count}`;
    bar.dataset.count = bin.count;
    return bar;
  }));
  document.getElementById("hist-labels")?.remove();
  const labels = document.createElement("div");
  labels.id = "hist-labels";
  labels.className = "hist-labels";
  labels.replaceChildren(...bins.map((bin) => { const s = document.createElement("span"); s.textContent = bin.range.split("-")[0]; return s; }));
  histogram.after(labels);
  const perSegment = body.service.per_segment;
  const total = SEGMENTS.reduce((sum, segment) => sum + perSegment[segment], 0);
  const shares = document.createElement("div");
  shares.className = "shares";
  const legend = document.createElement("ul");
  legend.className = "legend";
  if (total === 0) {
    shares.textContent = t("none");
  } else {
    shares.replaceChildren(...SEGMENTS.filter((s) => perSegment[s] > 0).map((segment) => {
      const part = document.createElement("div");
      part.style.width = `${(100 * perSegment[segment]) / total}%`;
      part.style.background = COLOURS[segment];
      return part;
    }));
    legend.replaceChildren(...SEGMENTS.map((segment) => {
      const item = document.createElement("li");
      item.style.setProperty("--swatch", COLOURS[segment]);
      item.textContent = `${segment} : ${Math.round((100 * perSegment[segment]) / total)} % (${perSegment[segment]} ${t("customers")})`;
      return item;
    }));
  }
  $("segment-shares").replaceChildren(shares, legend);
  const metrics = body.model.holdout;
  $("metrics").replaceChildren(...Object.entries(t("metric")).map(([key, label]) => {
    const row = document.createElement("tr");
    row.innerHTML = "<th></th><td></td>";
    row.children[0].textContent = label;
    row.children[1].textContent = metrics[key].toFixed(3);
    return row;
  }));
}

// ---- Wiring ----------------------------------------------------------------------------

function selectTab(name) {
  document.querySelectorAll(".tab").forEach((tab) => tab.setAttribute("aria-selected", String(tab.dataset.tab === name)));
  document.querySelectorAll(".panel").forEach((panel) => { panel.hidden = panel.id !== name; });
  if (name === "model") showModel();
}

document.querySelectorAll(".tab").forEach((tab) => tab.addEventListener("click", () => selectTab(tab.dataset.tab)));
$("language").addEventListener("click", () => {
  language = language === "fr" ? "en" : "fr";
  applyLanguage();
  // Texts from the service follow the language too: ask again for what is on screen.
  if (!$("result").hidden) $("customer-form").requestSubmit();
  if (!$("model").hidden) showModel();
  if (results.length) scoreBase();
});
$("customer-form").addEventListener("submit", scoreOne);
$("batch-button").addEventListener("click", scoreBase);
$("segment-filter").addEventListener("change", renderTable);
$("id-search").addEventListener("input", renderTable);
$("download").addEventListener("click", downloadCsv);
$("api-key").value = sessionStorage.getItem("smoft-api-key") || "";
$("api-key").addEventListener("change", () => sessionStorage.setItem("smoft-api-key", $("api-key").value.trim()));
applyLanguage();
loadContract();
