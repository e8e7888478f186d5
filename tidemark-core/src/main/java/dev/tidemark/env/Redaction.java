package dev.tidemark.env;

import java.util.regex.Pattern;

/** Removes secrets from connection strings and URLs before they are printed or logged. */
public final class Redaction {
    /**
     * user:password@ up to the last '@' of the string: a password may contain unencoded '/' or '@', and
     * hiding too much of a URL is harmless while showing a piece of a password is not.
     */
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(?<=://)([^:/@?#]*):.*@(?=[^@]*$)");
    /**
     * A secret query parameter, also when its delimiters are percent-encoded once or more ({@code %3F},
     * {@code %253F}, …): text that smuggles a parameter inside another part must not show it either.
     */
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)((?:[?&;]|%(?:25)*(?:3f|26|3b))"
            + "(?:password|pass|pwd|secret|sig|token|accountkey|x-amz-signature|x-amz-credential)(?:=|%(?:25)*3d))"
            + "(?:(?!%(?:25)*(?:26|3b))[^&;])*");

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
