package dev.panels.app.live;

import dev.panels.app.Jsonp;
import dev.panels.app.medplum.Fhir;
import dev.panels.identity.LiveHooks;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * One rest-hook delivery from Medplum, checked as Medplum signs and sends it ({@code packages/server/src/workers/
 * subscription.ts}): {@code X-Signature} is the hex HMAC-SHA256 of the exact body with the Subscription's secret;
 * {@code X-Medplum-Interaction} is create, update or delete; a delete's body is {@code {}} and its resource is named
 * by {@code X-Medplum-Deleted-Resource}. Only the resource's type, id and version are kept: nothing clinical is
 * stored or forwarded.
 */
public final class MedplumHook {

    /** A change worth telling the organization's open worklists about. */
    public record Change(String resourceType, String resourceId, String versionId, String interaction) {
    }

    /** Why a delivery is refused; {@code status} is the HTTP answer. */
    public static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** A FHIR resource type name. */
    private static final java.util.regex.Pattern TYPE = java.util.regex.Pattern.compile("[A-Z][A-Za-z]{1,63}");

    private MedplumHook() {
    }

    /** Constant-time comparison of the body's HMAC with the signature Medplum sent. */
    static void verify(String secret, byte[] body, String signature) throws Refused {
        if (signature == null || signature.isBlank()) {
            throw new Refused(401, "X-Signature is missing");
        }
        byte[] expected = LiveHooks.signature(secret, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new Refused(401, "X-Signature does not match the body");
        }
    }

    /**
     * The change a verified delivery reports; empty for a resource type worklists do not show.
     *
     * @param project the organization's Medplum project: a resource that names another ({@code meta.project}) is refused
     */
    static Optional<Change> parse(byte[] body, String interaction, String deletedResource, String project) throws Refused {
        if (interaction == null || !(interaction.equals("create") || interaction.equals("update") || interaction.equals("delete"))) {
            throw new Refused(400, "X-Medplum-Interaction must be create, update or delete");
        }
        if (interaction.equals("delete")) {
            String[] reference = deletedResource == null ? new String[0] : deletedResource.split("/", -1);
            if (reference.length != 2 || !Fhir.ID.matcher(reference[1]).matches() || !TYPE.matcher(reference[0]).matches()) {
                throw new Refused(400, "X-Medplum-Deleted-Resource must be <type>/<id>");
            }
            return live(reference[0]) ? Optional.of(new Change(reference[0], reference[1], "deleted", interaction)) : Optional.empty();
        }
        JsonObject resource;
        try (var reader = Jsonp.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            resource = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new Refused(400, "the body is not a FHIR JSON resource");
        }
        String type = resource.getString("resourceType", "");
        String id = resource.getString("id", "");
        if (!TYPE.matcher(type).matches() || !Fhir.ID.matcher(id).matches()) {
            throw new Refused(400, "the resource has no valid resourceType and id");
        }
        JsonObject meta = resource.get("meta") instanceof JsonObject m ? m : JsonValue.EMPTY_JSON_OBJECT;
        String named = meta.getString("project", null);
        if (named != null && !named.equals(project)) {
            throw new Refused(403, "the resource belongs to Medplum project " + named + ", not this organization's");
        }
        if (!live(type)) {
            return Optional.empty();
        }
        String version = meta.getString("versionId", "");
        if (!Fhir.ID.matcher(version).matches()) {
            throw new Refused(400, "the resource has no meta.versionId");
        }
        return Optional.of(new Change(type, id, version, interaction));
    }

    private static boolean live(String type) {
        return LiveHooks.RESOURCE_TYPES.contains(type);
    }
}
