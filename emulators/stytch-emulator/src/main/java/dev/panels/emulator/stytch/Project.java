package dev.panels.emulator.stytch;

import java.util.ArrayList;
import java.util.List;

/** The emulated Stytch project: credentials and the redirect URLs registered in its dashboard. */
public final class Project {
    public String projectId;
    public String secret;
    public String publicToken;
    /** The dashboard's redirect URLs; requests may only use these (see {@link RedirectUrls}). */
    public List<RedirectUrl> redirectUrls = new ArrayList<>();
    /** Older seed fields, still read: each is a default redirect URL of its type. */
    public String defaultDiscoveryRedirectUrl;
    public String defaultLoginRedirectUrl;
    public String defaultSignupRedirectUrl;

    /**
     * One registered redirect URL, as in the seed: {@code {"url": "...", "type": "login", "is_default": true}}.
     * Types: {@code login, signup, invite, reset_password, discovery}. A query-parameter value may be the
     * placeholder {@code {}} (any value, parameter required); such a URL cannot be a default.
     */
    public static final class RedirectUrl {
        public String url;
        public String type;
        public boolean isDefault;

        public RedirectUrl() {
        }

        public RedirectUrl(String type, String url, boolean isDefault) {
            this.type = type;
            this.url = url;
            this.isDefault = isDefault;
        }

        @Override
        public String toString() {
            return type + "=" + url + (isDefault ? " (default)" : "");
        }
    }
}
