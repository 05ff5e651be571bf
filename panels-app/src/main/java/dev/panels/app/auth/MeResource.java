package dev.panels.app.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Who the caller is and what they may do, so the UI shows only what is allowed. */
@Path("/me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.VIEWER, Role.EDITOR, Role.ADMIN, Role.AUDITOR})
public class MeResource {

    @Inject
    CurrentUser user;

    @GET
    public Me me() {
        return new Me(user.subject(), user.name(), user.organizationId(), user.fhirUser().orElse(null),
                user.checkedMedplumToken().isPresent(), List.copyOf(user.roles()),
                user.permissions().stream().map(Permission::value).sorted().toList());
    }

    /** {@code clinicalData}: whether this sign-in carries Medplum access (false: "clinical data unavailable"). */
    public record Me(String subject, String name, String organization, String fhirUser, boolean clinicalData,
                     List<String> roles, List<String> permissions) {
    }
}
