-- Panels schema (PostgreSQL). Run by the JPA provider at deployment; every statement is idempotent.
-- One statement per line: both Hibernate's and EclipseLink's script readers accept that form.
CREATE TABLE IF NOT EXISTS panel (id VARCHAR(36) PRIMARY KEY, version BIGINT NOT NULL, organization_id VARCHAR(128) NOT NULL, owner_subject VARCHAR(255) NOT NULL, name VARCHAR(200) NOT NULL, description VARCHAR(2000), data_sources VARCHAR(100) NOT NULL, cohort_rule TEXT NOT NULL, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL);
CREATE INDEX IF NOT EXISTS panel_organization ON panel (organization_id);
CREATE TABLE IF NOT EXISTS panel_column (id VARCHAR(36) PRIMARY KEY, version BIGINT NOT NULL, panel_id VARCHAR(36) NOT NULL REFERENCES panel (id) ON DELETE CASCADE, column_key VARCHAR(63) NOT NULL, label VARCHAR(100) NOT NULL, column_type VARCHAR(20) NOT NULL, row_type VARCHAR(20) NOT NULL, expression VARCHAR(1000) NOT NULL, search_param VARCHAR(64), position INTEGER NOT NULL, width INTEGER NOT NULL, hidden BOOLEAN NOT NULL, locked BOOLEAN NOT NULL, options TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS panel_column_panel ON panel_column (panel_id);
CREATE TABLE IF NOT EXISTS panel_grant (id VARCHAR(36) PRIMARY KEY, panel_id VARCHAR(36) NOT NULL REFERENCES panel (id) ON DELETE CASCADE, principal VARCHAR(255) NOT NULL, access_level VARCHAR(10) NOT NULL);
CREATE INDEX IF NOT EXISTS panel_grant_panel ON panel_grant (panel_id);
CREATE TABLE IF NOT EXISTS panel_view (id VARCHAR(36) PRIMARY KEY, version BIGINT NOT NULL, panel_id VARCHAR(36) NOT NULL REFERENCES panel (id) ON DELETE CASCADE, owner_subject VARCHAR(255) NOT NULL, name VARCHAR(100) NOT NULL, row_type VARCHAR(20) NOT NULL, visibility VARCHAR(20) NOT NULL, definition TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS panel_view_panel ON panel_view (panel_id);
CREATE TABLE IF NOT EXISTS audit_record (id VARCHAR(36) PRIMARY KEY, recorded_at TIMESTAMP NOT NULL, subject VARCHAR(255) NOT NULL, organization_id VARCHAR(128) NOT NULL, action VARCHAR(64) NOT NULL, target_type VARCHAR(32) NOT NULL, target_id VARCHAR(128), outcome VARCHAR(16) NOT NULL, detail VARCHAR(500));
CREATE INDEX IF NOT EXISTS audit_record_org_time ON audit_record (organization_id, recorded_at);
CREATE TABLE IF NOT EXISTS revoked_session (id VARCHAR(300) PRIMARY KEY, kind VARCHAR(10) NOT NULL, revoked_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS audit_export (audit_id VARCHAR(36) PRIMARY KEY REFERENCES audit_record (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, sealed_medplum_token TEXT NOT NULL, fhir_user VARCHAR(255), attempts INTEGER NOT NULL, next_attempt_at TIMESTAMP, given_up_at TIMESTAMP, last_error VARCHAR(500));
CREATE INDEX IF NOT EXISTS audit_export_due ON audit_export (next_attempt_at);
ALTER TABLE audit_record ADD COLUMN IF NOT EXISTS panel_id VARCHAR(36);
ALTER TABLE audit_record ADD COLUMN IF NOT EXISTS subject_name VARCHAR(255);
CREATE INDEX IF NOT EXISTS audit_record_panel_time ON audit_record (panel_id, recorded_at);
CREATE TABLE IF NOT EXISTS live_event (id BIGSERIAL PRIMARY KEY, organization_id VARCHAR(128) NOT NULL, resource_type VARCHAR(20) NOT NULL, resource_id VARCHAR(64) NOT NULL, version_id VARCHAR(64) NOT NULL, interaction VARCHAR(10) NOT NULL, received_at TIMESTAMP NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS live_event_change ON live_event (organization_id, resource_type, resource_id, version_id);
CREATE INDEX IF NOT EXISTS live_event_time ON live_event (received_at);
