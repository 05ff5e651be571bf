package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.client.StytchFailure;

import dev.panels.keycloak.stytch.client.StytchFailure.Kind;
import dev.panels.keycloak.stytch.client.StytchModels.MemberAuth;
import jakarta.ws.rs.core.Response;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Stytch MFA: the organization wants a second factor before it issues a member session. Shows the SMS or TOTP page
 * (or phone enrollment), sends and verifies codes with the intermediate session token, and gives up after
 * {@value #MAX_FAILURES} wrong codes.
 */
final class MfaStep {

    static final int MAX_FAILURES = 5;

    private final SignInFlow flow;

    MfaStep(SignInFlow flow) {
        this.flow = flow;
    }

    /** Stytch answered {@code member_authenticated=false}: start the second factor, or refuse when it cannot be done here. */
    Response required(AuthenticationSessionModel authSession, String state, MemberAuth auth) {
        String orgId = auth.organization().organizationId();
        String memberId = auth.member().memberId();
        if (auth.mfa() == null || auth.intermediateSessionToken() == null) {
            return flow.refuse(authSession, state, Kind.INVALID_INPUT, "stytchMethodNotAllowed", orgId, memberId, "primary_required");
        }
        if (!flow.config.isHonourMfa()) {
            return flow.refuse(authSession, state, Kind.INVALID_INPUT, "stytchMfaNotAccepted", orgId, memberId, "mfa_not_accepted");
        }
        authSession.setAuthNote(SignInFlow.NOTE_IST, auth.intermediateSessionToken());
        authSession.setAuthNote(SignInFlow.NOTE_MFA_ORG, orgId);
        authSession.setAuthNote(SignInFlow.NOTE_MFA_MEMBER, memberId);
        authSession.setAuthNote(SignInFlow.NOTE_MFA_TOTP, Boolean.toString(auth.mfa().hasTotp()));
        authSession.setAuthNote(SignInFlow.NOTE_MFA_PHONE, StytchPages.maskPhone(auth.mfa().phoneNumber()));
        boolean smsSent = auth.mfa().smsSent();
        if (!smsSent && auth.mfa().hasPhone() && !auth.mfa().hasTotp()) {
            flow.gateway().sendSmsOtp(orgId, memberId, null, auth.intermediateSessionToken());
            smsSent = true;
        }
        boolean needsPhone = !auth.mfa().hasPhone() && !auth.mfa().hasTotp();
        flow.stepEvent("mfa_required", orgId, memberId);
        return flow.pages(authSession, state).mfa(smsSent, auth.mfa().hasTotp(), needsPhone,
                StytchPages.maskPhone(auth.mfa().phoneNumber()), null, Response.Status.OK);
    }

    /** The MFA form: enroll a phone, resend, or verify an SMS or TOTP code. */
    Response submit(AuthenticationSessionModel authSession, String state, String method, String code, String phone) {
        String ist = authSession.getAuthNote(SignInFlow.NOTE_IST);
        String orgId = authSession.getAuthNote(SignInFlow.NOTE_MFA_ORG);
        String memberId = authSession.getAuthNote(SignInFlow.NOTE_MFA_MEMBER);
        if (ist == null || orgId == null || memberId == null) {
            throw StytchFailure.of(Kind.SESSION_EXPIRED, "no MFA step in progress");
        }
        StytchPages pages = flow.pages(authSession, state);
        boolean totp = "true".equals(authSession.getAuthNote(SignInFlow.NOTE_MFA_TOTP));
        String maskedPhone = authSession.getAuthNote(SignInFlow.NOTE_MFA_PHONE);
        String m = method == null ? "" : method;
        switch (m) {
            case "phone": {
                if (phone == null || !phone.trim().matches("^\\+[1-9][0-9]{6,14}$")) {
                    return pages.mfa(false, false, true, null, "stytchInvalidPhone", Response.Status.BAD_REQUEST);
                }
                flow.gateway().sendSmsOtp(orgId, memberId, phone.trim(), ist);
                authSession.setAuthNote(SignInFlow.NOTE_MFA_PHONE, StytchPages.maskPhone(phone.trim()));
                flow.stepEvent("mfa_sms_sent", orgId, memberId);
                return pages.mfa(true, false, false, StytchPages.maskPhone(phone.trim()), null, Response.Status.OK);
            }
            case "resend": {
                flow.gateway().sendSmsOtp(orgId, memberId, null, ist);
                flow.stepEvent("mfa_sms_sent", orgId, memberId);
                return pages.mfa(true, totp, false, maskedPhone, null, Response.Status.OK);
            }
            case "sms":
            case "totp":
                return verify(authSession, state, m.equals("sms"), code, ist, orgId, memberId, totp, maskedPhone);
            default:
                return pages.mfa(false, totp, false, maskedPhone, "stytchInvalidRequest", Response.Status.BAD_REQUEST);
        }
    }

    private Response verify(AuthenticationSessionModel authSession, String state, boolean sms, String code, String ist,
                            String orgId, String memberId, boolean totp, String maskedPhone) {
        StytchPages pages = flow.pages(authSession, state);
        if (code == null || !code.trim().matches("^[0-9]{6,8}$")) {
            return pages.mfa(sms, totp, false, maskedPhone, Kind.MFA_CODE_INVALID.messageKey(), Response.Status.BAD_REQUEST);
        }
        // Across sign-in attempts too (a new attempt resets the per-attempt count): only who passed the first factor
        // gets here, so counting per member cannot be used by a stranger against the member.
        if (!RateLimiter.of(flow.session, RateLimiter.Kind.SECRET).tryAcquire("mfa|" + flow.realm.getId() + '|' + memberId, flow.config.getSecretAttempts())) {
            flow.loginError(authSession, Kind.TOO_MANY_ATTEMPTS, orgId, memberId, "mfa");
            SignInFlow.clearNotes(authSession);
            return pages.error(Kind.TOO_MANY_ATTEMPTS.messageKey(), Response.Status.TOO_MANY_REQUESTS, true);
        }
        int minutes = flow.config.getSessionDurationMinutes();
        MemberAuth auth;
        try {
            auth = sms
                    ? flow.gateway().authenticateSmsOtp(orgId, memberId, code.trim(), ist, minutes)
                    : flow.gateway().authenticateTotp(orgId, memberId, code.trim(), ist, minutes);
        } catch (StytchFailure e) {
            if (e.kind() != Kind.MFA_CODE_INVALID) {
                throw e;
            }
            String failuresNote = authSession.getAuthNote(SignInFlow.NOTE_MFA_FAILURES);
            int failures = (failuresNote == null ? 0 : Integer.parseInt(failuresNote)) + 1;
            authSession.setAuthNote(SignInFlow.NOTE_MFA_FAILURES, Integer.toString(failures));
            flow.loginError(authSession, Kind.MFA_CODE_INVALID, orgId, memberId, e.errorType());
            if (failures >= MAX_FAILURES) {
                SignInFlow.clearNotes(authSession);
                return pages.error(Kind.TOO_MANY_ATTEMPTS.messageKey(), Response.Status.TOO_MANY_REQUESTS, true);
            }
            return pages.mfa(sms, totp, false, maskedPhone, Kind.MFA_CODE_INVALID.messageKey(), Response.Status.UNAUTHORIZED);
        }
        flow.stepEvent("mfa_verified", orgId, memberId);
        return new CompletionStep(flow).memberAuthenticated(authSession, state, auth);
    }
}
