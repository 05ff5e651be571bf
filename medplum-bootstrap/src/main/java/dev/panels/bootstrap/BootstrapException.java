package dev.panels.bootstrap;

/** A step that cannot complete; its message is for the person running the bootstrap (never holds a secret). */
final class BootstrapException extends RuntimeException {

    BootstrapException(String message) {
        super(message);
    }
}
