package dev.panels.emulator.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads what is left of a request body once the answer is written. An answer that never read the body (an
 * injected fault, a refusal before parsing) otherwise makes Jetty close the connection after responding, and a
 * client that pooled it (java.net.http does) fails its next request with "header parser received no bytes".
 */
final class DrainRequestBodyFilter extends HttpFilter {

    /** Bodies the emulated APIs take are small; a larger leftover is not worth reading, Jetty may close then. */
    private static final long MAX_DRAIN = 1 << 20;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            drain(request);
        }
    }

    private static void drain(HttpServletRequest request) {
        try {
            InputStream in = request.getInputStream();
            byte[] buffer = new byte[8192];
            long read = 0;
            for (int n; read < MAX_DRAIN && (n = in.read(buffer)) != -1; ) {
                read += n;
            }
        } catch (IllegalStateException | IOException e) {
            // The handler read the body through getReader(), or the client is gone: nothing left to drain.
        }
    }
}
