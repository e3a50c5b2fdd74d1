// SMOFT CRM Intelligent: the page for people who don't code. Plain JavaScript, no build step, no CDN.
"use strict";

const TEXTS = {
  fr: {
    tagline: "Qui appeler en premier ?", apiKey: "Clé API (si demandée)", unauthorized: "Le service demande une clé API valide (champ en haut de la page).", "tab.one": "Noter un client", "tab.base": "Noter ma base", "tab.model": "Le modèle",
    "action.score": "Calculer le score", "action.batch": "Noter la base", "result.next": "Prochaine action", "result.reasons": "Pourquoi ce score",
    "base.csv": "Fichier CSV exporté de votre CRM ou d'Excel", "base.json": "… ou collez du JSON (liste de clients)",
    "base.hint": "Les colonnes de l'API (customer_id, days_since_last_contact, …) dans n'importe quel ordre, avec toutes les vôtres (nom, société, téléphone, email…) ; séparateur , ou ; ; décimales à virgule ; UTF-8 ou Windows-1252.",
    "base.filter": "Segment", "base.all": "Tous", "base.search": "Rechercher", "base.download": "Télécharger pour Excel",
    "segment.Hot": "Chaud", "segment.Warm": "Tiède", "segment.Cold": "Froid", colon: " : ",
    action: { CALL: "Appeler", EMAIL: "Envoyer un email", NURTURE: "Relance automatique" },
    column: { rank: "#", name: "Nom", company: "Société", phone: "Téléphone", email: "Email", customer_id: "N° client",
      score: "Score", segment: "Segment", next_action: "Prochaine action" },
    baseScore: (score) => `Score moyen des clients : ${score}. Les raisons ci-dessous expliquent l'écart entre ce client et cette moyenne.`,
    "model.summary": "Le modèle en bref", "model.reliability": "Un score de 80 veut-il dire 80 % ?",
    "model.reliabilityHint": "Chaque point : les clients mis de côté à l'entraînement, groupés par tranche de score. À gauche le score donné, en hauteur la part qui a vraiment signé. Sur la diagonale, le score dit vrai.",
    "model.importance": "Ce qui compte pour le modèle", "model.distribution": "Scores attribués depuis le démarrage",
    "model.segments": "Répartition par segment", "model.metrics": "Les chiffres, pour ceux qui veulent vérifier", "model.versions": "Les versions du modèle",
    trained: (date, rows, converted, source) => `Entraîné le ${date} sur ${rows} clients, dont ${converted} ont signé (${source}).`,
    promise: (score, observed, customers) => `Sur 100 clients notés autour de ${score}, environ ${observed} ont signé (${customers} clients vérifiés).`,
    ranking: (auc) => `Entre un client qui a signé et un qui n'a pas signé, le modèle donne le meilleur score au premier ${auc} fois sur 100.`,
    hotPromise: (precision) => `Parmi les clients Chauds, ${precision} sur 100 ont signé.`,
    warning: "Attention : ", predicted: "Score donné", observed: "Ont signé (%)",
    explain: { auc: "Chances de classer un client qui signe avant un qui ne signe pas (0,5 : au hasard ; 1 : parfait).",
      accuracy: "Part des clients du bon côté de 50 %.", brier_score: "Écart moyen entre la probabilité et ce qui est arrivé (plus bas = mieux).",
      calibration_error: "Écart moyen entre le score et la part qui signe vraiment (plus bas = mieux).",
      hot_precision: "Part des clients Chauds qui ont signé.", hot_recall: "Part de ceux qui ont signé que le modèle avait mis en Chaud.",
      base_rate: "Part de clients qui signent, tous confondus." },
    version: { trained_at: "Entraîné le", data_source: "Données", rows: "Clients", auc: "AUC", status: "État" },
    status: { serving: "en service", candidate: "candidat", retired: "retiré", unreadable: "illisible" },
    required: "Champ obligatoire", whole: "Nombre entier ≥ 0 attendu", number: "Nombre ≥ 0 attendu",
    fixFields: "Corrigez les champs signalés.",
    noInput: "Choisissez un fichier CSV ou collez du JSON.", badJson: "Le JSON n'est pas lisible : ",
    row: (line, index) => line ? `Ligne ${line}` : `Client n° ${index + 1}`,
    value: (value) => ` (valeur « ${value} »)`,
    refused: "La base a été refusée, rien n'a été noté :", network: "Le service ne répond pas.",
    customers: "clients", none: "Aucun client noté pour l'instant.",
    feature: { recency_days: "Fraîcheur du dernier contact", contact_frequency: "Nombre de contacts",
      total_purchase_amount: "Montant dépensé", email_open_rate: "Taux d'ouverture des emails", website_visits: "Visites sur le site",
      customer_age_days: "Ancienneté", rfm_score: "Score RFM" },
    apiMessage: { "is required": "champ obligatoire", "must be greater than or equal to 0": "doit être supérieur ou égal à 0",
      "must be a customer object, not null": "ligne vide" },
    metric: { auc: "AUC", accuracy: "Exactitude", brier_score: "Score de Brier", calibration_error: "Erreur de calibration",
      hot_precision: "Précision des Chauds", hot_recall: "Rappel des Chauds", base_rate: "Taux de conversion" },
  },
  en: {
    tagline: "Who do I call first?", apiKey: "API key (if required)", unauthorized: "The service needs a valid API key (field at the top of the page).", "tab.one": "Score one customer", "tab.base": "Score my base", "tab.model": "The model",
    "action.score": "Score", "action.batch": "Score the base", "result.next": "Next action", "result.reasons": "Why this score",
    "base.csv": "CSV file exported from your CRM or Excel", "base.json": "… or paste JSON (a list of customers)",
    "base.hint": "The API's columns (customer_id, days_since_last_contact, …) in any order, with all of yours (name, company, phone, email…); separator , or ;; decimal commas; UTF-8 or Windows-1252.",
    "base.filter": "Segment", "base.all": "All", "base.search": "Search", "base.download": "Download for Excel",
    "segment.Hot": "Hot", "segment.Warm": "Warm", "segment.Cold": "Cold", colon: ": ",
    action: { CALL: "Call", EMAIL: "Send an email", NURTURE: "Automated nurture" },
    column: { rank: "#", name: "Name", company: "Company", phone: "Phone", email: "Email", customer_id: "Customer id",
      score: "Score", segment: "Segment", next_action: "Next action" },
    baseScore: (score) => `Average customer score: ${score}. The reasons below explain the gap between this customer and that average.`,
    "model.summary": "The model in brief", "model.reliability": "Does a score of 80 mean 80 %?",
    "model.reliabilityHint": "Each dot: customers held out of training, grouped by score band. Across, the score given; up, the share who actually signed. On the diagonal, the score tells the truth.",
    "model.importance": "What matters to the model", "model.distribution": "Scores given since start",
    "model.segments": "Share of each segment", "model.metrics": "The figures, for those who want to check", "model.versions": "Model versions",
    trained: (date, rows, converted, source) => `Trained on ${date} on ${rows} customers, ${converted} of whom signed (${source}).`,
    promise: (score, observed, customers) => `Of 100 customers scored around ${score}, about ${observed} signed (${customers} customers checked).`,
    ranking: (auc) => `Between a customer who signed and one who did not, the model scores the first higher ${auc} times out of 100.`,
    hotPromise: (precision) => `Of the Hot customers, ${precision} out of 100 signed.`,
    warning: "Warning: ", predicted: "Score given", observed: "Signed (%)",
    explain: { auc: "Chance of ranking a customer who signs above one who does not (0.5: random; 1: perfect).",
      accuracy: "Share of customers on the right side of 50 %.", brier_score: "Mean gap between the probability and what happened (lower is better).",
      calibration_error: "Mean gap between the score and the share who really sign (lower is better).",
      hot_precision: "Share of Hot customers who signed.", hot_recall: "Share of those who signed that the model had put in Hot.",
      base_rate: "Share of all customers who sign." },
    version: { trained_at: "Trained on", data_source: "Data", rows: "Customers", auc: "AUC", status: "Status" },
    status: { serving: "serving", candidate: "candidate", retired: "retired", unreadable: "unreadable" },
    required: "Required", whole: "A whole number ≥ 0", number: "A number ≥ 0",
    fixFields: "Please fix the fields marked.",
    noInput: "Choose a CSV file or paste JSON.", badJson: "The JSON cannot be read: ",
    row: (line, index) => line ? `Line ${line}` : `Customer #${index + 1}`,
    value: (value) => ` (value “${value}”)`,
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
  try {
    if (!FIELDS.length) await loadContract();
  } catch (e) {
    $("form-error").textContent = t("network");
    return;
  }
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
  segment.textContent = t("segment." + score.segment);
  segment.className = "segment " + score.segment;
  segment.dataset.segment = score.segment;
  $("recommendation").textContent = score.recommendation;
  $("next-action").textContent = score.next_action ? score.next_action.text : "";
  $("base-score").textContent = score.base_score !== undefined ? t("baseScore")(Math.round(score.base_score)) : "";
  const reasons = $("reasons");
  reasons.replaceChildren(...(score.reasons || []).map((reason) => {
    const item = document.createElement("li");
    item.className = reason.impact > 0 ? "up" : "down";
    const impact = new Intl.NumberFormat(language === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 1, minimumFractionDigits: 1 })
      .format(reason.impact);
    item.textContent = `${reason.text} (${reason.impact > 0 ? "+" : ""}${impact})`;
    return item;
  }));
}

