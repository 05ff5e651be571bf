package dev.panels.app.panel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.util.UUID;

/** One sharing entry of a panel: a member (by token subject) or everyone in the organization. */
@Entity
@Table(name = "panel_grant")
public class PanelGrant {

    /** The principal that stands for every member of the panel's organization. */
    public static final String EVERYONE = "*";

    @Id
    @Column(length = 36)
    private String id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "panel_id", nullable = false, updatable = false)
    private Panel panel;

    @Column(nullable = false, length = 255)
    private String principal;

    @Enumerated(EnumType.STRING)
    @Column(name = "access_level", nullable = false, length = 10)
    private AccessLevel level;

    protected PanelGrant() {
        // JPA
    }

    PanelGrant(Panel panel, String principal, AccessLevel level) {
        this.id = UUID.randomUUID().toString();
        this.panel = panel;
        this.principal = principal;
        this.level = level;
    }

    public String principal() { return principal; }
    public AccessLevel level() { return level; }

    /** A requested grant, checked before it reaches the panel. */
    public record Spec(String principal, AccessLevel level) {
    }
}
