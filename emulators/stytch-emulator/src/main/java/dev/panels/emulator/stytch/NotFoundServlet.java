package dev.panels.emulator.stytch;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Any path the emulator does not serve: Stytch's {@code 404 route_not_found}, not a Jetty error page. */
final class NotFoundServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.getInputStream().skip(1 << 20); // drain a small body so the connection can be reused
        StytchErrorWriter.INSTANCE.write(response, 404, "route_not_found",
                "Route not found: " + request.getMethod() + " " + request.getRequestURI());
    }
}
