package com.smoft.crm.system;

import java.nio.file.Path;
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
 * @param limits   how much a request may hold
 */
@ConfigurationProperties(prefix = "crm")
@Validated
public record CrmProperties(@DefaultValue Model model, @DefaultValue Segments segments,
                            @DefaultValue Batch batch, @DefaultValue Cors cors,
                            @DefaultValue Security security, @DefaultValue Limits limits) {

    /** @param path the model file; its card must sit beside it */
    public record Model(@DefaultValue("model/crm-scoring-model.bin") Path path) {
    }

    /**
     * @param hotThreshold  lowest Hot score
     * @param warmThreshold lowest Warm score, below the Hot one
     */
    public record Segments(@DefaultValue("70") int hotThreshold, @DefaultValue("40") int warmThreshold) {
    }

    /**
     * @param maxSize      the most customers one batch may hold
     * @param maxExplained the most customers one batch may hold with {@code "explain": true} (reasons cost milliseconds each)
     */
    public record Batch(@DefaultValue("100000") int maxSize, @DefaultValue("1000") int maxExplained) {
    }

    /** @param allowedOrigins origins allowed to call {@code /api/**}; {@code *} allows any */
    public record Cors(@DefaultValue("*") List<String> allowedOrigins) {
    }

    /** @param apiKeys keys accepted in the X-API-Key header for /api/**; none (the default) leaves the API open */
    public record Security(@DefaultValue({}) List<String> apiKeys) {

        /** Whether callers must present a key. */
        public boolean keysRequired() {
            return apiKeys.stream().anyMatch(key -> !key.isBlank());
        }
    }

    /**
     * @param maxRequestSize      the largest request body accepted; more gives 413
     * @param jsonMaxDepth        deepest JSON nesting accepted (a batch needs 3)
     * @param jsonMaxStringLength longest JSON string accepted, in characters
     * @param jsonMaxNumberLength longest JSON number accepted, in digits
     */
    public record Limits(@DefaultValue("64MB") DataSize maxRequestSize, @DefaultValue("32") int jsonMaxDepth,
                         @DefaultValue("10000") int jsonMaxStringLength, @DefaultValue("100") int jsonMaxNumberLength) {
    }
}
