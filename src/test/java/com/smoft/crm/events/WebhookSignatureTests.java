package com.smoft.crm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTests {

    /** The Standard Webhooks specification's published example: what its libraries verify. */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldSignTheSpecificationsExampleAsItsReferenceImplementationDoes() {
        assertThat(new WebhookSignature(SECRET).sign(ID, TIMESTAMP, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shouldVerifyASignatureAmongSeveralAndRefuseAChangedBodyTimeOrSecret() {
        WebhookSignature signature = new WebhookSignature(SECRET);
        String header = "v1,bm9wZQ== " + signature.sign(ID, TIMESTAMP, BODY);

        assertThat(signature.verify(ID, TIMESTAMP, BODY, header)).isTrue();
        assertThat(signature.verify(ID, TIMESTAMP + 1, BODY, header)).isFalse();
        assertThat(signature.verify(ID, TIMESTAMP, "{\"test\": 1}".getBytes(StandardCharsets.UTF_8), header))
                .isFalse();
        assertThat(new WebhookSignature("whsec_" + "A".repeat(32)).verify(ID, TIMESTAMP, BODY, header))
                .isFalse();
        assertThat(signature.verify(ID, TIMESTAMP, BODY, "v1,not base64!")).isFalse();
    }

    @Test
    void shouldRefuseASecretWithoutItsPrefix() {
        assertThatThrownBy(() -> new WebhookSignature("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
