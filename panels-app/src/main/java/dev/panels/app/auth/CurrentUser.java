package dev.panels.app.auth;

import dev.panels.app.PanelsConfig;
import dev.panels.app.problem.ProblemException;
import dev.panels.app.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/** The verified caller of this request, read from the access token the server already verified. */
@RequestScoped
public class CurrentUser {

    private static final Logger LOG = Logger.getLogger(CurrentUser.class.getName());

    @Inject
    JsonWebToken jwt;

    @Inject
    PanelsConfig config;

    /** A refused tenant or an unopenable claim is logged once per request, however often the request asks. */
    private boolean mismatchLogged;
    private boolean unsealedLogged;

    public String subject() {
        return required(jwt.getSubject(), Claims.SUBJECT);
    }

    /** The verified access token as received, for a call Keycloak makes on the caller's behalf (the member search). */
    public String rawToken() {
        return jwt.getRawToken();
    }

    /** What a person reads as "who is signed in": the full name, else the email, else the principal name. */
    public String name() {
        for (String claim : new String[]{Claims.NAME, Claims.EMAIL}) {
            String value = jwt.getClaim(claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return jwt.getName();
    }

    /** The tenant key; a token without it cannot touch any data. */
    public String organizationId() {
        return required(jwt.<String>getClaim(Claims.STYTCH_ORG_ID), Claims.STYTCH_ORG_ID);
    }

    public Optional<String> sessionId() {
        return Optional.ofNullable(jwt.<String>getClaim(Claims.SESSION_ID));
    }

    /** When the access token expires: a stream opened with it ends then. */
    public java.time.Instant expiresAt() {
        return java.time.Instant.ofEpochSecond(jwt.getExpirationTime());
    }

    public Optional<java.time.Instant> issuedAt() {
        return jwt.getIssuedAtTime() > 0 ? Optional.of(java.time.Instant.ofEpochSecond(jwt.getIssuedAtTime())) : Optional.empty();
    }

    public Optional<String> fhirUser() {
        return Optional.ofNullable(jwt.<String>getClaim(Claims.FHIR_USER));
    }

    /**
     * The Medplum token for calls that need clinical data, after checking it belongs to the caller's clinical
     * tenant. Without one (Keycloak could not get it from Medplum at sign-in or refresh, its event log says why; or
     * this app maps no Medplum project to the organization) the call is 503 "clinical data unavailable", not a
     * session problem: panels keep working. A token whose Medplum project is not the one mapped to the token's
     * organization is refused (403 clinical-tenant-mismatch) and logged: it would read another organization's data.
     */
    public String medplumAccess() {
        String token = medplumToken().orElseThrow(() -> new ProblemException(ProblemType.CLINICAL_DATA_UNAVAILABLE,
                "This sign-in carries no Medplum access: the sign-in service could not obtain it for you. "
                        + "It tries again when your session refreshes; panels and views still work."));
        String organization = organizationId();
        String mapped = config.clinicalTenants().projectOf(organization).orElseThrow(() -> new ProblemException(
                ProblemType.CLINICAL_DATA_UNAVAILABLE, "No clinical data is set up for your organization in this app."));
        String project = jwt.<String>getClaim(Claims.MEDPLUM_PROJECT);
        if (!mapped.equals(project)) {
            if (!mismatchLogged) {
                mismatchLogged = true;
                LOG.warning(() -> "Refused clinical access: token of organization " + organization + " (subject " + subject()
                    + ", session " + sessionId().orElse("-") + ") carries Medplum project " + project + ", mapped project is " + mapped);
            }
            throw new ProblemException(ProblemType.CLINICAL_TENANT_MISMATCH,
                    "Your sign-in's clinical access is for another organization's data; it is refused. Sign in again.");
        }
        return token;
    }

    /** The Medplum token when {@link #medplumAccess()} would accept it (for work that must not fail the request). */
    public Optional<String> checkedMedplumToken() {
        try {
            return Optional.of(medplumAccess());
        } catch (ProblemException e) {
            return Optional.empty();
        }
    }

    /**
     * The Medplum token as Keycloak sealed it (still sealed, so it can be kept, e.g. to write an audit record to Medplum
     * later), when {@link #medplumAccess()} would accept it.
     */
    public Optional<String> sealedMedplumToken() {
        return checkedMedplumToken().map(open -> jwt.getClaim(Claims.MEDPLUM_TOKEN));
    }

    /** The Medplum token Keycloak sealed for this app; a claim that does not open (unsealed, other keys) is none. */
    private Optional<String> medplumToken() {
        String sealed = jwt.getClaim(Claims.MEDPLUM_TOKEN);
        if (sealed == null || sealed.isBlank()) {
            return Optional.empty();
        }
        Optional<String> token = config.medplumTokenSeal().flatMap(seal -> seal.open(Claims.SEALED_MEDPLUM_TOKEN, sealed))
                .map(claims -> claims.get("v")).filter(t -> !t.isBlank());
        if (token.isEmpty() && !unsealedLogged) {
            unsealedLogged = true;
            LOG.warning(() -> "The medplum_token claim of subject " + subject() + " does not open with panels.medplum.token-keys");
        }
        return token;
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
