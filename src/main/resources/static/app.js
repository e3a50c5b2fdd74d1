// SMOFT CRM Intelligent: the page for people who don't code. Plain JavaScript, no build step, no CDN.
"use strict";

const TEXTS = {
  fr: {
    tagline: "Qui appeler en premier ?", apiKey: "Clé API (si demandée)", unauthorized: "Le service demande une clé API valide (champ en haut de la page).", "tab.one": "Noter un client", "tab.base": "Noter ma base", "tab.model": "Le modèle",
    "action.score": "Calculer le score", "action.batch": "Noter la base", "result.next": "Prochaine action", "result.reasons": "Pourquoi ce score",
    "base.csv": "Fichier CSV exporté de votre CRM ou d'Excel", "base.json": "… ou collez du JSON (liste de clients)",
    "base.hint": "Les colonnes de l'API (customer_id, days_since_last_contact, …) ou leurs noms usuels (N° client, Nb contacts, Montant dépensé…) dans n'importe quel ordre, avec toutes les vôtres (nom, société, téléphone, email…) ; pour une colonne que le service ne reconnaît pas, la page vous demande laquelle c'est. Séparateur : virgule, point-virgule ou tabulation ; décimales à virgule ; UTF-8, Windows-1252 ou « Texte Unicode » d'Excel.",
    "base.filter": "Segment", "base.all": "Tous", "base.search": "Rechercher", "base.download": "Télécharger la liste affichée",
    "base.downloadAll": "Télécharger tout le fichier", "base.skip": "Ignorer les lignes invalides",
    "rejected.download": "Télécharger les lignes ignorées",
    mapping: {
      intro: (file) => `Le service ne trouve pas toutes ses colonnes dans « ${file} » : choisissez laquelle de vos colonnes contient chacune.`,
      choose: "— choisir une colonne —",
      remembered: (pairs) => `Choisi comme pour votre fichier précédent : ${pairs}. Vous pouvez changer ce choix.`,
      pair: (label, column) => `${label} = « ${column} »`,
      missing: (label) => `Il manque la colonne « ${label} » : choisissez ci-dessus laquelle de vos colonnes la contient, ou renommez-la « ${label} ».`,
      twice: (column, labels) => `La colonne « ${column} » est choisie pour ${labels} : une colonne ne peut servir qu'à un champ.`,
      and: " et " },
    "segment.Hot": "Chaud", "segment.Warm": "Tiède", "segment.Cold": "Froid", colon: " : ",
    // What the model predicts would move a customer up a segment (the sentence is the service's), or keep a Hot one.
    whatIf: { up: (segment) => `Pour le faire passer ${segment}`, keep: (segment) => `Pour le garder ${segment}` },
    "result.whatIfHint": "Ce que le modèle prédit pour un client qui aurait ces valeurs, pas une promesse.",
    action: { CALL: "Appeler", EMAIL: "Envoyer un email", NURTURE: "Relance automatique" },
    column: { rank: "#", name: "Nom", company: "Société", phone: "Téléphone", email: "Email" },
    baseScore: (score) => `Score moyen des clients : ${score}. Les raisons ci-dessous expliquent l'écart entre ce client et cette moyenne.`,
    "model.summary": "Le modèle en bref", "model.reliability": "Un score de 80 veut-il dire 80 % ?",
    "model.reliabilityHint": "Chaque point : les clients mis de côté à l'entraînement, groupés par tranche de score. À gauche le score donné, en hauteur la part qui a vraiment signé. Sur la diagonale, le score dit vrai.",
    "model.importance": "Ce qui compte pour le modèle", "model.distribution": "Scores attribués depuis le démarrage",
    "model.segments": "Répartition par segment", "model.metrics": "Les chiffres, pour ceux qui veulent vérifier", "model.versions": "Les versions du modèle",
    trained: (date, rows, converted, source) => `Entraîné le ${date} sur ${rows} clients, dont ${converted} ont signé (${source}).`,
    promise: (score, observed, customers) => `Sur 100 clients notés autour de ${score}, environ ${observed} ont signé (${count(customers, "client vérifié", "clients vérifiés")}).`,
    promiseFew: (score, customers) => `Autour de ${score}, trop peu de clients vérifiés pour dire combien signent sur 100 (${count(customers, "client", "clients")}, il en faut ${MIN_BAND_CUSTOMERS}).`,
    ranking: (auc) => `Entre un client qui a signé et un qui n'a pas signé, le modèle donne le meilleur score au premier ${auc} fois sur 100.`,
    hotPromise: (precision) => `Parmi les clients Chauds, ${precision} sur 100 ont signé.`,
    livePromise: (score, observed, outcomes) => `Sur 100 clients notés autour de ${score} ces 90 derniers jours, ${observed} ont signé (${count(outcomes, "résultat reçu", "résultats reçus")} dans cette tranche).`,
    liveFew: (score, outcomes) => `Autour de ${score}, trop peu de résultats reçus ces 90 derniers jours pour dire combien signent sur 100 (${count(outcomes, "résultat", "résultats")}, il en faut ${MIN_BAND_CUSTOMERS}).`,
    liveStatus: {
      ok: "La promesse tient sur les résultats reçus.",
      degraded: (auc, holdout) => `La promesse ne tient plus : le modèle classe moins bien qu'à l'entraînement (${auc} contre ${holdout} sur 100) ou ses scores s'écartent de ce qui arrive. Il est temps de le réentraîner sur ces résultats.`,
      insufficient: (outcomes) => `Pas encore assez de résultats pour juger la promesse : ${count(outcomes, "reçu", "reçus")} ces 90 derniers jours, il en faut 200 dont 30 signés et 30 perdus.`,
    },
    last90: "90 derniers jours",
    liveLegend: "En orange : les clients dont le résultat est arrivé ces 90 derniers jours, pour la même tranche de score.",
    warning: "Attention : ", predicted: "Score donné", observed: "Ont signé (%)",
    explain: { auc: "Chances de classer un client qui signe avant un qui ne signe pas (0,5 : au hasard ; 1 : parfait).",
      accuracy: "Part des clients du bon côté de 50 %.", brier_score: "Écart moyen entre la probabilité et ce qui est arrivé (plus bas = mieux).",
      calibration_error: "Écart moyen entre le score et la part qui signe vraiment (plus bas = mieux).",
      hot_precision: "Part des clients Chauds qui ont signé.", hot_recall: "Part de ceux qui ont signé que le modèle avait mis en Chaud.",
      base_rate: "Part de clients qui signent, tous confondus." },
    version: { trained_at: "Entraîné le", data_source: "Données", rows: "Clients", auc: "AUC", status: "État" },
    status: { serving: "en service", candidate: "candidat", retired: "retiré", unreadable: "illisible" },
    required: "Champ obligatoire", whole: "Nombre entier ≥ 0 attendu", number: "Nombre ≥ 0 attendu",
    amount: "Montant illisible : écrivez par exemple 2 450,90", atMost: (max) => `Au plus ${max} €`,
    fixFields: "Corrigez les champs signalés.",
    noInput: "Choisissez un fichier CSV ou collez du JSON.", badJson: "Le JSON collé n'est pas lisible : vérifiez qu'il est complet.",
    technical: "détail technique", refusedRequest: (status) => `Le service a refusé la demande (erreur ${status}), rien n'a été noté.`,
    unknownReason: "valeur refusée par le service", unknownWarning: "le modèle signale un point faible.",
    row: (line, index) => line ? `Ligne ${line}` : `Client n° ${index + 1}`,
    value: (value) => ` (valeur « ${value} »)`,
    refused: "La base a été refusée, rien n'a été noté :", network: "Le service ne répond pas.",
    firstRejected: (listed, total) => `Les ${listed} premières lignes ignorées sur ${total} sont listées.`,
    skipHint: "Pour noter les autres lignes, cochez « Ignorer les lignes invalides ».",
    firstErrors: (listed, total) => `Les ${listed} premières erreurs sur ${total} sont listées.`,
    rejectedCount: (count) => count === 1 ? "1 ligne ignorée car invalide : elle n'a pas été notée."
      : `${formatNumber(count)} lignes ignorées car invalides : elles n'ont pas été notées.`,
    rejectedUnlisted: "Le service n'a pas donné le détail des lignes ignorées.",
    rejectedColumn: { line: "Ligne", column: "Colonne", value: "Valeur", reason: "Raison" },
    priority: { HIGH: "HAUTE", MEDIUM: "MOYENNE", LOW: "BASSE" },
    sampleData: (seed) => `données d'exemple inventées pour la démonstration, tirage n° ${seed}`,
    historyFile: (name) => `fichier « ${name} »`,
    memoryOutcomes: (from, to) => `ce qu'il est advenu des clients notés, d'après les résultats enregistrés ${from === to ? `le ${from}` : `du ${from} au ${to}`}`,
    mismatch: "La réponse du service ne correspond pas aux colonnes du fichier : rien n'est affiché, pour ne pas confondre vos colonnes avec les scores.",
    fileColumn: " (fichier)",
    firstRows: (shown, total) => `Les ${shown} premiers clients sur ${total} sont affichés ; la recherche, le segment et le téléchargement portent sur tous.`,
    renamed: (names) => `Votre fichier a aussi des colonnes nommées comme celles du service : la liste montre toujours les valeurs du service, et le téléchargement garde les vôtres sous un autre nom (${names}).`,
    customers: "clients", none: "Aucun client noté pour l'instant.",
    feature: { recency_days: "Fraîcheur du dernier contact", contact_frequency: "Nombre de contacts",
      total_purchase_amount: "Montant dépensé", email_open_rate: "Taux d'ouverture des emails", website_visits: "Visites sur le site",
      customer_age_days: "Ancienneté", rfm_score: "Score RFM" },
    // The service's refusals of a whole file, by their code (PROBLEM_SENTENCES).
    problem: { missingColumn: (label) => `Il manque la colonne « ${label} » : si votre fichier l'a sous un autre nom, renommez-la « ${label} ».`,
      emptyFile: "Le fichier est vide : sa première ligne doit nommer les colonnes.",
      longHeader: (length) => `La première ligne du fichier, qui doit nommer les colonnes, dépasse ${length} caractères : est-ce bien un export CSV ?`,
      longValue: (line, length) => `La ligne ${line} contient une valeur de plus de ${length} caractères : est-ce bien un export CSV de clients ?`,
      malformedText: (line, charset) => `La ligne ${line} contient des octets qui ne sont pas du texte ${charset} : enregistrez le fichier en « CSV UTF-8 » et envoyez-le de nouveau.`,
      unreadableCsv: "Le fichier ne se lit pas comme un CSV : un guillemet jamais refermé ?",
      tooManyCustomers: (limit) => `Le fichier compte plus de ${limit} clients, le maximum du service : découpez-le en plusieurs fichiers.`,
      tooLarge: (megabytes) => `Le fichier dépasse la taille que le service accepte (${megabytes} Mo) : découpez-le en plusieurs fichiers.`,
      tooSlow: "Le fichier est arrivé trop lentement : réessayez.", busy: "Le service est occupé : réessayez dans quelques secondes." },
    warningText: {
      smallHistory: (rows, converted, minRows, minConverted) => `historique court : ${rows} clients, dont ${converted} ont signé (au moins ${minRows} clients et ${minConverted} signatures sont conseillés) ; ses chiffres sont incertains.`,
      weakModel: (auc, minimum) => `modèle faible : il classe les clients à peine mieux que le hasard (AUC ${auc}, sous ${minimum}).`,
      neverHot: (threshold) => `aucun des clients mis de côté n'atteint Chaud (score ${threshold} ou plus) : ce modèle ne dirait jamais d'appeler tout de suite.` },
    "tab.hot": "Nouveaux chauds", "lead.search": "Fiche d'un client (n°)", "lead.open": "Ouvrir la fiche", "lead.close": "Fermer la fiche",
    "lead.points": "Chaque score, avec son modèle", "lead.changes": "Changements de segment", "lead.outcomes": "Ce qu'il est advenu",
    "lead.rowHint": "Cliquez sur une ligne (ou Entrée) pour ouvrir la fiche du client : l'historique de ses scores.",
    "hot.since": "Devenus chauds depuis le", "hot.show": "Afficher",
    "hot.hint": "Les clients passés Chaud depuis cette date (hier par défaut), le plus récent en premier, d'après la mémoire du service.",
    // The lead card: a customer's history as the service remembers it (GET /api/leads/{id}).
    lead: { title: (id) => `Fiche du client ${id}`, state: (score, segment, date) => `Dernier score : ${score} (${segment}), le ${date}.`,
      trendLabel: "Tendance : ",
      trend: { improving: "↗ en hausse", steady: "→ stable", declining: "↘ en baisse", insufficient: "pas assez d'historique" },
      chart: "Score au fil des jours", point: (date, score, segment, model) => `${date} : ${score} (${segment}), modèle ${model}`,
      first: (date, segment, score) => `${date} : premier score, ${segment} (${score})`,
      change: (date, from, to, before, after) => `${date} : ${from} → ${to} (${before} → ${after})`,
      noChange: "Aucun changement de segment dans la mémoire.", empty: "Saisissez le n° d'un client.",
      outcome: { converted: "a signé", lost: "perdu" },
      matched: (date, what, score, model) => `${date} : ${what}, après le score ${score} du modèle ${model}`,
      unmatched: (date, what) => `${date} : ${what}, sans score dans les jours qui précèdent`,
      noOutcome: "Aucun résultat enregistré.",
      unknown: "Ce client n'est pas dans la mémoire du service.", off: "Ce service ne garde pas l'historique des clients.",
      down: "La mémoire du service ne répond pas : réessayez dans quelques secondes.",
      column: { scored_at: "Date", score: "Score", segment: "Segment", model_version: "Modèle" } },
    // The new Hot leads (GET /api/leads/changes?to=Hot).
    hot: { column: { changed_at: "Devenu chaud le", from: "Segment avant", score_before: "Score avant" },
      count: (count) => count === 1 ? "1 client devenu chaud." : `${formatNumber(count)} clients devenus chauds.`,
      none: "Aucun client n'est devenu chaud depuis cette date.", badDate: "Choisissez une date.",
      capped: (count) => `Seuls les ${formatNumber(count)} plus récents sont affichés et téléchargés : choisissez une date plus proche pour voir les autres.`,
      file: "nouveaux-chauds.csv" },
    metric: { auc: "AUC", accuracy: "Exactitude", brier_score: "Score de Brier", calibration_error: "Erreur de calibration",
      hot_precision: "Précision des Chauds", hot_recall: "Rappel des Chauds", base_rate: "Taux de conversion" },
  },
  en: {
    tagline: "Who do I call first?", apiKey: "API key (if required)", unauthorized: "The service needs a valid API key (field at the top of the page).", "tab.one": "Score one customer", "tab.base": "Score my customers", "tab.model": "The model",
    "action.score": "Score", "action.batch": "Score the file", "result.next": "Next action", "result.reasons": "Why this score",
    "base.csv": "CSV file exported from your CRM or Excel", "base.json": "… or paste JSON (a list of customers)",
    "base.hint": "The API's columns (customer_id, days_since_last_contact, …) or their usual names (Customer id, Nb contacts, Amount spent…) in any order, with all of yours (name, company, phone, email…); for a column the service does not recognise, the page asks you which it is. Separator: comma, semicolon or tab; decimal commas; UTF-8, Windows-1252 or Excel's “Unicode Text”.",
    "base.filter": "Segment", "base.all": "All", "base.search": "Search", "base.download": "Download the list shown",
    "base.downloadAll": "Download the whole file", "base.skip": "Skip invalid rows",
    "rejected.download": "Download the skipped rows",
    mapping: {
      intro: (file) => `The service does not find all its columns in “${file}”: choose which of your columns holds each.`,
      choose: "— choose a column —",
      remembered: (pairs) => `Chosen as for your previous file: ${pairs}. You can change this choice.`,
      pair: (label, column) => `${label} = “${column}”`,
      missing: (label) => `The column “${label}” is missing: choose above which of your columns holds it, or rename it “${label}”.`,
      twice: (column, labels) => `The column “${column}” is chosen for ${labels}: a column can serve one field only.`,
      and: " and " },
    "segment.Hot": "Hot", "segment.Warm": "Warm", "segment.Cold": "Cold", colon: ": ",
    whatIf: { up: (segment) => `To make them ${segment}`, keep: (segment) => `To keep them ${segment}` },
    "result.whatIfHint": "What the model predicts for a customer with these values, not a promise.",
    action: { CALL: "Call", EMAIL: "Send an email", NURTURE: "Automated nurture" },
    column: { rank: "#", name: "Name", company: "Company", phone: "Phone", email: "Email" },
    baseScore: (score) => `Average customer score: ${score}. The reasons below explain the gap between this customer and that average.`,
    "model.summary": "The model in brief", "model.reliability": "Does a score of 80 mean 80 %?",
    "model.reliabilityHint": "Each dot: customers held out of training, grouped by score band. Across, the score given; up, the share who actually signed. On the diagonal, the score tells the truth.",
    "model.importance": "What matters to the model", "model.distribution": "Scores given since start",
    "model.segments": "Share of each segment", "model.metrics": "The figures, for those who want to check", "model.versions": "Model versions",
    trained: (date, rows, converted, source) => `Trained on ${date} on ${rows} customers, ${converted} of whom signed (${source}).`,
    promise: (score, observed, customers) => `Of 100 customers scored around ${score}, about ${observed} signed (${count(customers, "customer checked", "customers checked")}).`,
    promiseFew: (score, customers) => `Around ${score}, too few customers checked to say how many in 100 sign (${count(customers, "customer", "customers")}, ${MIN_BAND_CUSTOMERS} are needed).`,
    ranking: (auc) => `Between a customer who signed and one who did not, the model scores the first higher ${auc} times out of 100.`,
    hotPromise: (precision) => `Of the Hot customers, ${precision} out of 100 signed.`,
    livePromise: (score, observed, outcomes) => `Of 100 customers scored around ${score} in the last 90 days, ${observed} signed (${count(outcomes, "outcome", "outcomes")} received in this band).`,
    liveFew: (score, outcomes) => `Around ${score}, too few outcomes received in the last 90 days to say how many in 100 sign (${count(outcomes, "outcome", "outcomes")}, ${MIN_BAND_CUSTOMERS} are needed).`,
    liveStatus: {
      ok: "The promise holds on the outcomes received.",
      degraded: (auc, holdout) => `The promise no longer holds: the model ranks worse than in training (${auc} against ${holdout} out of 100) or its scores drift from what happens. Time to retrain it on these outcomes.`,
      insufficient: (outcomes) => `Not enough outcomes yet to judge the promise: ${formatNumber(outcomes)} received in the last 90 days, 200 are needed with 30 signed and 30 lost.`,
    },
    last90: "last 90 days",
    liveLegend: "In orange: the customers whose outcome came in during the last 90 days, for the same score band.",
    warning: "Warning: ", predicted: "Score given", observed: "Signed (%)",
    explain: { auc: "Chance of ranking a customer who signs above one who does not (0.5: random; 1: perfect).",
      accuracy: "Share of customers on the right side of 50 %.", brier_score: "Mean gap between the probability and what happened (lower is better).",
      calibration_error: "Mean gap between the score and the share who really sign (lower is better).",
      hot_precision: "Share of Hot customers who signed.", hot_recall: "Share of those who signed that the model had put in Hot.",
      base_rate: "Share of all customers who sign." },
    version: { trained_at: "Trained on", data_source: "Data", rows: "Customers", auc: "AUC", status: "Status" },
    status: { serving: "serving", candidate: "candidate", retired: "retired", unreadable: "unreadable" },
    required: "Required", whole: "A whole number ≥ 0", number: "A number ≥ 0",
    amount: "Unreadable amount: write for example 2,450.90", atMost: (max) => `At most ${max} €`,
    fixFields: "Please fix the fields marked.",
    noInput: "Choose a CSV file or paste JSON.", badJson: "The pasted JSON cannot be read: check that it is whole.",
    technical: "technical detail", refusedRequest: (status) => `The service refused the request (error ${status}), nothing was scored.`,
    unknownReason: "value refused by the service", unknownWarning: "the model reports a weakness.",
    row: (line, index) => line ? `Line ${line}` : `Customer #${index + 1}`,
    value: (value) => ` (value “${value}”)`,
    refused: "The file was refused, nothing was scored:", network: "The service does not answer.",
    firstRejected: (listed, total) => `The first ${listed} skipped rows of ${total} are listed.`,
    skipHint: "To score the other rows, tick “Skip invalid rows”.",
    firstErrors: (listed, total) => `The first ${listed} errors of ${total} are listed.`,
    rejectedCount: (count) => count === 1 ? "1 row skipped as invalid: it was not scored."
      : `${formatNumber(count)} rows skipped as invalid: they were not scored.`,
    rejectedUnlisted: "The service did not give the detail of the skipped rows.",
    rejectedColumn: { line: "Line", column: "Column", value: "Value", reason: "Reason" },
    priority: {},
    sampleData: (seed) => `sample data made up for the demo, draw no. ${seed}`,
    historyFile: (name) => `file “${name}”`,
    memoryOutcomes: (from, to) => `what became of the customers scored, from the outcomes recorded ${from === to ? `on ${from}` : `from ${from} to ${to}`}`,
    mismatch: "The service's answer does not match the file's columns: nothing is shown, so that your columns are not taken for the scores.",
    fileColumn: " (file)",
    firstRows: (shown, total) => `The first ${shown} customers of ${total} are shown; the search, the segment and the download cover them all.`,
    renamed: (names) => `Your file also has columns named like the service's: the list always shows the service's values, and the download keeps yours under another name (${names}).`,
    customers: "customers", none: "No customer scored yet.",
    feature: { recency_days: "Recency of last contact", contact_frequency: "Number of contacts",
      total_purchase_amount: "Amount spent", email_open_rate: "Email open rate", website_visits: "Website visits",
      customer_age_days: "Customer age", rfm_score: "RFM score" },
    problem: { missingColumn: (label) => `The column “${label}” is missing: if your file has it under another name, rename it “${label}”.`,
      emptyFile: "The file is empty: its first line should name the columns.",
      longHeader: (length) => `The file's first line, which should name the columns, is longer than ${length} characters: is it a CSV export?`,
      longValue: (line, length) => `Line ${line} holds a value longer than ${length} characters: is it a CSV export of customers?`,
      malformedText: (line, charset) => `Line ${line} holds bytes that are not ${charset} text: save the file as CSV UTF-8 and send it again.`,
      unreadableCsv: "The file cannot be read as a CSV: a quote never closed?",
      tooManyCustomers: (limit) => `The file holds more than ${limit} customers, the service's maximum: split it into several files.`,
      tooLarge: (megabytes) => `The file is larger than the service accepts (${megabytes} MB): split it into several files.`,
      tooSlow: "The file arrived too slowly: try again.", busy: "The service is busy: try again in a few seconds." },
    warningText: {
      smallHistory: (rows, converted, minRows, minConverted) => `small history: ${rows} customers, ${converted} of whom signed (at least ${minRows} customers and ${minConverted} signatures are advised); its figures are uncertain.`,
      weakModel: (auc, minimum) => `weak model: it ranks customers little better than chance (AUC ${auc}, under ${minimum}).`,
      neverHot: (threshold) => `none of the customers held out reaches Hot (score ${threshold} or more): this model would never say to call now.` },
    "tab.hot": "New Hot leads", "lead.search": "A customer's card (id)", "lead.open": "Open the card", "lead.close": "Close the card",
    "lead.points": "Each score, with its model", "lead.changes": "Changes of segment", "lead.outcomes": "What happened next",
    "lead.rowHint": "Click a row (or press Enter) to open the customer's card: the history of their scores.",
    "hot.since": "Became Hot since", "hot.show": "Show",
    "hot.hint": "The customers who became Hot since that date (yesterday by default), newest first, from the service's memory.",
    lead: { title: (id) => `Customer ${id}`, state: (score, segment, date) => `Latest score: ${score} (${segment}), on ${date}.`,
      trendLabel: "Trend: ",
      trend: { improving: "↗ improving", steady: "→ steady", declining: "↘ declining", insufficient: "not enough history" },
      chart: "Score over the days", point: (date, score, segment, model) => `${date}: ${score} (${segment}), model ${model}`,
      first: (date, segment, score) => `${date}: first score, ${segment} (${score})`,
      change: (date, from, to, before, after) => `${date}: ${from} → ${to} (${before} → ${after})`,
      noChange: "No change of segment in the memory.", empty: "Type a customer's id.",
      outcome: { converted: "signed", lost: "lost" },
      matched: (date, what, score, model) => `${date}: ${what}, after score ${score} of model ${model}`,
      unmatched: (date, what) => `${date}: ${what}, with no score in the days before`,
      noOutcome: "No outcome recorded.",
      unknown: "This customer is not in the service's memory.", off: "This service keeps no customer history.",
      down: "The service's memory does not answer: try again in a few seconds.",
      column: { scored_at: "Date", score: "Score", segment: "Segment", model_version: "Model" } },
    hot: { column: { changed_at: "Became Hot on", from: "Segment before", score_before: "Score before" },
      count: (count) => count === 1 ? "1 customer became Hot." : `${formatNumber(count)} customers became Hot.`,
      none: "No customer became Hot since that date.", badDate: "Choose a date.",
      capped: (count) => `Only the ${formatNumber(count)} most recent are shown and downloaded: choose a later date to see the others.`,
      file: "new-hot-leads.csv" },
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
  const amount = $("total_spent");
  if (amount && ["1500,50", "1500.50"].includes(amount.value)) amount.value = language === "fr" ? "1500,50" : "1500.50";
}

// When the service is run with API keys, the key typed at the top of the page goes with every call
// (kept for this browser tab only).
function apiHeaders(headers = {}) {
  const all = { ...headers, "Accept-Language": language };
  const key = $("api-key").value.trim();
  if (key) all["X-API-Key"] = key;
  return all;
}

async function callApi(path, options = {}) {
  const response = await fetch(path, { ...options, headers: apiHeaders(options.headers) });
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body };
}

