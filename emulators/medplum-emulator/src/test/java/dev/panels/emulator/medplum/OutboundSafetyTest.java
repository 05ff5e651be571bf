package dev.panels.emulator.medplum;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;

import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND;
import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Without {@code allowUnsafeOutbound} (the default, as in Medplum) the identity provider is never called over
 * plain http or at a loopback, private, link-local or reserved address, and the refusal looks like any other
 * failure to verify the subject token.
 */
class OutboundSafetyTest {

    private static final String FAILED = "Failed to verify code - check your identity provider configuration";
    private static FakeUserInfo userInfo;
    private static MedplumEmulator medplum;

    @BeforeAll
    static void start() {
        userInfo = new FakeUserInfo();
        medplum = MedplumEmulator.start(MedplumEmulatorConfig.builder().port(0).seed(4).patients(10)
                .keycloakUserinfoUrl(userInfo.url()).build());
    }

    @AfterAll
    static void stop() {
        medplum.close();
        userInfo.close();
    }

    @Test
    void unsafeOutboundIsOffByDefault() {
        assertThat(MedplumEmulatorConfig.builder().build().allowUnsafeOutbound()).isFalse();
    }

    @Test
    void anHttpLoopbackUserinfoIsNeverCalled() {
        int before = userInfo.calls.get();

        Http.Answer answer = TokenRequests.exchange(medplum, NORTHWIND_CLIENT, "kc-ada");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("error")).isEqualTo("invalid_request");
        assertThat(answer.text("error_description")).isEqualTo(FAILED);
        assertThat(userInfo.calls.get()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1:%d/userinfo", "https://localhost:%d/userinfo", "https://[::1]:%d/userinfo",
            "https://169.254.169.254:%d/latest/meta-data", "https://10.0.0.1:%d/userinfo", "https://[::ffff:127.0.0.1]:%d/userinfo",
            "https://keycloak.localhost:%d/userinfo"})
    void httpsToANonPublicAddressIsRefusedToo(String template) {
        String clientId = "client-" + Integer.toHexString(template.hashCode());
        medplum.addClient(NORTHWIND, clientId, template.formatted(URI.create(userInfo.url()).getPort()), true, null);

        Http.Answer answer = TokenRequests.exchange(medplum, clientId, "kc-ada");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("error_description")).isEqualTo(FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.1.2.3", "100.64.0.1", "127.0.0.1", "169.254.169.254", "172.16.0.1", "172.31.255.255",
            "192.0.2.1", "192.168.1.1", "198.18.0.1", "198.19.255.255", "203.0.113.9", "224.0.0.1", "255.255.255.255",
            "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "2001:db8::1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::1"})
    void nonGloballyRoutableAddressesAreUnsafe(String address) throws Exception {
        assertThat(OutboundPolicy.isUnsafe(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "198.20.0.1", "2606:4700:4700::1111", "2a00:1450:4001::1"})
    void publicAddressesAreSafe(String address) throws Exception {
        assertThat(OutboundPolicy.isUnsafe(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void onlyHttpsToAPublicAddressPassesAndTheSettingLiftsTheCheck() {
        OutboundPolicy strict = new OutboundPolicy(false);
        assertThatNoException().isThrownBy(() -> strict.check(URI.create("https://8.8.8.8/userinfo")));
        assertThatThrownBy(() -> strict.check(URI.create("http://8.8.8.8/userinfo"))).isInstanceOf(OutboundPolicy.Blocked.class);
        assertThatNoException().isThrownBy(() -> new OutboundPolicy(true).check(URI.create("http://127.0.0.1/userinfo")));
    }

    @Test
    void theSettingAcceptsOnlyTrueOrFalse() {
        String property = "medplum.emulator.allow-unsafe-outbound";
        try {
            System.setProperty(property, "yes");
            assertThatThrownBy(MedplumEmulatorConfig::fromEnvironment).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(property);
            System.setProperty(property, "TRUE");
            assertThat(MedplumEmulatorConfig.fromEnvironment().allowUnsafeOutbound()).isTrue();
        } finally {
            System.clearProperty(property);
        }
    }
}
