package dev.panels.app.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses an API request whose declared body is larger than {@link JsonBodies#MAX_CHARS} before the server reads it
 * (413 problem); a body sent without a length is capped again where it is parsed.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class BodyLimitFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // characters ≤ bytes in UTF-8, so a body within the byte limit never trips the character limit
        if (request.getContentLengthLong() > (long) JsonBodies.MAX_CHARS * 4) {
            Problem problem = JsonBodies.tooLarge().problem();
            response.setStatus(problem.type().status());
            response.setContentType(ProblemType.MEDIA_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("Connection", "close");
            response.getWriter().write(problem.toJson());
            return;
        }
        chain.doFilter(request, response);
    }
}
