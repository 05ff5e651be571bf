package dev.panels.emulator.stytch;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.panels.emulator.common.RsaSigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * All emulator state. Every request handler runs while holding this object's monitor (see {@link ApiServlet}),
 * so the maps need no further locking; the optional snapshot file is rewritten after each changing request.
 */
final class StytchStore {

    static final Duration INTERMEDIATE_SESSION_TTL = Duration.ofMinutes(10);
    static final Duration MAGIC_LINK_TTL = Duration.ofMinutes(60);
    static final Duration REDIRECT_TOKEN_TTL = Duration.ofMinutes(10);
    static final Duration SMS_OTP_TTL = Duration.ofMinutes(2);
    static final Duration SESSION_JWT_TTL = Duration.ofMinutes(5);
    static final int DEFAULT_SESSION_MINUTES = 60;

    private static final Logger LOG = LoggerFactory.getLogger(StytchStore.class);

    /** The snapshot file's shape. */
    public static final class Snapshot {
        public String signingKey;
        public List<State.Org> organizations = new ArrayList<>();
        public List<State.Member> members = new ArrayList<>();
        public List<State.Session> sessions = new ArrayList<>();
        public List<State.Intermediate> intermediateSessions = new ArrayList<>();
        public List<State.OneTimeToken> tokens = new ArrayList<>();
        public List<State.OtpCode> otpCodes = new ArrayList<>();
    }

    final Project project;
    final RedirectUrls redirectUrls;
    final Clock clock;
    final DevInbox inbox = new DevInbox();
    private final Path snapshotFile;
    private RsaSigningKey signingKey;
    private boolean dirty;

    final Map<String, State.Org> orgs = new LinkedHashMap<>();
    final Map<String, State.Member> members = new LinkedHashMap<>();
    private final Map<String, State.Session> sessionsByToken = new LinkedHashMap<>();
    private final Map<String, State.Intermediate> intermediates = new LinkedHashMap<>();
    private final Map<String, State.OneTimeToken> tokens = new LinkedHashMap<>();
    /** Pending SMS codes by member id: a new send replaces the previous code, as Stytch does. */
    private final Map<String, State.OtpCode> otpCodes = new LinkedHashMap<>();

    StytchStore(Project project, RedirectUrls redirectUrls, Clock clock, Path snapshotFile) {
        this.project = Objects.requireNonNull(project);
        this.redirectUrls = Objects.requireNonNull(redirectUrls);
        this.clock = Objects.requireNonNull(clock);
        this.snapshotFile = snapshotFile;
    }

    // ---- loading and snapshots ------------------------------------------------------------------------------

    /** Seeds organizations and members; plaintext seed passwords are hashed here and dropped. */
    void seed(List<State.Org> seedOrgs) {
        long now = clock.millis();
        for (State.Org org : seedOrgs) {
            List<State.Member> seedMembers = org.members == null ? List.of() : org.members;
            org.members = null;
            org.createdAt = org.createdAt == 0 ? now : org.createdAt;
            org.updatedAt = org.updatedAt == 0 ? now : org.updatedAt;
            orgs.put(org.organizationId, org);
            for (State.Member member : seedMembers) {
                member.organizationId = org.organizationId;
                prepareNewMember(member, now);
                members.put(member.memberId, member);
            }
        }
        signingKey = RsaSigningKey.generate("jwk-test");
    }

    /** Fills ids and hashes a plaintext password; used for seeded and created members. */
    void prepareNewMember(State.Member member, long now) {
        if (member.memberId == null || member.memberId.isBlank()) {
            member.memberId = Tokens.id("member");
        }
        if (member.emailId == null) {
            member.emailId = Tokens.id("email");
        }
        if (member.password != null) {
            member.passwordHash = PasswordHasher.hash(member.password);
            member.memberPasswordId = Tokens.id("member-password");
            member.password = null;
        }
        if (member.totpSecret != null && member.totpRegistrationId.isEmpty()) {
            member.totpRegistrationId = Tokens.id("member-totp");
            member.mfaEnrolled = true;
        }
        if (!member.mfaPhoneNumber.isEmpty() && member.defaultMfaMethod.isEmpty()) {
            member.defaultMfaMethod = "sms_otp";
        } else if (member.totpSecret != null && member.defaultMfaMethod.isEmpty()) {
            member.defaultMfaMethod = "totp";
        }
        member.createdAt = member.createdAt == 0 ? now : member.createdAt;
        member.updatedAt = member.updatedAt == 0 ? now : member.updatedAt;
    }

