package dev.panels.app.metrics;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Closes the app's meters when the WAR is undeployed, so a redeploy on the same server leaks nothing. */
@WebListener
public class MetricsLifecycle implements ServletContextListener {

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        AppMetrics.close();
    }
}
