package dev.panels.app.auth;

import dev.panels.app.problem.ProblemException;
import dev.panels.app.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The verified caller of this request, read from the access token the server already verified. */
@RequestScoped
public class CurrentUser {

    @Inject
    JsonWebToken jwt;

    public String subject() {
        return required(jwt.getSubject(), Claims.SUBJECT);
    }

    public String name() {
        return jwt.getName();
    }

    /** The tenant key; a token without it cannot touch any data. */
    public String organizationId() {
        return required(jwt.<String>getClaim(Claims.STYTCH_ORG_ID), Claims.STYTCH_ORG_ID);
    }

    public Optional<String> sessionId() {
        return Optional.ofNullable(jwt.<String>getClaim(Claims.SESSION_ID));
    }

    public Optional<String> fhirUser() {
        return Optional.ofNullable(jwt.<String>getClaim(Claims.FHIR_USER));
    }

    /** Medplum access token for calls on the user's behalf; never returned to clients. */
    public Optional<String> medplumToken() {
        return Optional.ofNullable(jwt.<String>getClaim(Claims.MEDPLUM_TOKEN)).filter(t -> !t.isBlank());
    }

    /**
     * The Medplum token, for calls that need clinical data. Without one (Keycloak could not get it from Medplum at
     * sign-in or refresh; its event log says why) the call is 503 "clinical data unavailable", not a session
     * problem: panels keep working, and the next token refresh tries Medplum again.
     */
    public String medplumAccess() {
        return medplumToken().orElseThrow(() -> new ProblemException(ProblemType.CLINICAL_DATA_UNAVAILABLE,
                "This sign-in carries no Medplum access: the sign-in service could not obtain it for you. "
                        + "It tries again when your session refreshes; panels and views still work."));
    }

    public Set<String> roles() {
        Set<String> groups = jwt.getGroups();
        return groups == null ? Set.of() : new TreeSet<>(groups);
    }

    public Set<Permission> permissions() {
        return Permissions.forRoles(roles());
    }

    public boolean can(Permission permission) {
        return permissions().contains(permission);
    }

    public void require(Permission permission) {
        if (!can(permission)) {
            throw ProblemException.forbidden("Missing permission " + permission.value());
        }
    }

    private static String required(String value, String claim) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(ProblemType.TOKEN, "The access token has no '" + claim + "' claim");
        }
        return value;
    }
}
