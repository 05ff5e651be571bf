package dev.panels.emulator.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Applies {@link FaultInjection} to every call except the admin endpoints, which must stay reachable. */
final class FaultInjectionFilter extends HttpFilter {

    private final FaultInjection faults;
    private final ErrorWriter errors;

    FaultInjectionFilter(FaultInjection faults, ErrorWriter errors) {
        this.faults = faults;
        this.errors = errors;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getRequestURI().startsWith(EmulatorServer.ADMIN_PATH)) {
            chain.doFilter(request, response);
            return;
        }
        FaultInjection.Settings current = faults.settings();
        if (current.latencyMillis() > 0) {
            try {
                Thread.sleep(current.latencyMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        var failure = faults.failureFor(current);
        if (failure.isPresent()) {
            int status = failure.get();
            if (status == 429) {
                response.setHeader("Retry-After", "1");
                errors.write(response, 429, "too_many_requests", "Too many requests (injected fault).");
            } else {
                errors.write(response, status, current.down() ? "service_unavailable" : "internal_server_error",
                        current.down() ? "The service is down (injected fault)." : "Injected server error.");
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
