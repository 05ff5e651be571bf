package dev.panels.emulator.medplum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Medplum's administrative resources that the token, {@code /auth/me} and invite endpoints need: Projects,
 * ClientApplications, Users and ProjectMemberships. Seeded at start; invites and tests add to it while requests
 * are served, so every method is synchronized.
 */
final class Directory {

    /** A Medplum Project, mirroring one Stytch organization. */
    record Project(String id, String name, String stytchOrganizationId) {
    }

    /**
     * {@code ClientApplication.identityProvider}: where token exchange validates subject tokens and which userinfo
     * claim names the user ({@code sub} against {@code ProjectMembership.externalId} when {@code useSubject}, else
     * {@code email}). {@code audience} null means the subject token's audience is not checked.
     */
    record IdentityProvider(String authorizeUrl, String tokenUrl, String userInfoUrl, String clientId,
                            String clientSecret, boolean useSubject, String audience) {

        /** What token exchange uses: the userinfo URL (the other endpoints serve Medplum's own sign-in page). */
        static IdentityProvider userInfo(String userInfoUrl, boolean useSubject, String audience) {
            return new IdentityProvider(null, null, userInfoUrl, null, null, useSubject, audience);
        }
    }

    /**
     * A ClientApplication. It always lives in a project ({@code meta.project} in Medplum). {@code secret} null means
     * it cannot use client credentials; {@code identityProvider} null means it cannot exchange tokens.
     */
    record ClientApp(String id, String projectId, String name, String secret, boolean active, IdentityProvider identityProvider) {
    }

    /** An AccessPolicy, kept as the JSON a project admin wrote (this stand-in stores policies but does not enforce them). */
    record AccessPolicy(String id, String projectId, String name, com.fasterxml.jackson.databind.node.ObjectNode resource) {
    }