// ---- What the service says -------------------------------------------------------------

// The service names each problem by a code with its parameters, which the page says in its own words from its own
// tables; the service's texts come in the page's language (Accept-Language), except the reasons of a bad value, which it
// words in English only: one the page does not know it shows as written on the English page, and on the French page as
// a French sentence with the service's words folded under "détail technique": never English inside a French sentence.

// Why the service refused a value, from its code and parameters (errors[].code, params), in the page's language: the
// service's own texts (GET /api/contract/reasons), picked as the service picks them (the code, or the variant its
// parameters name: out_of_range.min, wrong_type.array), {0} the English message, {1}... the parameters' values.
// { text } or, for a code the service has no text for, { text, detail }.
let REASONS = { fr: {}, en: {} };
function reasonInWords(error) {
  const table = REASONS[language] || {};
  const params = error.params || {};
  const code = error.code ?? "";
  const candidates = [...(params.expected !== undefined ? [`${code}.${params.expected}`] : []),
    ...Object.keys(params).map((name) => `${code}.${name}`), code];
  const key = candidates.find((candidate) => Object.hasOwn(table, candidate));
  if (key) {
    const values = Object.values(params);
    return { text: table[key].replace(/\{(\d+)\}/g, (whole, index) =>
      index === "0" ? (error.message ?? "") : shownParameter(values[Number(index) - 1])) };
  }
  return language === "en" && error.message ? { text: error.message } : { text: t("unknownReason"), detail: error.message };
}

