package dev.panels.app.live;

import dev.panels.app.PanelsConfig;
import dev.panels.app.metrics.AppMetrics;
import dev.panels.app.problem.DatabaseUnavailable;
import dev.panels.app.problem.Problem;
import dev.panels.app.problem.ProblemType;
import dev.panels.identity.LiveHooks;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where each organization's Medplum project posts its rest-hook Subscriptions ({@link LiveHooks}): {@code POST
 * /hooks/medplum/<organization id>}. A delivery counts only when it is signed with that organization's secret and its
 * resource is of that organization's project; it is stored ({@link LiveEvents}) and every node's {@link LiveFeed}
 * tells the organization's open worklists. A servlet, not a JAX-RS resource: the caller is Medplum, with no bearer
 * token. Answers: 200 stored (or already stored: a retry or a replay changes nothing), 401 bad signature, 404 unknown
 * organization or live updates off, 400/403/413 refused deliveries, 503 when the database is down (Medplum retries).
 */
@WebServlet("/hooks/medplum/*")
public class MedplumHookServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(MedplumHookServlet.class.getName());
    /** Far above any Task, Appointment or Patient Medplum sends; a larger body is refused before it is read whole. */
    static final int MAX_BODY_BYTES = 1 << 20;

    @Inject
    PanelsConfig config;

    @Inject
    LiveEvents events;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String path = request.getPathInfo();
        String organization = path == null ? null : path.substring(1);
        Optional<byte[]> key = config.liveHookKey();
        Optional<String> project = LiveHooks.isOrganizationId(organization)
                ? config.clinicalTenants().projectOf(organization) : Optional.empty();
        if (key.isEmpty() || project.isEmpty()) {
            answer(response, Problem.of(ProblemType.NOT_FOUND, key.isEmpty() ? "Live updates are not configured on this server"
                    : "No organization of this app has that id"), "unknown-organization");
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            answer(response, Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "A hook body is at most " + MAX_BODY_BYTES + " bytes"), "too-large");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            answer(response, Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "A hook body is at most " + MAX_BODY_BYTES + " bytes"), "too-large");
            return;
        }
        Optional<MedplumHook.Change> change;
        try {
            MedplumHook.verify(LiveHooks.secret(key.get(), organization), body, request.getHeader("X-Signature"));
            change = MedplumHook.parse(body, request.getHeader("X-Medplum-Interaction"),
                    request.getHeader("X-Medplum-Deleted-Resource"), project.get());
        } catch (MedplumHook.Refused e) {
            LOG.log(Level.WARNING, "Medplum hook for {0} from {1} refused: {2}",
                    new Object[]{organization, request.getRemoteAddr(), e.getMessage()});
            ProblemType type = switch (e.status()) {
                case 401 -> ProblemType.AUTHENTICATION;
                case 403 -> ProblemType.PERMISSION;
                default -> ProblemType.VALIDATION;
            };
            answer(response, Problem.of(type, e.getMessage()), "refused");
            return;
        }
        if (change.isEmpty()) {
            AppMetrics.liveHook("ignored");
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        try {
            boolean stored = events.record(organization, change.get());
            AppMetrics.liveHook(stored ? "stored" : "duplicate");
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            LOG.log(Level.SEVERE, "Medplum hook for {0} not stored (database unavailable); Medplum retries it", organization);
            response.setHeader("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            answer(response, Problem.of(ProblemType.DATABASE_UNAVAILABLE, "The change could not be stored; send it again"), "unavailable");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
    }

    private static void answer(HttpServletResponse response, Problem problem, String outcome) throws IOException {
        AppMetrics.liveHook(outcome);
        response.setStatus(problem.type().status());
        response.setContentType(ProblemType.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(problem.toJson());
    }
}
