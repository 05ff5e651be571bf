package dev.panels.bench.probe;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Not part of the product: the benchmark adds this class to a copy of the shipping WAR, so one endpoint can be called
 * twice, once behind the app's MP-JWT chain (signature, issuer, audience and lifetime checked by the server; token
 * type, revocation and role checked by the app's filters) and once open. Both answer the same small JSON.
 */
@Path("bench-probe")
@Produces(MediaType.APPLICATION_JSON)
public class AuthProbe {

    @GET
    @Path("protected")
    @RolesAllowed({"panels-viewer", "panels-editor", "panels-admin", "auditor"})
    public String signedIn(@Context SecurityContext security) {
        return answer(security.getUserPrincipal().getName());
    }

    @GET
    @Path("open")
    @PermitAll
    public String open() {
        return answer("anonymous");
    }

    private static String answer(String caller) {
        return "{\"caller\":\"" + caller + "\"}";
    }
}