function shownParameter(value) {
  if (Array.isArray(value)) return value.join(", ");
  return typeof value === "number" ? formatNumber(value) : String(value ?? "");
}

// The model card's warnings, as the trainer words them.
const MODEL_WARNINGS = [
  [/^small history: (\d+) customers, (\d+) converted \(at least (\d+) customers and (\d+) converted are recommended\): its holdout figures are uncertain$/, "smallHistory"],
  [/^weak model: holdout AUC ([\d.]+) is under ([\d.]+), it ranks customers little better than chance$/, "weakModel"],
  [/^no holdout customer reaches Hot \(score (\d+) or more\): this model would never tell a rep to call now$/, "neverHot"],
];

// A message of the service in the page's words: { text }, or { text, detail } where the text is a general sentence
// and the detail the service's own words.
function inWords(patterns, table, message, otherwise) {
  for (const [pattern, key] of patterns) {
    const match = pattern.exec(message ?? "");
    if (match && Object.hasOwn(table, key)) {
      const args = match.slice(1).map((arg) => /^\d+(\.\d+)?$/.test(arg ?? "") ? formatNumber(Number(arg)) : arg);
      return { text: typeof table[key] === "function" ? table[key](...args) : table[key] };
    }
  }
  return language === "en" && message ? { text: message } : { text: otherwise, detail: message };
}

// The service's refusals of a whole request (a file it cannot read as customers, a batch over its limits), by the
// problem's code and parameters, each as the sentences that say it.
const PROBLEM_SENTENCES = {
  missing_column: (p) => (p.columns || []).map((key) => t("problem").missingColumn(t("field." + key) || key)),
  empty_file: () => [t("problem").emptyFile],
  header_too_long: (p) => [t("problem").longHeader(formatNumber(p.max_length))],
  value_too_long: (p) => [t("problem").longValue(formatNumber(p.line), formatNumber(p.max_length))],
  malformed_text: (p) => [t("problem").malformedText(formatNumber(p.line), p.charset)],
  unreadable_csv: () => [t("problem").unreadableCsv],
  batch_too_large: (p) => [t("problem").tooManyCustomers(formatNumber(p.limit))],
  body_too_large: (p) => [t("problem").tooLarge(formatNumber(Math.max(1, Math.round(p.max_bytes / 1048576))))],
};

// A refusal with no list of bad values, in sentences: { sentences, detail, refused } where refused tells a file the
// service read and turned down. A code the page does not know is said in the service's words, which come in the page's
// language.
function problemInWords(status, problem) {
  if (status === 401) return { sentences: [t("unauthorized")] };
  if (status === 503) return { sentences: [t("problem").busy] };
  if (status === 408) return { sentences: [t("problem").tooSlow] };
  const detail = String(problem.detail || problem.title || "");
  if (Object.hasOwn(PROBLEM_SENTENCES, problem.code ?? "")) {
    // Where the CSV parser stopped is only in the service's words: kept, folded.
    return { sentences: PROBLEM_SENTENCES[problem.code](problem.params || {}), refused: true,
      detail: problem.code === "unreadable_csv" ? detail : undefined };
  }
  return detail ? { sentences: [detail] } : { sentences: [t("refusedRequest")(status)] };
}

// The service's own words, folded: open them to read them, or to send them to whoever runs the service.
function technicalDetail(text) {
  const details = document.createElement("details");
  details.className = "technical";
  const summary = document.createElement("summary");
  summary.textContent = t("technical");
  const words = document.createElement("p");
  words.textContent = text;
  details.append(summary, words);
  return details;
}

function paragraph(text, className) {
  const p = document.createElement("p");
  p.textContent = text;
  if (className) p.className = className;
  return p;
}

function capitalised(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
  const reasons = await callApi("/api/contract/reasons");
  if (reasons.ok) REASONS = reasons.body;
  const output = await callApi("/api/contract/output");
  if (output.ok) {
    OUTPUT_COLUMNS = output.body.columns.map((column) => column.key);
    WHAT_IF_COLUMNS = (output.body.what_if_columns || []).map((column) => column.key);
    FILE_COLUMN_SUFFIXES = [output.body.from_file_suffix_fr, output.body.from_file_suffix_en];
    for (const column of [...output.body.columns, ...(output.body.what_if_columns || [])]) {
      TEXTS.fr.column[column.key] = column.label_fr;
      TEXTS.en.column[column.key] = column.label_en;
    }
  }
  applyLanguage();
}

// ---- Score one customer ----------------------------------------------------------------

// A number as a person writes it in the page's language, or NaN when it cannot be read for sure. In French a decimal
// comma or point and spaces between thousands, plain or non-breaking (2 450,90, 2450.90); in English a decimal point
// and commas or spaces between thousands (2,450.90). Nothing is guessed: 2.450,90, 12abc or 1,2,3 are no numbers, and
// 2,5 is none where a whole number is expected. (An <input type=number> reads 2450,90 as 245090 in some browsers.)
const THOUSANDS = { fr: "[ \\u00a0\\u202f]", en: "[ ,\\u00a0\\u202f]" };
const DECIMAL_MARK = { fr: "[.,]", en: "\\." };
// In French, 2.450 may be two and a half or two thousand four hundred and fifty: refused, as the service refuses it.
const AMBIGUOUS_DOT = /^\d{1,3}(\.\d{3})+$/;
function readNumber(text, whole) {
  const pattern = new RegExp(`^(\\d+|\\d{1,3}(${THOUSANDS[language]}\\d{3})+)${whole ? "" : `(${DECIMAL_MARK[language]}\\d+)?`}$`);
  if (!pattern.test(text) || (language === "fr" && AMBIGUOUS_DOT.test(text))) return NaN;
  return Number(text.replace(new RegExp(THOUSANDS[language], "g"), "").replace(",", "."));
}

