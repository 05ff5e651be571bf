package dev.panels.app.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDateTime;
import java.util.UUID;

/** Who did what to which target in which organization, when, and how it ended. Never updated. */
@Entity
@Table(name = "audit_record")
public class AuditRecord {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private LocalDateTime at;

    @Column(nullable = false, length = 255, updatable = false)
    private String subject;

    @Column(name = "organization_id", nullable = false, length = 128, updatable = false)
    private String organizationId;

    @Column(nullable = false, length = 64, updatable = false)
    private String action;

    @Column(name = "target_type", nullable = false, length = 32, updatable = false)
    private String targetType;

    @Column(name = "target_id", length = 128, updatable = false)
    private String targetId;

    @Column(nullable = false, length = 16, updatable = false)
    private String outcome;

    @Column(length = 500, updatable = false)
    private String detail;

    /** The panel the action was about (the panel itself, or one of its columns, views or worklists), if any. */
    @Column(name = "panel_id", length = 36, updatable = false)
    private String panelId;

    /** The person's name (or email) as their token gave it, for people reading the trail. */
    @Column(name = "subject_name", length = 255, updatable = false)
    private String subjectName;

    protected AuditRecord() {
        // JPA
    }

    AuditRecord(LocalDateTime at, String subject, String organizationId, String action, String targetType,
                String targetId, String outcome, String detail, String panelId, String subjectName) {
        this.id = UUID.randomUUID().toString();
        this.at = at;
        this.subject = subject;
        this.organizationId = organizationId;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.outcome = outcome;
        this.detail = clip(detail, 500);
        this.panelId = panelId;
        this.subjectName = clip(subjectName, 255);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    public String id() { return id; }
    public LocalDateTime at() { return at; }
    public String subject() { return subject; }
    public String organizationId() { return organizationId; }
    public String action() { return action; }
    public String targetType() { return targetType; }
    public String targetId() { return targetId; }
    public String outcome() { return outcome; }
    public String detail() { return detail; }
    public String panelId() { return panelId; }
    public String subjectName() { return subjectName; }
}
