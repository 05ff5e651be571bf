package dev.panels.emulator.common;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code a=b&c=d&a=e} taken apart by hand, for the places that cannot hand the whole URL to a URI parser. */
public final class QueryStrings {

    private QueryStrings() {
    }

    /**
     * Names and values, decoded ({@code +} is a space), in the order they first appear; a name without {@code =} has
     * the value {@code ""}; empty pairs are skipped.
     *
     * @throws IllegalArgumentException for a malformed {@code %} escape
     */
    public static Map<String, List<String>> parse(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }
}