function readForm() {
  const customer = {};
  let valid = true;
  for (const field of FIELDS) {
    const input = $(field);
    const raw = input.value.trim();
    let problem = "";
    let value;
    if (raw === "") problem = t("required");
    else if (KINDS[field] === "amount") {
      const amount = raw.replace(/^€\s*|\s*€$/g, "");
      value = readNumber(amount, false);
      if (Number.isNaN(value)) problem = /^[-−]/.test(amount) && !Number.isNaN(readNumber(amount.slice(1), false)) ? t("number") : t("amount");
      else if (value > Number(input.max)) problem = t("atMost")(formatNumber(Number(input.max)));
    } else if (KINDS[field] === "count") {
      value = readNumber(raw, true);
      if (Number.isNaN(value)) problem = t("whole");
    } else {
      // An id is a number when written as one (and exact as a JavaScript number), otherwise the CRM's text id.
      value = /^\d{1,15}$/.test(raw) ? Number(raw) : raw;
    }
    customer[field] = value;
    showFieldError(field, problem);
    valid = valid && !problem;
  }
  return valid ? customer : null;
}

function showFieldError(field, message) {
  $(field + "-error").textContent = message;
  $(field).setAttribute("aria-invalid", message ? "true" : "false");
}

// Whatever goes wrong, the score shown goes away: it would stand beside values it was not given for.
async function scoreOne(event) {
  event.preventDefault();
  $("form-error").replaceChildren();
  try {
    if (!FIELDS.length) await loadContract();
  } catch (e) {
    $("result").hidden = true;
    $("form-error").textContent = t("network");
    return;
  }
  const customer = readForm();
  if (!customer) {
    $("result").hidden = true;
    $("form-error").textContent = t("fixFields");
    return;
  }
  try {
    const { ok, status, body } = await callApi("/api/score?explain=true", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(customer) });
    if (!ok) {
      $("result").hidden = true;
      showScoreErrors(status, body);
      return;
    }
    showResult(body);
  } catch (e) {
    $("result").hidden = true;
    $("form-error").textContent = t("network");
  }
}

// The service's refusal of a customer: each field it names marked in the page's words, the rest said under the form.
function showScoreErrors(status, problem) {
  const errors = (Array.isArray(problem.errors) ? problem.errors : []).filter((error) => FIELDS.includes(error.field));
  if (!errors.length) {
    const { sentences, detail } = problemInWords(status, problem);
    $("form-error").replaceChildren(...sentences.map((sentence) => paragraph(sentence)), ...(detail ? [technicalDetail(detail)] : []));
    return;
  }
  const details = [];
  for (const error of errors) {
    const { text, detail } = reasonInWords(error);
    showFieldError(error.field, capitalised(text));
    if (detail) details.push(detail);
  }
  $("form-error").replaceChildren(paragraph(t("fixFields")), ...(details.length ? [technicalDetail(details.join("\n"))] : []));
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
  const step = score.next_step || score.at_risk_after;
  $("next-step-title").textContent = step ? whatIfLead(score.segment) : "";
  $("next-step").textContent = step ? step.text : "";
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

// "Pour le faire passer Chaud" for a customer below Hot (the next segment up), "Pour le garder Chaud" for a Hot one.
function whatIfLead(segment) {
  const above = { Cold: "Warm", Warm: "Hot" }[segment];
  return above ? t("whatIf").up(t("segment." + above)) : t("whatIf").keep(t("segment.Hot"));
}

// The service's sentence after "Pour le garder Chaud : " goes on in lower case in French ("sans contact, il reste..."),
// as French typography wants after a colon; English keeps its capital.
function afterColon(sentence) {
  return language === "fr" ? sentence.charAt(0).toLocaleLowerCase("fr") + sentence.slice(1) : sentence;
}

// ---- Score my base ---------------------------------------------------------------------

// The file goes to the service as it is (Content-Type: text/csv), so the page reads exports exactly as the API does:
// separator, decimal commas, Windows-1252. The answer comes back as CSV too, with every column of the file, then the
// service's own columns (score, segment...), Hot first; every value stays the text it was, so ids above 2^53 and CRM
// text ids are kept exactly.
//
// A file may hold columns of its own named like the service's (its own "score", "next_action"...): the answer then
// names two columns alike. So the answer is read as rows of cells, never as objects keyed by column name ("__proto__"
// and "constructor" are column names like any other), and the service's columns are told from the file's by their
// place: the file's come first, as many as the file's header has.
const CONTACT_COLUMNS = {
  name: ["nom", "name", "nom complet", "full name", "contact", "prenom nom", "client"],
  company: ["societe", "company", "entreprise", "raison sociale", "compte", "account", "organisation", "organization"],
  phone: ["telephone", "tel", "phone", "phone number", "mobile", "portable", "numero de telephone"],
  email: ["email", "e-mail", "mail", "courriel", "adresse email", "adresse e-mail", "email address"],
};
// A first name and a last name in two columns make the name.
const FIRST_NAME = ["prenom", "first name", "firstname", "given name"];
const LAST_NAME = ["nom", "last name", "lastname", "surname", "nom de famille", "family name"];
// Pasted JSON has no columns of its own: the list shows the fields of the API's JSON answer, in the CSV answer's order
// (GET /api/contract/output, with the columns' labels).
let OUTPUT_COLUMNS = [];
// The columns ?whatif=true adds after those (GET /api/contract/output, what_if_columns).
let WHAT_IF_COLUMNS = [];
// What the CSV answer adds to a file's column named like one of its own, in French and English (from
// GET /api/contract/output).
let FILE_COLUMN_SUFFIXES = [];

// The answer: its header, how many of its columns are the file's, the service's columns by name, the file's id column.
let answer = { header: [], fileColumns: 0, service: new Map(), id: -1 };
let contactColumns = new Map();

function plain(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().toLowerCase();
}

// A translation of a value that comes from outside (a next action, a message): only the table's own entries, never
// what every object inherits ("constructor", "toString").
function own(table, key) {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

// A column name as the lists above are compared with it: no case, no accents, "first_name" and "E-mail" as "first name"
// and "e mail".
function columnKey(name) {
  return plain(name).replace(/[\s_.-]+/g, " ").trim();
}

// The file's columns for each contact role: one column each, or the first and last names for the name.
function findContactColumns(header, fileColumns) {
  const find = (names) => {
    const keys = names.map(columnKey);
    return header.findIndex((name, index) => index < fileColumns && keys.includes(columnKey(name)));
  };
  const found = new Map();
  for (const [role, names] of Object.entries(CONTACT_COLUMNS)) {
    const column = find(names);
    if (column >= 0) found.set(role, [column]);
  }
  const first = find(FIRST_NAME), last = find(LAST_NAME);
  if (first >= 0 && last >= 0) found.set("name", [first, last]);
  else if (first >= 0 && !found.has("name")) found.set("name", [first]);
  return found;
}

// ---- Which column is which: the mapping step ---------------------------------------------

// A field the service does not find under any of its names (GET /api/contract) would refuse the whole file. As soon as
// a file is picked, the page reads its header as the service does, asks the service which columns hold which field
// (POST /api/contract/columns: its own rule, no copy of it here) and, for each field still missing, lets the user
// choose one of the file's other columns. The file then goes with those columns renamed to the fields' keys, in its
// own bytes and charset; the call list and the downloads show them under their own names again. The choices are kept
// in this browser, by field, and offered again for the next file with a column of the same name.
const MAPPING_STORE = "smoft-column-mapping";
// The longest header the service reads, in characters (CustomerCsvReader.MAX_HEADER_CHARS), and as bytes at most.
const HEADER_BYTES = 4 * 1024 * 1024 + 3;
// What the service looks at to tell UTF-8 from Windows-1252 (CsvText.SNIFF_BYTES).
const SNIFF_BYTES = 64 * 1024;

// The file picked: { file, ready } where ready gives its mapping, or null when there is nothing to ask.
let mappingTask = null;
// The mapping shown: { file, header, missing, free, chosen: Map(field key -> column), remembered: Set(field key) }.
let mapping = null;
// Each copy sent, with the mapping it was made from: the answer's header gets the file's own names back from it.
const sentMappings = new WeakMap();

// The header of a file as the service reads it: the charset it would detect (a UTF-8 byte order mark, otherwise UTF-8
// unless the first 64 KB are not valid UTF-8, then Windows-1252), the separator, each name and where its bytes are.
// Separators, quotes and line ends are ASCII in both charsets, so the header is cut on bytes and only names decoded.
async function readHeader(file) {
  const bytes = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  // UTF-16 (Excel's "Texte Unicode"): the service reads it, but its header cannot be cut on bytes; sent as it is.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let charset = "utf-8";
  if (!bom) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, SNIFF_BYTES), { stream: file.size >= SNIFF_BYTES });
    } catch (e) {
      charset = "windows-1252";
    }
  }
  let lineEnd = bytes.indexOf(0x0a, bom);
  const carriage = bytes.indexOf(0x0d, bom);
  if (carriage >= 0 && (lineEnd < 0 || carriage < lineEnd)) lineEnd = carriage;
  if (lineEnd < 0 && file.size > bytes.length) return null;
  const firstLine = new TextDecoder("latin1").decode(bytes.subarray(bom, lineEnd < 0 ? bytes.length : lineEnd));
  const separator = separatorOf(firstLine).charCodeAt(0);
  const decoder = new TextDecoder(charset);
  const spans = [];
  let end = bom;
  for (let i = bom; ; i = end + 1) {
    end = i;
    while (end < bytes.length && (bytes[end] === 0x20 || (bytes[end] === 0x09 && separator !== 0x09))) end++;
    if (bytes[end] === 0x22) {
      for (end++; end < bytes.length && !(bytes[end] === 0x22 && bytes[end + 1] !== 0x22); end++) if (bytes[end] === 0x22) end++;
      end++;
    }
    while (end < bytes.length && bytes[end] !== separator && bytes[end] !== 0x0d && bytes[end] !== 0x0a) end++;
    spans.push([i, end]);
    if (end >= bytes.length && file.size > bytes.length) return null;
    if (bytes[end] !== separator) break;
  }
  const names = spans.map(([from, to]) => {
    const name = decoder.decode(bytes.subarray(from, to)).replace(/\uFEFF/g, "").trim();
    return /^".*"$/s.test(name) ? name.slice(1, -1).replace(/""/g, '"').trim() : name;
  });
  return { bytes, bom, charset, spans, names, end };
}

// The choices kept in this browser: for each field, the name of the column last chosen for it.
function rememberedColumns() {
  try {
    const kept = JSON.parse(localStorage.getItem(MAPPING_STORE) || "{}");
    return kept && typeof kept === "object" ? kept : {};
  } catch (e) {
    return {};
  }
}

function rememberColumns(chosen, names) {
  const kept = rememberedColumns();
  for (const [field, column] of chosen) kept[field] = names[column];
  try {
    localStorage.setItem(MAPPING_STORE, JSON.stringify(kept));
  } catch (e) {
    // A browser that keeps nothing (private mode, storage full) asks again next time.
  }
}

