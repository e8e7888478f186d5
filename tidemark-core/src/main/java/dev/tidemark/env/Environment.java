package dev.tidemark.env;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration variables Tidemark reads, each either directly ({@code NAME=value}) or from a file
 * ({@code NAME_FILE=/path}, as Docker and Kubernetes provide secrets). Empty or blank values count as unset.
 * Every error names the variable the user set and never contains a value read for it. Storage providers and
 * other modules read their own variables through it, so these rules hold for every variable alike.
 */
public final class Environment {
    static final String FILE_SUFFIX = "_FILE";
    private static final String SNAPSHOTS_PREFIX = "SNAPSHOTS_";
    private static final long MAX_FILE_SIZE = 1 << 20;

    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** The value of {@code name} or of {@code name_FILE}; empty when neither is set. */
    public Optional<Setting> read(String name) {
        String direct = nonEmpty(variables.get(name));
        String file = nonEmpty(variables.get(name + FILE_SUFFIX));
        if (direct != null && file != null) {
            throw error(name, "both " + name + " and " + name + FILE_SUFFIX + " are set", "set only one of them");
        }
        if (file != null) {
            return Optional.of(new Setting(name + FILE_SUFFIX, readFile(name + FILE_SUFFIX, file)));
        }
        return Optional.ofNullable(direct).map(value -> new Setting(name, value));
    }

    /** The value of {@code name}, else of {@code fallback} (each also as {@code _FILE}). */
    public Optional<Setting> read(String name, String fallback) {
        return read(name).or(() -> read(fallback));
    }

    /**
     * A storage setting: {@code SNAPSHOTS_STORAGE_<suffix>}, else {@code STORAGE_<suffix>} (docs/CONFIGURATION.md:
     * each {@code SNAPSHOTS_STORAGE_*} variable falls back to the name without {@code SNAPSHOTS_}).
     */
    public Optional<Setting> storage(String suffix) {
        String name = "STORAGE_" + suffix;
        return read(SNAPSHOTS_PREFIX + name, name);
    }

    /** The CONFIG error every configuration check raises: {@code "<VARIABLE>: <problem>"} with a hint. */
    public static TidemarkException error(String variable, String problem, String hint) {
        return new TidemarkException(ErrorKind.CONFIG, variable + ": " + problem, hint);
    }

    private static String readFile(String variable, String location) {
        String content;
        try {
            Path path = Path.of(location);
            if (Files.isDirectory(path)) {
                throw error(variable, "cannot read " + location + ": it is a folder", "point it at the file holding the value");
            }
            if (Files.size(path) > MAX_FILE_SIZE) {
                throw error(variable, location + " is larger than 1 MiB", "point it at the file holding only the value");
            }
            content = Files.readString(path);
        } catch (InvalidPathException e) {
            throw error(variable, "not a valid file path", "point it at the file holding the value");
        } catch (NoSuchFileException e) {
            throw error(variable, "cannot read " + location + ": no such file", "point it at the file holding the value");
        } catch (AccessDeniedException e) {
            throw error(variable, "cannot read " + location + ": permission denied", "make the file readable by this user");
        } catch (CharacterCodingException e) {
            throw error(variable, location + " is not UTF-8 text", "store the value as UTF-8 text");
        } catch (IOException e) {
            throw error(variable, "cannot read " + location + ": " + e.getClass().getSimpleName(),
                    "point it at a readable file holding the value");
        }
        String value = stripTrailingLineBreaks(content);
        if (value.isEmpty()) {
            throw error(variable, location + " is empty", "write the value into the file, or unset " + variable);
        }
        return value;
    }

    private static String stripTrailingLineBreaks(String content) {
        int end = content.length();
        while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
            end--;
        }
        return content.substring(0, end);
    }

    private static String nonEmpty(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
