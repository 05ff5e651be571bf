package dev.panels.emulator.stytch;

import java.util.Map;

/**
 * {@code POST /v1/b2b/passwords/authenticate}: organization-scoped email + password. A wrong password, an unknown
 * email and a member without a password all answer {@code 401 unauthorized_credentials}, so the answer does not
 * reveal which emails are members.
 */
final class PasswordsServlet extends ApiServlet {

    PasswordsServlet(StytchStore store) {
        super(store);
    }

    @Override
    Map<String, Object> handle(Req req) {
        if (!req.is("POST", "v1", "b2b", "passwords", "authenticate")) {
            throw routeNotFound();
        }
        State.Org org = store.org(req.str("organization_id"));
        String email = req.email("email_address");
        String password = req.str("password");
        AuthFlow.SessionOptions options = AuthFlow.SessionOptions.from(req);
        State.Member member = store.memberByEmail(org.organizationId, email)
                .filter(m -> PasswordHasher.matches(password, m.passwordHash))
                .orElseThrow(() -> StytchError.unauthorized("unauthorized_credentials",
                        "The email or password is not correct for this organization."));
        return AuthFlow.primary(store, org, member, Wire.passwordFactor(email, member.emailId, store.now()),
                "password", req.optStr("intermediate_session_token"), options);
    }
}