// ---- Score my base ---------------------------------------------------------------------

// The file goes to the service as it is (Content-Type: text/csv), so the page reads exports exactly as the API does:
// separator, decimal commas, Windows-1252. The answer comes back as CSV too, with every column of the file, then the
// scores, Hot first; every value stays the text it was, so ids above 2^53 and CRM text ids are kept exactly.
const CONTACT_COLUMNS = {
  name: ["nom", "name", "nom complet", "full name", "contact", "prenom nom", "client"],
  company: ["societe", "company", "entreprise", "raison sociale", "compte", "account", "organisation", "organization"],
  phone: ["telephone", "tel", "phone", "phone number", "mobile", "portable", "numero de telephone"],
  email: ["email", "e-mail", "mail", "courriel", "adresse email", "adresse e-mail", "email address"],
};
const SCORE_COLUMNS = ["score", "segment", "probability", "priority", "next_action", "recommendation"];

let answerHeader = [];
let contactColumns = {};

function plain(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().toLowerCase();
}

function findContactColumns(header) {
  const found = {};
  for (const [role, names] of Object.entries(CONTACT_COLUMNS)) {
    const column = header.find((name) => names.includes(plain(name)));
    if (column !== undefined) found[role] = column;
  }
  return found;
}

async function scoreBase() {
  $("batch-error").replaceChildren();
  const file = $("csv-file").files[0];
  try {
    if (file) await scoreFile(file);
    else if ($("json-text").value.trim()) await scorePastedJson();
    else $("batch-error").textContent = t("noInput");
  } catch (e) {
    $("batch-error").textContent = t("network");
  }
}

