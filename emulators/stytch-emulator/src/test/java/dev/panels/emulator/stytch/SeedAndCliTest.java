package dev.panels.emulator.stytch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed loading (bundled and from a file), its validation, and what the CLI prints. */
class SeedAndCliTest {

    @Test
    void theBundledSeedHasTheIdsOtherModulesDependOn() {
        Seed seed = Seed.load(null);

        assertThat(seed.project.projectId).isEqualTo(Seeded.PROJECT_ID);
        assertThat(seed.project.secret).isEqualTo(Seeded.SECRET);
        assertThat(seed.project.publicToken).isEqualTo(Seeded.PUBLIC_TOKEN);
        assertThat(seed.organizations).extracting(o -> o.organizationId)
                .containsExactly(Seeded.NORTHWIND, Seeded.RIVERSIDE);
        assertThat(seed.organizations.get(0).members).extracting(m -> m.memberId)
                .containsExactly(Seeded.ADA, Seeded.BEN, Seeded.CASEY_NORTHWIND);
        assertThat(seed.organizations.get(1).members).extracting(m -> m.memberId)
                .containsExactly(Seeded.RITA, Seeded.SAM, Seeded.CASEY_RIVERSIDE);
        assertThat(seed.organizations.get(1).ssoConnections).extracting(c -> c.connectionId)
                .containsExactly(Seeded.SSO_CONNECTION);
    }

    @Test
    void aSeedFileReplacesTheSampleSeed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seed.json");
        Files.writeString(file, """
                {"project": {"project_id": "project-test-x", "secret": "s", "public_token": "p"},
                 "organizations": [{"organization_id": "organization-test-x", "organization_name": "X",
                   "organization_slug": "x", "members": [{"member_id": "member-test-x", "email_address": "x@x.test"}]}]}
                """);

        try (StytchEmulator emu = StytchEmulator.start(StytchEmulatorConfig.builder().port(0).seed(file).build())) {
            assertThat(emu.projectId()).isEqualTo("project-test-x");
            assertThat(emu.describe()).contains("x@x.test").doesNotContain(Seeded.ADA_EMAIL);
        }
    }

    @Test
    void aSeedWithAnUndefinedRoleIsRejectedWithTheReason(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seed.json");
        Files.writeString(file, """
                {"project": {"project_id": "project-test-x", "secret": "s", "public_token": "p"},
                 "organizations": [{"organization_id": "organization-test-x", "organization_name": "X",
                   "organization_slug": "x", "members": [{"member_id": "member-test-x", "email_address": "x@x.test",
                   "roles": ["panels-wizard"]}]}]}
                """);

        assertThatThrownBy(() -> Seed.load(file)).hasMessageContaining("panels-wizard");
    }

    @Test
    void theCliBannerNamesTheUrlsCredentialsAndSeededEmails() {
        try (StytchEmulator emu = StytchEmulator.start(StytchEmulatorConfig.builder().port(0).build())) {
            String banner = emu.describe();

            assertThat(banner).contains(emu.baseUrl() + "/dev/inbox")
                    .contains(Seeded.PROJECT_ID).contains(Seeded.SECRET).contains(Seeded.PUBLIC_TOKEN)
                    .contains(Seeded.ADA_EMAIL).contains(Seeded.RITA_EMAIL).contains(Seeded.CASEY_EMAIL);
        }
    }

    @Test
    void configFromEnvironmentReadsSystemProperties() {
        System.setProperty("stytch.emulator.port", "18123");
        try {
            assertThat(StytchEmulatorConfig.fromEnvironment().port()).isEqualTo(18123);
        } finally {
            System.clearProperty("stytch.emulator.port");
        }
        assertThat(StytchEmulatorConfig.fromEnvironment().port()).isEqualTo(
                System.getenv("STYTCH_EMULATOR_PORT") == null ? 8110 : Integer.parseInt(System.getenv("STYTCH_EMULATOR_PORT")));
    }
}
