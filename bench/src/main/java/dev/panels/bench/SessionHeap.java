package dev.panels.bench;

import dev.panels.local.StackSettings;
import dev.panels.testsupport.KeycloakAdmin;
import dev.panels.testsupport.OidcClient;

/**
 * Keycloak's live heap per session, with our provider and mappers against without: {@code count} password sign-ins of a
 * local user through the bench's twin client (a local user and no {@code medplum} scope: our provider takes no part and
 * the Medplum mapper does not run),
 * then {@code count} brokered Stytch sign-ins through the app's client (the provider's broker session notes and the
 * mapper's cached, sealed Medplum token). The heap is read after a full collection before, between and after; every
 * session stays open, so each step's growth divided by its count is what one session keeps.
 */
final class SessionHeap {

    /** Per session, in KiB; {@code noiseKiB}: two readings with nothing in between, spread over as many sessions. */
    record Outcome(int sessions, double withoutKiB, double withKiB, double noiseKiB) {

        /** Per 10,000 sessions, in MiB. */
        double withoutPer10k() {
            return withoutKiB * 10_000 / 1024;
        }

        double withPer10k() {
            return withKiB * 10_000 / 1024;
        }

        double noisePer10k() {
            return noiseKiB * 10_000 / 1024;
        }
    }

    private SessionHeap() {
    }

    static Outcome measure(StackSettings settings, ProcessHandle keycloak, int count) throws Exception {
        String redirect = settings.appUrl() + "/auth/callback";
        SignIns.LocalUser user = SignIns.LocalUser.create(settings);
        double first = Heap.usedAfterGcMiB(keycloak);
        double before = Heap.usedAfterGcMiB(keycloak);
        for (int i = 0; i < count; i++) {
            SignIns.passwordSignIn(new OidcClient(settings.issuer(), Refreshes.TWIN, redirect, settings.clientSecret()), redirect, user);
        }
        requireOpen(settings, "username=" + user.username(), count);
        double afterPassword = Heap.usedAfterGcMiB(keycloak);
        for (int i = 0; i < count; i++) {
            SignIns.stytchSignIn(new OidcClient(settings.issuer(), "panels-app", redirect, settings.clientSecret()),
                    redirect, settings.stytchUrl(), Bench.CLINICIAN);
        }
        requireOpen(settings, "email=" + Bench.CLINICIAN, count);
        double afterBrokered = Heap.usedAfterGcMiB(keycloak);
        return new Outcome(count, (afterPassword - before) * 1024 / count, (afterBrokered - afterPassword) * 1024 / count,
                Math.abs(before - first) * 1024 / count);
    }

    /** The sessions opened must still be open (a per-user cap would end them quietly), or the reading means nothing. */
    private static void requireOpen(StackSettings settings, String userQuery, int count) {
        KeycloakAdmin admin = new KeycloakAdmin(settings.keycloakUrl(), StackSettings.ADMIN_USER, settings.adminPassword());
        String id = admin.get(StackSettings.REALM + "/users?exact=true&" + userQuery).get(0).path("id").asText();
        int open = admin.get(StackSettings.REALM + "/users/" + id + "/sessions").size();
        if (open < count) {
            throw new IllegalStateException("only " + open + " of the " + count + " sessions opened for " + userQuery
                    + " are still open; the heap reading would not measure them");
        }
    }
}
