package dev.tidemark.config;

import java.util.regex.Pattern;

/** Removes secrets from connection strings and URLs before they are printed or logged. */
public final class Redaction {
    /**
     * user:password@ up to the last '@' of the string: a password may contain unencoded '/' or '@', and
     * hiding too much of a URL is harmless while showing a piece of a password is not.
     */
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(?<=://)([^:/@?#]*):.*@(?=[^@]*$)");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;](?:password|pass|pwd|secret|sig|token|accountkey|x-amz-signature|x-amz-credential)=)[^&;]*");

    private Redaction() {
    }

    /** The URL with any password in the user-info part and any secret query parameter replaced by {@code ***}. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String withoutUserInfo = USERINFO_PASSWORD.matcher(url).replaceAll("$1:***@");
        return SECRET_PARAMETER.matcher(withoutUserInfo).replaceAll("$1***");
    }
}
