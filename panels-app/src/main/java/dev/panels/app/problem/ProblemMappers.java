package dev.panels.app.problem;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error leaves the API as problem+json; unexpected ones are logged here and answered blandly. */
public final class ProblemMappers {

    private ProblemMappers() {
    }

    @Provider
    public static class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException exception) {
            return exception.toResponse();
        }
    }

    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException exception) {
            return forStatus(exception).toResponse();
        }

        private static Problem forStatus(WebApplicationException exception) {
            if (exception instanceof NotAuthorizedException) {
                return Problem.of(ProblemType.AUTHENTICATION, "A valid bearer token is required");
            }
            if (exception instanceof ForbiddenException) {
                return Problem.of(ProblemType.PERMISSION, "Your roles do not allow this request");
            }
            if (exception instanceof NotFoundException) {
                return Problem.of(ProblemType.NOT_FOUND, "No such resource");
            }
            if (exception instanceof NotAllowedException) {
                return Problem.of(ProblemType.METHOD_NOT_ALLOWED, "This method is not allowed on this resource");
            }
            int status = exception.getResponse() == null ? 500 : exception.getResponse().getStatus();
            if (status == 406) {
                return Problem.of(ProblemType.NOT_ACCEPTABLE, "This resource answers application/json");
            }
            if (status == 415) {
                return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
            }
            if (status >= 400 && status < 500) {
                return Problem.of(ProblemType.VALIDATION, "The request could not be processed (HTTP " + status + ")");
            }
            return Problem.of(ProblemType.INTERNAL, "The server could not complete the request");
        }
    }

    @Provider
    public static class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
        private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

        @Override
        public Response toResponse(Throwable exception) {
            if (causedBy(exception, jakarta.persistence.OptimisticLockException.class)) {
                // Two changes raced past the If-Match check; the later one lost and was rolled back.
                return Problem.of(ProblemType.CONFLICT, "The resource was changed at the same time; reload it and retry").toResponse();
            }
            if (DatabaseUnavailable.isCause(exception)) {
                LOG.log(Level.WARNING, "Database unavailable: {0}", rootMessage(exception));
                return Response.fromResponse(DatabaseUnavailable.problem().toResponse())
                        .header("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS)).build();
            }
            if (isUnreadableBody(exception)) {
                return Problem.of(ProblemType.VALIDATION, "The request body is not valid JSON for this resource").toResponse();
            }
            LOG.log(Level.SEVERE, "Unexpected error", exception);
            return Problem.of(ProblemType.INTERNAL, "The server could not complete the request").toResponse();
        }

        private static String rootMessage(Throwable exception) {
            Throwable root = exception;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getName() + ": " + root.getMessage();
        }

        private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        }

        /** JSON-B / JSON-P / JAX-RS reading failures are the client's fault, whatever the server wraps them in. */
        private static boolean isUnreadableBody(Throwable exception) {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t instanceof jakarta.json.bind.JsonbException
                        || t instanceof jakarta.json.JsonException
                        || t instanceof jakarta.ws.rs.ProcessingException) {
                    return true;
                }
            }
            return false;
        }
    }
}
