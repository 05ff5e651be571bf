package dev.panels.emulator.stytch;

import dev.panels.emulator.common.QueryStrings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The project's registered redirect URLs and Stytch's rule for them
 * (https://stytch.com/docs/b2b/api/url-validation): a URL given in a request must match one registered for its
 * type, else the type's default is used. A match has the same scheme, host ({@code www.} ignored), port, path and
 * query-parameter names; each value is equal, or the registered value is the placeholder {@code {}}. A URL with a
 * fragment never matches.
 */
final class RedirectUrls {

    static final List<String> TYPES = List.of("login", "signup", "invite", "reset_password", "discovery");
    static final String PLACEHOLDER = "{}";

    // error types for a given URL that matches nothing, by flow
    static final String MAGIC_LINK = "no_match_for_provided_magic_link_url";
    static final String OAUTH = "no_match_for_provided_oauth_url";
    static final String SSO = "no_match_for_provided_sso_url";

    /** A URL taken apart for matching; query values decoded, in parameter order. */
    private record Parsed(String scheme, String userInfo, String host, int port, String path,
                          Map<String, List<String>> query) {

        boolean hasPlaceholder() {
            return query.values().stream().anyMatch(values -> values.contains(PLACEHOLDER));
        }

        /** Whether {@code given} may be used where this registered URL is. */
        boolean accepts(Parsed given) {
            if (!scheme.equals(given.scheme) || !userInfo.equals(given.userInfo) || !host.equals(given.host)
                    || port != given.port || !path.equals(given.path) || !query.keySet().equals(given.query.keySet())) {
                return false;
            }
            for (Map.Entry<String, List<String>> e : query.entrySet()) {
                List<String> values = given.query.get(e.getKey());
                if (values.size() != e.getValue().size()) {
                    return false;
                }
                for (int i = 0; i < values.size(); i++) {
                    String registered = e.getValue().get(i);
                    if (!registered.equals(PLACEHOLDER) && !registered.equals(values.get(i))) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private record Entry(String type, String url, boolean isDefault, Parsed parsed) {
    }

    private final List<Entry> entries;

    private RedirectUrls(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The registry of a project's seed ({@code redirect_urls}, and the older {@code default_*_redirect_url} fields
     * as defaults) plus URLs added by configuration. Throws naming the problem: unknown type, not an absolute URL,
     * a fragment, a {@code {}} placeholder in a default, or two defaults for one type.
     */
    static RedirectUrls of(Project project, List<Project.RedirectUrl> added) {
        List<Project.RedirectUrl> all = new ArrayList<>(project.redirectUrls == null ? List.of() : project.redirectUrls);
        addLegacyDefault(all, "discovery", project.defaultDiscoveryRedirectUrl);
        addLegacyDefault(all, "login", project.defaultLoginRedirectUrl);
        addLegacyDefault(all, "signup", project.defaultSignupRedirectUrl);
        all.addAll(added);
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Project.RedirectUrl r : all) {
            if (!seen.add(r.toString())) {
                continue; // the same registration twice is harmless
            }
            String where = "Stytch emulator redirect URL " + r + ": ";
            if (r.type == null || !TYPES.contains(r.type)) {
                throw new IllegalArgumentException(where + "type must be one of " + String.join(", ", TYPES));
            }
            Parsed parsed = r.url == null ? null : parse(r.url);
            if (parsed == null) {
                throw new IllegalArgumentException(where + "not an absolute URL without a fragment");
            }
            if (r.isDefault && parsed.hasPlaceholder()) {
                throw new IllegalArgumentException(where + "a URL with a {} query-parameter placeholder cannot be "
                        + "the default (Stytch: redirect_url_with_query_param_placeholder_cannot_be_default)");
            }
            if (r.isDefault && entries.stream().anyMatch(e -> e.isDefault && e.type.equals(r.type))) {
                throw new IllegalArgumentException(where + "the " + r.type + " type already has a default URL");
            }
            entries.add(new Entry(r.type, r.url, r.isDefault, parsed));
        }
        return new RedirectUrls(entries);
    }

    private static void addLegacyDefault(List<Project.RedirectUrl> all, String type, String url) {
        if (url != null && !url.isBlank()) {
            all.add(new Project.RedirectUrl(type, url, true));
        }
    }

    /**
     * The URL to send the user to: {@code given} when it is registered for {@code type} (else a 400
     * {@code noMatchErrorType}), or the type's default when nothing was given (else a 400
     * {@code no_<type>_redirect_urls_set} / {@code no_default_<type>_redirect_url_set}).
     */
    String resolve(String given, String type, String field, String noMatchErrorType) {
        if (given != null && !given.isBlank()) {
            requireRegistered(given, type, field, noMatchErrorType);
            return given;
        }
        List<Entry> ofType = entries.stream().filter(e -> e.type.equals(type)).toList();
        if (ofType.isEmpty()) {
            throw StytchError.badRequest("no_" + type + "_redirect_urls_set",
                    "No " + type + " redirect URLs are set for this project, and " + field + " was not given.");
        }
        return ofType.stream().filter(Entry::isDefault).findFirst().map(Entry::url).orElseThrow(() ->
                StytchError.badRequest("no_default_" + type + "_redirect_url_set",
                        "This project has no default " + type + " redirect URL, and " + field + " was not given."));
    }

    /** Refuses a given (non-blank) URL that matches no registered URL of {@code type}; null or blank passes. */
    void requireRegistered(String given, String type, String field, String noMatchErrorType) {
        if (given == null || given.isBlank()) {
            return;
        }
        Parsed parsed = parse(given);
        boolean match = parsed != null
                && entries.stream().anyMatch(e -> e.type.equals(type) && e.parsed.accepts(parsed));
        if (!match) {
            throw StytchError.badRequest(noMatchErrorType, "The " + field + " in the request did not match any "
                    + type + " redirect URLs set for this project: " + given);
        }
    }

    /** Null for anything but an absolute URL with a host and no fragment. */
    private static Parsed parse(String url) {
        if (url.indexOf('#') >= 0) {
            return null;
        }
        int q = url.indexOf('?');
        try {
            // the query is split by hand: a registered {} placeholder is not a legal URI character
            URI uri = new URI(q < 0 ? url : url.substring(0, q));
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return new Parsed(uri.getScheme().toLowerCase(Locale.ROOT),
                    uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo(),
                    host.startsWith("www.") ? host.substring(4) : host, uri.getPort(), uri.getRawPath(),
                    QueryStrings.parse(q < 0 ? "" : url.substring(q + 1)));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
