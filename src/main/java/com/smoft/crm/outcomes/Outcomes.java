package com.smoft.crm.outcomes;

import com.smoft.crm.scoring.PostedOutcome;
import com.smoft.crm.system.CrmProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Service;

/**
 * What happened to the leads: outcomes recorded against the memory's scores (issue "What happened next"), read back
 * beside a lead's history. Decides what an outcome is joined with, what is a duplicate and how far ahead an outcome
 * may be dated; knows no HTTP.
 */
@Service
@ConditionalOnBooleanProperty(name = "crm.memory.enabled", matchIfMissing = true)
public class Outcomes {

    /** How far in the future an outcome may be dated (clocks differ, days begin elsewhere). */
    public static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    /** Outcomes of a lead shown beside his history, at most. */
    public static final int SHOWN = 100;

    private final OutcomeRepository repository;
    private final LiveAccuracy live;
    private final Duration window;
    private final ZoneId zone;
    private final Clock clock;

    @Autowired
    Outcomes(OutcomeRepository repository, LiveAccuracy live, CrmProperties properties) {
        this(repository, live, properties, Clock.systemUTC());
    }

    Outcomes(OutcomeRepository repository, LiveAccuracy live, CrmProperties properties, Clock clock) {
        this.repository = repository;
        this.live = live;
        this.window = properties.memory().outcomeWindow();
        this.zone = properties.memory().timeZone();
        this.clock = clock;
    }

    /** Now, the time of an outcome that gives none. */
    public Instant now() {
        return clock.instant();
    }

    /** The latest time an outcome may be dated now. */
    public Instant latest(Instant now) {
        return now.plus(FUTURE_TOLERANCE);
    }

    /** Where a day begins, and the zone of a time written without an offset. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * What a recording did.
     *
     * @param matched    outcomes joined with a score, which live accuracy judges
     * @param unmatched  outcomes without a score in the window: kept, not judged
     * @param duplicates outcomes recorded already, or twice in the request: counted once
     * @param erased     the outcomes refused because their customer was erased
     */
    public record Recorded(int matched, int unmatched, int duplicates, List<PostedOutcome> erased) {}

    /**
     * Records outcomes in one transaction (none is written if it fails): each joined with the customer's last score
     * before it within crm.memory.outcome-window; the same customer, outcome and day twice (in the request, or
     * recorded already) counted once; an erased customer's outcomes refused. The matched ones are added to the live
     * accuracy's tally at once.
     *
     * @param refuseErased whether an erased customer's outcome refuses the whole request
     *                     ({@link OutcomeRepository.ErasedCustomersException}), rather than itself alone
     */
    public Recorded record(List<PostedOutcome> outcomes, boolean refuseErased) {
        List<PostedOutcome> distinct = new ArrayList<>(outcomes.size());
        Set<Key> seen = new HashSet<>();
        for (PostedOutcome outcome : outcomes) {
            if (seen.add(
                    new Key(outcome.customerId(), outcome.outcome().name(), LocalDate.ofInstant(outcome.at(), zone)))) {
                distinct.add(outcome);
            }
        }
        Instant now = now();
        OutcomeRepository.Written written = live.recording(
                () -> repository.record(
                        distinct,
                        now,
                        window,
                        zone,
                        refuseErased,
                        now.minus(Duration.ofDays(LiveAccuracy.LONG_DAYS)),
                        now.minus(Duration.ofDays(LiveAccuracy.SHORT_DAYS))),
                OutcomeRepository.Written::tallied);
        List<PostedOutcome> erased = outcomes.stream()
                .filter(outcome -> written.erased().contains(outcome.customerId()))
                .toList();
        int erasedDistinct = (int) distinct.stream()
                .filter(outcome -> written.erased().contains(outcome.customerId()))
                .count();
        int requestDuplicates = outcomes.size() - distinct.size() - (erased.size() - erasedDistinct);
        return new Recorded(written.matched(), written.unmatched(), written.duplicates() + requestDuplicates, erased);
    }

    /** A customer's outcomes, newest first. */
    public List<RecordedOutcome> of(String customerId) {
        return repository.of(customerId, SHOWN);
    }

    private record Key(String customerId, String outcome, LocalDate day) {}
}
