package dev.panels.bootstrap;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code java -jar medplum-bootstrap.jar}: sets every configured organization's Medplum project up for Keycloak's
 * token exchange (see {@link OrganizationSetup}), printing each step. Safe to run again: what is already right is
 * left alone. Exit status 0 when every organization is set up, 1 when one failed or has members needing attention,
 * 2 for a configuration error. Configuration: {@link BootstrapSettings}.
 */
public final class MedplumBootstrap {

    private MedplumBootstrap() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out));
    }

    static int run(Map<String, String> env, PrintStream out) {
        BootstrapSettings settings;
        try {
            settings = BootstrapSettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            out.println("medplum-bootstrap: configuration incomplete:");
            e.getMessage().lines().forEach(line -> out.println("  " + line));
            return 2;
        }
        out.println("medplum-bootstrap: Medplum " + settings.medplumBaseUrl() + ", Keycloak realm " + settings.keycloakIssuer());
        OrganizationSetup setup = new OrganizationSetup(settings,
                new StytchMembers(settings.stytchProjectId(), settings.stytchSecret(), settings.stytchBaseUrl()), out);
        int status = 0;
        for (BootstrapSettings.Organization org : settings.organizations()) {
            try {
                OrganizationSetup.Result result = setup.run(org);
                if (!result.attention().isEmpty()) {
                    status = 1;
                }
            } catch (BootstrapException e) {
                out.println();
                out.println("[" + org.label() + "] FAILED: " + e.getMessage());
                status = 1;
            }
        }
        out.println(status == 0 ? "medplum-bootstrap: done" : "medplum-bootstrap: finished with problems (see above)");
        return status;
    }
}
