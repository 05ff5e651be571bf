package dev.panels.app.live;

import dev.panels.app.PanelsConfig;
import dev.panels.app.auth.CurrentUser;
import dev.panels.app.auth.Role;
import dev.panels.app.problem.InvalidInput;
import dev.panels.app.problem.ProblemException;
import dev.panels.app.problem.ProblemType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.time.Clock;
import java.util.OptionalLong;

/**
 * {@code GET /api/live}: Server-Sent Events telling the caller's open worklists which Task, Appointment or Patient of
 * their organization changed, and which panel ({@link PanelChanges}); {@link LiveStream} lists the events. Resumes
 * after {@code Last-Event-ID}. The events name resources only; the browser reloads its rows through the API with its
 * own Medplum access, so what it may see is decided exactly as for any other read. Read with {@code fetch}: EventSource cannot send the bearer token.
 */
@Path("/live")
@RequestScoped
public class LiveResource {

    @Inject
    LiveFeed feed;

    @Inject
    CurrentUser user;

    @Inject
    PanelsConfig config;

    @Inject
    Clock clock;

    @Context
    HttpServletResponse response;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Role.VIEWER, Role.EDITOR, Role.ADMIN})
    public void open(@HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse) {
        if (config.liveHookKey().isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "Live updates are not configured on this server");
        }
        OptionalLong resumeAfter = resumePoint(lastEventId);
        // nginx and other proxies must pass events on at once
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("Cache-Control", "no-store");
        feed.open(new LiveStream(sink, sse, user.organizationId(), user.sessionId().orElse(null), user.subject(),
                user.issuedAt(), user.expiresAt(), clock.instant()), resumeAfter);
    }

    /** The id of the last event the browser saw: digits only (what this server sends), else 400. */
    private static OptionalLong resumePoint(String lastEventId) {
        if (lastEventId == null || lastEventId.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!lastEventId.matches("[0-9]{1,18}")) {
            throw InvalidInput.of("Last-Event-ID", "must be the id of an event this server sent (digits)");
        }
        return OptionalLong.of(Long.parseLong(lastEventId));
    }
}
