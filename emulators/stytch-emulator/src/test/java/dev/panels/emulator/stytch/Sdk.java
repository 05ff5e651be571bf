package dev.panels.emulator.stytch;

import com.stytch.java.common.ErrorResponse;
import com.stytch.java.common.StytchException;
import com.stytch.java.common.StytchResult;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Unwraps SDK results: a success value, or the Stytch error the emulator answered with. */
final class Sdk {

    private Sdk() {
    }

    static <T> T ok(CompletableFuture<StytchResult<T>> call) {
        StytchResult<T> result = await(call);
        if (result instanceof StytchResult.Success<T> success) {
            return success.getValue();
        }
        StytchException e = ((StytchResult.Error) result).getException();
        throw new AssertionError("expected success but the SDK reported " + e, e);
    }

    /** The Stytch error body of a call that must fail with one (not a critical SDK failure). */
    static ErrorResponse error(CompletableFuture<? extends StytchResult<?>> call) {
        StytchResult<?> result = await(call);
        if (result instanceof StytchResult.Error error && error.getException() instanceof StytchException.Response r) {
            return r.getReason();
        }
        throw new AssertionError("expected a Stytch error response but got " + result);
    }

    private static <R> R await(CompletableFuture<R> call) {
        try {
            return call.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("SDK call did not complete: " + e, e);
        }
    }

    /** Query parameters of a redirect or email link. */
    static Map<String, String> query(String link) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(link).getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
