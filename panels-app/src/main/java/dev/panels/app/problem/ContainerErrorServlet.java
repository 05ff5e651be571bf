package dev.panels.app.problem;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Error page for statuses the server produces before the app runs (e.g. the MP-JWT mechanism
 * refusing a token): the client still gets problem+json, with no server details.
 */
@WebServlet("/problem-error")
public class ContainerErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute("jakarta.servlet.error.status_code");
        int status = code instanceof Integer i ? i : response.getStatus();
        Problem problem = switch (status) {
            case 401 -> request.getHeader("Authorization") == null
                    ? Problem.of(ProblemType.AUTHENTICATION, "A valid bearer token is required")
                    : Problem.of(ProblemType.TOKEN, "The bearer token was rejected (signature, issuer, audience or lifetime)");
            case 403 -> Problem.of(ProblemType.PERMISSION, "Your roles do not allow this request");
            case 404 -> Problem.of(ProblemType.NOT_FOUND, "No such resource");
            default -> Problem.of(ProblemType.INTERNAL, "The server could not complete the request");
        };
        response.setStatus(status);
        response.setContentType(ProblemType.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"panels\"");
        }
        response.getWriter().write(problem.toJson());
    }
}