    /** Replaces the state with a snapshot written by {@link #save()}; the signing key comes back too, so issued JWTs stay valid. */
    void restore(Snapshot snapshot) {
        orgs.clear();
        members.clear();
        snapshot.organizations.forEach(o -> orgs.put(o.organizationId, o));
        snapshot.members.forEach(m -> members.put(m.memberId, m));
        snapshot.sessions.forEach(s -> sessionsByToken.put(s.sessionToken, s));
        snapshot.intermediateSessions.forEach(i -> intermediates.put(i.token, i));
        snapshot.tokens.forEach(t -> tokens.put(t.token, t));
        snapshot.otpCodes.forEach(c -> otpCodes.put(c.memberId, c));
        signingKey = snapshot.signingKey != null ? RsaSigningKey.fromPrivateJson(snapshot.signingKey)
                : RsaSigningKey.generate("jwk-test");
    }

    Snapshot toSnapshot() {
        Snapshot s = new Snapshot();
        s.signingKey = signingKey.toPrivateJson();
        s.organizations.addAll(orgs.values());
        s.members.addAll(members.values());
        s.sessions.addAll(sessionsByToken.values());
        s.intermediateSessions.addAll(intermediates.values());
        s.tokens.addAll(tokens.values());
        s.otpCodes.addAll(otpCodes.values());
        return s;
    }

    void changed() {
        dirty = true;
    }

    /** Writes the snapshot (atomically: temp file then move) if a file is configured and something changed. */
    void saveIfChanged() {
        if (dirty && snapshotFile != null) {
            save();
        }
    }

    void save() {
        if (snapshotFile == null) {
            return;
        }
        try {
            Path dir = snapshotFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".stytch-snapshot", ".tmp");
            Json.STATE.writeValue(tmp.toFile(), toSnapshot());
            Files.move(tmp, snapshotFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            dirty = false;
        } catch (IOException e) {
            LOG.error("could not write the Stytch emulator snapshot to {}", snapshotFile, e);
            throw new UncheckedIOException(e);
        }
    }

    // ---- lookups ----------------------------------------------------------------------------------------------

    long now() {
        return clock.millis();
    }

    RsaSigningKey signingKey() {
        return signingKey;
    }

    State.Org org(String organizationId) {
        State.Org org = organizationId == null ? null : orgs.get(organizationId);
        if (org == null) {
            throw StytchError.notFound("organization_not_found", "Organization could not be found.");
        }
        return org;
    }

    Optional<State.Org> orgBySlug(String slug) {
        return orgs.values().stream().filter(o -> o.organizationSlug.equals(slug)).findFirst();
    }

    /** The member, which must belong to {@code organizationId}: a member of another organization is not found here. */
    State.Member member(String organizationId, String memberId) {
        State.Member member = memberId == null ? null : members.get(memberId);
        if (member == null || !member.organizationId.equals(organizationId)) {
            throw StytchError.notFound("member_not_found", "Member could not be found.");
        }
        return member;
    }

