package dev.panels.keycloak.medplum.client;

/** Medplum could not be used; the message says why in words safe to log (never a token or secret). */
public final class MedplumException extends Exception {

    public MedplumException(String message) {
        super(message);
    }

    public MedplumException(String message, Throwable cause) {
        super(message, cause);
    }
}
