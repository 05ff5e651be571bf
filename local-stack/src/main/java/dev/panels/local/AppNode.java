package dev.panels.local;

import dev.panels.local.StackSettings.AppServer;
import java.util.LinkedHashMap;
import java.util.Map;

/** One app server of the stack, with the ports it listens on (WildFly's follow from its HTTP port). */
public record AppNode(String name, AppServer server, int httpPort) {

    /** WildFly's management port (health checks). */
    int managementPort() {
        return httpPort + 1910;
    }

    int httpsPort() {
        return httpPort + 363;
    }

    /** WildFly's transaction recovery and status ports. */
    int[] transactionPorts() {
        return new int[] {httpPort + 4, httpPort + 5};
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort + "/panels";
    }

    /** Where the server says it is ready to serve the app. */
    String healthUrl() {
        return "http://127.0.0.1:" + (server == AppServer.WILDFLY ? managementPort() : httpPort) + "/health/ready";
    }

    /** Every port this node listens on beyond its HTTP port, by what listens there. */
    Map<String, Integer> otherPorts(String portSetting) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(name + "'s HTTPS listener (" + portSetting + " + 363)", httpsPort());
        if (server == AppServer.WILDFLY) {
            ports.put(name + "'s management interface (" + portSetting + " + 1910)", managementPort());
            ports.put(name + "'s transaction recovery (" + portSetting + " + 4)", transactionPorts()[0]);
            ports.put(name + "'s transaction status (" + portSetting + " + 5)", transactionPorts()[1]);
        }
        return ports;
    }
}
