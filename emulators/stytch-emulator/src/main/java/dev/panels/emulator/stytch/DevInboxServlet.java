package dev.panels.emulator.stytch;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /dev/inbox} (HTML for a person) and {@code GET /dev/inbox.json?email=} (for scripts and tests):
 * the emails and SMS codes the emulator "sent", newest first. Every value is HTML-escaped on the page.
 */
final class DevInboxServlet extends HttpServlet {

    private final transient DevInbox inbox;

    DevInboxServlet(DevInbox inbox) {
        this.inbox = inbox;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String email = request.getParameter("email");
        List<DevInbox.SentEmail> messages = email == null || email.isBlank() ? inbox.all() : inbox.forEmail(email.trim());
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        if (request.getRequestURI().endsWith(".json")) {
            StytchErrorWriter.writeJson(response, 200, messages.stream().map(DevInboxServlet::json).toList());
        } else {
            byte[] page = html(messages, email).getBytes(StandardCharsets.UTF_8);
            response.setContentType("text/html");
            response.setContentLength(page.length);
            response.getOutputStream().write(page);
        }
    }

    private static Map<String, Object> json(DevInbox.SentEmail m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("to", m.to());
        out.put("subject", m.subject());
        out.put("kind", m.kind());
        out.put("link", m.link());
        out.put("code", m.code());
        out.put("phone", m.phone());
        out.put("sent_at", m.sentAt().toString());
        return out;
    }

    static String html(List<DevInbox.SentEmail> messages, String filter) {
        StringBuilder b = new StringBuilder(2048);
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Stytch emulator inbox</title>")
                .append("<meta http-equiv=\"refresh\" content=\"5\">")
                .append("<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}")
                .append("code{font-size:1.2rem}</style></head><body><h1>Stytch emulator inbox</h1>");
        if (filter != null && !filter.isBlank()) {
            b.append("<p>Showing messages to <strong>").append(esc(filter)).append("</strong>. <a href=\"/dev/inbox\">All</a></p>");
        }
        if (messages.isEmpty()) {
            b.append("<p>Nothing sent yet.</p>");
        } else {
            b.append("<table><tr><th>Sent</th><th>To</th><th>Subject</th><th>Kind</th><th>Link / code</th></tr>");
            for (DevInbox.SentEmail m : messages) {
                b.append("<tr><td>").append(esc(m.sentAt().toString())).append("</td><td>").append(esc(m.to()));
                if (m.phone() != null) {
                    b.append("<br>").append(esc(m.phone()));
                }
                b.append("</td><td>").append(esc(m.subject())).append("</td><td>").append(esc(m.kind())).append("</td><td>");
                if (m.link() != null && Redirects.isAbsoluteHttp(m.link())) {
                    b.append("<a href=\"").append(esc(m.link())).append("\">").append(esc(m.link())).append("</a>");
                }
                if (m.code() != null) {
                    b.append("<code>").append(esc(m.code())).append("</code>");
                }
                b.append("</td></tr>");
            }
            b.append("</table>");
        }
        return b.append("</body></html>").toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
