package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.smoft.crm.CrmApplication;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.SegmentThresholds;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(OutputCaptureExtension.class)
class CrmPropertiesTests {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CrmProperties.class)
    static class Settings {}

    @Test
    void shouldDefaultToTheEnginesThresholdsAndLimits() {
        context.run(started -> {
            CrmProperties properties = started.getBean(CrmProperties.class);
            assertThat(properties.segments().thresholds()).isEqualTo(SegmentThresholds.DEFAULT);
            assertThat(properties.limits().jsonMaxNumberLength()).isEqualTo(InputField.MAX_NUMBER_LENGTH);
        });
    }

    @Test
    void shouldTakeConfiguredThresholds() {
        context.withPropertyValues("crm.segments.hot-threshold=80", "crm.segments.warm-threshold=50")
                .run(started -> assertThat(
                                started.getBean(CrmProperties.class).segments().thresholds())
                        .isEqualTo(new SegmentThresholds(80, 50)));
    }

    @ParameterizedTest(name = "{0} refused: {1}, {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "crm.segments.hot-threshold=101 | segments.hotThreshold | less than or equal to 100",
                "crm.segments.warm-threshold=0 | segments.warmThreshold | greater than or equal to 1",
                "crm.segments.warm-threshold=70 | segments.warmBelowHot | crm.segments.warm-threshold must be below crm.segments.hot-threshold",
                "crm.segments.hot-threshold=30 | segments.warmBelowHot | crm.segments.warm-threshold must be below crm.segments.hot-threshold",
                "crm.batch.max-size=0 | batch.maxSize | greater than 0",
                "crm.batch.threads=-1 | batch.threads | greater than or equal to 0",
                "crm.limits.max-concurrent-bodies=0 | limits.maxConcurrentBodies | greater than 0",
                "crm.limits.json-max-depth=2 | limits.jsonMaxDepth | greater than or equal to 3",
                "crm.limits.max-request-size=-1MB | limits.maxRequestSizeValid | crm.limits.max-request-size must be more than 0B",
                "crm.limits.body-timeout=0s | limits.bodyTimeoutValid | crm.limits.body-timeout must be 1s or more",
                "crm.limits.body-timeout=50ms | limits.bodyTimeoutValid | crm.limits.body-timeout must be 1s or more",
                "crm.limits.min-body-rate=-1KB | limits.minBodyRateValid | crm.limits.min-body-rate must be 0 or more",
                "crm.limits.body-rate-grace=-1s | limits.bodyRateGraceValid | crm.limits.body-rate-grace must be 0s or more",
                "crm.model.watch-interval=-1s | model.watchIntervalValid | crm.model.watch-interval must be 0s (off) or more",
                "crm.shutdown.drain=-1s | shutdown.drainValid | crm.shutdown.drain must be 0s (none) or more",
                "crm.memory.outcome-window=12h | memory.outcomeWindowValid | crm.memory.outcome-window must be from 1d",
                "crm.memory.outcome-window=500d | memory.outcomeWindowValid | to crm.memory.retention",
                "crm.events.retry-schedule=5s,2d | events.retryScheduleValid | crm.events.retry-schedule must list waits",
                "crm.events.retry-schedule=soon | events.retryScheduleValid | crm.events.retry-schedule must list waits",
                "crm.events.timeout=50ms | events.timeoutValid | crm.events.timeout must be from 100ms to 60s",
                "crm.events.webhooks[0].url=ftp://crm.example.com | events.webhooks[0].urlValid | absolute http or https URL",
                "crm.events.webhooks[0].secret=whsec_c2hvcnQ= | events.webhooks[0].secretValid | the base64 of 24 to 64 random bytes",
                "crm.events.webhooks[0].events=lead.called | events.webhooks[0].eventsValid | must name event types",
                "crm.events.webhooks[0].segments=Tepid | events.webhooks[0].segmentsValid | must name segments among Hot"
            })
    void shouldRefuseToStartOnASettingOutOfItsBoundsNamingIt(String setting, String field, String reason) {
        context.withPropertyValues(setting)
                .run(started -> assertThat(started)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("on field '" + field + "'")
                        .hasMessageContaining(reason));
    }

    @Test
    void shouldTellTheOperatorWhichSettingStoppedTheStart(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(CrmApplication.class)
                .run("--crm.segments.hot-threshold=101", "--server.port=0")
                .close());
        assertThat(failure).isNotNull();
        assertThat(output)
                .contains("- crm.segments.hot-threshold = 101: must be less than or equal to 100")
                .doesNotContain("hotThreshold");
    }

    @Test
    void shouldSayWhichTwoSettingsDisagreeWhenWarmIsNotBelowHot(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(CrmApplication.class)
                .run("--crm.segments.hot-threshold=30", "--server.port=0")
                .close());
        assertThat(failure).isNotNull();
        assertThat(output)
                .contains("- crm.segments.warm-threshold must be below crm.segments.hot-threshold")
                .doesNotContain("warmBelowHot");
    }

    @Test
    void shouldDocumentEveryKeyWithItsDescriptionAndDefaultInTheConfigurationMetadata() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor ran").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        Map<String, JsonNode> documented = StreamSupport.stream(
                        metadata.get("properties").spliterator(), false)
                .collect(Collectors.toMap(property -> property.get("name").asString(), Function.identity()));
        List<String> keys = new ArrayList<>();
        keysOf("crm", CrmProperties.class, keys);
        assertThat(documented.keySet()).containsAll(keys);
        for (String key : keys) {
            assertThat(documented.get(key).path("description").asString())
                    .as(key)
                    .isNotBlank();
        }
        assertThat(documented
                        .get("crm.segments.hot-threshold")
                        .get("defaultValue")
                        .asInt())
                .isEqualTo(SegmentThresholds.DEFAULT_HOT);
        assertThat(documented
                        .get("crm.segments.warm-threshold")
                        .get("defaultValue")
                        .asInt())
                .isEqualTo(SegmentThresholds.DEFAULT_WARM);
        assertThat(documented
                        .get("crm.model.watch-interval")
                        .get("defaultValue")
                        .asString())
                .isEqualTo("10s");
    }

    private static void keysOf(String prefix, Class<?> type, List<String> keys) {
        for (RecordComponent component : type.getRecordComponents()) {
            String key = prefix + "."
                    + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            if (component.getType().isRecord()) {
                keysOf(key, component.getType(), keys);
            } else {
                keys.add(key);
            }
        }
    }
}
