package dev.panels.emulator.stytch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Second factors: {@code /v1/b2b/otps/sms/send|authenticate} and {@code /v1/b2b/totp[/authenticate]}. Codes go to
 * the dev inbox; a code works once. With an intermediate session the result is a full session; with a session
 * token or JWT the factor is added to that session.
 */
final class MfaServlet extends ApiServlet {

    MfaServlet(StytchStore store) {
        super(store);
    }

    @Override
    Map<String, Object> handle(Req req) {
        if (req.is("POST", "v1", "b2b", "otps", "sms", "send")) {
            return smsSend(req);
        }
        if (req.is("POST", "v1", "b2b", "otps", "sms", "authenticate")) {
            return smsAuthenticate(req);
        }
        if (req.is("POST", "v1", "b2b", "totp", "authenticate")) {
            return totpAuthenticate(req);
        }
        if (req.is("POST", "v1", "b2b", "totp")) {
            return totpCreate(req);
        }
        throw routeNotFound();
    }

    private Map<String, Object> smsSend(Req req) {
        State.Org org = store.org(req.str("organization_id"));
        State.Member member = store.member(org.organizationId, req.str("member_id"));
        String phone = req.optPhone("mfa_phone_number");
        requireMethod(org, "sms_otp");
        boolean enrolling = member.mfaPhoneNumber.isEmpty() || !member.mfaPhoneNumberVerified;
        if (enrolling) {
            // Setting a phone number needs proof of a primary factor, as at Stytch.
            requireContext(req, org, member);
            if (phone == null && member.mfaPhoneNumber.isEmpty()) {
                throw StytchError.badRequest("member_phone_number_not_found",
                        "The member has no phone number; give mfa_phone_number.");
            }
            if (phone != null) {
                member.mfaPhoneNumber = phone;
                member.mfaPhoneNumberVerified = false;
            }
        } else if (phone != null && !phone.equals(member.mfaPhoneNumber)) {
            throw StytchError.badRequest("bad_request",
                    "mfa_phone_number differs from the member's verified phone number.");
        }
        store.sendSmsOtp(member, member.mfaPhoneNumber);
        return MembersApi.withOrg(member, org);
    }

    private Map<String, Object> smsAuthenticate(Req req) {
        State.Org org = store.org(req.str("organization_id"));
        State.Member member = store.member(org.organizationId, req.str("member_id"));
        String code = req.str("code");
        AuthFlow.SessionOptions.from(req); // reject bad session options before the code is used up
        requireContext(req, org, member);
        State.OtpCode pending = store.pendingOtp(member.memberId).orElseThrow(() ->
                StytchError.notFound("otp_code_not_found", "No pending one-time passcode for this member; send one first."));
        if (!pending.code.equals(code)) {
            throw StytchError.unauthorized("unable_to_auth_otp_code",
                    "The one-time passcode is not correct or has expired.");
        }
        store.consumeOtp(member.memberId);
        member.mfaPhoneNumberVerified = true;
        applyEnrollment(req, member, "sms_otp");
        return AuthFlow.secondary(store, org, member, Wire.smsFactor(pending.phoneNumber, store.now()), req);
    }

    private Map<String, Object> totpAuthenticate(Req req) {
        State.Org org = store.org(req.str("organization_id"));
        State.Member member = store.member(org.organizationId, req.str("member_id"));
        String code = req.str("code");
        AuthFlow.SessionOptions.from(req); // reject bad session options before the code is used up
        requireMethod(org, "totp");
        requireContext(req, org, member);
        if (member.totpSecret == null) {
            throw StytchError.notFound("totp_not_found", "The member has no TOTP registration.");
        }
        long step = Totp.matchingStep(member.totpSecret, code, Instant.ofEpochMilli(store.now()));
        if (step < 0) {
            throw StytchError.unauthorized("unable_to_authenticate_totp", "The TOTP code is not correct.");
        }
        if (step <= member.totpLastUsedStep) {
            throw StytchError.badRequest("totp_code_already_authenticated", "This TOTP code was already used.");
        }
        member.totpLastUsedStep = step;
        applyEnrollment(req, member, "totp");
        return AuthFlow.secondary(store, org, member, Wire.totpFactor(member.totpRegistrationId, store.now()), req);
    }

    /** Registers an authenticator app; the member must be mid-login (intermediate session) or signed in. */
    private Map<String, Object> totpCreate(Req req) {
        State.Org org = store.org(req.str("organization_id"));
        State.Member member = store.member(org.organizationId, req.str("member_id"));
        requireMethod(org, "totp");
        requireContext(req, org, member);
        if (member.totpSecret != null) {
            throw StytchError.badRequest("active_totp_exists", "The member already has a TOTP registration.");
        }
        member.totpSecret = Totp.newSecret();
        member.totpRegistrationId = Tokens.id("member-totp");
        member.totpLastUsedStep = -1;
        List<String> recoveryCodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            recoveryCodes.add(Tokens.sixDigits() + "-" + Tokens.sixDigits());
        }
        Map<String, Object> out = new LinkedHashMap<>(MembersApi.withOrg(member, org));
        out.put("totp_registration_id", member.totpRegistrationId);
        out.put("secret", member.totpSecret);
        out.put("qr_code", "otpauth://totp/" + Redirects.enc(org.organizationName + ":" + member.emailAddress)
                + "?secret=" + member.totpSecret + "&issuer=" + Redirects.enc(org.organizationName));
        out.put("recovery_codes", recoveryCodes);
        return out;
    }

    private static void requireMethod(State.Org org, String method) {
        if (!AuthFlow.mfaAllowed(org, method)) {
            throw new StytchError(403, "operation_restricted_by_organization_mfa_methods",
                    "The organization does not allow " + method + ".");
        }
    }

    /** An intermediate session (bound to this member) or a live session of this member must come with the call. */
    private void requireContext(Req req, State.Org org, State.Member member) {
        String ist = req.optStr("intermediate_session_token");
        String token = req.optStr("session_token");
        String jwt = req.optStr("session_jwt");
        if (ist != null && !ist.isBlank()) {
            AuthFlow.requireBoundTo(store.intermediate(ist), org, member);
        } else if ((token != null && !token.isBlank()) || (jwt != null && !jwt.isBlank())) {
            State.Session s = token != null && !token.isBlank() ? store.sessionByToken(token) : store.sessionByJwt(jwt);
            if (!s.memberId.equals(member.memberId)) {
                throw StytchError.notFound("session_not_found", "Session could not be found for this member.");
            }
        } else {
            throw StytchError.badRequest("action_available_only_once_primary_authentication_is_met",
                    "Give the intermediate_session_token from the primary login, or a session_token/session_jwt.");
        }
    }

    private static void applyEnrollment(Req req, State.Member member, String method) {
        String enrollment = req.optStr("set_mfa_enrollment");
        if ("enroll".equals(enrollment)) {
            member.mfaEnrolled = true;
        } else if ("unenroll".equals(enrollment)) {
            member.mfaEnrolled = false;
        } else if (enrollment != null) {
            throw StytchError.badRequest("bad_request", "set_mfa_enrollment must be enroll or unenroll.");
        }
        if (Boolean.TRUE.equals(req.optBool("set_default_mfa"))) {
            member.defaultMfaMethod = method;
        }
    }
}
