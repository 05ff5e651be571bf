package dev.panels.bootstrap;

import com.stytch.java.b2b.StytchB2BClient;
import com.stytch.java.b2b.models.organizationsmembers.SearchRequest;
import com.stytch.java.b2b.models.organizationsmembers.SearchResponse;
import com.stytch.java.common.OptionalClientConfig;
import com.stytch.java.common.StytchResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** An organization's Stytch members, through Stytch's own Java SDK ({@code organizations.members.search}, paged). */
final class StytchMembers {

    private static final long PAGE = 200;

    /** The part of a Stytch member that provisioning needs. */
    record Member(String memberId, String email, String name, String status) {

        /** Stytch's deleted members can no longer sign in; everyone else may (invited and pending ones, later). */
        boolean canSignIn() {
            return !"deleted".equals(status);
        }
    }

    private final StytchB2BClient client;

    StytchMembers(String projectId, String secret, String baseUrl) {
        this.client = baseUrl == null ? new StytchB2BClient(projectId, secret)
                : new StytchB2BClient(projectId, secret, new OptionalClientConfig(baseUrl));
    }

    List<Member> of(String organizationId) {
        List<Member> members = new ArrayList<>();
        String cursor = null;
        do {
            SearchResponse page = search(organizationId, cursor);
            page.getMembers().forEach(m -> members.add(new Member(m.getMemberId(), m.getEmailAddress(), m.getName(), m.getStatus())));
            cursor = page.getResultsMetadata() == null ? null : page.getResultsMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return members;
    }

    private SearchResponse search(String organizationId, String cursor) {
        StytchResult<SearchResponse> result;
        try {
            result = client.getOrganizations().getMembers()
                    .searchCompletable(new SearchRequest(List.of(organizationId), cursor, PAGE), null)
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BootstrapException("Stytch member search for " + organizationId + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BootstrapException("Stytch member search interrupted");
        }
        if (result instanceof StytchResult.Success<SearchResponse> success) {
            return success.getValue();
        }
        StytchResult.Error error = (StytchResult.Error) result;
        throw new BootstrapException("Stytch member search for " + organizationId + " failed: " + error.getException().getMessage());
    }
}
