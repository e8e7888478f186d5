package dev.tidemark.storage.azure;

import dev.tidemark.env.Environment;
import dev.tidemark.env.Secret;
import dev.tidemark.env.Setting;
import dev.tidemark.storage.ObjectNames;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code SNAPSHOTS_STORAGE_AZURE_*} variables of docs/CONFIGURATION.md (each falls back to the name without
 * {@code SNAPSHOTS_}). Messages never echo the connection string: it holds the account key or a SAS.
 */
final class AzureSettingsParser {
    private static final Pattern CONTAINER = Pattern.compile("\\$root|[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");

    private final Environment env;

    AzureSettingsParser(Environment env) {
        this.env = env;
    }

    AzureStorageSettings parse() {
        Setting container = env.storage("AZURE_CONTAINER").orElseThrow(() -> Environment.error("SNAPSHOTS_STORAGE_AZURE_CONTAINER",
                "not set (SNAPSHOTS_STORAGE_PROVIDER is azure)", "set the name of the blob container for snapshots"));
        String name = container.value().strip();
        if (!CONTAINER.matcher(name).matches()) {
            throw Environment.error(container.variable(), "'" + name.replaceAll("\\p{Cntrl}", "?") + "' is not a container name",
                    "use 3–63 lower-case letters, digits and single hyphens");
        }
        Setting connection = env.storage("AZURE_CONNECTION_STRING").orElseThrow(() -> Environment.error(
                "SNAPSHOTS_STORAGE_AZURE_CONNECTION_STRING", "not set (SNAPSHOTS_STORAGE_PROVIDER is azure)",
                "copy the connection string (account key or SAS) from the storage account's access keys"));
        String value = connection.value().strip();
        Map<String, String> fields = new HashMap<>();
        for (String field : value.split(";")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(field.substring(0, equals).strip().toLowerCase(Locale.ROOT), field.substring(equals + 1));
            } else if (!field.isBlank()) {
                throw Environment.error(connection.variable(), "not a connection string of Name=value fields separated by ';'",
                        "copy it unchanged from the storage account's access keys or SAS page");
            }
        }
        boolean development = "true".equalsIgnoreCase(fields.get("usedevelopmentstorage"));
        boolean hasCredential = fields.containsKey("accountkey") || fields.containsKey("sharedaccesssignature");
        boolean hasAccount = fields.containsKey("accountname") || fields.containsKey("blobendpoint");
        if (!development && !(hasCredential && hasAccount)) {
            throw Environment.error(connection.variable(), "needs AccountName and AccountKey, or BlobEndpoint and SharedAccessSignature",
                    "copy it unchanged from the storage account's access keys or SAS page");
        }
        String prefix = env.storage("AZURE_PREFIX").map(s -> ObjectNames.prefixSetting(s.variable(), s.stripped())).orElse("");
        return new AzureStorageSettings(name, Secret.of(value), prefix);
    }
}
