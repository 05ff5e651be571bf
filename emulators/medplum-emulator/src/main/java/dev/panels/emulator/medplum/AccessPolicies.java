package dev.panels.emulator.medplum;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of Medplum's AccessPolicy this stand-in enforces: {@code resource[].resourceType} (the types a member may
 * use) and {@code resource[].readonly}. Everything that would narrow access further (criteria, compartments, hidden
 * or read-only fields, write constraints, interactions, IP rules, parameterised {@code basedOn}) is refused when a
 * policy is written, so a member here never gets more than the policy grants in Medplum.
 */
final class AccessPolicies {

    static final List<String> RULE_FIELDS_NOT_ENFORCED = List.of("criteria", "compartment", "hiddenFields",
            "readonlyFields", "writeConstraint", "interaction");
    static final List<String> POLICY_FIELDS_NOT_ENFORCED = List.of("compartment", "ipAccessRule", "basedOn");

    private AccessPolicies() {
    }

    /** The policy field a write uses that this stand-in cannot enforce, or null. */
    static String unenforceable(JsonNode policy) {
        for (String field : POLICY_FIELDS_NOT_ENFORCED) {
            if (policy.has(field)) {
                return field;
            }
        }
        for (JsonNode rule : policy.path("resource")) {
            for (String field : RULE_FIELDS_NOT_ENFORCED) {
                if (rule.has(field)) {
                    return "resource." + field;
                }
            }
        }
        return null;
    }

    static Rules rules(JsonNode policy) {
        Set<String> read = new HashSet<>();
        Set<String> write = new HashSet<>();
        for (JsonNode rule : policy.path("resource")) {
            String type = rule.path("resourceType").asText();
            read.add(type);
            if (!rule.path("readonly").asBoolean(false)) {
                write.add(type);
            }
        }
        return new Rules(read, write);
    }

    record Rules(Set<String> read, Set<String> write) {
        static final Rules NONE = new Rules(Set.of(), Set.of());

        boolean canRead(String type) {
            return read.contains(type) || read.contains("*");
        }

        boolean canWrite(String type) {
            return write.contains(type) || write.contains("*");
        }
    }
}
