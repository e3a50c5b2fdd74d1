package com.smoft.crm.system;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a memory's database that cannot be opened at start (a PostgreSQL that does not answer, a wrong password, an
 * embedded database file another copy of the service holds, or one H2 can no longer read) into a short start-up
 * message, with what to do, instead of a stack of traces. The database's own first line says which.
 */
class MemoryDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    /** H2's error code for a file it cannot read ({@code FILE_CORRUPTED_1}). */
    private static final int H2_FILE_CORRUPTED = 90030;

    /** What H2's storage throws when a page or chunk of the file is not what it should be. */
    private static final String H2_STORE_FAILURE = "org.h2.mvstore.MVStoreException";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String said = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        if (damagedFile(rootFailure)) {
            return new FailureAnalysis(
                    "The memory of each lead could not read its embedded database file: " + said,
                    "The file is damaged (H2 2.4 can leave it so when the service is killed while it writes). Keep a "
                            + "copy of the data folder, then salvage what H2 can still read into a new file, as "
                            + "docs/deployment.md says under \"A damaged embedded file\", or move memory.mv.db aside "
                            + "to start with an empty memory. To start without a memory: --crm.memory.enabled=false.",
                    cause);
        }
        return new FailureAnalysis(
                "The memory of each lead could not open its database at start: " + said,
                "Check that the database answers and that spring.datasource.url, .username and .password "
                        + "(SPRING_DATASOURCE_URL...) name it. An embedded database file is used by one service at a "
                        + "time: stop the other copy started from this folder, or give this one another "
                        + "spring.datasource.url. To start without a memory: --crm.memory.enabled=false.",
                cause);
    }

    private static boolean damagedFile(Throwable failure) {
        for (Throwable each = failure; each != null; each = each.getCause()) {
            if (each instanceof SQLException sql && sql.getErrorCode() == H2_FILE_CORRUPTED
                    || each.getClass().getName().equals(H2_STORE_FAILURE)) {
                return true;
            }
        }
        return false;
    }
}