// What the page must ask of a file: the fields the service would not find, the columns left to choose from, and
// the choices kept from an earlier file whose column is here under the same name.
async function prepareMapping(file) {
  const header = await readHeader(file);
  if (!header) return null;
  if (!FIELDS.length) await loadContract();
  const { ok, body } = await callApi("/api/contract/columns", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ header: header.names }) });
  if (!ok || !body.columns) return null;
  const missing = FIELDS.filter((field) => !Object.hasOwn(body.columns, field));
  if (!missing.length) return null;
  const taken = new Set(Object.values(body.columns));
  const free = header.names.map((name, index) => index).filter((index) => !taken.has(index) && header.names[index] !== "");
  const kept = rememberedColumns();
  const chosen = new Map();
  for (const field of missing) {
    const column = free.find((index) => header.names[index] === kept[field] && ![...chosen.values()].includes(index));
    if (column !== undefined) chosen.set(field, column);
  }
  return { file, header, missing, free, chosen, remembered: new Set(chosen.keys()) };
}

// Called when a file is picked: the question is on screen before the user asks for the scores.
function startMapping(file) {
  mapping = null;
  renderMapping();
  if (!file) {
    mappingTask = null;
    return null;
  }
  const task = { file };
  task.ready = prepareMapping(file).catch(() => null).then((prepared) => {
    if (mappingTask === task) {
      mapping = prepared;
      // Nothing learnt (the service did not answer, a key is missing): asked again when the file is sent.
      if (!prepared) mappingTask = null;
      renderMapping();
    }
    return prepared;
  });
  mappingTask = task;
  return task;
}

// One select per missing field, listing the file's columns no field took; the kept choices said in words.
function renderMapping() {
  const box = $("mapping");
  box.hidden = !mapping;
  if (!mapping) {
    $("mapping-fields").replaceChildren();
    return;
  }
  const texts = t("mapping");
  $("mapping-intro").textContent = texts.intro(shown(mapping.file.name));
  $("mapping-fields").replaceChildren(...mapping.missing.map((field) => {
    const wrapper = document.createElement("div");
    wrapper.className = "field";
    const label = document.createElement("label");
    label.htmlFor = "map-" + field;
    label.textContent = t("field." + field) || field;
    const select = document.createElement("select");
    select.id = "map-" + field;
    select.dataset.field = field;
    const none = document.createElement("option");
    none.value = "";
    none.textContent = texts.choose;
    select.append(none, ...mapping.free.map((index) => {
      const option = document.createElement("option");
      option.value = String(index);
      option.textContent = shown(mapping.header.names[index], 60);
      return option;
    }));
    select.value = mapping.chosen.has(field) ? String(mapping.chosen.get(field)) : "";
    select.addEventListener("change", () => {
      if (select.value === "") mapping.chosen.delete(field);
      else mapping.chosen.set(field, Number(select.value));
      mapping.remembered.delete(field);
      renderMappingNote();
    });
    wrapper.append(label, select);
    return wrapper;
  }));
  renderMappingNote();
}

function renderMappingNote() {
  const texts = t("mapping");
  const pairs = [...mapping.remembered].map((field) =>
    texts.pair(t("field." + field) || field, shown(mapping.header.names[mapping.chosen.get(field)], 60)));
  $("mapping-note").hidden = !pairs.length;
  $("mapping-note").textContent = pairs.length ? texts.remembered(pairs.join(", ")) : "";
}

// The body to send for a file: the file itself, or a copy whose header names the chosen columns by the fields' keys,
// the rest of its bytes untouched, Windows-1252 declared when the service would have found it in the original (so that
// a file whose only accents were in a renamed name is still read as such); otherwise the service finds the charset in
// the copy as in the original, and reads a file that is plain ASCII at first and Windows-1252 further on as it would.
// Null when a choice is missing.
async function mappedFile(file) {
  if (!mappingTask || mappingTask.file !== file) startMapping(file);
  const prepared = mappingTask ? await mappingTask.ready : null;
  if (!prepared || prepared !== mapping) return file;
  const labels = (fields) => fields.map((field) => t("field." + field) || field);
  const unchosen = mapping.missing.filter((field) => !mapping.chosen.has(field));
  if (unchosen.length) {
    hideBatchResult();
    $("batch-error").replaceChildren(...labels(unchosen).map((label) => paragraph(t("mapping").missing(label))));
    return null;
  }
  for (const column of new Set(mapping.chosen.values())) {
    const fields = mapping.missing.filter((field) => mapping.chosen.get(field) === column);
    if (fields.length > 1) {
      hideBatchResult();
      $("batch-error").textContent = t("mapping").twice(shown(mapping.header.names[column]), labels(fields).join(t("mapping").and));
      return null;
    }
  }
  rememberColumns(mapping.chosen, mapping.header.names);
  const { bytes, spans, end } = mapping.header;
  const byColumn = new Map([...mapping.chosen].map(([field, column]) => [column, field]));
  const parts = [bytes.subarray(0, spans[0][0])];
  spans.forEach(([from, to], index) => {
    if (index > 0) parts.push(bytes.subarray(from - 1, from));
    parts.push(byColumn.has(index) ? new TextEncoder().encode(byColumn.get(index)) : bytes.subarray(from, to));
  });
  const type = mapping.header.charset === "windows-1252" ? "text/csv;charset=windows-1252" : "text/csv";
  const copy = new Blob([...parts, file.slice(end)], { type });
  sentMappings.set(copy, { names: mapping.header.names, columns: [...mapping.chosen.values()] });
  return copy;
}

// The Content-Type a body goes with: a copy made by the mapping step declares its charset.
function csvContentType(body) {
  return body instanceof File ? "text/csv" : body.type;
}

// The answer's header with the file's own names back on the columns the mapping step renamed.
function withOwnNames(header, body) {
  const sent = sentMappings.get(body);
  if (!sent) return header;
  const named = [...header];
  for (const column of sent.columns) named[column] = sent.names[column];
  return named;
}

async function scoreBase() {
  $("batch-error").replaceChildren();
  $("rejected").hidden = true;
  const file = $("csv-file").files[0];
  try {
    if (file) await scoreFile(file);
    else if ($("json-text").value.trim()) await scorePastedJson();
    else $("batch-error").textContent = t("noInput");
  } catch (e) {
    $("batch-error").textContent = t("network");
  }
}

// The separator of a header line as the service finds it: whichever of ; tab and , it holds most, a comma when none.
function separatorOf(line) {
  let best = ",";
  let most = line.split(",").length;
  for (const candidate of [";", "\t"]) {
    const count = line.split(candidate).length;
    if (count > most) { best = candidate; most = count; }
  }
  return best;
}

// How many columns the file's header names, read as the service reads it: quotes around a name may hold the separator
// or a line break, spaces around a name do not count. The separator and quotes are ASCII, so the charset does not matter.
async function fileColumnCount(file) {
  const text = new TextDecoder().decode(await file.slice(0, 1 << 20).arrayBuffer());
  const separator = separatorOf(text.split(/\r\n|\r|\n/, 1)[0]);
  let columns = 1;
  for (let i = 0; i < text.length; i++) {
    while (i < text.length && text[i] !== separator && " \t\f\v".includes(text[i])) i++;
    if (text[i] === '"') {
      for (i++; i < text.length && !(text[i] === '"' && text[i + 1] !== '"'); i++) if (text[i] === '"') i++;
      i++;
    }
    while (i < text.length && text[i] !== separator && text[i] !== "\r" && text[i] !== "\n") i++;
    if (text[i] !== separator) break;
    columns++;
  }
  return columns;
}

async function scoreFile(picked) {
  const file = await mappedFile(picked);
  if (!file) return;
  const skip = $("skip-invalid").checked;
  const response = await fetch("/api/batch_score?sort=score&columns=all&whatif=true" + (skip ? "&invalid=skip" : ""), {
    method: "POST", headers: apiHeaders({ "Content-Type": csvContentType(file), Accept: "text/csv" }), body: file });
  if (!response.ok) {
    showBatchErrors(response.status, await response.json().catch(() => ({})));
    return;
  }
  const text = (await response.text()).replace(/^\uFEFF/, "");
  const fileColumns = await fileColumnCount(file);
  const firstLine = /^[^\r\n]*(\r?\n)?/.exec(text);
  const [header = [], ...rows] = Papa.parse(text, { delimiter: separatorOf(firstLine[0].replace(/\r?\n$/, "")), newline: firstLine[1] || "\r\n",
    skipEmptyLines: true }).data;
  // After the file's columns, the service's: each name once, and the ones the list reads among them.
  const service = new Map(header.slice(fileColumns).map((name, index) => [name, fileColumns + index]));
  if (fileColumns >= header.length || service.size !== header.length - fileColumns
      || !["score", "segment", "next_action"].every((name) => service.has(name)) || rows.some((row) => row.length !== header.length)) {
    hideBatchResult();
    $("batch-error").textContent = t("mismatch");
    return;
  }
  // The id the service read, wherever the file put it and whatever it named it ("N° client"...): the answer says which.
  const idColumn = response.headers.get("X-Id-Column");
  const id = idColumn !== null ? Number(idColumn)
    : header.findIndex((name, index) => index < fileColumns && name.trim().toLowerCase() === "customer_id");
  // The service made the file's formula cells inert for spreadsheets; the list shows them as the file wrote them.
  const asWritten = (cells) => cells.map((cell, index) => index < fileColumns ? fromSpreadsheetCell(cell) : cell);
  showCallList({ header: withOwnNames(asWritten(header), file), fileColumns, service, id }, rows.map(asWritten));
  const skipped = Number(response.headers.get("X-Rejected-Count") || 0);
  if (skipped > 0) showRejected(skipped, await rejectedRowsOf(file));
}

// The rows an answer with ?invalid=skip left out, by line, column and value. The CSV answer only counts them; the same
// file sent again without skipping is refused (422) with each bad value listed, before anything is scored, so the valid
// customers are not scored twice.
async function rejectedRowsOf(file) {
  let response;
  try {
    response = await fetch("/api/batch_score", {
      method: "POST", headers: apiHeaders({ "Content-Type": csvContentType(file), Accept: "application/json" }), body: file });
  } catch (e) {
    return null;
  }
  const problem = await response.json().catch(() => ({}));
  if (response.status !== 422 || !Array.isArray(problem.errors)) return null;
  const entries = problem.errors.map((error) => rejectedEntry(String(error.line ?? ""), error.column, error.value, error));
  const total = problem.total_errors ?? entries.length;
  return { entries, note: total > entries.length ? t("firstErrors")(formatNumber(entries.length), formatNumber(total)) : "" };
}

// One bad value of a row left out, in the page's words.
function rejectedEntry(line, column, value, error) {
  const { text, detail } = reasonInWords(error);
  return { line, column: column ? t("field." + column) || column : "", value: value ?? "", reason: text, detail };
}

// The rows left out: how many, then each bad value (line, column, value, reason), to download as a spreadsheet.
let rejected = [];
function showRejected(count, listing) {
  rejected = listing ? listing.entries : [];
  $("rejected").hidden = false;
  $("rejected-count").textContent = t("rejectedCount")(count);
  const columns = ["line", "column", "value", "reason"];
  $("rejected-list").tHead.rows[0].replaceChildren(...columns.map((column) => {
    const th = document.createElement("th");
    th.textContent = t("rejectedColumn")[column];
    return th;
  }));
  $("rejected-list").tBodies[0].replaceChildren(...rejected.map((entry) => {
    const row = document.createElement("tr");
    row.replaceChildren(...columns.map((column) => {
      const cell = document.createElement("td");
      cell.textContent = shown(entry[column]);
      if (column === "reason" && entry.detail) cell.append(technicalDetail(entry.detail));
      return cell;
    }));
    return row;
  }));
  $("rejected-list").hidden = !rejected.length;
  const note = listing ? listing.note : t("rejectedUnlisted");
  $("rejected-note").hidden = !note;
  $("rejected-note").textContent = note;
  $("download-rejected").hidden = !rejected.length;
}