async function scoreFile(file) {
  const headers = { "Content-Type": "text/csv", Accept: "text/csv", "Accept-Language": language };
  const key = $("api-key").value.trim();
  if (key) headers["X-API-Key"] = key;
  const response = await fetch("/api/batch_score?sort=score&columns=all", { method: "POST", headers, body: file });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    if (response.status === 401) problem.detail = t("unauthorized");
    showBatchErrors(problem);
    return;
  }
  const text = (await response.text()).replace(/^\uFEFF/, "");
  const parsed = Papa.parse(text, { header: true, skipEmptyLines: true });
  answerHeader = parsed.meta.fields;
  results = parsed.data;
  showCallList();
}

// Pasted JSON has no columns of its own: the list shows the API's answer.
async function scorePastedJson() {
  let clients;
  try {
    const pasted = JSON.parse($("json-text").value);
    clients = Array.isArray(pasted) ? pasted : pasted.clients;
  } catch (e) {
    $("batch-error").textContent = t("badJson") + e.message;
    return;
  }
  const { ok, body } = await callApi("/api/batch_score?sort=score", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ clients }) });
  if (!ok) { showBatchErrors(body); return; }
  answerHeader = ["customer_id", ...SCORE_COLUMNS];
  results = body.results.map((r) => ({ customer_id: String(r.customer_id), score: String(r.score), segment: r.segment,
    probability: String(r.probability), priority: r.priority, next_action: r.next_action.action, recommendation: r.recommendation }));
  showCallList();
}

