package dev.panels.app.medplum;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which Medplum project holds each organization's clinical data: {@code panels.medplum.projects}, written as
 * {@code <Stytch organization id>=<Medplum project id>} pairs separated by commas. One organization, one clinical
 * tenant: an organization appears once and no project serves two organizations. This is the app's own record,
 * kept apart from Keycloak's mapper configuration on purpose, so a token whose Medplum project belongs to another
 * organization is refused even if Keycloak was misconfigured.
 */
public final class ClinicalTenants {

    private final Map<String, String> projectByOrganization;

    private ClinicalTenants(Map<String, String> projectByOrganization) {
        this.projectByOrganization = Map.copyOf(projectByOrganization);
    }

    /** @throws IllegalArgumentException naming the bad entry */
    public static ClinicalTenants parse(String setting) {
        Map<String, String> projects = new HashMap<>();
        Map<String, String> organizations = new HashMap<>();
        if (setting != null && !setting.isBlank()) {
            for (String entry : setting.split(",", -1)) {
                String[] pair = entry.trim().split("=", -1);
                if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
                    throw new IllegalArgumentException("panels.medplum.projects: '" + entry.trim()
                            + "' is not <Stytch organization id>=<Medplum project id>");
                }
                String org = pair[0].trim();
                String project = pair[1].trim();
                if (projects.put(org, project) != null) {
                    throw new IllegalArgumentException("panels.medplum.projects: organization " + org + " appears twice");
                }
                String other = organizations.put(project, org);
                if (other != null) {
                    throw new IllegalArgumentException("panels.medplum.projects: organizations " + other + " and " + org
                            + " both map to Medplum project " + project);
                }
            }
        }
        return new ClinicalTenants(projects);
    }

    public Optional<String> projectOf(String organizationId) {
        return Optional.ofNullable(organizationId == null ? null : projectByOrganization.get(organizationId));
    }
}
