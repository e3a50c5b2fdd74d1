package com.smoft.crm;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The service over real HTTP with keys for scoring, administration and metrics. Every test class that needs keys
 * runs on this one set-up, so Spring's test context cache starts the service once for all of them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "crm.security.api-keys=" + ServiceWithKeys.SCORING_KEY + "," + ServiceWithKeys.OTHER_SCORING_KEY,
            "crm.security.admin-api-keys=" + ServiceWithKeys.ADMIN_KEY,
            "crm.security.metrics-api-keys=" + ServiceWithKeys.METRICS_KEY,
            // Slow-body checks start after 1 s rather than the default, so that a test of them is short.
            "crm.limits.body-rate-grace=1s"
        })
public @interface ServiceWithKeys {

    /** A scoring key. */
    String SCORING_KEY = "first-key-0123";

    /** Another scoring key: several may be valid at once. */
    String OTHER_SCORING_KEY = "second-key-4567";

    /** The administration key. */
    String ADMIN_KEY = "admin-key-8910";

    /** The metrics key. */
    String METRICS_KEY = "metrics-key-1112";
}
