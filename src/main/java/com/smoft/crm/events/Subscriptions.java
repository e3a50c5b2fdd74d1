package com.smoft.crm.events;

import com.smoft.crm.system.CrmProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Where events go, from configuration only ({@code crm.events.webhooks}, {@code crm.events.kafka}): no request can
 * add a URL. Each target has a stable name that the outbox's deliveries carry: {@code webhook:} and the first 16 hex
 * digits of the sha256 of the URL, so that a subscription keeps its deliveries when the list is reordered, and
 * {@code kafka}.
 */
final class Subscriptions {

    /** The name of the Kafka target. */
    static final String KAFKA = "kafka";

    private final List<Webhook> webhooks;
    private final boolean kafka;

    Subscriptions(CrmProperties.Events settings) {
        List<Webhook> list = new ArrayList<>();
        for (CrmProperties.Events.Webhook webhook : settings.webhooks()) {
            list.add(new Webhook(
                    targetOf(webhook.url()),
                    URI.create(webhook.url()),
                    new WebhookSignature(webhook.secret()),
                    webhook));
        }
        this.webhooks = List.copyOf(list);
        this.kafka = settings.kafka().enabled();
    }

    /**
     * One webhook subscription.
     *
     * @param target    its name in the outbox
     * @param url       where it is POSTed
     * @param signature its signer
     * @param settings  its settings
     */
    record Webhook(String target, URI url, WebhookSignature signature, CrmProperties.Events.Webhook settings) {}

    /** Whether anything is to be told. */
    boolean any() {
        return !webhooks.isEmpty() || kafka;
    }

    /** The webhook subscriptions, in configuration order. */
    List<Webhook> webhooks() {
        return webhooks;
    }

    /** Whether events go to Kafka. */
    boolean kafka() {
        return kafka;
    }

    /** Every target of this configuration: the webhooks', then Kafka's. */
    List<String> targets() {
        List<String> targets = new ArrayList<>(webhooks.size() + 1);
        webhooks.forEach(webhook -> targets.add(webhook.target()));
        if (kafka) {
            targets.add(KAFKA);
        }
        return targets;
    }

    /** A webhook by its target name. */
    Optional<Webhook> webhook(String target) {
        return webhooks.stream().filter(w -> w.target().equals(target)).findFirst();
    }

    /** The targets an event of a type, about a move into a segment (or none), goes to, disabled ones left out. */
    List<String> targetsOf(EventType type, String segment, java.util.Set<String> disabled) {
        List<String> targets = new ArrayList<>(webhooks.size() + 1);
        for (Webhook webhook : webhooks) {
            if (!disabled.contains(webhook.target()) && webhook.settings().wants(type.wire(), segment)) {
                targets.add(webhook.target());
            }
        }
        if (kafka) {
            targets.add(KAFKA);
        }
        return targets;
    }

    static String targetOf(String url) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return "webhook:" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
