package dev.panels.emulator.stytch;

import com.stytch.java.b2b.StytchB2BClient;
import com.stytch.java.b2b.models.magiclinksdiscovery.AuthenticateRequest;
import com.stytch.java.b2b.models.magiclinksemail.LoginOrSignupRequest;
import com.stytch.java.b2b.models.magiclinksemaildiscovery.SendRequest;
import com.stytch.java.common.ErrorResponse;
import com.stytch.java.common.OptionalClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where registered redirect URLs come from: the seed, the config builder, the environment; and bad ones. */
class RedirectUrlConfigTest {

    private static final String ENDPOINT = "http://127.0.0.1:18001/realms/panels/broker/stytch-b2b/endpoint";
    private static final String EMAIL = "x@x.test";

    @TempDir
    Path dir;

    /** A one-organization seed (member {@code x@x.test}) whose project registers {@code redirectUrls} (JSON). */
    private Path seed(String redirectUrls) throws IOException {
        return Files.writeString(dir.resolve("seed.json"), """
                {"project": {"project_id": "project-test-x", "secret": "s", "public_token": "p", "redirect_urls": %s},
                 "organizations": [{"organization_id": "organization-test-x", "organization_name": "X",
                   "organization_slug": "x", "members": [{"member_id": "member-test-x", "email_address": "x@x.test"}]}]}
                """.formatted(redirectUrls));
    }

    private static String registration(String type, String url, boolean isDefault) {
        return "{\"url\": \"" + url + "\", \"type\": \"" + type + "\", \"is_default\": " + isDefault + "}";
    }

    private static void with(StytchEmulatorConfig.Builder config, BiConsumer<StytchEmulator, StytchB2BClient> test) {
        try (StytchEmulator emu = StytchEmulator.start(config.host("127.0.0.1").port(0).build());
             StytchB2BClient client = new StytchB2BClient(emu.projectId(), emu.secret(),
                     new OptionalClientConfig(emu.baseUrl()))) {
            test.accept(emu, client);
        }
    }

    private static ErrorResponse refusedDiscoverySend(StytchB2BClient client, String url) {
        return Sdk.error(client.getMagicLinks().getEmail().getDiscovery().sendCompletable(new SendRequest(EMAIL, url)));
    }

    private static String discoveryLink(StytchEmulator emu, StytchB2BClient client, String url) {
        Sdk.ok(client.getMagicLinks().getEmail().getDiscovery().sendCompletable(
                url == null ? new SendRequest(EMAIL) : new SendRequest(EMAIL, url)));
        return emu.inbox().latestFor(EMAIL).orElseThrow().link();
    }

    @Test
    void aQueryParameterIsRefusedWhenOnlyThePlainEndpointIsRegistered() throws Exception {
        with(StytchEmulatorConfig.builder().seed(seed("[" + registration("discovery", ENDPOINT, true) + "]")),
                (emu, client) -> {
                    ErrorResponse error = refusedDiscoverySend(client, ENDPOINT + "?attempt=abc");

                    assertThat(error.getStatusCode()).isEqualTo(400);
                    assertThat(error.getErrorType()).isEqualTo("no_match_for_provided_magic_link_url");
                    assertThat(discoveryLink(emu, client, ENDPOINT)).startsWith(ENDPOINT + "?stytch_token_type=discovery&token=");
                    assertThat(discoveryLink(emu, client, null)).as("omitted: the default")
                            .startsWith(ENDPOINT + "?stytch_token_type=discovery&token=");
                });
    }

    @Test
    void aPlaceholderAddedThroughTheBuilderAcceptsAnyValueAndKeepsIt() throws Exception {
        with(StytchEmulatorConfig.builder().seed(seed("[" + registration("discovery", ENDPOINT, true) + "]"))
                .redirectUrl("discovery", ENDPOINT + "?attempt={}"), (emu, client) -> {
            String link = discoveryLink(emu, client, ENDPOINT + "?attempt=abc");

            assertThat(link).startsWith(ENDPOINT + "?attempt=abc&stytch_token_type=discovery&token=");
            assertThat(Sdk.query(link)).containsEntry("attempt", "abc").containsEntry("stytch_token_type", "discovery")
                    .containsOnlyKeys("attempt", "stytch_token_type", "token");
            assertThat(Sdk.ok(client.getMagicLinks().getDiscovery().authenticateCompletable(
                    new AuthenticateRequest(Sdk.query(link).get("token")))).getEmailAddress()).isEqualTo(EMAIL);
            assertThat(refusedDiscoverySend(client, ENDPOINT + "?attempt=abc&more=1").getErrorType())
                    .isEqualTo("no_match_for_provided_magic_link_url");
        });
    }

    @Test
    void thePlaceholderRequiresItsParameter() throws Exception {
        with(StytchEmulatorConfig.builder().seed(seed("[]")).redirectUrl("discovery", ENDPOINT + "?attempt={}"),
                (emu, client) -> {
                    assertThat(refusedDiscoverySend(client, ENDPOINT).getErrorType())
                            .isEqualTo("no_match_for_provided_magic_link_url");
                    assertThat(refusedDiscoverySend(client, null).getErrorType()).as("a placeholder URL is no default")
                            .isEqualTo("no_default_discovery_redirect_url_set");
                });
    }

