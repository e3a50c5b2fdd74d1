package com.smoft.crm.system;

import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.SegmentThresholds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything a user can tune, under the prefix {@code crm}, and the one place their defaults are written (those of
 * the engine's own rules taken from the engine). Every key can also be given on the command line
 * ({@code --crm.model.path=...}) or as an environment variable ({@code CRM_MODEL_PATH=...}). Build-time
 * configuration metadata ({@code META-INF/spring-configuration-metadata.json}) documents each key from the Javadoc
 * below; a value outside its constraints stops the start with the key's name.
 *
 * @param model    which model is served
 * @param segments score thresholds of the segments
 * @param batch    limits of /api/batch_score
 * @param cors     which web origins may call the API from a browser
 * @param security who may call the API
 * @param limits   how much a request may hold, and for how long
 * @param shutdown how the service stops
 * @param memory   what the service remembers of each lead
 * @param events   whom the service tells when a lead changes segment, a model is promoted, the drift changes
 */
@ConfigurationProperties(prefix = "crm")
@Validated
public record CrmProperties(
        @Valid @DefaultValue Model model,
        @Valid @DefaultValue Segments segments,
        @Valid @DefaultValue Batch batch,
        @DefaultValue Cors cors,
        @DefaultValue Security security,
        @Valid @DefaultValue Limits limits,
        @Valid @DefaultValue Shutdown shutdown,
        @Valid @DefaultValue Memory memory,
        @Valid @DefaultValue Events events) {

    /**
     * Which model is served.
     *
     * @param store         The model store: a folder of versions made by `train`, whose serving version is served
     *                      (its store.json says which). The shipped store holds the default model.
     * @param path          A single model file to serve instead of the store, e.g. one written by
     *                      `train --output FILE`; its card is inside it. Unset by default. With it, /api/models lists
     *                      that one model and promotion is unavailable.
     * @param watchInterval How often the store's pointer is checked: a version promoted by `train` or
     *                      `models promote` serves within this interval, without a restart. 0s turns the watch off
     *                      (POST /api/admin/model/reload still works).
     */
    public record Model(
            @DefaultValue("model") Path store,
            Path path,
            @DefaultValue("10s") Duration watchInterval) {

        /** Whether a single file is served rather than the store. */
        public boolean singleFile() {
            return path != null && !path.toString().isBlank();
        }

        /** Checked at start: an interval is 0s (off) or more. */
        @AssertTrue(message = "crm.model.watch-interval must be 0s (off) or more")
        public boolean isWatchIntervalValid() {
            return !watchInterval.isNegative();
        }
    }

    /**
     * Score thresholds of the segments, from 1 to 100, Warm below Hot.
     *
     * @param hotThreshold  Lowest score of a Hot customer (call now).
     * @param warmThreshold Lowest score of a Warm customer (follow up within 48 h); below it, Cold. Must be below
     *                      hot-threshold.
     */
    public record Segments(
            @DefaultValue("" + SegmentThresholds.DEFAULT_HOT) @Min(1) @Max(SegmentThresholds.MAX_SCORE)
            int hotThreshold,

            @DefaultValue("" + SegmentThresholds.DEFAULT_WARM) @Min(1) @Max(SegmentThresholds.MAX_SCORE)
            int warmThreshold) {

        /** The thresholds as the engine segments with them. */
        public SegmentThresholds thresholds() {
            return new SegmentThresholds(hotThreshold, warmThreshold);
        }

        /** Checked at start: Warm begins below Hot. */
        @AssertTrue(message = "crm.segments.warm-threshold must be below crm.segments.hot-threshold")
        public boolean isWarmBelowHot() {
            return warmThreshold < hotThreshold;
        }
    }

    /**
     * Limits of /api/batch_score.
     *
     * @param maxSize       The most customers one /api/batch_score request may hold; more gives 413.
     * @param maxExplained  The most customers one batch may hold when it asks for reasons ("explain": true); more gives
     *                      413. Reasons cost about 2 ms of CPU per customer, against microseconds for a score.
     * @param maxConcurrent The most batches read, scored and written at once; one more gets 503 with Retry-After. Each
     *                      holds its customers in memory while it arrives. 0: derived from the heap (a quarter of it,
     *                      at 200 bytes a customer of a full-size batch: 13 at -Xmx1g with max-size 100000).
     * @param threads       Threads that score batches, apart from those answering requests, so big batches cannot
     *                      crowd out single scores and probes. 0: one less than the cores, at least one.
     */
    public record Batch(
            @DefaultValue("100000") @Positive int maxSize,
            @DefaultValue("1000") @PositiveOrZero int maxExplained,
            @DefaultValue("0") @PositiveOrZero int maxConcurrent,
            @DefaultValue("0") @PositiveOrZero int threads) {

        /** Memory one customer of a batch in flight may take (parsed, scored, its answer built), with margin. */
        static final long BYTES_PER_CUSTOMER = 200;

        /** The concurrent batches allowed: as set, or as many full-size batches as a quarter of the heap holds. */
        public int concurrentBatches() {
            if (maxConcurrent > 0) {
                return maxConcurrent;
            }
            long perBatch = Math.max(1, (long) maxSize * BYTES_PER_CUSTOMER);
            return (int) Math.clamp(Runtime.getRuntime().maxMemory() / 4 / perBatch, 1, 1000);
        }

        /** The threads of the batch scoring pool. */
        public int scoringThreads() {
            return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        }
    }

    /**
     * Which web origins may call the API from a browser.
     *
     * @param allowedOrigins Web origins allowed to call /api/** and /health from a browser. "*" (any) suits testing; in
     *                       production list your own, e.g. https://crm.example.com
     */
    public record Cors(@DefaultValue("*") List<String> allowedOrigins) {}

    /**
     * Who may call the API. A key setting that is given but blank stops the start.
     *
     * @param apiKeys        API keys accepted in the X-API-Key header. Unset (the default): scoring is open. In
     *                       production set one or more, e.g. CRM_SECURITY_API_KEYS=key-for-crm,key-for-website; then
     *                       every /api/** call needs one (401 otherwise), while /health, /docs, /actuator/health and
     *                       the web page stay open.
     * @param adminApiKeys   Keys for /api/admin/** (model reload), e.g. CRM_SECURITY_ADMIN_API_KEYS=key-for-ops. Unset
     *                       (the default): administration is closed (403). An admin key also scores; a scoring key
     *                       cannot administer.
     * @param metricsApiKeys Keys accepted for /actuator/prometheus (also as Authorization: Bearer); needed there as soon
     *                       as any key is set, admin keys being accepted too.
     */
    public record Security(
            @DefaultValue({}) List<String> apiKeys,
            @DefaultValue({}) List<String> adminApiKeys,
            @DefaultValue({}) List<String> metricsApiKeys) {

        /** Whether reading the metrics needs a key: as soon as the service has keys of any kind. */
        public boolean metricsKeysRequired() {
            return keysRequired() || !metricsApiKeys.isEmpty();
        }

        /** Whether callers of /api/** must present a key. */
        public boolean keysRequired() {
            return !apiKeys.isEmpty();
        }

        /** Whether administration is open to holders of an admin key. */
        public boolean adminOpen() {
            return !adminApiKeys.isEmpty();
        }
    }

    /**
     * How much a request may hold, and for how long.
     *
     * @param maxRequestSize      Largest request body accepted; more gives 413. A 100 000-customer batch is about 19 MB.
     * @param bodyTimeout         Longest a whole request body may take to arrive, however slowly it trickles; more
     *                            gives 408.
     * @param minBodyRate         Slowest a request body may arrive, per second, once its first body-rate-grace are
     *                            over; slower gives 408, so a trickling upload holds its place for seconds, not for the
     *                            whole body-timeout.
     * @param bodyRateGrace       How long a request body may arrive slower than min-body-rate at its start.
     * @param maxConcurrentBodies Most requests with a body (on any endpoint) handled at once; one more gets 503 with
     *                            Retry-After before its body is read. Each costs up to about 130 KB of heap while it
     *                            arrives.
     * @param jsonMaxDepth        Deepest JSON nesting accepted (a batch nests 3 deep).
     * @param jsonMaxStringLength Longest JSON string accepted, in characters (a batch holds no long text).
     * @param jsonMaxNumberLength Longest JSON number accepted, in digits.
     */
    public record Limits(
            @DefaultValue("64MB") DataSize maxRequestSize,
            @DefaultValue("60s") Duration bodyTimeout,
            @DefaultValue("10KB") DataSize minBodyRate,
            @DefaultValue("5s") Duration bodyRateGrace,
            @DefaultValue("256") @Positive int maxConcurrentBodies,
            @DefaultValue("32") @Min(3) int jsonMaxDepth,
            @DefaultValue("10000") @Positive int jsonMaxStringLength,

            @DefaultValue("" + InputField.MAX_NUMBER_LENGTH) @Positive
            int jsonMaxNumberLength) {

        /** Checked at start: a body may hold something. */
        @AssertTrue(message = "crm.limits.max-request-size must be more than 0B")
        public boolean isMaxRequestSizeValid() {
            return maxRequestSize.toBytes() > 0;
        }

        /** Checked at start: a body has time to arrive (the deadline runs from the request's start, body or none). */
        @AssertTrue(message = "crm.limits.body-timeout must be 1s or more")
        public boolean isBodyTimeoutValid() {
            return bodyTimeout.compareTo(Duration.ofSeconds(1)) >= 0;
        }

        /** Checked at start: a rate is 0 (no rate asked) or more. */
        @AssertTrue(message = "crm.limits.min-body-rate must be 0 or more")
        public boolean isMinBodyRateValid() {
            return minBodyRate.toBytes() >= 0;
        }

        /** Checked at start: a grace is 0s or more. */
        @AssertTrue(message = "crm.limits.body-rate-grace must be 0s or more")
        public boolean isBodyRateGraceValid() {
            return !bodyRateGrace.isNegative();
        }
    }

    /**
     * How the service stops.
     *
     * @param drain On a stop signal, readiness goes DOWN first, then the service keeps answering this long before the
     *              port closes, so load balancers stop sending it traffic without a refused request. Match it in
     *              Kubernetes' preStop.
     */
    public record Shutdown(@DefaultValue("5s") Duration drain) {

        /** Checked at start: the drain is 0s (none) or more. */
        @AssertTrue(message = "crm.shutdown.drain must be 0s (none) or more")
        public boolean isDrainValid() {
            return !drain.isNegative();
        }
    }

    /**
     * What the service remembers of each lead: one point per customer and day (the day's latest score), the changes
     * of segment, the trend. Kept in the database of spring.datasource.url: by default an embedded H2 file under
     * data/, nothing to install; in production PostgreSQL 15 or later (SPRING_DATASOURCE_URL,
     * SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD), shared by every replica.
     *
     * @param enabled       Whether scores are remembered. Off, the service scores exactly as without a memory and
     *                      /api/leads answers 404. A request can also skip it with ?remember=false.
     * @param retention     How long a point and a change of segment are kept; older ones are pruned daily, and a
     *                      lead not scored for this long is forgotten.
     * @param trendDays     A lead's trend compares its latest score with its score at least this many days earlier.
     * @param trendPoints   Score points either way that make the trend improving or declining; fewer is steady.
     * @param timeZone      Where a day begins and ends, for the one point per customer and day.
     * @param flushInterval Single scores are written behind the answer, at least this often (and on stop); batches
     *                      are written before their answer.
     * @param queueCapacity Single scores waiting to be written, at most; beyond (the database down for long), a score
     *                      is counted as unrecorded (crm_memory_unrecorded_total), never silently dropped.
     * @param outcomeWindow An outcome posted to /api/outcomes is joined with the customer's last score at most this
     *                      long before it; without one it is kept as unmatched, not used for live accuracy. From 1d to
     *                      the retention.
     */
    public record Memory(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("400d") Duration retention,
            @DefaultValue("7") @Positive int trendDays,
            @DefaultValue("5") @Positive int trendPoints,
            @DefaultValue("Europe/Paris") ZoneId timeZone,
            @DefaultValue("1s") Duration flushInterval,
            @DefaultValue("100000") @Positive int queueCapacity,
            @DefaultValue("90d") Duration outcomeWindow) {

        /** Checked at start: something is kept for a day at least. */
        @AssertTrue(message = "crm.memory.retention must be 1d or more")
        public boolean isRetentionValid() {
            return retention.compareTo(Duration.ofDays(1)) >= 0;
        }

        /** Checked at start: an outcome looks back a day at least, and no further than the points are kept. */
        @AssertTrue(message = "crm.memory.outcome-window must be from 1d to crm.memory.retention")
        public boolean isOutcomeWindowValid() {
            return outcomeWindow.compareTo(Duration.ofDays(1)) >= 0 && outcomeWindow.compareTo(retention) <= 0;
        }

        /** Checked at start: single scores are written at least every minute, and not in a busy loop. */
        @AssertTrue(message = "crm.memory.flush-interval must be from 10ms to 60s")
        public boolean isFlushIntervalValid() {
            return flushInterval.compareTo(Duration.ofMillis(10)) >= 0
                    && flushInterval.compareTo(Duration.ofSeconds(60)) <= 0;
        }
    }

    /**
     * Whom the service tells when it matters: webhooks signed as the Standard Webhooks specification says, and Kafka,
     * both delivered from an outbox table in the memory's database, at least once. Off (nothing to tell, nothing
     * written) while no webhook and no Kafka is set.
     *
     * @param webhooks       Webhook subscriptions: crm.events.webhooks[0].url (http or https; redirects are not
     *                       followed), .secret (whsec_ and the base64 of 24 to 64 random bytes), .events (the event
     *                       types wanted; all when unset) and .segments (for lead.segment_changed, the segments moved
     *                       into that are wanted; all when unset).
     * @param kafka          Kafka: the same events as JSON records.
     * @param retrySchedule  Waits before each retry of a failed delivery, separated by commas, each from 1ms to 1d, with
     *                       up to 20% of jitter either way; after the last, the delivery is failed and kept
     *                       (POST /api/admin/events/{id}/redeliver).
     * @param timeout        Longest one delivery attempt may take (connect, send, answer).
     * @param pollInterval   How often the outbox is read for due deliveries (those of this instance's own writes are
     *                       sent at once).
     * @param deliveryThreads Deliveries sent at once by this instance, on threads of their own: a slow receiver never
     *                       slows scoring.
     * @param retention      How long delivered and failed events are kept in the outbox.
     * @param language       The language of the texts in the events' payloads (next action, reasons): fr or en.
     */
    public record Events(
            @DefaultValue({}) List<@Valid Webhook> webhooks,
            @Valid @DefaultValue Kafka kafka,

            @DefaultValue("5s,30s,2m,10m,30m,1h,3h,6h,12h,1d")
            String retrySchedule,

            @DefaultValue("10s") Duration timeout,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("8") @Min(1) @Max(256) int deliveryThreads,
            @DefaultValue("7d") Duration retention,

            @DefaultValue("fr") @jakarta.validation.constraints.Pattern(regexp = "fr|en", message = "must be fr or en")
            String language) {

        /** The event types a subscription may ask for. */
        public static final List<String> EVENT_TYPES = List.of(
                "lead.segment_changed",
                "lead.outcome_recorded",
                "model.promoted",
                "model.live_status_changed",
                "drift.status_changed");

        /** The language of the texts in the events' payloads. */
        public java.util.Locale locale() {
            return java.util.Locale.forLanguageTag(language);
        }

        /** The waits of the retry schedule. */
        public List<Duration> retryWaits() {
            return Arrays.stream(retrySchedule.split(","))
                    .map(String::trim)
                    .map(DurationStyle::detectAndParse)
                    .toList();
        }

        /** Checked at start: one wait at least, each more than nothing, at most a day. */
        @AssertTrue(
                message =
                        "crm.events.retry-schedule must list waits from 1ms to 1d separated by commas, e.g. 5s,30s,2m")
        public boolean isRetryScheduleValid() {
            try {
                return retryWaits().stream()
                        .allMatch(wait -> wait.isPositive() && wait.compareTo(Duration.ofDays(1)) <= 0);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        /** Checked at start: an attempt has time to be answered, and does not hold a thread for long. */
        @AssertTrue(message = "crm.events.timeout must be from 100ms to 60s")
        public boolean isTimeoutValid() {
            return timeout.compareTo(Duration.ofMillis(100)) >= 0 && timeout.compareTo(Duration.ofSeconds(60)) <= 0;
        }

        /** Checked at start: the outbox is read at least every minute, and not in a busy loop. */
        @AssertTrue(message = "crm.events.poll-interval must be from 10ms to 60s")
        public boolean isPollIntervalValid() {
            return pollInterval.compareTo(Duration.ofMillis(10)) >= 0
                    && pollInterval.compareTo(Duration.ofSeconds(60)) <= 0;
        }

        /** Checked at start: something is kept for an hour at least. */
        @AssertTrue(message = "crm.events.retention must be 1h or more")
        public boolean isRetentionValid() {
            return retention.compareTo(Duration.ofHours(1)) >= 0;
        }

        /**
         * One webhook subscription.
         *
         * @param url      Where events are POSTed: an absolute http or https URL.
         * @param secret   The signing secret: whsec_ and the base64 of 24 to 64 random bytes.
         * @param events   The event types wanted; all when empty.
         * @param segments For lead.segment_changed, the segments moved into that are wanted (Hot, Warm, Cold); all when
         *                 empty.
         */
        public record Webhook(
                String url,
                String secret,
                @DefaultValue({}) List<String> events,
                @DefaultValue({}) List<String> segments) {

            private static final Pattern SECRET = Pattern.compile("whsec_[A-Za-z0-9+/]{32,88}={0,2}");

            /** Checked at start: an absolute http or https URL. */
            @AssertTrue(message = "crm.events.webhooks[n].url must be an absolute http or https URL")
            public boolean isUrlValid() {
                try {
                    URI uri = new URI(url);
                    return uri.getHost() != null
                            && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
                } catch (URISyntaxException | NullPointerException e) {
                    return false;
                }
            }

            /** Checked at start: whsec_ and base64 of 24 to 64 bytes. */
            @AssertTrue(
                    message = "crm.events.webhooks[n].secret must be whsec_ and the base64 of 24 to 64 random bytes")
            public boolean isSecretValid() {
                if (secret == null || !SECRET.matcher(secret).matches()) {
                    return false;
                }
                try {
                    int bytes = Base64.getDecoder().decode(secret.substring("whsec_".length())).length;
                    return bytes >= 24 && bytes <= 64;
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }

            /** Checked at start: known event types only. */
            @AssertTrue(
                    message = "crm.events.webhooks[n].events must name event types among " + "lead.segment_changed, "
                            + "lead.outcome_recorded, model.promoted, model.live_status_changed, drift.status_changed")
            public boolean isEventsValid() {
                return EVENT_TYPES.containsAll(events);
            }

            /** Checked at start: Hot, Warm or Cold. */
            @AssertTrue(message = "crm.events.webhooks[n].segments must name segments among Hot, Warm, Cold")
            public boolean isSegmentsValid() {
                return List.of("Hot", "Warm", "Cold").containsAll(segments);
            }

            /** Whether this subscription wants an event of a type, about a move into a segment (or none). */
            public boolean wants(String type, String segment) {
                return (events.isEmpty() || events.contains(type))
                        && (segment == null || segments.isEmpty() || segments.contains(segment));
            }
        }

        /**
         * Kafka: the same events as JSON records, keyed by customer id (model events by model version), by an
         * idempotent producer.
         *
         * @param bootstrapServers Kafka brokers to connect to, e.g. kafka-1:9092,kafka-2:9092. Unset (the default): no
         *                         Kafka.
         * @param topic            The topic every event goes to.
         */
        public record Kafka(
                String bootstrapServers,
                @DefaultValue("crm.events") String topic) {

            /** Whether events go to Kafka. */
            public boolean enabled() {
                return bootstrapServers != null && !bootstrapServers.isBlank();
            }
        }
    }
}
