package dev.panels.emulator.common;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Writes an error in the wire format of the emulated service (Stytch error body, FHIR OperationOutcome, ...). */
@FunctionalInterface
public interface ErrorWriter {
    void write(HttpServletResponse response, int status, String errorType, String message) throws IOException;
}
