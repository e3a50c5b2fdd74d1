package com.smoft.crm.system;

import com.smoft.crm.scoring.InputField;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything a user can tune, under the prefix {@code crm}; each key is documented in
 * {@code application.yml} and the README.
 *
 * @param model    which model file to serve
 * @param segments score thresholds of the segments
 * @param batch    limits of {@code /api/batch_score}
 * @param cors     which web origins may call the API from a browser
 * @param security who may call the API
 * @param limits   how much a request may hold, and for how long
 * @param shutdown how the service stops
 */
@ConfigurationProperties(prefix = "crm")
@Validated
public record CrmProperties(@DefaultValue Model model, @DefaultValue Segments segments,
                            @DefaultValue Batch batch, @DefaultValue Cors cors,
                            @DefaultValue Security security, @Valid @DefaultValue Limits limits,
                            @DefaultValue Shutdown shutdown) {

    /**
     * @param store         the model store: the folder whose serving version is served
     * @param path          a single model file to serve instead of the store's serving version; unset by default
     * @param watchInterval how often the store's pointer is checked, so that a promotion made by the {@code train} or
     *                      {@code models} command serves without a restart; 0 turns the watch off
     */
    public record Model(@DefaultValue("model") Path store, Path path, @DefaultValue("10s") Duration watchInterval) {

        /** Whether a single file is served rather than the store. */
        public boolean singleFile() {
            return path != null && !path.toString().isBlank();
        }
    }

    /**
     * @param hotThreshold  lowest Hot score
     * @param warmThreshold lowest Warm score, below the Hot one
     */
    public record Segments(@DefaultValue("70") int hotThreshold, @DefaultValue("40") int warmThreshold) {
    }

    /**
     * @param maxSize       the most customers one batch may hold
     * @param maxExplained  the most customers one batch may hold with {@code "explain": true} (reasons cost milliseconds each)
     * @param maxConcurrent the most batches read, scored or written at once; beyond, 503 with Retry-After.
     *                      0 (the default) derives it from the heap: a quarter of it for batches in flight
     * @param threads       threads that score batches, apart from those that answer requests; 0 (the default)
     *                      is one less than the cores, at least one
     */
    public record Batch(@DefaultValue("100000") int maxSize, @DefaultValue("1000") int maxExplained,
                        @DefaultValue("0") int maxConcurrent, @DefaultValue("0") int threads) {

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

    /** @param allowedOrigins origins allowed to call {@code /api/**}; {@code *} allows any */
    public record Cors(@DefaultValue("*") List<String> allowedOrigins) {
    }

    /**
     * @param apiKeys        keys accepted in the X-API-Key header for /api/**; none (the default) leaves scoring open
     * @param adminApiKeys   keys accepted for /api/admin/**; none (the default) keeps administration closed
     * @param metricsApiKeys keys accepted for /actuator/prometheus (also as {@code Authorization: Bearer}); needed
     *                       there as soon as any key is set, admin keys being accepted too
     */
    public record Security(@DefaultValue({}) List<String> apiKeys, @DefaultValue({}) List<String> adminApiKeys,
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
     * @param maxRequestSize      the largest request body accepted; more gives 413
     * @param bodyTimeout         the longest a whole request body may take to arrive; more gives 408
     * @param minBodyRate         the slowest a request body may arrive, per second, once its grace period is over; slower
     *                            gives 408
     * @param bodyRateGrace       how long a request body may arrive slower than {@code minBodyRate} at its start
     * @param maxConcurrentBodies the most requests with a body handled at once, on every endpoint; one more gets 503
     * @param jsonMaxDepth        deepest JSON nesting accepted (a batch needs 3)
     * @param jsonMaxStringLength longest JSON string accepted, in characters
     * @param jsonMaxNumberLength longest JSON number accepted, in digits
     */
    public record Limits(@DefaultValue("64MB") DataSize maxRequestSize, @DefaultValue("60s") Duration bodyTimeout,
                         @DefaultValue("10KB") DataSize minBodyRate, @DefaultValue("5s") Duration bodyRateGrace,
                         @DefaultValue("256") @Positive int maxConcurrentBodies,
                         @DefaultValue("32") int jsonMaxDepth, @DefaultValue("10000") int jsonMaxStringLength,
                         @DefaultValue("" + InputField.MAX_NUMBER_LENGTH) int jsonMaxNumberLength) {
    }

    /**
     * @param drain how long the service keeps answering after readiness went DOWN on a stop signal, so that load
     *              balancers stop sending before the port closes
     */
    public record Shutdown(@DefaultValue("5s") Duration drain) {
    }
}
