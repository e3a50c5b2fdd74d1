package com.smoft.crm.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.scoring.LiveStatus;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.ModelFiles;
import com.smoft.crm.scoring.Outcome;
import com.smoft.crm.scoring.OutcomeTally;
import com.smoft.crm.scoring.PostedOutcome;
import com.smoft.crm.scoring.ShippedModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live accuracy telling its listener when a version's live status changes, where its tallies change. */
class LiveAccuracyTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant MONDAY =
            ZonedDateTime.of(2026, 11, 2, 10, 0, 0, 0, PARIS).toInstant();
    private static final ModelCard CARD = ModelFiles.load(ShippedModel.PATH).card();

    @Test
    void shouldTellOnceWhenARecordingTurnsAVersionsStatusAndNotWhenATallyFindsTheSame() {
        try (var database = OutcomeDatabases.open(OutcomeDatabases.Kind.H2)) {
            OutcomeRepository repository = database.repository();
            Instant now = MONDAY.plus(Duration.ofDays(1));
            LiveAccuracy live = new LiveAccuracy(repository, Clock.fixed(now, ZoneOffset.UTC));
            List<String> told = new ArrayList<>();
            live.listen(new LiveStatusListener() {
                @Override
                public boolean listening() {
                    return true;
                }

                @Override
                public ModelCard card(String version) {
                    return version.equals(CARD.version()) ? CARD : null;
                }

                @Override
                public void changed(ModelCard card, LiveStatus from, LiveStatus to, OutcomeTally tally) {
                    told.add(card.version() + " " + from + "->" + to + " " + tally.outcomes());
                }
            });
            live.refresh();
            // Ranked upside down: the converted scored low, the lost high.
            List<PostedOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                database.point("CONV-" + i, MONDAY, 10, CARD.version(), PARIS);
                database.point("LOST-" + i, MONDAY, 90, CARD.version(), PARIS);
                database.point("OTHER-" + i, MONDAY, 90, "v-unknown", PARIS);
                outcomes.add(new PostedOutcome(0, "CONV-" + i, Outcome.converted, MONDAY.plus(Duration.ofHours(1))));
                outcomes.add(new PostedOutcome(0, "LOST-" + i, Outcome.lost, MONDAY.plus(Duration.ofHours(1))));
                outcomes.add(new PostedOutcome(0, "OTHER-" + i, Outcome.lost, MONDAY.plus(Duration.ofHours(1))));
            }

            live.recording(
                    () -> repository.record(
                            outcomes,
                            now,
                            Duration.ofDays(90),
                            PARIS,
                            true,
                            now.minus(Duration.ofDays(90)),
                            now.minus(Duration.ofDays(30))),
                    OutcomeRepository.Written::tallied);
            live.refresh();

            assertThat(told).containsExactly(CARD.version() + " insufficient->degraded 240");
        }
    }
}
