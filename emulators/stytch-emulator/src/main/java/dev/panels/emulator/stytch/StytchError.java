package dev.panels.emulator.stytch;

/** A Stytch API error: thrown anywhere in request handling, written as Stytch's five-field error body. */
final class StytchError extends RuntimeException {

    final int status;
    final String errorType;

    StytchError(int status, String errorType, String message) {
        super(message);
        this.status = status;
        this.errorType = errorType;
    }

    static StytchError badRequest(String errorType, String message) {
        return new StytchError(400, errorType, message);
    }

    static StytchError notFound(String errorType, String message) {
        return new StytchError(404, errorType, message);
    }

    static StytchError unauthorized(String errorType, String message) {
        return new StytchError(401, errorType, message);
    }

    static StytchError missing(String field) {
        return badRequest("bad_request", field + " is a required field.");
    }
}
