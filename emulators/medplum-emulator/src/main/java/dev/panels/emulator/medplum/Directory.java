package dev.panels.emulator.medplum;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Medplum's administrative resources that the token endpoint needs: Projects, ClientApplications and Users with
 * their ProjectMemberships. Fixed at start (the emulator offers no admin API to change them).
 */
final class Directory {

    /** A Medplum Project, mirroring one Stytch organization. */
    record Project(String id, String name, String stytchOrganizationId) {
    }

    /**
     * A ClientApplication. {@code projectId} null means not bound to one project (the token-exchange client, whose
     * project comes from the request or the user's first membership). {@code exchange} marks an application with an
     * external identity provider (Medplum's {@code ClientApplication.identityProvider}), i.e. allowed to exchange.
     */
    record ClientApp(String id, String secret, String projectId, boolean exchange) {
    }

    /** A ProjectMembership: the user's profile resource in that project ({@code Practitioner/<id>}). */
    record Membership(String projectId, String profile, boolean admin) {
    }

    record User(String id, String email, List<Membership> memberships) {
        Optional<Membership> in(String projectId) {
            return memberships.stream().filter(m -> m.projectId().equals(projectId)).findFirst();
        }
    }

    private final Map<String, Project> projects = new LinkedHashMap<>();
    private final Map<String, ClientApp> clients = new LinkedHashMap<>();
    private final Map<String, User> usersByEmail = new LinkedHashMap<>();
    private final Map<String, User> usersById = new LinkedHashMap<>();

    void add(Project project) {
        projects.put(project.id(), project);
    }

    void add(ClientApp client) {
        clients.put(client.id(), client);
    }

    void add(User user) {
        usersByEmail.put(user.email().toLowerCase(Locale.ROOT), user);
        usersById.put(user.id(), user);
    }

    Optional<Project> project(String id) {
        return Optional.ofNullable(id == null ? null : projects.get(id));
    }

    List<Project> projects() {
        return List.copyOf(projects.values());
    }

    Optional<ClientApp> client(String id) {
        return Optional.ofNullable(id == null ? null : clients.get(id));
    }

    List<ClientApp> clients() {
        return List.copyOf(clients.values());
    }

    Optional<User> userByEmail(String email) {
        return Optional.ofNullable(email == null ? null : usersByEmail.get(email.toLowerCase(Locale.ROOT)));
    }

    Optional<User> userById(String id) {
        return Optional.ofNullable(id == null ? null : usersById.get(id));
    }

    List<User> users() {
        return List.copyOf(usersByEmail.values());
    }
}