function downloadRejected() {
  const rows = rejected.map((entry) => [entry.line, entry.column, entry.value,
    entry.detail ? `${entry.reason} (${entry.detail})` : entry.reason]);
  save(spreadsheet(["line", "column", "value", "reason"].map((column) => t("rejectedColumn")[column]), rows),
    language === "fr" ? "lignes-ignorees.csv" : "skipped-rows.csv");
}

function hideBatchResult() {
  $("batch-result").hidden = true;
  results = [];
}

async function scorePastedJson() {
  let clients;
  try {
    const pasted = JSON.parse($("json-text").value);
    clients = Array.isArray(pasted) ? pasted : pasted.clients;
  } catch (e) {
    hideBatchResult();
    $("batch-error").replaceChildren(paragraph(t("badJson")), technicalDetail(e.message));
    return;
  }
  const skip = $("skip-invalid").checked;
  if (!OUTPUT_COLUMNS.length) await loadContract();
  const { ok, status, body } = await callApi("/api/batch_score?sort=score&whatif=true" + (skip ? "&invalid=skip" : ""), {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ clients }) });
  if (!ok) { showBatchErrors(status, body); return; }
  const header = [...OUTPUT_COLUMNS, ...WHAT_IF_COLUMNS];
  const service = new Map(header.slice(1).map((name, index) => [name, 1 + index]));
  // Each field as the CSV answer writes it: the next action by its code, the what-if columns from their objects.
  const asCsv = {
    next_action: (r) => r.next_action.action,
    next_step: (r) => (r.next_step || r.at_risk_after || {}).text ?? "",
    next_step_score: (r) => r.next_step ? String(r.next_step.score) : "",
    at_risk_after: (r) => r.at_risk_after && r.at_risk_after.days !== null ? String(r.at_risk_after.days) : "",
  };
  showCallList({ header, fileColumns: 1, service, id: 0 }, body.results.map((r) => header.map((name) =>
    Object.hasOwn(asCsv, name) ? asCsv[name](r) : String(r[name]))));
  // A JSON answer lists the customers it left out itself, by their place in the list.
  if (body.rejected_count > 0) {
    const listed = Array.isArray(body.rejected) ? body.rejected : [];
    showRejected(body.rejected_count, { entries: listed.flatMap((row) => (row.errors || []).map((error) =>
      rejectedEntry(t("row")(null, row.index), error.field, "", error))),
      note: body.rejected_count > listed.length ? t("firstRejected")(formatNumber(listed.length), formatNumber(body.rejected_count)) : "" });
  }
}

function showCallList(read, rows) {
  answer = read;
  const column = (name) => answer.service.get(name);
  results = rows.map((cells, index) => ({ rank: index + 1, cells, customer_id: cells[answer.id] ?? "",
    score: cells[column("score")], segment: cells[column("segment")], next_action: cells[column("next_action")],
    next_step: answer.service.has("next_step") ? cells[column("next_step")] : "" }));
  contactColumns = findContactColumns(answer.header, answer.fileColumns);
  $("batch-result").hidden = false;
  renderCounts();
  const header = downloadHeader();
  const renamed = renamedColumns().map((index) => header[index]);
  $("batch-note").hidden = !renamed.length;
  $("batch-note").textContent = renamed.length ? t("renamed")(renamed.map((name) => shown(name)).join(", ")) : "";
  renderTable();
}

// The service renames the file's columns named like one of its own, "score (fichier)" or "score (file)" in the
// language asked; a pasted answer may not. Either way the name without the suffix.
function ownName(name) {
  const suffix = FILE_COLUMN_SUFFIXES.find((end) => name.endsWith(end));
  return suffix ? name.slice(0, -suffix.length) : name;
}

// The file's columns named like one of the service's, in any case: the download names them "score (fichier)".
function renamedColumns() {
  const names = new Set([...answer.service.keys()].map((name) => name.toLowerCase()));
  return [...answer.header.keys()].filter((index) => index < answer.fileColumns
    && names.has(ownName(answer.header[index]).trim().toLowerCase()));
}

function downloadHeader() {
  const renamed = new Set(renamedColumns());
  return answer.header.map((name, index) => renamed.has(index) ? ownName(name) + t("fileColumn") : name);
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
  return ["rank", ...["name", "company", "phone", "email"].filter((role) => contactColumns.has(role)), "customer_id", "score",
    "segment", "next_action", ...(answer.service.has("next_step") ? ["next_step"] : [])];
}

function cellValue(result, column) {
  if (column === "rank") return String(result.rank);
  if (column === "segment") return SEGMENTS.includes(result.segment) ? t("segment." + result.segment) : result.segment;
  if (column === "next_action") return own(t("action"), result.next_action) ?? result.next_action;
  if (column === "next_step") return result.next_step ? whatIfLead(result.segment) + t("colon") + afterColon(result.next_step) : "";
  if (contactColumns.has(column)) {
    const cells = contactColumns.get(column).map((index) => result.cells[index] ?? "");
    return cells.length === 1 ? cells[0] : cells.map((cell) => cell.trim()).filter((cell) => cell).join(" ");
  }
  return result[column] ?? "";
}

// What the search looks in: every shown column of a customer, whole, worked out once per language.
function searchText(result) {
  if (result.searchLanguage !== language) {
    result.search = listColumns().map((column) => plain(cellValue(result, column))).join("\n");
    result.searchLanguage = language;
  }
  return result.search;
}

function visibleResults() {
  const segment = $("segment-filter").value;
  const search = plain($("row-search").value);
  return results.filter((r) => (!segment || r.segment === segment) && (!search || searchText(r).includes(search)));
}

// What the list shows of a value from the file: the controls that reorder text (right-to-left override U+202E and
// its kin) written out, so that "A-[U+202E]1234" cannot show as "A-4321"; at most 100 characters, the rest in the
// search and the download.
const SHOWN_LENGTH = 100;
// The most customers the list draws at once: a base of 100 000 would freeze the page at every key typed in the search.
// The search, the filter and the download see them all.
const LIST_LENGTH = 1000;
function shown(value, length = SHOWN_LENGTH) {
  const visible = value.replace(/[\u202a-\u202e\u2066-\u2069]/g, (c) => `[U+${c.codePointAt(0).toString(16).toUpperCase()}]`);
  if (visible.length <= length) return visible;
  const characters = [...visible];
  return characters.length <= length ? visible : characters.slice(0, length).join("") + "…";
}

