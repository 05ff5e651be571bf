package dev.panels.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cookie-keeping HTTP "browser" for driving login pages: follows redirects itself (so a test can stop at a redirect
 * to the client's callback), extracts forms, inputs and links from HTML. One instance = one cookie jar.
 */
public final class HttpBrowser {

    private final LoopbackCookieJar cookies = new LoopbackCookieJar();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    /** Redirects whose target matches this are not followed (e.g. the OAuth client's redirect URI). */
    private Predicate<String> stopAt = u -> false;

    /** The client address this browser claims through Keycloak's trusted proxy (X-Forwarded-For), or null. */
    private String forwardedFor;

    public HttpBrowser stopAt(Predicate<String> stop) {
        this.stopAt = stop;
        return this;
    }

    /** Requests as if from this client address, relayed by the proxy Keycloak trusts (the test's own loopback). */
    public HttpBrowser from(String clientAddress) {
        this.forwardedFor = clientAddress;
        return this;
    }

    public LoopbackCookieJar cookies() {
        return cookies;
    }

    /**
     * Keycloak treats 127.0.0.1 as a secure context and marks its cookies {@code Secure}; java.net's CookieManager
     * would then never send them over http. This jar keeps cookies by name and path (all test servers are loopback),
     * honours expiry and deletion, and ignores the Secure flag.
     */
    public static final class LoopbackCookieJar extends java.net.CookieHandler {
        private final Map<String, java.net.HttpCookie> jar = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            List<String> values = new ArrayList<>();
            jar.values().removeIf(java.net.HttpCookie::hasExpired);
            for (java.net.HttpCookie c : jar.values()) {
                String cp = c.getPath() == null ? "/" : c.getPath();
                if (path.startsWith(cp) || (path + "/").startsWith(cp)) {
                    values.add(c.getName() + "=" + c.getValue());
                }
            }
            return values.isEmpty() ? Map.of() : Map.of("Cookie", List.of(String.join("; ", values)));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, headerValues) -> {
                if (name == null || !name.equalsIgnoreCase("Set-Cookie")) {
                    return;
                }
                for (String header : headerValues) {
                    for (java.net.HttpCookie c : java.net.HttpCookie.parse(header)) {
                        if (c.getPath() == null) {
                            c.setPath("/");
                        }
                        String key = c.getName() + "|" + c.getPath();
                        if (c.getMaxAge() == 0) {
                            jar.remove(key);
                        } else {
                            jar.put(key, c);
                        }
                    }
                }
            });
        }

        public boolean has(String name) {
            return jar.values().stream().anyMatch(c -> c.getName().equals(name) && !c.hasExpired());
        }
    }

    /** A response: the final URL, status, body, and the Location when it stopped at a redirect. */
    public record Page(String url, int status, String body, Map<String, List<String>> headers) {

        public Optional<String> location() {
            List<String> l = headers.get("location");
            return l == null || l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
        }

        public boolean isRedirect() {
            return status / 100 == 3 && location().isPresent();
        }

        public Form form(String id) {
            Matcher m = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE).matcher(body);
            while (m.find()) {
                Map<String, String> attrs = attributes(m.group(1));
                if (id.equals(attrs.get("id"))) {
                    return new Form(URI.create(url).resolve(unescape(attrs.getOrDefault("action", url))).toString(),
                            attrs.getOrDefault("method", "get").toLowerCase(), inputs(m.group(2)));
                }
            }
            throw new AssertionError("no form #" + id + " on " + url + " (status " + status + "):\n" + body);
        }

        /** The first form on the page (pages whose forms have no id). */
        public Form firstForm() {
            Matcher m = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE).matcher(body);
            if (!m.find()) {
                throw new AssertionError("no form on " + url + " (status " + status + "):\n" + body);
            }
            Map<String, String> attrs = attributes(m.group(1));
            return new Form(URI.create(url).resolve(unescape(attrs.getOrDefault("action", url))).toString(),
                    attrs.getOrDefault("method", "get").toLowerCase(), inputs(m.group(2)));
        }

        public boolean hasElement(String id) {
            return body.contains("id=\"" + id + "\"");
        }

        /** The href of the element with this id. */
        public String link(String id) {
            Matcher m = Pattern.compile("<a\\b([^>]*)>", Pattern.CASE_INSENSITIVE).matcher(body);
            while (m.find()) {
                Map<String, String> attrs = attributes(m.group(1));
                if (id.equals(attrs.get("id")) && attrs.containsKey("href")) {
                    return URI.create(url).resolve(unescape(attrs.get("href"))).toString();
                }
            }
            throw new AssertionError("no link #" + id + " on " + url + ":\n" + body);
        }

        /** Text content of the element with this id (tags stripped, entities decoded). */
        public String text(String id) {
            Matcher m = Pattern.compile("<(\\w+)\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</\\1>",
                    Pattern.DOTALL).matcher(body);
            if (!m.find()) {
                throw new AssertionError("no element #" + id + " on " + url + ":\n" + body);
            }
            return unescape(m.group(2).replaceAll("<[^>]+>", "")).trim();
        }

        /** Values of {@code <button name=... value=...>} elements, e.g. an organization picker. */
        public List<String> buttonValues(String name) {
            List<String> out = new ArrayList<>();
            Matcher m = Pattern.compile("<button\\b([^>]*)>", Pattern.CASE_INSENSITIVE).matcher(body);
            while (m.find()) {
                Map<String, String> attrs = attributes(m.group(1));
                if (name.equals(attrs.get("name"))) {
                    out.add(attrs.get("value"));
                }
            }
            return out;
        }

        /** Query parameter of the redirect location. */
        public String locationParam(String name) {
            String loc = location().orElseThrow(() -> new AssertionError("not a redirect: " + status + " " + url + "\n" + body));
            return queryParam(loc, name);
        }
    }

    public record Form(String action, String method, Map<String, String> fields) {

        public Form with(String name, String value) {
            Map<String, String> f = new LinkedHashMap<>(fields);
            f.put(name, value);
            return new Form(action, method, f);
        }
    }

    public Page get(String url) {
        return follow(send(HttpRequest.newBuilder(URI.create(url)).GET(), url));
    }

    /** GET without following redirects. */
    public Page getOnce(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
    }

    public Page submit(Form form) {
        if (form.method().equals("get")) {
            String sep = form.action().contains("?") ? "&" : "?";
            return get(form.action() + sep + encode(form.fields()));
        }
        return post(form.action(), form.fields());
    }

    public Page post(String url, Map<String, String> fields) {
        return follow(send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields))), url));
    }

    private Page follow(Page page) {
        for (int i = 0; i < 20 && page.isRedirect(); i++) {
            String next = URI.create(page.url()).resolve(page.location().get()).toString();
            if (stopAt.test(next)) {
                return page;
            }
            page = send(HttpRequest.newBuilder(URI.create(next)).GET(), next);
        }
        return page;
    }

    private Page send(HttpRequest.Builder b, String url) {
        try {
            if (forwardedFor != null) {
                b.header("X-Forwarded-For", forwardedFor);
            }
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).header("Accept", "text/html,application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(url, r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String encode(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    public static String queryParam(String url, String name) {
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int i = pair.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8);
            if (k.equals(name)) {
                return i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static Map<String, String> inputs(String formBody) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<(input|select|textarea)\\b([^>]*)>", Pattern.CASE_INSENSITIVE).matcher(formBody);
        while (m.find()) {
            Map<String, String> attrs = attributes(m.group(2));
            String name = attrs.get("name");
            if (name == null) {
                continue;
            }
            String type = attrs.getOrDefault("type", "text").toLowerCase();
            if (type.equals("submit") || type.equals("button") || ((type.equals("checkbox") || type.equals("radio"))
                    && !attrs.containsKey("checked"))) {
                continue;
            }
            out.putIfAbsent(name, attrs.getOrDefault("value", ""));
        }
        return out;
    }

    static Map<String, String> attributes(String tag) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("([\\w:-]+)(?:\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+)))?").matcher(tag);
        while (m.find()) {
            String v = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : m.group(5);
            out.putIfAbsent(m.group(1).toLowerCase(), v == null ? "" : unescape(v));
        }
        return out;
    }

    public static String unescape(String s) {
        Matcher m = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);").matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> new String(Character.toChars(e.startsWith("#x") ? Integer.parseInt(e.substring(2), 16)
                        : Integer.parseInt(e.substring(1))));
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(r));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