function showCallList() {
  contactColumns = findContactColumns(answerHeader);
  $("batch-result").hidden = false;
  renderCounts();
  renderTable();
}

function renderCounts() {
  $("counts").replaceChildren(...SEGMENTS.map((segment) => {
    const count = document.createElement("span");
    count.className = "count " + segment;
    count.textContent = `${t("segment." + segment)}${t("colon")}${results.filter((r) => r.segment === segment).length}`;
    return count;
  }));
}

// The columns of the list: the file's contact columns when it has them, then the id and the scores.
function listColumns() {
  const columns = ["rank", ...["name", "company", "phone", "email"].filter((role) => contactColumns[role] !== undefined), "customer_id", "score",
    "segment", "next_action"];
  return columns;
}

function cellValue(result, column) {
  if (column === "rank") return String(results.indexOf(result) + 1);
  if (column === "segment") return t("segment." + result.segment) || result.segment;
  if (column === "next_action") return t("action")[result.next_action] || result.next_action;
  const source = contactColumns[column] !== undefined ? contactColumns[column] : column;
  return result[source] ?? "";
}

function visibleResults() {
  const segment = $("segment-filter").value;
  const search = plain($("row-search").value);
  const columns = listColumns();
  return results.filter((r) => (!segment || r.segment === segment)
    && (!search || columns.some((column) => plain(cellValue(r, column)).includes(search))));
}

function renderTable() {
  const columns = listColumns();
  const head = $("call-list").tHead.rows[0];
  head.replaceChildren(...columns.map((column) => {
    const th = document.createElement("th");
    th.textContent = t("column")[column];
    th.dataset.column = column;
    return th;
  }));
  const rows = visibleResults().map((result) => {
    const row = document.createElement("tr");
    for (const column of columns) {
      const cell = document.createElement("td");
      const value = cellValue(result, column);
      cell.dataset.column = column;
      cell.dataset.label = t("column")[column];
      if (column === "phone" && value) cell.append(link("tel:" + value.replace(/[^\d+]/g, ""), value));
      else if (column === "email" && value) cell.append(link("mailto:" + value.trim(), value));
      else if (column === "segment") {
        const badge = document.createElement("span");
        badge.className = "badge " + result.segment;
        badge.textContent = value;
        cell.append(badge);
      } else cell.textContent = value;
      row.append(cell);
    }
    return row;
  });
  $("call-list").tBodies[0].replaceChildren(...rows);
}

function link(href, text) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
}

// What Excel in the user's language opens cleanly: in French semicolons, decimal commas and a UTF-8 byte order
// mark; in English commas. Every column of the file, then the scores, in the list's order and filter.
function downloadText() {
  const french = language === "fr";
  const header = answerHeader;
  const rows = visibleResults().map((result) => header.map((column) => {
    const value = result[column] ?? "";
    if (column === "probability") return french ? value.replace(".", ",") : value.replace(",", ".");
    if (column === "segment") return t("segment." + value) || value;
    if (column === "next_action") return t("action")[value] || value;
    return value;
  }));
  const csv = Papa.unparse({ fields: header, data: rows }, { delimiter: french ? ";" : ",", newline: "\r\n" });
  return (french ? "\uFEFF" : "") + csv;
}

function downloadCsv() {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([downloadText()], { type: "text/csv;charset=utf-8" }));
  link.download = language === "fr" ? "liste-d-appels.csv" : "call-list.csv";
  link.click();
}

