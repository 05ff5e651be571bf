package dev.panels.emulator.stytch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One API call: method, path segments and the request fields. Fields come from the JSON body and, because the
 * SDK repeats request fields as query parameters on GET and DELETE, from the query string as well.
 */
final class Req {

    private static final int MAX_BODY = 1 << 20;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    final String method;
    /** Path below the context root split on '/', e.g. {@code [v1, b2b, sessions, authenticate]}. */
    final List<String> segments;
    final ObjectNode fields;

    private Req(String method, List<String> segments, ObjectNode fields) {
        this.method = method;
        this.segments = segments;
        this.fields = fields;
    }

    /** Reads the whole body (bounded), so the connection stays reusable whatever the answer is. */
    static byte[] body(HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw StytchError.badRequest("bad_request", "The request body is larger than 1 MB.");
        }
        return body;
    }

    static Req parse(HttpServletRequest request, byte[] body) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length > 0) {
                fields.put(name, values[0]);
            }
        });
        String method = request.getMethod();
        if ("POST".equals(method) || "PUT".equals(method)) {
            if (body.length > 0) {
                JsonNode parsed;
                try {
                    parsed = Json.WIRE.readTree(body);
                } catch (IOException e) {
                    throw StytchError.badRequest("bad_request", "The request body is not valid JSON.");
                }
                if (parsed != null && !parsed.isNull()) {
                    if (!parsed.isObject()) {
                        throw StytchError.badRequest("bad_request", "The request body must be a JSON object.");
                    }
                    fields.setAll((ObjectNode) parsed);
                }
            }
        }
        return new Req(method, List.copyOf(segments), fields);
    }

    /** The path segment at {@code index}, or null. */
    String seg(int index) {
        return index < segments.size() ? segments.get(index) : null;
    }

    boolean is(String method, String... path) {
        return this.method.equals(method) && segments.equals(List.of(path));
    }

    String str(String name) {
        String value = optStr(name);
        if (value == null || value.isBlank()) {
            throw StytchError.missing(name);
        }
        return value;
    }

    String optStr(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw StytchError.badRequest("bad_request", name + " must be a string.");
        }
        return node.asText();
    }

    String email(String name) {
        String value = str(name).trim();
        if (!EMAIL.matcher(value).matches()) {
            throw StytchError.badRequest("invalid_email", "Email format is invalid.");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    String optPhone(String name) {
        String value = optStr(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!E164.matcher(value).matches()) {
            throw StytchError.badRequest("invalid_phone_number",
                    "Phone number format is invalid. Use E.164, e.g. +15555550123.");
        }
        return value;
    }

    Integer optInt(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isInt() || (node.isTextual() && node.asText().matches("-?[0-9]{1,9}"))) {
            return node.asInt();
        }
        throw StytchError.badRequest("bad_request", name + " must be a whole number.");
    }

    Boolean optBool(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean() || (node.isTextual() && node.asText().matches("true|false"))) {
            return node.asBoolean();
        }
        throw StytchError.badRequest("bad_request", name + " must be true or false.");
    }

    Map<String, Object> optMap(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw StytchError.badRequest("bad_request", name + " must be a JSON object.");
        }
        return Json.WIRE.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    List<String> optStrings(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw StytchError.badRequest("bad_request", name + " must be an array of strings.");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw StytchError.badRequest("bad_request", name + " must be an array of strings.");
            }
            values.add(item.asText());
        }
        return values;
    }

    JsonNode node(String name) {
        return fields.get(name);
    }
}
