package dev.panels.app;

import dev.panels.app.auth.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The REST API under /api; every request is authenticated with a MicroProfile JWT bearer token. */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT", realmName = "panels")
@DeclareRoles({Role.VIEWER, Role.EDITOR, Role.ADMIN, Role.AUDITOR})
public class PanelsApplication extends Application {
}