    @Test
    void theEnvironmentAddsWhitespaceSeparatedTypeEqualsUrlItems() throws Exception {
        System.setProperty("stytch.emulator.port", "0");
        System.setProperty("stytch.emulator.seed", seed("[]").toString());
        System.setProperty("stytch.emulator.redirect-urls",
                " discovery=" + ENDPOINT + "?attempt={}\n\tlogin=" + ENDPOINT + "?state={}  ");
        StytchEmulatorConfig config;
        try {
            config = StytchEmulatorConfig.fromEnvironment();
        } finally {
            System.clearProperty("stytch.emulator.port");
            System.clearProperty("stytch.emulator.seed");
            System.clearProperty("stytch.emulator.redirect-urls");
        }

        assertThat(config.redirectUrls()).extracting(Object::toString)
                .containsExactly("discovery=" + ENDPOINT + "?attempt={}", "login=" + ENDPOINT + "?state={}");
        try (StytchEmulator emu = StytchEmulator.start(config);
             StytchB2BClient client = new StytchB2BClient(emu.projectId(), emu.secret(),
                     new OptionalClientConfig(emu.baseUrl()))) {
            assertThat(discoveryLink(emu, client, ENDPOINT + "?attempt=1")).startsWith(ENDPOINT + "?attempt=1&");
            assertThat(refusedDiscoverySend(client, ENDPOINT + "?state=1").getErrorType())
                    .as("registered for login only").isEqualTo("no_match_for_provided_magic_link_url");
            Sdk.ok(client.getMagicLinks().getEmail().loginOrSignupCompletable(
                    new LoginOrSignupRequest("organization-test-x", EMAIL, ENDPOINT + "?state=s1", null)));
            assertThat(emu.inbox().latestFor(EMAIL).orElseThrow().link()).startsWith(ENDPOINT + "?state=s1&");
        }
    }

    @Test
    void aMalformedEnvironmentItemIsRefusedNamingIt() {
        assertThatThrownBy(() -> StytchEmulatorConfig.builder().redirectUrls("login=" + ENDPOINT + " " + ENDPOINT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stytch.emulator.redirect-urls").hasMessageContaining("'" + ENDPOINT + "'");
    }

    @Test
    void aTypeWithoutUrlsOrWithoutADefaultCannotOmitTheUrl() throws Exception {
        with(StytchEmulatorConfig.builder().seed(seed("[" + registration("discovery", ENDPOINT, true) + "]")),
                (emu, client) -> assertThat(Sdk.error(client.getMagicLinks().getEmail().loginOrSignupCompletable(
                        new LoginOrSignupRequest("organization-test-x", EMAIL))).getErrorType())
                        .isEqualTo("no_login_redirect_urls_set"));
        with(StytchEmulatorConfig.builder().seed(seed("[" + registration("login", ENDPOINT, false) + "]")),
                (emu, client) -> assertThat(Sdk.error(client.getMagicLinks().getEmail().loginOrSignupCompletable(
                        new LoginOrSignupRequest("organization-test-x", EMAIL))).getErrorType())
                        .isEqualTo("no_default_login_redirect_url_set"));
    }

    @Test
    void aPlaceholderDefaultInTheSeedStopsTheStart() throws Exception {
        Path seed = seed("[" + registration("discovery", ENDPOINT + "?attempt={}", true) + "]");

        assertThatThrownBy(() -> StytchEmulator.start(StytchEmulatorConfig.builder().port(0).seed(seed).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(seed.toString())
                .hasMessageContaining("redirect_url_with_query_param_placeholder_cannot_be_default");
    }

    @Test
    void twoDefaultsForOneTypeStopTheStart() throws Exception {
        Path seed = seed("[" + registration("login", ENDPOINT, true) + ", "
                + registration("login", ENDPOINT + "/other", true) + "]");

        assertThatThrownBy(() -> StytchEmulator.start(StytchEmulatorConfig.builder().port(0).seed(seed).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has a default");
    }

    @Test
    void aBadBuilderRegistrationStopsTheStart() {
        assertThatThrownBy(() -> StytchEmulator.start(StytchEmulatorConfig.builder().port(0)
                .redirectUrl("login", "/realms/panels/broker/stytch-b2b/endpoint").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an absolute URL");
        assertThatThrownBy(() -> StytchEmulator.start(StytchEmulatorConfig.builder().port(0)
                .redirectUrl("logon", ENDPOINT).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type must be one of");
    }

    @Test
    void theOlderDefaultFieldsOfASeedStillWork() throws Exception {
        Path seed = Files.writeString(dir.resolve("old-seed.json"), """
                {"project": {"project_id": "project-test-x", "secret": "s", "public_token": "p",
                  "default_discovery_redirect_url": "%s"}}
                """.formatted(ENDPOINT));

        with(StytchEmulatorConfig.builder().seed(seed), (emu, client) ->
                assertThat(discoveryLink(emu, client, null)).startsWith(ENDPOINT + "?stytch_token_type=discovery&"));
    }

    @Test
    void theSampleSeedRegistersRunLocalsKeycloakWithOneDefaultPerType() {
        RedirectUrls sample = RedirectUrls.of(Seed.load(null).project, List.of());

        for (String type : List.of("discovery", "login", "signup")) {
            assertThat(sample.resolve(null, type, "x", "x")).isEqualTo(Seeded.KEYCLOAK_ENDPOINT);
            sample.requireRegistered(Seeded.KEYCLOAK_ENDPOINT + "?attempt=a1", type, "x", "x");
            sample.requireRegistered(Seeded.KEYCLOAK_ENDPOINT + "?state=s1", type, "x", "x");
        }
        assertThatThrownBy(() -> sample.requireRegistered(ENDPOINT, "login", "x", "no_match"))
                .isInstanceOf(StytchError.class);
    }
}
