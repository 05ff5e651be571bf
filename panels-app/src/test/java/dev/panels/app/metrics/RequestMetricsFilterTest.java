package dev.panels.app.metrics;

import dev.panels.app.panel.PanelResource;
import jakarta.ws.rs.container.ResourceInfo;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;

import static org.assertj.core.api.Assertions.assertThat;

class RequestMetricsFilterTest {

    private static ResourceInfo matched(Class<?> type, String method, Class<?>... parameters) throws Exception {
        Method resourceMethod = type.getMethod(method, parameters);
        return new ResourceInfo() {
            @Override
            public Method getResourceMethod() {
                return resourceMethod;
            }

            @Override
            public Class<?> getResourceClass() {
                return type;
            }
        };
    }

    @Test
    void theRouteIsTheTemplateUnderTheApplicationPathNotTheConcretePath() throws Exception {
        assertThat(RequestMetricsFilter.route(matched(PanelResource.class, "get", String.class))).isEqualTo("/api/panels/{id}");
        assertThat(RequestMetricsFilter.route(matched(PanelResource.class, "list"))).isEqualTo("/api/panels");
    }

    @Test
    void aRequestNoResourceMatchedIsCountedAsUnmatched() {
        assertThat(RequestMetricsFilter.route(null)).isEqualTo("unmatched");
    }
}
