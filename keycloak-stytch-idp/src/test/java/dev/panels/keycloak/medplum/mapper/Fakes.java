package dev.panels.keycloak.medplum.mapper;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.TokenManager;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Just enough of Keycloak's session, user and token manager for the mapper, as dynamic proxies: any method the
 * mapper is not expected to call fails the test instead of answering a made-up value.
 */
final class Fakes {

    private Fakes() {
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, java.util.function.Function<Object[], Object>> methods) {
        return (T) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[]{type}, (p, m, args) -> {
            var f = methods.get(m.getName());
            if (f == null) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + m.getName() + " is not faked");
            }
            return f.apply(args);
        });
    }

    static UserModel user(String id, String email, Map<String, String> attributes) {
        return proxy(UserModel.class, Map.of(
                "getId", a -> id,
                "getEmail", a -> email,
                "getFirstName", a -> "Test",
                "getLastName", a -> "User",
                "getFirstAttribute", a -> attributes.get((String) a[0])));
    }

    static final class Session {
        final Map<String, String> notes = new HashMap<>();
        /** setNote and removeNote calls: Keycloak's session adapters persist the session on each, changed or not. */
        final java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        final UserSessionModel model;

        Session(String id, UserModel user) {
            model = proxy(UserSessionModel.class, Map.of(
                    "getId", a -> id,
                    "getUser", a -> user,
                    "getNote", a -> notes.get((String) a[0]),
                    "setNote", a -> {
                        writes.incrementAndGet();
                        return notes.put((String) a[0], (String) a[1]);
                    },
                    "removeNote", a -> {
                        writes.incrementAndGet();
                        return notes.remove((String) a[0]);
                    }));
        }
    }

    /** A KeycloakSession whose token manager "signs" any token as {@code signedAs}, recording what it was given. */
    static KeycloakSession keycloak(String signedAs, List<AccessToken> encoded) {
        TokenManager tokens = proxy(TokenManager.class, Map.of("encode", a -> {
            encoded.add((AccessToken) a[0]);
            return signedAs;
        }));
        VaultTranscriber vault = proxy(VaultTranscriber.class, Map.of("getStringSecret", a -> new VaultStringSecret() {
            @Override
            public Optional<String> get() {
                return Optional.empty(); // not a vault reference: the mapper uses the value as written
            }

            @Override
            public void close() {
            }
        }));
        return proxy(KeycloakSession.class, Map.of("tokens", a -> tokens, "vault", a -> vault));
    }

    static List<AccessToken> list() {
        return new ArrayList<>();
    }
}
