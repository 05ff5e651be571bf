package dev.panels.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.panels.identity.LiveHooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Step 5: the organization's live-update Subscriptions ({@link LiveHooks}): one active rest-hook Subscription per live
 * type, found by its criteria and our {@code reason}, created when missing, updated when its endpoint, secret or status
 * differ (the app moved, the key was rotated, someone switched it off). Other Subscriptions of the project are left alone.
 */
final class LiveSubscriptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveSubscriptions() {
    }

    static void ensure(MedplumAdmin admin, String organizationId, BootstrapSettings.Live live, Consumer<String> done) {
        String endpoint = LiveHooks.endpoint(live.appUrl(), organizationId);
        String secret = LiveHooks.secret(live.hookKey(), organizationId);
        for (String type : LiveHooks.RESOURCE_TYPES) {
            ObjectNode wanted = parse(LiveHooks.subscription(type, endpoint, secret));
            List<JsonNode> ours = admin.searchExact("Subscription", "criteria", "criteria", type).stream()
                    .filter(s -> LiveHooks.REASON.equals(s.path("reason").asText())).toList();
            if (ours.size() > 1) {
                throw new BootstrapException(ours.size() + " Subscriptions for " + type + " have reason '" + LiveHooks.REASON + "': keep one");
            }
            if (ours.isEmpty()) {
                done.accept("created Subscription/" + admin.create("Subscription", wanted).path("id").asText() + " (" + type + ")");
                continue;
            }
            ObjectNode existing = (ObjectNode) ours.get(0);
            String id = existing.path("id").asText();
            if (existing.path("status").equals(wanted.path("status")) && existing.path("channel").path("endpoint").equals(wanted.path("channel").path("endpoint"))
                    && secretOf(existing).equals(secret)) {
                done.accept("unchanged Subscription/" + id + " (" + type + ")");
            } else {
                existing.set("status", wanted.path("status"));
                existing.set("channel", wanted.path("channel"));
                // our secret replaces the old one; other extensions (e.g. max attempts) stay
                ArrayNode extensions = JSON.createArrayNode();
                existing.path("extension").forEach(e -> {
                    if (!LiveHooks.SECRET_EXTENSION.equals(e.path("url").asText())) {
                        extensions.add(e);
                    }
                });
                wanted.path("extension").forEach(extensions::add);
                existing.set("extension", extensions);
                admin.update(existing);
                done.accept("updated Subscription/" + id + " (" + type + "): endpoint " + endpoint);
            }
        }
    }

    private static String secretOf(JsonNode subscription) {
        for (JsonNode extension : subscription.path("extension")) {
            if (LiveHooks.SECRET_EXTENSION.equals(extension.path("url").asText())) {
                return extension.path("valueString").asText();
            }
        }
        return "";
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
