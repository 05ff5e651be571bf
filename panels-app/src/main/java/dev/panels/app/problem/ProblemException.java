package dev.panels.app.problem;

import java.util.Map;

/** Thrown by services for any expected failure; mapped to problem+json, never to a stack trace. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers = new java.util.LinkedHashMap<>();

    public ProblemException(ProblemType type, String detail) {
        this(new Problem(type, detail, Map.of()));
    }

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** A response header the client needs to act on the problem (e.g. Retry-After, ETag). */
    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public jakarta.ws.rs.core.Response toResponse() {
        jakarta.ws.rs.core.Response.ResponseBuilder response = jakarta.ws.rs.core.Response.fromResponse(problem.toResponse());
        headers.forEach(response::header);
        return response.build();
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " not found");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.PERMISSION, detail);
    }
}
