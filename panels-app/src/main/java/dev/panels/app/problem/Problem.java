package dev.panels.app.problem;

import dev.panels.app.Jsonp;
import dev.panels.app.metrics.AppMetrics;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** An RFC 9457 problem document; rendered as a String so every server writes it the same way. */
public record Problem(ProblemType type, String detail, Map<String, String> errors) {

    public Problem {
        errors = errors == null ? Map.of() : Map.copyOf(errors);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type, detail, Map.of());
    }

    /** The problem+json body. Every answer renders its problem exactly once, here, so this is where it is counted. */
    public String toJson() {
        AppMetrics.problem(type.slug());
        JsonObjectBuilder body = Jsonp.createObjectBuilder()
                .add("type", type.uri())
                .add("title", type.title())
                .add("status", type.status());
        if (detail != null) {
            body.add("detail", detail);
        }
        if (!errors.isEmpty()) {
            JsonObjectBuilder fields = Jsonp.createObjectBuilder();
            errors.forEach(fields::add);
            body.add("errors", fields);
        }
        return body.build().toString();
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(type.status())
                .type(ProblemType.MEDIA_TYPE)
                .entity(toJson());
        if (type.status() == Response.Status.UNAUTHORIZED.getStatusCode()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"panels\"");
        }
        return response.build();
    }
}
