package db.migration;

import db.support.PostgresOnlyMigration;

/**
 * Room in {@code lead_state}'s pages for its rows' next versions, on PostgreSQL: every score of a lead rewrites his
 * state, and PostgreSQL writes the new version beside the old one when the page has room and no indexed column
 * changed (a "heap-only tuple" update), without adding an entry to each of the table's three indexes. Full pages, the
 * default, send every update to another page and through every index. Measured with {@code bench/memory.sh pg}: a
 * remembered 100 000-customer batch 2.5 s instead of 2.8 s, and the table half the size after six batches.
 *
 * <p>A storage parameter H2 does not have, hence a migration in Java that does nothing there. It applies to pages
 * written from now on; rows already there move as they are updated.
 */
public class V6__lead_state_room_for_updates extends PostgresOnlyMigration {

    @Override
    protected String statement() {
        return "ALTER TABLE lead_state SET (fillfactor = 70)";
    }
}
