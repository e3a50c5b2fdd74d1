package com.smoft.crm.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures as the Standard Webhooks specification writes them: {@code webhook-signature: v1,<base64 of the
 * HMAC-SHA256 of "id.timestamp.body">}, keyed by the bytes of the secret's base64 after {@code whsec_}. Any library of
 * that specification verifies them. No library of it is served to this build, so the JDK's HMAC signs; the tests
 * check it against the specification's published example.
 */
public final class WebhookSignature {

    /** What a secret begins with. */
    public static final String SECRET_PREFIX = "whsec_";

    private final SecretKeySpec key;

    /** A signer for a secret {@code whsec_...}. */
    public WebhookSignature(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret begins with " + SECRET_PREFIX);
        }
        this.key =
                new SecretKeySpec(Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())), "HmacSHA256");
    }

    /** The {@code webhook-signature} header of a message. */
    public String sign(String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(id, timestamp, body));
    }

    /**
     * Whether a {@code webhook-signature} header (one or more space-separated signatures) holds this message's
     * signature, compared in constant time.
     */
    public boolean verify(String id, long timestamp, byte[] body, String header) {
        byte[] expected = hmac(id, timestamp, body);
        for (String signature : header.split(" ")) {
            if (signature.startsWith("v1,")) {
                try {
                    if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                        return true;
                    }
                } catch (IllegalArgumentException notBase64) {
                    // Not ours: look at the next one.
                }
            }
        }
        return false;
    }

    private byte[] hmac(String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
