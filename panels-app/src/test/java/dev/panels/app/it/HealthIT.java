package dev.panels.app.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.MalformedURLException;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** MicroProfile Health readiness reports Medplum and the database (WildFly: management port; Liberty: HTTP port). */
class HealthIT extends DeployedApp {

    @AfterEach
    void medplumBack() {
        Medplum.faults().reset();
    }

    private static Api health() throws MalformedURLException {
        boolean wildfly = "wildfly".equals(System.getProperty("arquillian.launch"));
        int port = wildfly ? Integer.getInteger("it.wildfly.management.port") : Integer.getInteger("it.liberty.http.port");
        return new Api(URI.create("http://127.0.0.1:" + port + "/").toURL());
    }

    @Test
    void readinessReportsMedplumAndTheDatabase() throws Exception {
        Api.Reply up = health().get("health/ready", null);
        assertThat(up.status()).as(up.toString()).isEqualTo(200);
        assertThat(check(up, "medplum").getString("status")).isEqualTo("UP");
        assertThat(check(up, "database").getString("status")).isEqualTo("UP");

        Medplum.faults().update(new dev.panels.emulator.common.FaultInjection.Settings(0, 0, 503, true));
        Api.Reply down = health().get("health/ready", null);

        assertThat(down.status()).as(down.toString()).isEqualTo(503);
        assertThat(check(down, "medplum").getString("status")).isEqualTo("DOWN");
        assertThat(down.body()).doesNotContain(Medplum.Tenant.NORTHWIND.token());
    }

    private static JsonObject check(Api.Reply reply, String name) {
        return reply.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> name.equals(c.getString("name"))).findFirst().orElseThrow();
    }
}
