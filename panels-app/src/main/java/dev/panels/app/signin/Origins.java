package dev.panels.app.signin;

import java.net.URI;
import java.util.Locale;

/** Web origins (RFC 6454) in the serialised form browsers send in the {@code Origin} header. */
final class Origins {

    private Origins() {
    }

    static String of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
