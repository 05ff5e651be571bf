package dev.panels.emulator.stytch;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of the JSON API servlets: HTTP Basic {@code project_id:secret}, request parsing, Stytch's response envelope
 * ({@code request_id} first, {@code status_code} last) and Stytch-format errors. Handlers run under the store's
 * lock, one at a time, and a changing call rewrites the snapshot before the response goes out.
 */
abstract class ApiServlet extends HttpServlet {

    protected final transient StytchStore store;

    ApiServlet(StytchStore store) {
        this.store = store;
    }

    /** The response fields (without request_id/status_code) for this call; throw {@link StytchError} to fail. */
    abstract Map<String, Object> handle(Req req);

    /** Endpoints that Stytch serves without the project secret (JWKS); {@code path} is the request URI. */
    boolean isPublic(String path) {
        return false;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> result;
        try {
            byte[] raw = Req.body(request);
            // Credentials before parsing, so a caller with a bad secret learns nothing else about its request.
            if (!isPublic(request.getRequestURI())) {
                authenticate(request);
            }
            Req req = Req.parse(request, raw);
            synchronized (store) {
                try {
                    result = handle(req);
                } finally {
                    // A failed call may still have changed state (a magic link is used up before a later check fails).
                    if (!"GET".equals(req.method)) {
                        store.changed();
                    }
                    store.saveIfChanged();
                }
            }
        } catch (StytchError e) {
            StytchErrorWriter.INSTANCE.write(response, e.status, e.errorType, e.getMessage());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", StytchErrorWriter.newRequestId());
        body.putAll(result);
        body.put("status_code", 200);
        StytchErrorWriter.writeJson(response, 200, body);
    }

    private void authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        String expected = store.project.projectId + ":" + store.project.secret;
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String given = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                if (java.security.MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                        expected.getBytes(StandardCharsets.UTF_8))) {
                    return;
                }
            } catch (IllegalArgumentException e) {
                // malformed Base64 falls through to the same 401 as wrong credentials
            }
        }
        throw StytchError.unauthorized("unauthorized_credentials", "Unauthorized credentials.");
    }

    static StytchError routeNotFound() {
        return StytchError.notFound("route_not_found", "Route not found.");
    }
}