// The API names a bad CSV row by line and column, a bad JSON customer as clients[3].emails_opened;
// a person reads "Line 5 - Emails opened: ...".
function showBatchErrors(problem) {
  const box = $("batch-error");
  const intro = document.createElement("p");
  intro.textContent = t("refused");
  const list = document.createElement("ul");
  const errors = problem.errors && problem.errors.length ? problem.errors : [{ field: "", message: problem.detail || "" }];
  for (const error of errors) {
    const message = t("apiMessage")[error.message] || error.message;
    const item = document.createElement("li");
    if (error.line !== undefined) {
      const field = error.column ? ` - ${t("field." + error.column) || error.column}` : "";
      item.textContent = `${t("row")(error.line)}${field}${t("colon")}${message}${error.value ? t("value")(error.value) : ""}`;
    } else {
      const match = /^clients\[(\d+)]\.?(.*)$/.exec(error.field || "");
      if (match) {
        const field = match[2] ? ` - ${t("field." + match[2]) || match[2]}` : "";
        item.textContent = `${t("row")(null, Number(match[1]))}${field}${t("colon")}${message}`;
      } else {
        item.textContent = error.field ? `${error.field}${t("colon")}${message}` : message;
      }
    }
    list.append(item);
  }
  box.replaceChildren(intro, list);
}

// ---- The model -------------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";

function svg(name, attributes) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

function formatNumber(value) {
  return new Intl.NumberFormat(language === "fr" ? "fr-FR" : "en-GB").format(value);
}

