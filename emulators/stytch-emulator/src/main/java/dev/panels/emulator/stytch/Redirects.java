package dev.panels.emulator.stytch;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Redirect URLs as Stytch builds them: the caller's URL, its query kept, plus {@code stytch_token_type} and {@code token}. */
final class Redirects {

    private Redirects() {
    }

    /** The given URL, or the project default; a 400 with {@code errorPrefix}-named types when neither is usable. */
    static String choose(String given, String projectDefault, String kind) {
        String url = given != null && !given.isBlank() ? given : projectDefault;
        if (url == null || url.isBlank()) {
            throw StytchError.badRequest("no_" + kind + "_redirect_url",
                    "No " + kind + " redirect URL was given and the project has no default.");
        }
        if (!isAbsoluteHttp(url)) {
            throw StytchError.badRequest("invalid_" + kind + "_redirect_url",
                    kind + "_redirect_url must be an absolute http(s) URL.");
        }
        return url;
    }

    static boolean isAbsoluteHttp(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Appends the token parameters, keeping existing query parameters and any fragment. */
    static String withToken(String url, String tokenType, String token) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String separator;
        if (!base.contains("?")) {
            separator = "?";
        } else {
            separator = base.endsWith("?") || base.endsWith("&") ? "" : "&";
        }
        return base + separator + "stytch_token_type=" + enc(tokenType) + "&token=" + enc(token) + fragment;
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
