package dev.panels.keycloak.directory;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.util.List;

/**
 * {@code /realms/{realm}/panels-members}: the member search of the app's sharing dialog. Options (Keycloak's
 * {@code --spi-realm-restapi-extension--panels-members--…}): {@code audience} (the client whose access tokens it
 * accepts, default {@code panels-app}) and {@code roles} (the realm roles that may search, comma separated, default
 * {@code panels-editor,panels-admin}: those who may share panels).
 */
public class MemberDirectoryFactory implements RealmResourceProviderFactory {

    public static final String ID = "panels-members";

    private MemberDirectory.Settings settings = new MemberDirectory.Settings("panels-app", List.of("panels-editor", "panels-admin"));

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new MemberDirectory(session, settings);
    }

    @Override
    public void init(Config.Scope config) {
        String roles = config.get("roles", String.join(",", settings.roles()));
        settings = new MemberDirectory.Settings(config.get("audience", settings.audience()),
                List.of(roles.split("\\s*,\\s*")));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to wire
    }

    @Override
    public void close() {
        // stateless
    }

    @Override
    public String getId() {
        return ID;
    }
}