    Optional<State.Member> memberByEmail(String organizationId, String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        return members.values().stream()
                .filter(m -> m.organizationId.equals(organizationId)
                        && m.emailAddress.toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    List<State.Member> membersOf(String organizationId) {
        return members.values().stream().filter(m -> m.organizationId.equals(organizationId)).toList();
    }

    List<State.Member> membersByEmail(String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        return members.values().stream()
                .filter(m -> m.emailAddress.toLowerCase(Locale.ROOT).equals(wanted)).toList();
    }

    void deleteMember(State.Member member) {
        members.remove(member.memberId);
        sessionsByToken.values().removeIf(s -> s.memberId.equals(member.memberId));
        otpCodes.remove(member.memberId);
    }

    void deleteOrg(State.Org org) {
        membersOf(org.organizationId).forEach(this::deleteMember);
        orgs.remove(org.organizationId);
    }

    // ---- sessions ---------------------------------------------------------------------------------------------

    State.Session newSession(State.Member member, List<Map<String, Object>> factors, Integer durationMinutes,
                             Map<String, Object> customClaims) {
        long now = now();
        State.Session s = new State.Session();
        s.memberSessionId = Tokens.id("member-session");
        s.sessionToken = Tokens.secret();
        s.memberId = member.memberId;
        s.organizationId = member.organizationId;
        s.startedAt = now;
        s.lastAccessedAt = now;
        s.expiresAt = now + Duration.ofMinutes(sessionMinutes(durationMinutes)).toMillis();
        s.authenticationFactors = new ArrayList<>(factors);
        if (customClaims != null) {
            s.customClaims.putAll(customClaims);
        }
        sessionsByToken.put(s.sessionToken, s);
        return s;
    }

    static int sessionMinutes(Integer requested) {
        if (requested == null) {
            return DEFAULT_SESSION_MINUTES;
        }
        if (requested < 5 || requested > 527_040) {
            throw StytchError.badRequest("invalid_session_duration_minutes",
                    "session_duration_minutes must be between 5 and 527040.");
        }
        return requested;
    }

    /** A live session for this token; revoked, expired and unknown tokens alike are {@code session_not_found}. */
    State.Session sessionByToken(String token) {
        State.Session s = token == null ? null : sessionsByToken.get(token);
        if (s == null || s.expiresAt <= now()) {
            throw StytchError.notFound("session_not_found", "Session could not be found.");
        }
        return s;
    }

    /**
     * The session a JWT names. The signature must verify, but an expired JWT is still accepted while its session
     * lives (Stytch answers with a fresh JWT), so expiry of the JWT itself is not checked here.
     */
    State.Session sessionByJwt(String jwt) {
        JWTClaimsSet claims = signingKey.verify(jwt, new Date(0)).orElseThrow(() ->
                StytchError.unauthorized("unable_to_parse_session_jwt", "The session JWT could not be verified."));
        try {
            Map<String, Object> session = claims.getJSONObjectClaim(SessionJwts.SESSION_CLAIM);
            Object id = session == null ? null : session.get("id");
            return sessionsByToken.values().stream()
                    .filter(s -> s.memberSessionId.equals(id) && s.expiresAt > now())
                    .findFirst()
                    .orElseThrow(() -> StytchError.notFound("session_not_found", "Session could not be found."));
        } catch (ParseException e) {
            throw StytchError.unauthorized("unable_to_parse_session_jwt", "The session JWT has no session claim.");
        }
    }

    Optional<State.Session> sessionById(String memberSessionId) {
        return sessionsByToken.values().stream().filter(s -> s.memberSessionId.equals(memberSessionId)).findFirst();
    }

    List<State.Session> liveSessionsOf(String memberId) {
        long now = now();
        return sessionsByToken.values().stream().filter(s -> s.memberId.equals(memberId) && s.expiresAt > now).toList();
    }

    void revoke(State.Session session) {
        sessionsByToken.remove(session.sessionToken);
    }

    String sessionJwt(State.Session session) {
        State.Member member = members.get(session.memberId);
        State.Org org = orgs.get(session.organizationId);
        return SessionJwts.sign(this, session, member, org);
    }

    // ---- intermediate sessions and one-time tokens --------------------------------------------------------

    State.Intermediate newIntermediate(String email, String organizationId, String memberId,
                                       List<Map<String, Object>> factors) {
        State.Intermediate ist = new State.Intermediate();
        ist.token = Tokens.secret();
        ist.emailAddress = email;
        ist.organizationId = organizationId;
        ist.memberId = memberId;
        ist.authenticationFactors = new ArrayList<>(factors);
        ist.expiresAt = now() + INTERMEDIATE_SESSION_TTL.toMillis();
        intermediates.put(ist.token, ist);
        return ist;
    }

    State.Intermediate intermediate(String token) {
        State.Intermediate ist = token == null ? null : intermediates.get(token);
        if (ist == null || ist.expiresAt <= now()) {
            throw StytchError.notFound("intermediate_session_not_found", "Intermediate session could not be found.");
        }
        return ist;
    }

    void consume(State.Intermediate ist) {
        intermediates.remove(ist.token);
    }

    State.OneTimeToken newToken(String type, String email, String organizationId, String memberId, Duration ttl) {
        State.OneTimeToken t = new State.OneTimeToken();
        t.token = Tokens.secret();
        t.type = type;
        t.emailAddress = email;
        t.organizationId = organizationId;
        t.memberId = memberId;
        t.expiresAt = now() + ttl.toMillis();
        tokens.put(t.token, t);
        return t;
    }

    /** Looks a token up without using it; null when unknown or of another type. */
    State.OneTimeToken findToken(String token, String type) {
        State.OneTimeToken t = token == null ? null : tokens.get(token);
        return t != null && t.type.equals(type) ? t : null;
    }

    boolean usable(State.OneTimeToken t) {
        return t.usedAt == null && t.expiresAt > now();
    }

    void markUsed(State.OneTimeToken t) {
        t.usedAt = now();
    }

    // ---- SMS one-time passcodes ---------------------------------------------------------------------------

    State.OtpCode sendSmsOtp(State.Member member, String phoneNumber) {
        State.OtpCode otp = new State.OtpCode();
        otp.organizationId = member.organizationId;
        otp.memberId = member.memberId;
        otp.phoneNumber = phoneNumber;
        otp.code = Tokens.sixDigits();
        otp.expiresAt = now() + SMS_OTP_TTL.toMillis();
        otpCodes.put(member.memberId, otp);
        inbox.add(new DevInbox.SentEmail(member.emailAddress, "SMS to " + phoneNumber + ": your verification code",
                "sms_otp", null, otp.code, phoneNumber, Instant.ofEpochMilli(now())));
        return otp;
    }

    Optional<State.OtpCode> pendingOtp(String memberId) {
        return Optional.ofNullable(otpCodes.get(memberId)).filter(c -> c.expiresAt > now());
    }

    void consumeOtp(String memberId) {
        otpCodes.remove(memberId);
    }
}
