package dev.panels.keycloak.medplum.mapper;

import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;

/**
 * Where the Medplum mapper reports what it did, so identity admins see it under Events: a new Medplum token is a
 * {@code TOKEN_EXCHANGE} event, claims left out are a {@code TOKEN_EXCHANGE_ERROR} with error
 * {@value #ERROR_UNAVAILABLE} and the reason in {@code reason}. Both are saved by default when a realm stores
 * events, and both carry {@code token_provider=medplum} to tell them from Keycloak's own token exchanges. Details
 * hold ids and reasons only, never a token.
 */
interface MedplumEvents {

    String ERROR_UNAVAILABLE = "medplum_unavailable";
    String TOKEN_PROVIDER = "token_provider";
    String MODE = "medplum_mode";
    String PROJECT = "medplum_project";
    String FHIR_USER = "fhir_user";

    void obtained(KeycloakSession session, UserSessionModel userSession, ClientSessionContext clientSessionCtx,
                  String mode, String project, String fhirUser);

    void unavailable(KeycloakSession session, UserSessionModel userSession, ClientSessionContext clientSessionCtx,
                     String mode, String reason);

    MedplumEvents KEYCLOAK = new RealmEvents();

    /** Sends to the realm's event listeners and store (saved when the realm has events enabled). */
    final class RealmEvents implements MedplumEvents {
        private static final Logger LOG = Logger.getLogger(MedplumEvents.class);

        private RealmEvents() {
        }

        @Override
        public void obtained(KeycloakSession session, UserSessionModel userSession, ClientSessionContext clientSessionCtx,
                             String mode, String project, String fhirUser) {
            send(session, userSession, clientSessionCtx, EventType.TOKEN_EXCHANGE, mode, event -> {
                detail(event, PROJECT, project);
                detail(event, FHIR_USER, fhirUser);
                event.success();
            });
        }

        @Override
        public void unavailable(KeycloakSession session, UserSessionModel userSession, ClientSessionContext clientSessionCtx,
                                String mode, String reason) {
            send(session, userSession, clientSessionCtx, EventType.TOKEN_EXCHANGE_ERROR, mode, event -> {
                detail(event, Details.REASON, reason);
                event.error(ERROR_UNAVAILABLE);
            });
        }

        private void send(KeycloakSession session, UserSessionModel userSession, ClientSessionContext clientSessionCtx,
                          EventType type, String mode, java.util.function.Consumer<EventBuilder> finish) {
            try {
                EventBuilder event = new EventBuilder(session.getContext().getRealm(), session, session.getContext().getConnection())
                        .event(type)
                        .user(userSession.getUser())
                        .session(userSession)
                        .detail(TOKEN_PROVIDER, "medplum");
                if (clientSessionCtx != null && clientSessionCtx.getClientSession() != null) {
                    event.client(clientSessionCtx.getClientSession().getClient());
                }
                detail(event, MODE, mode);
                finish.accept(event);
            } catch (RuntimeException e) {
                // The event is a record of the outcome, never a reason to fail the token request.
                LOG.warnf("Could not record the Medplum mapper's %s event: %s", type, e.getClass().getName());
            }
        }

        private void detail(EventBuilder event, String name, String value) {
            if (value != null && !value.isBlank()) {
                event.detail(name, value);
            }
        }
    }
}
