package com.smoft.crm.events;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A Kafka broker for {@code bench/events_kafka.sh}, run by Kafka's own test kit in this process (as in {@link
 * EventKafkaTests}), with a consumer that appends each record's event id and type to a file, as the webhook benchmark's
 * receiver does.
 *
 * <p>{@code java -cp <test classpath> com.smoft.crm.events.KafkaBenchBroker TOPIC BOOTSTRAP_FILE RECEIVED_FILE}:
 * writes the broker's address to {@code BOOTSTRAP_FILE} once it takes records, then consumes until stopped.
 */
public final class KafkaBenchBroker {

    private KafkaBenchBroker() {}

    /**
     * Starts one combined broker and controller, with a topic of one partition. It is Kafka's own test kit, the one
     * spring-kafka-test's EmbeddedKafkaKraftBroker wraps: that wrapper (4.1.1) calls methods the kit of Kafka 4.3 no
     * longer has, so the kit is started directly.
     */
    static KafkaClusterTestKit start(String topic) throws Exception {
        KafkaClusterTestKit broker = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .build();
        broker.format();
        broker.startup();
        broker.waitForReadyBrokers();
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return broker;
    }

    /** Starts the broker and the consumer; runs until the process is stopped. */
    public static void main(String[] args) throws Exception {
        String topic = args[0];
        Path bootstrapFile = Path.of(args[1]);
        Path received = Path.of(args[2]);
        KafkaClusterTestKit broker = start(topic);
        Files.writeString(bootstrapFile, broker.bootstrapServers());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new StringDeserializer(),
                        new StringDeserializer());
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(
                        received, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    var event = EventJson.MAPPER.readTree(record.value());
                    out.println(
                            event.get("id").asString() + " " + event.get("type").asString());
                }
                out.flush();
                if (out.checkError()) {
                    throw new IOException("could not write to " + received);
                }
            }
        }
    }
}
