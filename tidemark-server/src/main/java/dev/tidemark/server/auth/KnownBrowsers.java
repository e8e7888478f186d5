package dev.tidemark.server.auth;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.files.FileReplacement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Browsers that have logged in successfully before. Each gets a cookie holding a random id and its
 * HMAC-SHA256 under a key only the server knows ({@code DATA_DIR/server/login-key}, so cookies outlive
 * restarts). A login from a browser presenting a valid cookie is throttled by that browser's own failures
 * only: someone guessing from the same address, or through the same reverse proxy, cannot lock the admin
 * out of a browser they have used before. The cookie grants nothing else; the password is still checked.
 */
public final class KnownBrowsers {
    /** The cookie's name. */
    public static final String COOKIE = "tidemark_browser";
    /** How long a browser stays known without logging in again, in seconds (one year). */
    static final long LIFETIME_SECONDS = 365L * 24 * 3600;
    private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;

    private KnownBrowsers(byte[] key) {
        this.key = key;
    }

    /**
     * The known browsers of {@code dataDir}, generating the signing key on first use.
     *
     * @throws TidemarkException STORAGE when the key cannot be read or stored
     */
    public static KnownBrowsers load(Path dataDir) {
        Path file = dataDir.resolve("server").resolve("login-key");
        try {
            if (Files.isRegularFile(file)) {
                byte[] stored = Base64.getDecoder().decode(Files.readString(file).strip());
                if (stored.length == 32) {
                    return new KnownBrowsers(stored);
                }
            }
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            FileReplacement.write(file, out -> out.write((Base64.getEncoder().encodeToString(generated) + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            return new KnownBrowsers(generated);
        } catch (IOException | IllegalArgumentException e) {
            throw new TidemarkException(ErrorKind.STORAGE, "cannot read or store the login key in " + file + ": "
                    + TidemarkException.reasonOf(e), "check that DATA_DIR is writable, or delete the file to make a new key");
        }
    }

    /** A new cookie value for a browser that just logged in (keeping its id when it had a valid one). */
    public String issue(Optional<String> knownId) {
        String id = knownId.orElseGet(() -> PasswordHasher.randomToken(16));
        return id + "." + BASE64.encodeToString(mac(id));
    }

    /** The id in {@code cookie}, if it is one this server issued. */
    public Optional<String> idOf(String cookie) {
        if (cookie == null) {
            return Optional.empty();
        }
        var match = VALUE.matcher(cookie);
        if (!match.matches()) {
            return Optional.empty();
        }
        byte[] presented = Base64.getUrlDecoder().decode(match.group(2));
        return MessageDigest.isEqual(presented, mac(match.group(1))) ? Optional.of(match.group(1)) : Optional.empty();
    }

    /** The {@code Set-Cookie} header value carrying {@code value}; sent to the login route only. */
    public static String setCookie(String value) {
        return COOKIE + "=" + value + "; Path=/api/login; Max-Age=" + LIFETIME_SECONDS + "; HttpOnly; SameSite=Strict";
    }

    private byte[] mac(String id) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal(id.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
