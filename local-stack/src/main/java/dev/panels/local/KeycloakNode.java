package dev.panels.local;

/**
 * One Keycloak server of the stack: its HTTP and management ports and, in a cluster, the port of its JGroups
 * transport (Infinispan's cluster traffic; JGroups' failure detection listens 100 above it).
 */
public record KeycloakNode(String name, int httpPort, int managementPort, int clusterPort) {

    /** JGroups FD_SOCK2 listens at the transport's port plus its default offset of 100. */
    int failureDetectionPort() {
        return clusterPort + 100;
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    String healthUrl() {
        return "http://127.0.0.1:" + managementPort + "/health/ready";
    }
}
