package dev.panels.app.signin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where to send the browser after sign-in: only a path inside this app (no scheme, no host, no
 * protocol-relative {@code //}, no backslashes or control characters that browsers "fix" into another
 * host, no dot segments). Anything else becomes the app's home, so the login can never be an open redirect.
 */
public final class ReturnTo {

    public static final String HOME = "/";
    private static final int MAX_LENGTH = 1024;

    private ReturnTo() {
    }

    /** The given path if it is safe, else {@link #HOME}. */
    public static String sanitize(String requested) {
        return isSafe(requested) ? requested : HOME;
    }

    public static boolean isSafe(String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_LENGTH || path.charAt(0) != '/') {
            return false;
        }
        if (path.startsWith("//") || path.indexOf('\\') >= 0) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x21 || c == 0x7f || c > 0x7e) {
                return false; // whitespace, controls, non-ASCII: must arrive percent-encoded
            }
        }
        try {
            URI uri = new URI(path);
            if (uri.getScheme() != null || uri.getRawAuthority() != null) {
                return false;
            }
            String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
            String decoded = rawPath.toLowerCase(Locale.ROOT).replace("%2e", ".").replace("%2f", "/").replace("%5c", "\\");
            if (decoded.contains("/../") || decoded.endsWith("/..") || decoded.contains("/./") || decoded.endsWith("/.")
                    || decoded.contains("\\") || decoded.startsWith("//")) {
                return false;
            }
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
