package dev.panels.emulator.stytch;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Redirect URLs as Stytch builds them: the caller's URL, its query kept, plus {@code stytch_token_type} and
 * {@code token}. Which URLs may be used at all is {@link RedirectUrls}' business.
 */
final class Redirects {

    private Redirects() {
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
