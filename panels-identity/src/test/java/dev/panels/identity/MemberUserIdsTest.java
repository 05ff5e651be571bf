package dev.panels.identity;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberUserIdsTest {

    /** RFC 9562 appendix A.4: uuid5(NAMESPACE_DNS, "www.example.com"). */
    @Test
    void nameBasedUuidsFollowRfc9562() {
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(MemberUserIds.nameBased(dns, "www.example.com")).hasToString("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    }

    @Test
    void theNamespaceIsDerivedFromTheDocumentedUrl() {
        UUID url = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
        assertThat(MemberUserIds.nameBased(url, "https://panels.dev/keycloak/stytch-member")).isEqualTo(MemberUserIds.NAMESPACE);
    }

    @Test
    void aMemberHasOneIdPerRealmThatDependsOnNothingElse() {
        String casey = "member-test-22222222-bbbb-4bbb-8bbb-000000000003";
        assertThat(MemberUserIds.userId("panels", casey)).isEqualTo("9176e4ac-aa21-586f-9c3e-7316b4750d82")
                .isEqualTo(MemberUserIds.userId("panels", casey))
                .isNotEqualTo(MemberUserIds.userId("other-realm", casey))
                .isNotEqualTo(MemberUserIds.userId("panels", "member-test-11111111-aaaa-4aaa-8aaa-000000000003"));
    }

    @Test
    void blankInputIsRefused() {
        assertThatThrownBy(() -> MemberUserIds.userId("panels", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemberUserIds.userId(null, "member-test-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
