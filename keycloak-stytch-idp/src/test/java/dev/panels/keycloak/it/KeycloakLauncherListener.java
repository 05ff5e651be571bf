package dev.panels.keycloak.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the shared Keycloak and Stytch emulator when the JUnit launcher session (the Failsafe run) ends. */
public class KeycloakLauncherListener implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        KeycloakServer.stopIfStarted();
    }
}
