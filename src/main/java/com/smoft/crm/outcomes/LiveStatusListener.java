package com.smoft.crm.outcomes;

import com.smoft.crm.scoring.LiveStatus;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.OutcomeTally;

/**
 * Told when a model version's live status changes, where {@link LiveAccuracy}'s tallies change (a recording, a full
 * tally): the events (issue "Tell the CRM when it matters") listen.
 */
public interface LiveStatusListener {

    /** Whether anyone listens now: when not, no status is compared. */
    boolean listening();

    /** A version's card, whose holdout its live status is judged against; {@code null} when it cannot be read. */
    ModelCard card(String version);

    /**
     * A version's live status changed.
     *
     * @param card  its card
     * @param from  its status before
     * @param to    its status now
     * @param tally its matched outcomes over the long window now
     */
    void changed(ModelCard card, LiveStatus from, LiveStatus to, OutcomeTally tally);
}
