package dev.panels.app.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Ready only while the panels database hands out a working connection. */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    /**
     * Created while the application starts: java:comp is resolvable only on the application's own
     * threads, and the health endpoint calls checks from server threads (WildFly's management I/O).
     */
    void createAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // nothing else to do: observing instantiates the bean and injects the datasource here
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            return HealthCheckResponse.named("database").status(connection.isValid(2)).build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("database").withData("error", e.getSQLState() == null ? "unavailable" : e.getSQLState()).down().build();
        }
    }
}
