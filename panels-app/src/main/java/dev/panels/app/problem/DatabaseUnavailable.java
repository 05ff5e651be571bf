package dev.panels.app.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;

/**
 * Tells a database that cannot be reached (down, restarting, refusing connections, connection dropped) from a
 * database that answered with an error. Only the first is "database unavailable" (503, retry later); the second
 * stays an internal error. Works on whatever the JPA provider and the pool wrap around the driver's exception
 * (Hibernate and IronJacamar on WildFly, EclipseLink and Liberty's pool on Liberty): it walks the cause chain.
 */
public final class DatabaseUnavailable {

    /** Told to clients in Retry-After: a restarting PostgreSQL is usually back within seconds. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception) and PostgreSQL's 57P01-57P03 (admin shutdown, crash shutdown, cannot
     * connect now: the server is stopping or starting).
     */
    static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    public static Problem problem() {
        return Problem.of(ProblemType.DATABASE_UNAVAILABLE,
                "The Panels database is not reachable right now. Retry in a few seconds.");
    }
}
