package dev.panels.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The Keycloak user id of a Stytch member: a name-based UUID (RFC 9562 version 5) of the realm name and the
 * member id. One Keycloak user per Stytch membership, and its id — the {@code sub} of every token, and what
 * Medplum matches {@code ProjectMembership.externalId} against — is known before the member first signs in, so
 * Medplum can be set up ahead of time, and never changes: not with the member's email, not across re-imports.
 * <p>
 * Anyone can compute it: {@code uuid5(NAMESPACE, realmName + "|" + memberId)} with
 * {@link #NAMESPACE} = {@code uuid5(NAMESPACE_URL, "https://panels.dev/keycloak/stytch-member")}.
 */
public final class MemberUserIds {

    /** {@code uuid5(NAMESPACE_URL, "https://panels.dev/keycloak/stytch-member")}. */
    public static final UUID NAMESPACE = UUID.fromString("07319a7d-d204-5e16-b553-10b9b425e599");

    private MemberUserIds() {
    }

    public static String userId(String realmName, String memberId) {
        if (realmName == null || realmName.isBlank() || memberId == null || memberId.isBlank()) {
            throw new IllegalArgumentException("realm name and Stytch member id are required");
        }
        return nameBased(NAMESPACE, realmName + "|" + memberId).toString();
    }

    /** RFC 9562 section 5.5: SHA-1 of namespace and name, with the version and variant bits set. */
    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
