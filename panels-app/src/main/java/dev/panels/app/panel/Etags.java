package dev.panels.app.panel;

import dev.panels.app.problem.ProblemException;
import dev.panels.app.problem.ProblemType;
import jakarta.ws.rs.core.EntityTag;

/**
 * Optimistic locking over HTTP: the entity version is the ETag; changes must send it back in
 * If-Match. A missing If-Match is refused (428) so no client overwrites changes it has not seen.
 */
public final class Etags {

    private Etags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag("v" + version);
    }

    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send the resource's ETag in If-Match to change it");
        }
        String expected = "\"v" + currentVersion + "\"";
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(expected)) {
                return;
            }
        }
        throw new ProblemException(ProblemType.PRECONDITION, "The resource was changed by someone else; reload it and retry")
                .header("ETag", expected);
    }
}