function decimal(value) {
  return new Intl.NumberFormat(language === "fr" ? "fr-FR" : "en-GB", { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value);
}

function formatDate(iso) {
  return new Date(iso).toLocaleDateString(language === "fr" ? "fr-FR" : "en-GB", { day: "numeric", month: "long", year: "numeric" });
}

async function showModel() {
  const { ok, body } = await callApi("/api/stats");
  if (!ok) return;
  const model = body.model;
  showSummary(model);
  drawReliability(model.reliability);
  showMetrics(model.holdout);
  showImportance(model.features);
  showDistribution(body.service.score_distribution);
  showShares(body.service.per_segment);
  showVersions();
}

// In words first: when, on what, and what a score means, from the holdout.
function showSummary(model) {
  const lines = [t("trained")(formatDate(model.trained_at), formatNumber(model.training_rows), formatNumber(model.training_converted),
    model.data_source)];
  const bands = model.reliability || [];
  const band = bands.find((b) => b.from <= 80 && 80 <= b.to) || bands[bands.length - 1];
  if (band) lines.push(t("promise")(Math.round(band.mean_score), Math.round(band.observed_rate), formatNumber(band.customers)));
  lines.push(t("ranking")(Math.round(100 * model.holdout.auc)));
  lines.push(t("hotPromise")(Math.round(100 * model.holdout.hot_precision)));
  const paragraphs = lines.map((line) => { const p = document.createElement("p"); p.textContent = line; return p; });
  for (const warning of model.warnings || []) {
    const p = document.createElement("p");
    p.className = "warning";
    p.textContent = t("warning") + warning;
    paragraphs.push(p);
  }
  $("model-summary").replaceChildren(...paragraphs);
}

// Predicted (mean score of the band) across, observed conversion up, both 0-100; the diagonal is a perfect model.
function drawReliability(bands) {
  const size = 240, pad = 34, scale = (value) => (value / 100) * (size - 2 * pad);
  const chart = svg("svg", { viewBox: `0 0 ${size} ${size}`, role: "img", id: "reliability-chart", "aria-label": t("model.reliability") });
  const x = (value) => pad + scale(value), y = (value) => size - pad - scale(value);
  chart.append(svg("rect", { x: pad, y: pad, width: size - 2 * pad, height: size - 2 * pad, class: "plot" }));
  for (const tick of [0, 20, 40, 60, 80, 100]) {
    chart.append(svg("line", { x1: x(tick), y1: y(0), x2: x(tick), y2: y(100), class: "grid" }));
    chart.append(svg("line", { x1: x(0), y1: y(tick), x2: x(100), y2: y(tick), class: "grid" }));
    const across = svg("text", { x: x(tick), y: y(0) + 13, "text-anchor": "middle", class: "tick" });
    across.textContent = tick;
    const up = svg("text", { x: x(0) - 5, y: y(tick) + 3, "text-anchor": "end", class: "tick" });
    up.textContent = tick;
    chart.append(across, up);
  }
  chart.append(svg("line", { x1: x(0), y1: y(0), x2: x(100), y2: y(100), class: "diagonal" }));
  const most = Math.max(1, ...bands.map((band) => band.customers));
  const points = bands.map((band) => `${x(band.mean_score)},${y(band.observed_rate)}`).join(" ");
  chart.append(svg("polyline", { points, class: "observed" }));
  for (const band of bands) {
    const dot = svg("circle", { cx: x(band.mean_score), cy: y(band.observed_rate), r: 3 + 5 * Math.sqrt(band.customers / most),
      class: "band", "data-mean": band.mean_score, "data-observed": band.observed_rate, "data-customers": band.customers });
    const title = svg("title", {});
    title.textContent = `${band.from}-${band.to}${t("colon")}${band.mean_score} → ${band.observed_rate} % (${band.customers} ${t("customers")})`;
    dot.append(title);
    chart.append(dot);
  }
  const xLabel = svg("text", { x: size / 2, y: size - 4, "text-anchor": "middle", class: "axis" });
  xLabel.textContent = t("predicted");
  const yLabel = svg("text", { x: 10, y: size / 2, "text-anchor": "middle", class: "axis", transform: `rotate(-90 10 ${size / 2})` });
  yLabel.textContent = t("observed");
  chart.append(xLabel, yLabel);
  $("reliability").replaceChildren(chart);
  document.querySelector('[data-i18n="model.reliabilityHint"]').textContent = t("model.reliabilityHint");
}

function showMetrics(metrics) {
  $("metrics").replaceChildren(...Object.entries(t("metric")).map(([key, label]) => {
    const row = document.createElement("tr");
    row.innerHTML = "<th></th><td></td><td class=\"hint\"></td>";
    row.children[0].textContent = label;
    row.children[1].textContent = decimal(metrics[key]);
    row.children[2].textContent = t("explain")[key];
    return row;
  }));
}

function showImportance(featureList) {
  const features = [...featureList].sort((a, b) => b.importance - a.importance);
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
}

function showDistribution(bins) {
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
}

function showShares(perSegment) {
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
      item.textContent = `${t("segment." + segment)}${t("colon")}${Math.round((100 * perSegment[segment]) / total)} % (${perSegment[segment]} ${t("customers")})`;
      return item;
    }));
  }
  $("segment-shares").replaceChildren(shares, legend);
}

async function showVersions() {
  const { ok, body } = await callApi("/api/models");
  if (!ok) return;
  const columns = ["trained_at", "data_source", "rows", "auc", "status"];
  const head = document.createElement("tr");
  head.replaceChildren(...columns.map((column) => { const th = document.createElement("th"); th.textContent = t("version")[column]; return th; }));
  const rows = body.models.map((model) => {
    const row = document.createElement("tr");
    if (model.serving) row.className = "serving";
    const status = (model.serving ? "★ " : "") + (t("status")[model.status] || model.status);
    // An unreadable version has no card: its version and why stand in for its figures.
    const values = model.holdout ? [formatDate(model.trained_at), model.data_source, formatNumber(model.rows), decimal(model.holdout.auc), status]
      : [model.version.slice(0, 12), model.problem, "", "", status];
    row.replaceChildren(...values.map((value) => { const td = document.createElement("td"); td.textContent = value; return td; }));
    row.title = model.version;
    return row;
  });
  $("versions").replaceChildren(head, ...rows);
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
$("row-search").addEventListener("input", renderTable);
$("download").addEventListener("click", downloadCsv);
$("api-key").value = sessionStorage.getItem("smoft-api-key") || "";
$("api-key").addEventListener("change", () => sessionStorage.setItem("smoft-api-key", $("api-key").value.trim()));
applyLanguage();
loadContract();
