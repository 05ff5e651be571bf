package dev.panels.app.panel;

import java.util.Optional;

/** Checks a column expression before it is stored; returns why it is invalid, if it is. */
public interface ExpressionChecker {
    Optional<String> problem(String expression);
}
