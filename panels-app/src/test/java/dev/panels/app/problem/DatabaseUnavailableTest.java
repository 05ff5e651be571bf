package dev.panels.app.problem;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DatabaseUnavailableTest {

    @Test
    void aRefusedConnectionOfThePostgreSqlDriverIsAnOutageHoweverTheJpaProviderWrapsIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SQLException refused = catchThrowableOfType(SQLException.class,
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + closedPort + "/panels", "panels", "panels"));

        assertThat(refused.getSQLState()).startsWith("08");
        assertThat(DatabaseUnavailable.isCause(refused)).isTrue();
        assertThat(DatabaseUnavailable.isCause(new PersistenceException("could not acquire a connection",
                new RuntimeException("pool", refused)))).isTrue();
    }

    @Test
    void aServerShuttingDownIsAnOutage() {
        assertThat(DatabaseUnavailable.isCause(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new SQLException("the database system is starting up", "57P03"))).isTrue();
    }

    @Test
    void anErrorTheDatabaseAnsweredWithIsNotAnOutage() {
        assertThat(DatabaseUnavailable.isCause(new PersistenceException(new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new SQLException("no state"))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void theProblemSaysWhatAndNothingAboutTheServer() {
        Problem problem = DatabaseUnavailable.problem();
        assertThat(problem.type().status()).isEqualTo(503);
        assertThat(problem.toJson()).contains("https://panels.dev/problems/database-unavailable").doesNotContain("jdbc").doesNotContain("SQL");
    }
}
