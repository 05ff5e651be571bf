package dev.panels.emulator.stytch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The seed file: the project and its organizations with their members (see {@code seed/sample-seed.json}). */
final class Seed {

    static final String SAMPLE = "/seed/sample-seed.json";

    public Project project;
    public List<State.Org> organizations = new ArrayList<>();

    static Seed load(Path file) {
        try (InputStream in = file == null ? Seed.class.getResourceAsStream(SAMPLE) : Files.newInputStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the sample seed " + SAMPLE + " is missing from the classpath");
            }
            Seed seed = Json.STATE.readValue(in, Seed.class);
            seed.validate(file == null ? "classpath:" + SAMPLE : file.toString());
            return seed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Stytch emulator seed " + (file == null ? SAMPLE : file)
                    + ": " + e.getMessage(), e);
        }
    }

    /** Fails fast, naming the problem, instead of serving half-broken state. */
    private void validate(String source) {
        if (project == null || blank(project.projectId) || blank(project.secret) || blank(project.publicToken)) {
            throw new IllegalArgumentException(source + ": project.project_id, secret and public_token are required");
        }
        try {
            RedirectUrls.of(project, List.of());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        Set<String> ids = new HashSet<>();
        for (State.Org org : organizations) {
            if (blank(org.organizationId) || blank(org.organizationName) || blank(org.organizationSlug)) {
                throw new IllegalArgumentException(source + ": every organization needs organization_id, name and slug");
            }
            if (!ids.add(org.organizationId) || !ids.add("slug:" + org.organizationSlug)) {
                throw new IllegalArgumentException(source + ": duplicate organization " + org.organizationId);
            }
            for (State.Member m : org.members == null ? List.<State.Member>of() : org.members) {
                if (blank(m.memberId) || blank(m.emailAddress) || !ids.add(m.memberId)) {
                    throw new IllegalArgumentException(source + ": member ids must be present and unique in "
                            + org.organizationSlug);
                }
                for (String role : m.roles) {
                    boolean known = role.equals(Wire.STYTCH_MEMBER) || role.equals(Wire.STYTCH_ADMIN)
                            || org.customRoles.stream().anyMatch(r -> r.roleId.equals(role));
                    if (!known) {
                        throw new IllegalArgumentException(source + ": role " + role + " of " + m.emailAddress
                                + " is not defined in " + org.organizationSlug);
                    }
                }
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
