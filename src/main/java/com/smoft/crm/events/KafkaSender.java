package com.smoft.crm.events;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends events to a Kafka topic as JSON records keyed by customer id (model events by model version), so that one
 * customer's events stay in order in one partition. The producer is idempotent (a retried send is written once) and
 * waits for every in-sync replica; a send not acknowledged within the attempt's timeout is retried by the outbox.
 */
final class KafkaSender {

    private final DefaultKafkaProducerFactory<String, String> producers;
    private final KafkaTemplate<String, String> template;
    private final String topic;

    KafkaSender(String bootstrapServers, String topic, Duration timeout) {
        int millis = (int) timeout.toMillis();
        this.producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                millis,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                millis,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                millis + 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
        this.template = new KafkaTemplate<>(producers);
        this.topic = topic;
    }

    /** Sends one record; the future completes when the brokers acknowledge it. */
    CompletableFuture<SendResult<String, String>> send(String key, String payload) {
        return template.send(topic, key, payload);
    }

    void close() {
        producers.destroy();
    }
}
