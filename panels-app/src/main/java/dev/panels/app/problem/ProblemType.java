package dev.panels.app.problem;

import jakarta.ws.rs.core.Response.Status;

/** Stable RFC 9457 problem types, one per error category; clients switch on {@link #uri()}. */
public enum ProblemType {
    AUTHENTICATION("authentication", "Authentication required", Status.UNAUTHORIZED),
    SESSION("session", "Session ended", Status.UNAUTHORIZED),
    TOKEN("token", "Token not acceptable", Status.UNAUTHORIZED),
    PERMISSION("permission", "Permission denied", Status.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", Status.NOT_FOUND),
    VALIDATION("validation", "Invalid request", Status.BAD_REQUEST),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", Status.REQUEST_ENTITY_TOO_LARGE),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", Status.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", Status.NOT_ACCEPTABLE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", Status.UNSUPPORTED_MEDIA_TYPE),
    CONFLICT("conflict", "Conflicting change", Status.CONFLICT),
    PRECONDITION("precondition", "Precondition failed", Status.PRECONDITION_FAILED),
    PRECONDITION_REQUIRED("precondition-required", "Precondition required", Status.PRECONDITION_REQUIRED),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", "Upstream unavailable", Status.SERVICE_UNAVAILABLE),
    /** The app's own database cannot be reached (stopped, restarting); the request changed nothing. */
    DATABASE_UNAVAILABLE("database-unavailable", "Database unavailable", Status.SERVICE_UNAVAILABLE),
    /** The sign-in carries no Medplum access (Keycloak could not get it); a later token refresh may bring it. */
    CLINICAL_DATA_UNAVAILABLE("clinical-data-unavailable", "Clinical data unavailable", Status.SERVICE_UNAVAILABLE),
    /** The token's Medplum project is not the one this app maps to the token's organization: refused, never served. */
    CLINICAL_TENANT_MISMATCH("clinical-tenant-mismatch", "Clinical data of another organization", Status.FORBIDDEN),
    /** A panel's column took longer than the page's evaluation budget: the column must be simplified. */
    COLUMN_EVALUATION_TIMEOUT("column-evaluation-timeout", "Column evaluation took too long", 422),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
    INTERNAL("internal", "Internal error", Status.INTERNAL_SERVER_ERROR);

    public static final String BASE = "https://panels.dev/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, Status status) {
        this(slug, title, status.getStatusCode());
    }

    /** For statuses {@link Status} does not name (422). */
    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
