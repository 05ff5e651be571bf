package dev.panels.local.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the shared local stack when the JUnit launcher session (one Failsafe run) ends. */
public class StackLauncherListener implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SharedStack.stopIfStarted();
    }
}
