package com.smoft.crm.system;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a memory's database that cannot be opened at start (a PostgreSQL that does not answer, a wrong password, an
 * embedded database file another copy of the service holds) into a short start-up message, with what to do, instead
 * of a stack of traces. The database's own first line says which.
 */
class MemoryDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String said = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        return new FailureAnalysis(
                "The memory of each lead could not open its database at start: " + said,
                "Check that the database answers and that spring.datasource.url, .username and .password "
                        + "(SPRING_DATASOURCE_URL...) name it. An embedded database file is used by one service at a "
                        + "time: stop the other copy started from this folder, or give this one another "
                        + "spring.datasource.url. To start without a memory: --crm.memory.enabled=false.",
                cause);
    }
}
