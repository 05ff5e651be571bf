package dev.panels.emulator.stytch;

import java.util.Map;

/** {@code /v1/b2b/organizations/members/*}: member search across organizations and get-by-id. */
final class MembersServlet extends ApiServlet {

    private final transient MembersApi members;

    MembersServlet(StytchStore store) {
        super(store);
        this.members = new MembersApi(store);
    }

    @Override
    Map<String, Object> handle(Req req) {
        if (req.is("POST", "v1", "b2b", "organizations", "members", "search")) {
            return members.search(req);
        }
        if ("GET".equals(req.method) && req.segments.size() == 6 && "dangerously_get".equals(req.seg(4))) {
            State.Member member = store.members.get(req.seg(5));
            if (member == null) {
                throw StytchError.notFound("member_not_found", "Member could not be found.");
            }
            return MembersApi.withOrg(member, store.orgs.get(member.organizationId));
        }
        throw routeNotFound();
    }
}
