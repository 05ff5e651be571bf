package dev.panels.identity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveHooksTest {

    /** 32 bytes of 'k', base64url: the known answers below were computed with openssl. */
    private static final byte[] KEY = LiveHooks.key("a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s");

    @Test
    void theSecretIsTheDocumentedHmacOfTheOrganizationId() {
        // printf 'panels-live-hook|organization-test-1' | openssl dgst -sha256 -hmac kkk…k -binary | basenc --base64url
        assertThat(LiveHooks.secret(KEY, "organization-test-1")).isEqualTo("iI5cpeJIZx6tJ9dQfkkOCakUHftP--SX-BOUbRcaY1o");
    }

    @Test
    void eachOrganizationHasItsOwnSecret() {
        assertThat(LiveHooks.secret(KEY, "organization-test-1")).isNotEqualTo(LiveHooks.secret(KEY, "organization-test-2"));
        byte[] otherKey = LiveHooks.key("bGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGw");
        assertThat(LiveHooks.secret(otherKey, "organization-test-1")).isNotEqualTo(LiveHooks.secret(KEY, "organization-test-1"));
    }

    @Test
    void theSignatureIsMedplumsHexHmacOfTheBody() {
        // printf '{"resourceType":"Task"}' | openssl dgst -sha256 -hmac s3cret -hex
        assertThat(LiveHooks.signature("s3cret", "{\"resourceType\":\"Task\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("cbf81595c77527edc16ab487273c170aebda1816701201ae0cdc1cb3c16ed721");
    }

    @Test
    void shortMissingOrMalformedKeysAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> LiveHooks.key(null)).hasMessageContaining("PANELS_LIVE_HOOK_KEY is not set");
        assertThatThrownBy(() -> LiveHooks.key("c2hvcnQ")).hasMessageContaining("at least 256 bits");
        assertThatThrownBy(() -> LiveHooks.key("not base64!")).hasMessageContaining("not base64url");
    }

    @Test
    void theEndpointIsBelowTheAppsBaseUrl() {
        assertThat(LiveHooks.endpoint("https://panels.example/panels/", "organization-test-1"))
                .isEqualTo("https://panels.example/panels/hooks/medplum/organization-test-1");
        assertThatThrownBy(() -> LiveHooks.endpoint("/panels", "organization-test-1")).hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> LiveHooks.endpoint("https://panels.example", "../admin")).hasMessageContaining("not an organization id");
    }

    @Test
    void aSubscriptionIsWrittenOnlyForTheLiveTypes() {
        String json = LiveHooks.subscription("Task", "https://panels.example/hooks/medplum/o", "s\"x");
        assertThat(json).contains("\"criteria\":\"Task\"", "\"type\":\"rest-hook\"", "\"valueString\":\"s\\\"x\"", LiveHooks.SECRET_EXTENSION);
        assertThatThrownBy(() -> LiveHooks.subscription("Observation", "https://x/", "s")).hasMessageContaining("not a live resource type");
    }
}
