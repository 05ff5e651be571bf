package dev.panels.emulator.stytch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stytch.java.b2b.models.magiclinksemaildiscovery.SendRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dev inbox: JSON for scripts, HTML for people, newest first, every value escaped. */
class DevInboxTest extends EmulatorTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void inboxJsonListsOnePersonsMessagesNewestFirst() throws Exception {
        String email = "inbox.json@example.test";
        Sdk.ok(client.getMagicLinks().getEmail().getDiscovery()
                .sendCompletable(new SendRequest(email, "http://localhost:18199/page?n=first")));
        Sdk.ok(client.getMagicLinks().getEmail().getDiscovery()
                .sendCompletable(new SendRequest(email, "http://localhost:18199/page?n=second")));

        JsonNode list = new ObjectMapper().readTree(get("/dev/inbox.json?email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8)));

        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("link").asText()).startsWith("http://localhost:18199/page?n=second&stytch_token_type=discovery&token=");
        assertThat(list.get(1).path("link").asText()).startsWith("http://localhost:18199/page?n=first&");
        assertThat(list.get(0).path("to").asText()).isEqualTo(email);
        assertThat(list.get(0).path("kind").asText()).isEqualTo("discovery_magic_link");
        assertThat(list.get(0).path("subject").asText()).isNotBlank();
        assertThat(list.get(0).has("code")).isTrue();
        assertThat(Instant.parse(list.get(0).path("sent_at").asText())).isNotNull();
    }

    @Test
    void inboxPageShowsClickableLinks() throws Exception {
        String email = "inbox.page@example.test";
        Sdk.ok(client.getMagicLinks().getEmail().getDiscovery()
                .sendCompletable(new SendRequest(email, "http://localhost:18199/page?n=page")));
        String link = emu.inbox().latestFor(email).orElseThrow().link();

        String page = get("/dev/inbox");

        assertThat(page).contains("<a href=\"" + link.replace("&", "&amp;") + "\">");
    }

    @Test
    void inboxPageEscapesEveryValue() {
        DevInbox.SentEmail hostile = new DevInbox.SentEmail("<script>alert(1)</script>@x.test",
                "\"><img src=x onerror=alert(1)>", "kind'<b>", "javascript:alert(1)", "<i>123</i>", "+1<5>",
                Instant.EPOCH);

        String page = DevInboxServlet.html(List.of(hostile), "<b>filter</b>");

        assertThat(page).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<b>")
                .doesNotContain("<i>").doesNotContain("href=\"javascript:");
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;@x.test")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
                .contains("kind&#39;&lt;b&gt;")
                .contains("&lt;i&gt;123&lt;/i&gt;");
    }
}