// Links only to what is plainly a phone number or an address: no "?bcc=" added to a mail, no other scheme.
const PHONE = /^\s*\+?[\d\s.()\/-]*\d[\d\s.()\/-]*$/;
const EMAIL = /^[\p{L}\p{N}._+'-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u;

function renderTable() {
  const columns = listColumns();
  const head = $("call-list").tHead.rows[0];
  head.replaceChildren(...columns.map((column) => {
    const th = document.createElement("th");
    th.textContent = t("column")[column];
    th.dataset.column = column;
    return th;
  }));
  const visible = visibleResults();
  $("list-note").hidden = visible.length <= LIST_LENGTH;
  $("list-note").textContent = visible.length > LIST_LENGTH ? t("firstRows")(formatNumber(LIST_LENGTH), formatNumber(visible.length)) : "";
  const rows = visible.slice(0, LIST_LENGTH).map((result) => {
    const row = openingRow(result.customer_id);
    for (const column of columns) {
      const cell = document.createElement("td");
      const value = cellValue(result, column);
      const text = shown(value);
      cell.dataset.column = column;
      cell.dataset.label = t("column")[column];
      if (text.length < value.length) cell.title = shown(value, 1000);
      if (column === "phone" && PHONE.test(value)) cell.append(link("tel:" + value.replace(/[^\d+]/g, ""), text));
      else if (column === "email" && EMAIL.test(value.trim())) cell.append(link("mailto:" + value.trim(), text));
      else if (column === "next_step" && result.next_step) {
        const lead = document.createElement("strong");
        lead.textContent = whatIfLead(result.segment) + t("colon");
        cell.append(lead, shown(afterColon(result.next_step), 1000));
      } else if (column === "segment") {
        const badge = document.createElement("span");
        badge.className = "badge " + result.segment;
        badge.textContent = text;
        cell.append(badge);
      } else cell.textContent = text;
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

// OWASP's rule against CSV injection: a cell that starts with = + - @ tab or carriage return goes out with a quote in
// front, so Excel shows "=HYPERLINK(...)" or "@SUM(...)" as text instead of running it. A plain number (-12, -12,5,
// 1 234,56, +5) is no formula: it stays as it is, so Excel still reads it as a number.
const FORMULA = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+|\d{1,3}([ \u00a0\u202f]\d{3})+)([.,]\d+)?$/;
function spreadsheetCell(value) {
  return FORMULA.test(value) && !PLAIN_NUMBER.test(value) ? "'" + value : value;
}

// The inverse, for the service's CSV answer, which follows the same rule.
function fromSpreadsheetCell(value) {
  const written = value.slice(1);
  return value.startsWith("'") && FORMULA.test(written) && !PLAIN_NUMBER.test(written) ? written : value;
}

// What Excel in the user's language opens cleanly: in French semicolons, decimal commas and a UTF-8 byte order
// mark, the segment, priority and next action in French as the list shows them; in English commas. Every column of
// the file (those named like the service's renamed), then the service's, in the list's order: the customers shown
// (segment and search) or all of them.
function downloadText(chosen) {
  const french = language === "fr";
  const { probability, segment, next_action: nextAction, priority } = Object.fromEntries(
    ["probability", "segment", "next_action", "priority"].map((name) => [name, answer.service.get(name)]));
  const rows = chosen.map((result) => result.cells.map((value, index) => {
    if (index === probability) value = french ? value.replace(".", ",") : value.replace(",", ".");
    else if (index === segment) value = SEGMENTS.includes(value) ? t("segment." + value) : value;
    else if (index === nextAction) value = own(t("action"), value) ?? value;
    else if (index === priority) value = own(t("priority"), value) ?? value;
    return value;
  }));
  return spreadsheet(downloadHeader(), rows);
}

// A table as Excel in the page's language opens it: in French semicolons, in English commas; a UTF-8 byte order mark
// in both (without it Excel reads the file in the computer's own charset, "HÃ©lÃ¨ne" for Hélène); every cell a
// spreadsheet would run as a formula made inert.
function spreadsheet(header, rows) {
  const french = language === "fr";
  const csv = Papa.unparse({ fields: header.map(spreadsheetCell), data: rows.map((row) => row.map(spreadsheetCell)) },
    { delimiter: french ? ";" : ",", newline: "\r\n" });
  return "\uFEFF" + csv;
}

function save(text, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  link.download = name;
  link.click();
}

function downloadShown() {
  save(downloadText(visibleResults()), language === "fr" ? "liste-d-appels.csv" : "call-list.csv");
}

function downloadAll() {
  save(downloadText(results), language === "fr" ? "liste-d-appels-complete.csv" : "call-list-whole.csv");
}

// The API names a bad CSV row by line and column, a bad JSON customer as clients[3].emails_opened;
// a person reads "Line 5 - Emails opened: ...". The list of an earlier file goes away.
function showBatchErrors(status, problem) {
  hideBatchResult();
  const box = $("batch-error");
  const errors = Array.isArray(problem.errors) ? problem.errors : [];
  if (!errors.length) {
    const { sentences, detail, refused } = problemInWords(status, problem);
    const said = refused ? [paragraph(t("refused")), list(sentences.map((sentence) => item(sentence)))] : sentences.map((sentence) => paragraph(sentence));
    box.replaceChildren(...said, ...(detail ? [technicalDetail(detail)] : []));
    return;
  }
  let rows = false;
  const items = errors.map((error) => {
    const { text, detail } = reasonInWords(error);
    const match = /^clients\[(\d+)]\.?(.*)$/.exec(error.field || "");
    let where = error.field ? shown(error.field) : "";
    if (error.line !== undefined) {
      where = `${t("row")(error.line)}${error.column ? ` - ${t("field." + error.column) || shown(error.column)}` : ""}`;
    } else if (match) {
      where = `${t("row")(null, Number(match[1]))}${match[2] ? ` - ${t("field." + match[2]) || shown(match[2])}` : ""}`;
    }
    rows = rows || error.line !== undefined || match !== null;
    const said = item(`${where ? where + t("colon") : ""}${text}${error.value ? t("value")(shown(error.value)) : ""}`);
    if (detail) said.append(technicalDetail(detail));
    return said;
  });
  const more = problem.total_errors > errors.length ? [paragraph(t("firstErrors")(formatNumber(errors.length), formatNumber(problem.total_errors)), "hint")] : [];
  // Bad rows refuse the whole file unless the box is ticked: say so where the user reads why.
  const hint = rows && !$("skip-invalid").checked ? [paragraph(t("skipHint"), "hint")] : [];
  box.replaceChildren(paragraph(t("refused")), list(items), ...more, ...hint);
}

function list(items) {
  const ul = document.createElement("ul");
  ul.replaceChildren(...items);
  return ul;
}

function item(text) {
  const li = document.createElement("li");
  li.textContent = text;
  return li;
}

// ---- What the service remembers: a lead's card, the new Hot leads -----------------------

// A row that opens its customer's card: clicked, or Enter or Space once focused (Tab reaches it). The id is kept as
// the row's data, never written into markup.
function openingRow(customerId) {
  const row = document.createElement("tr");
  row.tabIndex = 0;
  row.className = "opens";
  row.dataset.customerId = customerId;
  return row;
}

// Clicks and keys on a list's rows, once for the list: a link in a row (a phone, an email) stays a link.
function openLeadsFrom(table) {
  table.tBodies[0].addEventListener("click", (event) => {
    const row = event.target.closest("tr.opens");
    if (row && !event.target.closest("a, details")) openLead(row.dataset.customerId, row);
  });
  table.tBodies[0].addEventListener("keydown", (event) => {
    if ((event.key === "Enter" || event.key === " ") && event.target.matches("tr.opens")) {
      event.preventDefault();
      openLead(event.target.dataset.customerId, event.target);
    }
  });
}

// The card on screen: its customer, the element to give the focus back to when it closes, the answer it shows.
let lead = { id: null, from: null, body: null, asked: 0 };

function leadProblem(status, problem) {
  if (status === 401) return t("unauthorized");
  const detail = String(problem.detail || "");
  if (status === 404) return detail || t("lead").unknown;
  if (status === 503) return detail || t("lead").down;
  return detail || t("refusedRequest")(status);
}

// A customer's card, from the service's memory: his latest score and trend, his scores as a line, his changes of
// segment. A customer it does not know, a memory switched off or down: the service's sentence, in the page's language.
async function openLead(customerId, from, focus = true) {
  const id = String(customerId ?? "").trim();
  const card = $("lead-card");
  card.hidden = false;
  lead = { id, from: from || lead.from, body: null, asked: lead.asked + 1 };
  const asked = lead.asked;
  $("lead-title").textContent = t("lead").title(shown(id, 64));
  $("lead-body").hidden = true;
  $("lead-error").textContent = id ? "" : t("lead").empty;
  if (focus) $("lead-title").focus();
  if (!id) return;
  let answer;
  try {
    // The id as a parameter: a path cannot carry every id (/, %, \ or "changes").
    answer = await callApi("/api/lead?customer_id=" + encodeURIComponent(id));
  } catch (e) {
    answer = { ok: false, network: true };
  }
  if (asked !== lead.asked) return;
  if (!answer.ok) {
    $("lead-error").textContent = answer.network ? t("network") : leadProblem(answer.status, answer.body);
    return;
  }
  lead.body = answer.body;
  renderLead();
}

function closeLead() {
  $("lead-card").hidden = true;
  const back = lead.from && lead.from.isConnected ? lead.from : $("lead-id");
  lead = { id: null, from: null, body: null, asked: lead.asked + 1 };
  back.focus();
}

function segmentName(segment) {
  return SEGMENTS.includes(segment) ? t("segment." + segment) : shown(String(segment ?? ""));
}

function dateTime(iso) {
  return new Date(iso).toLocaleString(language === "fr" ? "fr-FR" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
}

function renderLead() {
  const body = lead.body;
  $("lead-title").textContent = t("lead").title(shown(body.customer_id, 64));
  $("lead-body").hidden = false;
  $("lead-error").textContent = "";
  $("lead-state").textContent = t("lead").state(body.score, segmentName(body.segment), dateTime(body.scored_at));
  const trend = document.createElement("strong");
  trend.className = "trend-word " + body.trend;
  trend.dataset.trend = body.trend;
  trend.textContent = own(t("lead").trend, body.trend) ?? shown(String(body.trend));
  $("lead-trend").replaceChildren(t("lead").trendLabel, trend);
  drawLeadChart(body.history || []);
  const columns = ["scored_at", "score", "segment", "model_version"];
  const head = document.createElement("tr");
  head.replaceChildren(...columns.map((column) => { const th = document.createElement("th"); th.textContent = t("lead").column[column]; return th; }));
  $("lead-history").replaceChildren(head, ...(body.history || []).map((point) => {
    const row = document.createElement("tr");
    row.replaceChildren(...[dateTime(point.scored_at), String(point.score), segmentName(point.segment), shown(String(point.model_version ?? ""))]
      .map((value) => { const td = document.createElement("td"); td.textContent = value; return td; }));
    return row;
  }));
  const changes = body.changes || [];
  $("lead-changes").replaceChildren(...(changes.length ? changes.map((change) => item(change.from === null
    ? t("lead").first(dateTime(change.changed_at), segmentName(change.to), change.score_after)
    : t("lead").change(dateTime(change.changed_at), segmentName(change.from), segmentName(change.to), change.score_before, change.score_after)))
    : [item(t("lead").noChange)]));
  // Its outcomes (GET /api/outcomes recorded them), each with the score it was judged against. A date alone is
  // recorded at the end of its day: the day is what is shown.
  const outcomes = body.outcomes || [];
  $("lead-outcomes").replaceChildren(...(outcomes.length ? outcomes.map((outcome) => {
    const what = own(t("lead").outcome, outcome.outcome) ?? shown(String(outcome.outcome));
    return item(outcome.matched
      ? t("lead").matched(formatDate(outcome.at), what, outcome.matched.score, shown(String(outcome.matched.model_version ?? "")))
      : t("lead").unmatched(formatDate(outcome.at), what));
  }) : [item(t("lead").noOutcome)]));
}

// The scores as a line, oldest on the left, 0 to 100 up: one dot per day, its date, score, segment and model in its
// title (shown on hover), drawn as the reliability chart is.
function drawLeadChart(history) {
  const width = 320, height = 150, left = 28, right = 10, top = 10, bottom = 22;
  const points = [...history].reverse();
  const times = points.map((point) => Date.parse(point.scored_at));
  const first = Math.min(...times), last = Math.max(...times);
  const x = (time) => last === first ? (left + width - right) / 2 : left + ((time - first) / (last - first)) * (width - left - right);
  const y = (score) => height - bottom - (score / 100) * (height - top - bottom);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", id: "lead-line", "aria-label": t("lead").chart });
  chart.append(svg("rect", { x: left, y: top, width: width - left - right, height: height - top - bottom, class: "plot" }));
  for (const tick of [0, 50, 100]) {
    chart.append(svg("line", { x1: left, y1: y(tick), x2: width - right, y2: y(tick), class: "grid" }));
    const label = svg("text", { x: left - 5, y: y(tick) + 3, "text-anchor": "end", class: "tick" });
    label.textContent = tick;
    chart.append(label);
  }
  chart.append(svg("polyline", { points: points.map((point, index) => `${x(times[index])},${y(point.score)}`).join(" "), class: "line" }));
  points.forEach((point, index) => {
    const dot = svg("circle", { cx: x(times[index]), cy: y(point.score), r: 3.5, class: "point " + (SEGMENTS.includes(point.segment) ? point.segment : ""),
      "data-score": point.score, "data-model": String(point.model_version ?? "") });
    const title = svg("title", {});
    title.textContent = t("lead").point(dateTime(point.scored_at), point.score, segmentName(point.segment), shown(String(point.model_version ?? "")));
    dot.append(title);
    chart.append(dot);
  });
  if (points.length) {
    for (const [time, anchor] of [[first, "start"], [last, "end"]]) {
      const label = svg("text", { x: x(time), y: height - 6, "text-anchor": last === first ? "middle" : anchor, class: "tick" });
      label.textContent = new Date(time).toLocaleDateString(language === "fr" ? "fr-FR" : "en-GB", { day: "numeric", month: "short" });
      chart.append(label);
      if (last === first) break;
    }
  }
  $("lead-chart").replaceChildren(chart);
}

// The new Hot leads: every page of GET /api/leads/changes?to=Hot since the date chosen, up to HOT_CAP changes, each
// customer once (his latest change); null until asked. Only the latest request asked is shown.
const HOT_CAP = 10000;
const HOT_PAGE = 1000;
let hot = null;
let hotAsked = 0;

const twoDigits = (number) => String(number).padStart(2, "0");

// A day as a date field and the service write it (2026-12-04), in the browser's time zone.
function isoDay(time) {
  return `${time.getFullYear()}-${twoDigits(time.getMonth() + 1)}-${twoDigits(time.getDate())}`;
}

function yesterday() {
  const day = new Date();
  day.setDate(day.getDate() - 1);
  return isoDay(day);
}

async function loadHot(event) {
  if (event) event.preventDefault();
  const since = $("hot-since").value;
  $("hot-error").replaceChildren();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    hot = null;
    renderHot();
    $("hot-error").textContent = t("hot").badDate;
    return;
  }
  const items = [];
  let cursor = null;
  const asked = ++hotAsked;
  try {
    do {
      const { ok, status, body } = await callApi(`/api/leads/changes?to=Hot&since=${since}&limit=${HOT_PAGE}`
        + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
      if (asked !== hotAsked) return;
      if (!ok) {
        hot = null;
        renderHot();
        $("hot-error").textContent = leadProblem(status, body);
        return;
      }
      items.push(...body.items);
      cursor = body.next_cursor;
    } while (cursor && items.length < HOT_CAP);
  } catch (e) {
    if (asked !== hotAsked) return;
    hot = null;
    renderHot();
    $("hot-error").textContent = t("network");
    return;
  }
  const seen = new Set();
  hot = { since, capped: Boolean(cursor), items: items.slice(0, HOT_CAP).filter((change) => !seen.has(change.customer_id) && seen.add(change.customer_id)) };
  renderHot();
}

const HOT_COLUMNS = ["rank", "customer_id", "score", "segment", "from", "score_before", "changed_at"];

function hotLabel(column) {
  return own(t("hot").column, column) ?? t("column")[column] ?? column;
}

// A change as the list and the download say it, column by column: the time in words on the page, and in the
// download as spreadsheets read a time in either language (2026-12-05 08:30, the browser's time zone).
function hotCells(change, index, sheet = false) {
  return [String(index + 1), change.customer_id, String(change.score_after), segmentName(change.to),
    change.from === null ? "" : segmentName(change.from), change.score_before === null ? "" : String(change.score_before),
    sheet ? sheetTime(change.changed_at) : dateTime(change.changed_at)];
}

function sheetTime(iso) {
  const time = new Date(iso);
  return `${isoDay(time)} ${twoDigits(time.getHours())}:${twoDigits(time.getMinutes())}`;
}

function renderHot() {
  const items = hot ? hot.items : [];
  $("hot-download").hidden = !items.length;
  $("hot-count").textContent = hot ? (items.length ? t("hot").count(items.length) : t("hot").none) : "";
  $("hot-note").hidden = !(hot && hot.capped);
  $("hot-note").textContent = hot && hot.capped ? t("hot").capped(HOT_CAP) : "";
  $("hot-list").tHead.rows[0].replaceChildren(...HOT_COLUMNS.map((column) => {
    const th = document.createElement("th");
    th.textContent = hotLabel(column);
    th.dataset.column = column;
    return th;
  }));
  $("hot-list").tBodies[0].replaceChildren(...items.map((change, index) => {
    const row = openingRow(change.customer_id);
    hotCells(change, index).forEach((value, column) => {
      const cell = document.createElement("td");
      cell.dataset.column = HOT_COLUMNS[column];
      cell.dataset.label = hotLabel(HOT_COLUMNS[column]);
      if (HOT_COLUMNS[column] === "segment") {
        const badge = document.createElement("span");
        badge.className = "badge " + change.to;
        badge.textContent = value;
        cell.append(badge);
      } else cell.textContent = shown(value);
      row.append(cell);
    });
    return row;
  }));
}

function downloadHot() {
  save(spreadsheet(HOT_COLUMNS.map(hotLabel), hot.items.map((change, index) => hotCells(change, index, true))), t("hot").file);
}

// ---- The model -------------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";

function svg(name, attributes) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

// Customers a score band needs before the page says how many in 100 signed there: below it, too few to say.
const MIN_BAND_CUSTOMERS = 30;

// A count and its noun, singular for 0 and 1 in French, for 1 alone in English.
function count(n, one, many) {
  return `${formatNumber(n)} ${n <= 1 && (language === "fr" || n === 1) ? one : many}`;
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
  drawReliability(model.reliability, liveBands(model.live));
  showMetrics(model.holdout);
  showImportance(model.features);
  showDistribution(body.service.score_distribution);
  showShares(body.service.per_segment);
  showVersions();
}

// What a model was trained on, in words: the card says "sample data (seed 42, 20000 customers)", "memory (1200 matched
// outcomes from 2026-03-02 to 2026-11-30: 300 converted, 900 lost)" (train --from-memory) or the history file's name.
// The counts are the summary's own customers and signatures.
function dataSource(source) {
  const sample = /^sample data \(seed (-?\d+), \d+ customers\)$/.exec(source ?? "");
  if (sample) return t("sampleData")(sample[1]);
  const memory = /^memory \(\d+ matched outcomes from (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d): \d+ converted, \d+ lost\)$/.exec(source ?? "");
  // Noon UTC: the same day in every time zone of the reader.
  if (memory) return t("memoryOutcomes")(formatDate(memory[1] + "T12:00:00Z"), formatDate(memory[2] + "T12:00:00Z"));
  return source ? t("historyFile")(source) : "";
}

// In words first: when, on what, and what a score means, from the holdout.
function showSummary(model) {
  const lines = [t("trained")(formatDate(model.trained_at), formatNumber(model.training_rows), formatNumber(model.training_converted),
    dataSource(model.data_source))];
  const bands = model.reliability || [];
  const band = bands.find((b) => b.from <= 80 && 80 <= b.to) || bands[bands.length - 1];
  if (band) {
    lines.push(band.customers >= MIN_BAND_CUSTOMERS
      ? t("promise")(Math.round(band.mean_score), Math.round(band.observed_rate), band.customers)
      : t("promiseFew")(Math.round(band.mean_score), band.customers));
  }
  lines.push(t("ranking")(Math.round(100 * model.holdout.auc)));
  lines.push(t("hotPromise")(Math.round(100 * model.holdout.hot_precision)));
  lines.push(...liveLines(model.live));
  const paragraphs = lines.map((line) => { const p = document.createElement("p"); p.textContent = line; return p; });
  for (const warning of model.warnings || []) {
    const { text, detail } = inWords(MODEL_WARNINGS, t("warningText"), warning, t("unknownWarning"));
    const said = document.createElement("div");
    said.className = "warning";
    said.textContent = t("warning") + text;
    if (detail) said.append(technicalDetail(detail));
    paragraphs.push(said);
  }
  $("model-summary").replaceChildren(...paragraphs);
}

// The serving model's live reliability bands over 90 days (GET /api/stats model.live), those holding outcomes.
function liveBands(live) {
  return live ? live.last_90_days.reliability.filter((band) => band.live).map((band) => ({ from: band.from, to: band.to, ...band.live })) : [];
}

// Whether the score keeps its promise on what happened since: the band around 80 (or the fullest), then the verdict.
function liveLines(live) {
  if (!live) return [];
  const window = live.last_90_days, bands = liveBands(live), lines = [];
  const band = bands.find((b) => b.from <= 80 && 80 <= b.to) || [...bands].sort((a, b) => b.customers - a.customers)[0];
  if (band) {
    lines.push(band.customers >= MIN_BAND_CUSTOMERS
      ? t("livePromise")(Math.round(band.mean_score), Math.round(band.observed_rate), band.customers)
      : t("liveFew")(Math.round(band.mean_score), band.customers));
  }
  const status = t("liveStatus");
  if (live.live_status === "degraded") {
    lines.push(status.degraded(Math.round(100 * (window.auc.live ?? 0)), Math.round(100 * (window.auc.holdout ?? 0))));
  } else if (live.live_status === "insufficient") {
    lines.push(status.insufficient(window.outcomes));
  } else {
    lines.push(status.ok);
  }
  return lines;
}

// Predicted (mean score of the band) across, observed conversion up, both 0-100; the diagonal is a perfect model. The
// holdout's bands in blue, the live ones (outcomes of the last 90 days) in orange beside them.
function drawReliability(bands, live = []) {
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
  if (live.length) {
    chart.append(svg("polyline", { points: live.map((band) => `${x(band.mean_score)},${y(band.observed_rate)}`).join(" "), class: "live-observed" }));
    const mostLive = Math.max(1, ...live.map((band) => band.customers));
    for (const band of live) {
      const dot = svg("circle", { cx: x(band.mean_score), cy: y(band.observed_rate), r: 3 + 5 * Math.sqrt(band.customers / mostLive),
        class: "live-band", "data-mean": band.mean_score, "data-observed": band.observed_rate, "data-customers": band.customers });
      const title = svg("title", {});
      title.textContent = `${band.from}-${band.to}${t("colon")}${band.mean_score} → ${band.observed_rate} % (${band.customers} ${t("customers")}, ${t("last90")})`;
      dot.append(title);
      chart.append(dot);
    }
  }
  const xLabel = svg("text", { x: size / 2, y: size - 4, "text-anchor": "middle", class: "axis" });
  xLabel.textContent = t("predicted");
  const yLabel = svg("text", { x: 10, y: size / 2, "text-anchor": "middle", class: "axis", transform: `rotate(-90 10 ${size / 2})` });
  yLabel.textContent = t("observed");
  chart.append(xLabel, yLabel);
  $("reliability").replaceChildren(chart);
  document.querySelector('[data-i18n="model.reliabilityHint"]').textContent =
    t("model.reliabilityHint") + (live.length ? " " + t("liveLegend") : "");
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
    row.children[0].textContent = own(t("feature"), feature.name) || feature.name;
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
    const status = (model.serving ? "★ " : "") + (own(t("status"), model.status) || model.status);
    // An unreadable version has no card: its version and why stand in for its figures.
    const values = model.holdout ? [formatDate(model.trained_at), dataSource(model.data_source), formatNumber(model.rows), decimal(model.holdout.auc), status]
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
  // The memory grows with every score: the list is asked again each time the tab is shown.
  if (name === "hot") loadHot();
}

document.querySelectorAll(".tab").forEach((tab) => tab.addEventListener("click", () => selectTab(tab.dataset.tab)));
$("language").addEventListener("click", () => {
  language = language === "fr" ? "en" : "fr";
  applyLanguage();
  // Texts from the service follow the language too: ask again for what is on screen.
  if (!$("result").hidden || $("form-error").textContent) $("customer-form").requestSubmit();
  if (!$("model").hidden) showModel();
  if (results.length || $("batch-error").textContent) scoreBase();
  if (mapping) renderMapping();
  if (lead.body) renderLead();
  else if (lead.id !== null && !$("lead-card").hidden) openLead(lead.id, null, false);
  if (hot) renderHot();
  else if ($("hot-error").textContent) loadHot();
});
$("lead-search").addEventListener("submit", (event) => { event.preventDefault(); openLead($("lead-id").value, $("lead-id")); });
$("lead-close").addEventListener("click", closeLead);
$("lead-card").addEventListener("keydown", (event) => { if (event.key === "Escape") closeLead(); });
openLeadsFrom($("call-list"));
openLeadsFrom($("hot-list"));
$("hot-since").value = yesterday();
$("hot-form").addEventListener("submit", loadHot);
$("hot-download").addEventListener("click", downloadHot);
$("customer-form").addEventListener("submit", scoreOne);
$("batch-button").addEventListener("click", scoreBase);
$("csv-file").addEventListener("change", () => startMapping($("csv-file").files[0]));
$("segment-filter").addEventListener("change", renderTable);
$("row-search").addEventListener("input", renderTable);
$("download").addEventListener("click", downloadShown);
$("download-all").addEventListener("click", downloadAll);
$("download-rejected").addEventListener("click", downloadRejected);
$("api-key").value = sessionStorage.getItem("smoft-api-key") || "";
$("api-key").addEventListener("change", () => sessionStorage.setItem("smoft-api-key", $("api-key").value.trim()));
applyLanguage();
loadContract();
