package dev.panels.app.medplum;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClinicalTenantsTest {

    @Test
    void mapsEachOrganizationToItsProject() {
        ClinicalTenants tenants = ClinicalTenants.parse(" org-1 = project-1 ,org-2=project-2");

        assertThat(tenants.projectOf("org-1")).contains("project-1");
        assertThat(tenants.projectOf("org-2")).contains("project-2");
        assertThat(tenants.projectOf("org-3")).isEmpty();
        assertThat(tenants.projectOf(null)).isEmpty();
        assertThat(ClinicalTenants.parse("").projectOf("org-1")).isEmpty();
    }

    @Test
    void oneOrganizationOneClinicalTenant() {
        assertThatThrownBy(() -> ClinicalTenants.parse("org-1=project-1,org-2=project-1"))
                .hasMessageContaining("org-1").hasMessageContaining("org-2").hasMessageContaining("project-1");
        assertThatThrownBy(() -> ClinicalTenants.parse("org-1=project-1,org-1=project-2")).hasMessageContaining("appears twice");
    }

    @Test
    void malformedEntriesAreNamed() {
        for (String bad : new String[]{"org-1", "org-1=", "=project-1", "org-1=p=q", "org-1=project-1,,"}) {
            assertThatThrownBy(() -> ClinicalTenants.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("panels.medplum.projects");
        }
    }
}
