package dev.tidemark.server.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.files.FileReplacement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys for scripts, kept in {@code DATA_DIR/server/api-keys.json} as SHA-256 hashes only: a key
 * is 256 random bits, so a fast hash is as safe as a slow one and keeps every request cheap. The file
 * is read on every check, so keys created or revoked with the CLI take effect on a running server.
 */
public final class ApiKeyStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String KEY_PREFIX = "tmk_";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    /** One stored key: its name, the hex SHA-256 of the key, and when it was created (ISO-8601). */
    public record StoredKey(String name, String sha256, String createdAt) {
    }

    public ApiKeyStore(Path dataDir) {
        this.file = dataDir.resolve("server").resolve("api-keys.json");
    }

    /**
     * Creates a key named {@code name} and returns it; only its hash is stored.
     *
     * @throws TidemarkException USAGE for an invalid name, TARGET_CONFLICT when the name is taken
     */
    public synchronized String create(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new TidemarkException(ErrorKind.USAGE, "invalid API key name '" + name + "'",
                    "use 1–64 letters, digits, '.', '_' or '-'");
        }
        List<StoredKey> keys = new ArrayList<>(read());
        if (keys.stream().anyMatch(key -> key.name().equals(name))) {
            throw new TidemarkException(ErrorKind.TARGET_CONFLICT, "an API key named '" + name + "' already exists",
                    "revoke it first or choose another name");
        }
        String key = KEY_PREFIX + PasswordHasher.randomToken(32);
        keys.add(new StoredKey(name, sha256(key), Instant.now().toString()));
        write(keys);
        return key;
    }

    /**
     * Revokes the key named {@code name}.
     *
     * @throws TidemarkException NOT_FOUND when there is no such key
     */
    public synchronized void revoke(String name) {
        List<StoredKey> keys = new ArrayList<>(read());
        if (!keys.removeIf(key -> key.name().equals(name))) {
            throw new TidemarkException(ErrorKind.NOT_FOUND, "no API key named '" + name + "'",
                    "list the keys with 'tidemark apikey list'");
        }
        write(keys);
    }

    /** The stored keys (names and creation times; hashes only). */
    public synchronized List<StoredKey> list() {
        return read();
    }

    /** The name of the key {@code presented}, if it is a valid key. */
    public Optional<String> check(String presented) {
        if (presented == null || !presented.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        byte[] candidate = sha256(presented).getBytes(StandardCharsets.US_ASCII);
        List<StoredKey> keys;
        synchronized (this) {
            keys = read();
        }
        for (StoredKey key : keys) {
            if (MessageDigest.isEqual(candidate, key.sha256().getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(key.name());
            }
        }
        return Optional.empty();
    }

    private List<StoredKey> read() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<StoredKey>>() { });
        } catch (IOException e) {
            throw new TidemarkException(ErrorKind.STORAGE, "cannot read the API keys in " + file + ": "
                    + e.getMessage(), "check the file or remove it to start without keys");
        }
    }

    private void write(List<StoredKey> keys) {
        try {
            FileReplacement.write(file, out -> JSON.writeValue(out, keys));
        } catch (IOException e) {
            throw new TidemarkException(ErrorKind.STORAGE, "cannot store the API keys in " + file + ": "
                    + TidemarkException.reasonOf(e), "check that DATA_DIR is writable and has free space; the keys are unchanged");
        }
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