    /** A User. {@code projectId} null is a server-level user (Medplum's email/password users); else project-scoped. */
    record User(String id, String email, String projectId) {
        User {
            // Medplum stores and searches emails lower-cased.
            email = email == null ? null : email.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A ProjectMembership. {@code user} is a reference, {@code User/<id>} or {@code ClientApplication/<id>};
     * {@code profile} one to the profile resource ({@code Practitioner/<id>}, or the ClientApplication itself).
     * {@code active} can change (an admin deactivating a member), so it is read on every use of a login.
     */
    static final class Membership {
        final String id;
        final String projectId;
        final String user;
        final String profile;
        final String externalId;
        final boolean admin;
        /** {@code AccessPolicy/<id>} or null. */
        final String accessPolicy;
        private volatile boolean active = true;

        Membership(String id, String projectId, String user, String profile, String externalId, boolean admin) {
            this(id, projectId, user, profile, externalId, admin, null);
        }

        Membership(String id, String projectId, String user, String profile, String externalId, boolean admin, String accessPolicy) {
            this.id = id;
            this.projectId = projectId;
            this.user = user;
            this.profile = profile;
            this.externalId = externalId;
            this.admin = admin;
            this.accessPolicy = accessPolicy;
        }

        /** Medplum drops a membership only when {@code active === false}; absent counts as active. */
        boolean active() {
            return active;
        }

        void active(boolean active) {
            this.active = active;
        }
    }

    private final Map<String, Project> projects = new LinkedHashMap<>();
    private final Map<String, ClientApp> clients = new LinkedHashMap<>();
    private final Map<String, AccessPolicy> accessPolicies = new LinkedHashMap<>();
    private final Map<String, User> users = new HashMap<>();
    /**
     * A HashMap on purpose: Medplum's membership search has no sort, so which of a user's memberships comes first is
     * unspecified, and callers here must not come to rely on an order either.
     */
    private final Map<String, Membership> memberships = new HashMap<>();

    synchronized void add(Project project) {
        projects.put(project.id(), project);
    }

    synchronized void add(ClientApp client) {
        if (!projects.containsKey(client.projectId())) {
            throw new IllegalArgumentException("no project " + client.projectId());
        }
        if (clients.putIfAbsent(client.id(), client) != null) {
            throw new IllegalArgumentException("a client " + client.id() + " exists already");
        }
    }

    /** A project admin's update: same id and project, new content (Medplum's PUT replaces the whole resource). */
    synchronized void replace(ClientApp client) {
        ClientApp existing = clients.get(client.id());
        if (existing == null || !existing.projectId().equals(client.projectId())) {
            throw new IllegalArgumentException("no client " + client.id() + " in " + client.projectId());
        }
        clients.put(client.id(), client);
    }

    synchronized void put(AccessPolicy policy) {
        AccessPolicy existing = accessPolicies.get(policy.id());
        if (existing != null && !existing.projectId().equals(policy.projectId())) {
            throw new IllegalArgumentException("access policy " + policy.id() + " belongs to another project");
        }
        accessPolicies.put(policy.id(), policy);
    }

    synchronized Optional<AccessPolicy> accessPolicy(String id) {
        return Optional.ofNullable(id == null ? null : accessPolicies.get(id));
    }

    synchronized List<AccessPolicy> accessPolicies(String projectId) {
        return accessPolicies.values().stream().filter(p -> p.projectId().equals(projectId)).toList();
    }

    synchronized List<Membership> memberships(String projectId) {
        return memberships.values().stream().filter(m -> m.projectId.equals(projectId)).toList();
    }

    synchronized Optional<Membership> membership(String id) {
        return Optional.ofNullable(id == null ? null : memberships.get(id));
    }

    synchronized void add(User user) {
        users.put(user.id(), user);
    }

    synchronized void add(Membership membership) {
        memberships.put(membership.id, membership);
    }

    synchronized Optional<Project> project(String id) {
        return Optional.ofNullable(id == null ? null : projects.get(id));
    }

    synchronized List<Project> projects() {
        return List.copyOf(projects.values());
    }

    synchronized Optional<ClientApp> client(String id) {
        return Optional.ofNullable(id == null ? null : clients.get(id));
    }

    synchronized List<ClientApp> clients() {
        return List.copyOf(clients.values());
    }

    synchronized Optional<User> user(String id) {
        return Optional.ofNullable(id == null ? null : users.get(id));
    }

    /** Medplum's {@code getClientApplicationMembership}: the membership whose user is the client. */
    synchronized Optional<Membership> membershipOf(ClientApp client) {
        String ref = "ClientApplication/" + client.id();
        return memberships.values().stream().filter(m -> m.user.equals(ref)).findFirst();
    }

    /** Medplum's {@code getUserByExternalId}: the User of the project's membership with that exact externalId. */
    synchronized Optional<User> userByExternalId(String projectId, String externalId) {
        return byExternalId(projectId, externalId)
                .filter(m -> m.user.startsWith("User/"))
                .flatMap(m -> Optional.ofNullable(users.get(m.user.substring("User/".length()))));
    }

    synchronized Optional<Membership> byExternalId(String projectId, String externalId) {
        return memberships.values().stream()
                .filter(m -> m.projectId.equals(projectId) && externalId.equals(m.externalId))
                .findFirst();
    }

    /**
     * Medplum's {@code getUserByEmail}: the (lower-cased, exact) email among the users scoped to the project first,
     * then among server-level users.
     */
    synchronized Optional<User> userByEmail(String projectId, String email) {
        return userByEmailIn(projectId, email).or(() -> userByEmailIn(null, email));
    }

    /** Users of one scope only: {@code projectId} null is the server level. */
    synchronized Optional<User> userByEmailIn(String projectId, String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        return users.values().stream()
                .filter(u -> wanted.equals(u.email()) && Objects.equals(projectId, u.projectId()))
                .findFirst();
    }

    /** All of a user's memberships in one project, active or not, in no particular order. */
    synchronized List<Membership> memberships(User user, String projectId) {
        String ref = "User/" + user.id();
        List<Membership> result = new ArrayList<>();
        for (Membership m : memberships.values()) {
            if (m.user.equals(ref) && m.projectId.equals(projectId)) {
                result.add(m);
            }
        }
        return result;
    }
}
