package dev.panels.emulator.stytch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the emulator "sent": magic-link emails and SMS codes, newest first. Thread-safe. */
public final class DevInbox {

    /**
     * One message. {@code to} is the person's email address (for SMS too, so one person's messages list together);
     * {@code phone} is set for SMS. {@code link} or {@code code} may be null.
     */
    public record SentEmail(String to, String subject, String kind, String link, String code, String phone,
                            Instant sentAt) {
    }

    private final List<SentEmail> messages = new ArrayList<>();

    synchronized void add(SentEmail message) {
        messages.add(0, message);
    }

    /** All messages, newest first. */
    public synchronized List<SentEmail> all() {
        return List.copyOf(messages);
    }

    /** Messages to {@code email} (case-insensitive), newest first. */
    public synchronized List<SentEmail> forEmail(String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        return messages.stream().filter(m -> m.to().toLowerCase(Locale.ROOT).equals(wanted)).toList();
    }

    public Optional<SentEmail> latestFor(String email) {
        return forEmail(email).stream().findFirst();
    }

    public synchronized void clear() {
        messages.clear();
    }
}
