package dev.panels.testsupport;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;

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

    /**
     * A response: the final URL, status, body, and the Location when it stopped at a redirect. HTML is read with an
     * HTML parser (jsoup), by element id and CSS selector, never by pattern-matching the markup.
     */
    public record Page(String url, int status, String body, Map<String, List<String>> headers) {

        public Optional<String> location() {
            List<String> l = headers.get("location");
            return l == null || l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
        }

        public boolean isRedirect() {
            return status / 100 == 3 && location().isPresent();
        }

        /** The parsed document, links resolved against this page's URL. */
        public Document html() {
            return Jsoup.parse(body, url);
        }

        public Form form(String id) {
            Element form = html().getElementById(id);
            if (!(form instanceof FormElement f)) {
                throw new AssertionError("no form #" + id + " on " + url + " (status " + status + "):\n" + body);
            }
            return formOf(f);
        }

        /** The first form on the page (pages whose forms have no id). */
        public Form firstForm() {
            return html().forms().stream().findFirst().map(Page::formOf)
                    .orElseThrow(() -> new AssertionError("no form on " + url + " (status " + status + "):\n" + body));
        }

        public boolean hasElement(String id) {
            return html().getElementById(id) != null;
        }

        /** The href of the element with this id. */
        public String link(String id) {
            return href("#" + id);
        }

        /** The absolute href of the first element matching a CSS selector (e.g. {@code a.stytch-sso}). */
        public String href(String selector) {
            Element a = html().selectFirst(selector);
            if (a == null || !a.hasAttr("href")) {
                throw new AssertionError("no link " + selector + " on " + url + ":\n" + body);
            }
            return a.absUrl("href");
        }

        /** An attribute of the first element matching a CSS selector. */
        public String attribute(String selector, String attribute) {
            Element e = html().selectFirst(selector);
            if (e == null || !e.hasAttr(attribute)) {
                throw new AssertionError("no " + selector + "[" + attribute + "] on " + url + ":\n" + body);
            }
            return e.attr(attribute);
        }

        /** Text content of the element with this id. */
        public String text(String id) {
            Element e = html().getElementById(id);
            if (e == null) {
                throw new AssertionError("no element #" + id + " on " + url + ":\n" + body);
            }
            return e.text();
        }

        /** Values of {@code <button name=... value=...>} elements, e.g. an organization picker. */
        public List<String> buttonValues(String name) {
            return html().select("button[name=" + name + "]").eachAttr("value");
        }

        /** Query parameter of the redirect location. */
        public String locationParam(String name) {
            String loc = location().orElseThrow(() -> new AssertionError("not a redirect: " + status + " " + url + "\n" + body));
            return queryParam(loc, name);
        }

        /** A form as a browser would submit it: its fields, without buttons and unchecked boxes. */
        private static Form formOf(FormElement form) {
            Map<String, String> fields = new LinkedHashMap<>();
            form.formData().forEach(field -> fields.putIfAbsent(field.key(), field.value()));
            String action = form.hasAttr("action") ? form.absUrl("action") : form.baseUri();
            return new Form(action, form.attr("method").isEmpty() ? "get" : form.attr("method").toLowerCase(), fields);
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
}
