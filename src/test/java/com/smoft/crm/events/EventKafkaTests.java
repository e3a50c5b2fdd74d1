package com.smoft.crm.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.memory.SegmentChangeListener;
import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.ModelFiles;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.scoring.SegmentThresholds;
import com.smoft.crm.scoring.ShippedModel;
import com.smoft.crm.scoring.Texts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The outbox delivered to a real Kafka broker, run in this test's process for this class only ({@link
 * KafkaBenchBroker#start}).
 */
@Execution(ExecutionMode.CONCURRENT)
class EventKafkaTests {

    private static final String TOPIC = "crm.events";
    private static KafkaClusterTestKit broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBenchBroker.start(TOPIC);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void shouldSendEachEventAsAJsonRecordKeyedByItsCustomer() throws Exception {
        ModelRegistry models = new ModelRegistry(ModelFiles.load(ShippedModel.PATH));
        try (OutboxDatabases.Database db = OutboxDatabases.open(false)) {
            EventOutbox outbox = new EventOutbox(
                    db.dataSource(),
                    db.transactions(),
                    new Subscriptions(EventDeliveryTests.settings(
                            Map.of("crm.events.kafka.bootstrap-servers", broker.bootstrapServers()))),
                    EventJson.MAPPER,
                    Clock.systemUTC());
            Instant now = Instant.now();
            List<SegmentChangeListener.ChangedLead> changes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                changes.add(new SegmentChangeListener.ChangedLead(
                        "K-" + i,
                        now,
                        "Warm",
                        "Hot",
                        60,
                        85,
                        0.85,
                        models.current().version(),
                        new Customer(CustomerId.of("K-" + i), 2, 20, 4000, 10, 9, 40, 200)));
            }
            db.transactions().executeWithoutResult(status -> outbox.changed(changes));
            EventDispatcher dispatcher = new EventDispatcher(
                    outbox,
                    outbox.subscriptions(),
                    new WebhookSender(Duration.ofSeconds(5)),
                    new KafkaSender(broker.bootstrapServers(), TOPIC, Duration.ofSeconds(5)),
                    new Explainer(
                            new LeadScorer(models, SegmentThresholds.DEFAULT, Texts.bundled()),
                            models,
                            EventJson.MAPPER,
                            Texts.DEFAULT_LOCALE),
                    new RetrySchedule(List.of(Duration.ofMillis(100)), new Random(7)),
                    Clock.systemUTC(),
                    Duration.ofMillis(50),
                    Duration.ofSeconds(5),
                    2);
            dispatcher.start();
            try {
                Map<String, Object> props = new HashMap<>();
                props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
                props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                try (KafkaConsumer<String, String> consumer =
                        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                    TopicPartition partition = new TopicPartition(TOPIC, 0);
                    consumer.assign(List.of(partition));
                    consumer.seekToBeginning(List.of(partition));
                    Map<String, String> byKey = new HashMap<>();
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (byKey.size() < 20 && System.nanoTime() < deadline) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                            byKey.put(record.key(), record.value());
                        }
                    }
                    assertThat(byKey).hasSize(20).containsKey("K-7");
                    var event = EventJson.MAPPER.readTree(byKey.get("K-7"));
                    assertThat(event.get("type").asString()).isEqualTo("lead.segment_changed");
                    assertThat(event.get("data").get("customer_id").asString()).isEqualTo("K-7");
                    assertThat(event.get("data").get("reasons")).hasSize(3);
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (db.count("SELECT COUNT(*) FROM event_delivery WHERE status = 'delivered'") < 20) {
                    assertThat(System.nanoTime()).as("recorded within 10 s").isLessThan(deadline);
                    Thread.sleep(20);
                }
            } finally {
                dispatcher.stop();
            }
        }
    }
}
