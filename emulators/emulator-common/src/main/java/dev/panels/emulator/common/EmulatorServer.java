package dev.panels.emulator.common;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * An embedded Jetty bound to loopback, with fault injection in front of every route, the fault admin endpoint
 * at {@value #ADMIN_PATH}/faults, and a last-resort handler that turns any uncaught exception into the emulated
 * service's own error format (logged here, never shown to the caller).
 */
public final class EmulatorServer implements AutoCloseable {

    public static final String ADMIN_PATH = "/__admin";
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);

    private final String name;
    private final Server jetty;
    private final FaultInjection faults;

    private EmulatorServer(String name, Server jetty, FaultInjection faults) {
        this.name = name;
        this.jetty = jetty;
        this.faults = faults;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** Base URL without a trailing slash, e.g. {@code http://127.0.0.1:18100}. */
    public String baseUrl() {
        ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
        return "http://" + connector.getHost() + ":" + connector.getLocalPort();
    }

    public URI baseUri() {
        return URI.create(baseUrl());
    }

    public FaultInjection faults() {
        return faults;
    }

    @Override
    public void close() {
        try {
            jetty.stop();
            LOG.info("{} stopped", name);
        } catch (Exception e) {
            LOG.warn("{} did not stop cleanly", name, e);
        }
    }

    public static final class Builder {
        private final String name;
        private String host = "127.0.0.1";
        private int port;
        private FaultInjection faults = new FaultInjection(FaultInjection.Settings.healthy());
        private ErrorWriter errors;
        private final List<Route> routes = new ArrayList<>();

        private record Route(String pathSpec, HttpServlet servlet) {
        }

        private Builder(String name) {
            this.name = name;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder faults(FaultInjection faults) {
            this.faults = Objects.requireNonNull(faults);
            return this;
        }

        public Builder errors(ErrorWriter errors) {
            this.errors = Objects.requireNonNull(errors);
            return this;
        }

        public Builder route(String pathSpec, HttpServlet servlet) {
            routes.add(new Route(pathSpec, servlet));
            return this;
        }

        public EmulatorServer start() {
            Objects.requireNonNull(errors, "an ErrorWriter in the emulated service's format is required");
            Server jetty = new Server();
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost(host);
            connector.setPort(port);
            jetty.addConnector(connector);

            ServletContextHandler context = new ServletContextHandler("/");
            var types = EnumSet.of(DispatcherType.REQUEST);
            context.addFilter(new FilterHolder(new DrainRequestBodyFilter()), "/*", types);
            context.addFilter(new FilterHolder(new UncaughtErrorFilter(name, errors)), "/*", types);
            context.addFilter(new FilterHolder(new FaultInjectionFilter(faults, errors)), "/*", types);
            context.addServlet(new ServletHolder(new FaultAdminServlet(faults)), ADMIN_PATH + "/faults");
            for (Route route : routes) {
                context.addServlet(new ServletHolder(route.servlet()), route.pathSpec());
            }
            ErrorHandler quiet = new ErrorHandler();
            quiet.setShowStacks(false);
            quiet.setShowMessageInTitle(false);
            jetty.setErrorHandler(quiet);
            context.setErrorHandler(quiet);
            jetty.setHandler(context);
            jetty.setStopAtShutdown(true);
            try {
                jetty.start();
            } catch (Exception e) {
                throw new IllegalStateException(name + " could not start on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            EmulatorServer server = new EmulatorServer(name, jetty, faults);
            LOG.info("{} listening on {}", name, server.baseUrl());
            return server;
        }
    }

    /** Any exception a handler throws becomes a 500 in the service's own format; the detail goes to the log only. */
    private static final class UncaughtErrorFilter extends HttpFilter {
        private final String name;
        private final ErrorWriter errors;

        UncaughtErrorFilter(String name, ErrorWriter errors) {
            this.name = name;
            this.errors = errors;
        }

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException {
            try {
                chain.doFilter(request, response);
            } catch (org.eclipse.jetty.io.EofException e) {
                // The client went away (or the server is stopping): nothing to answer, nothing wrong here.
                LOG.debug("{}: {} {} client disconnected", name, request.getMethod(), request.getRequestURI());
            } catch (IOException | ServletException | RuntimeException e) {
                LOG.error("{}: {} {} failed", name, request.getMethod(), request.getRequestURI(), e);
                if (!response.isCommitted()) {
                    response.reset();
                    errors.write(response, 500, "internal_server_error", "The emulator failed to handle this request.");
                }
            }
        }
    }
}
