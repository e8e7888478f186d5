package dev.tidemark.config;

import static dev.tidemark.config.EnvironmentReader.error;

import dev.tidemark.config.EnvironmentReader.Setting;
import dev.tidemark.storage.ObjectNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The S3 and Azure variables of docs/CONFIGURATION.md. Each {@code SNAPSHOTS_STORAGE_*} variable falls
 * back to the name without {@code SNAPSHOTS_}. Messages never echo a URL or connection string: either
 * may hold a secret.
 */
final class StorageSettingsParser {
    static final String AUTO_REGION = "auto";
    private static final String S3_URL_HINT = "use https://endpoint/?bucket=B&prefix=P&region=R, with user:pass@ before "
            + "the host for credentials (percent-encoded)";
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,40}");
    private static final Pattern CONTAINER = Pattern.compile("\\$root|[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");

    private final EnvironmentReader env;

    StorageSettingsParser(EnvironmentReader env) {
        this.env = env;
    }

    S3StorageSettings s3() {
        Optional<Setting> url = storage("S3_URL");
        Optional<Setting> bucketVariable = storage("S3_BUCKET");
        Optional<Setting> endpointVariable = storage("S3_ENDPOINT");
        Optional<URI> endpoint = Optional.empty();
        String bucket = null;
        String prefix = "";
        String region = null;
        Secret urlUser = null;
        Secret urlPassword = null;
        if (url.isPresent()) {
            for (Optional<Setting> separate : java.util.List.of(bucketVariable, endpointVariable)) {
                if (separate.isPresent()) {
                    throw error(separate.get().variable(), "is set together with " + url.get().variable(),
                            "set either the URL or the separate variables");
                }
            }
            Setting setting = url.get();
            URI uri = parseUrl(setting);
            Map<String, String> query = query(setting, uri.getRawQuery());
            endpoint = endpointOf(uri);
            bucket = query.get("bucket");
            String path = uri.getRawPath() == null ? "" : decode(setting, uri.getRawPath());
            String pathWithoutSlashes = trimSlashes(path);
            if (bucket == null && !pathWithoutSlashes.isEmpty()) {
                int slash = pathWithoutSlashes.indexOf('/');
                bucket = slash < 0 ? pathWithoutSlashes : pathWithoutSlashes.substring(0, slash);
                prefix = slash < 0 ? "" : pathWithoutSlashes.substring(slash + 1);
            } else if (!pathWithoutSlashes.isEmpty()) {
                throw error(setting.variable(), "has both a path and a bucket parameter", S3_URL_HINT);
            }
            if (bucket == null) {
                throw error(setting.variable(), "names no bucket", S3_URL_HINT);
            }
            prefix = query.getOrDefault("prefix", prefix);
            region = query.get("region");
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                    throw error(setting.variable(), "has credentials without both access key id and secret",
                            "write them as ACCESS_KEY_ID:SECRET_ACCESS_KEY@ before the host, percent-encoded");
                }
                urlUser = Secret.of(decode(setting, parts[0]));
                urlPassword = Secret.of(decode(setting, parts[1]));
            }
            validateBucket(setting.variable(), bucket);
            prefix = prefix(setting.variable(), prefix);
        } else {
            if (bucketVariable.isEmpty()) {
                throw error("SNAPSHOTS_STORAGE_S3_BUCKET", "not set (SNAPSHOTS_STORAGE_PROVIDER is s3)",
                        "set SNAPSHOTS_STORAGE_S3_URL, or SNAPSHOTS_STORAGE_S3_BUCKET and the other S3 variables");
            }
            bucket = bucketVariable.get().value().strip();
            validateBucket(bucketVariable.get().variable(), bucket);
            if (endpointVariable.isPresent()) {
                endpoint = endpointOf(parseUrl(endpointVariable.get()));
            }
            Optional<Setting> prefixVariable = storage("S3_PREFIX");
            if (prefixVariable.isPresent()) {
                prefix = prefix(prefixVariable.get().variable(), prefixVariable.get().value().strip());
            }
        }
        region = region != null ? region : storage("S3_REGION").or(() -> env.read("AWS_REGION"))
                .map(s -> s.value().strip()).orElse(endpoint.isPresent() ? AUTO_REGION : null);
        if (region == null) {
            throw error("SNAPSHOTS_STORAGE_S3_REGION", "not set for an AWS bucket",
                    "set the bucket's region, e.g. eu-central-1 (or region= in SNAPSHOTS_STORAGE_S3_URL, or AWS_REGION)");
        }
        if (!REGION.matcher(region).matches()) {
            throw error("SNAPSHOTS_STORAGE_S3_REGION", "'" + region.replaceAll("\\p{Cntrl}", "?") + "' is not a region",
                    "use e.g. eu-central-1, or auto for S3-compatible services");
        }
        Optional<Secret> keyId = Optional.ofNullable(urlUser);
        Optional<Secret> secret = Optional.ofNullable(urlPassword);
        if (keyId.isEmpty()) {
            keyId = credential("SNAPSHOTS_STORAGE_S3_ACCESS_KEY_ID", storage("S3_ACCESS_KEY_ID"), "AWS_ACCESS_KEY_ID");
            secret = credential("SNAPSHOTS_STORAGE_S3_SECRET_ACCESS_KEY", storage("S3_SECRET_ACCESS_KEY"),
                    "AWS_SECRET_ACCESS_KEY");
            if (keyId.isPresent() != secret.isPresent()) {
                String missing = keyId.isPresent() ? "SNAPSHOTS_STORAGE_S3_SECRET_ACCESS_KEY" : "SNAPSHOTS_STORAGE_S3_ACCESS_KEY_ID";
                throw error(missing, "not set, but its counterpart is", "set both the access key id and the secret access key");
            }
        }
        return new S3StorageSettings(endpoint, bucket, prefix, region, keyId, secret);
    }

    AzureStorageSettings azure() {
        Setting container = storage("AZURE_CONTAINER").orElseThrow(() -> error("SNAPSHOTS_STORAGE_AZURE_CONTAINER",
                "not set (SNAPSHOTS_STORAGE_PROVIDER is azure)", "set the name of the blob container for snapshots"));
        String name = container.value().strip();
        if (!CONTAINER.matcher(name).matches()) {
            throw error(container.variable(), "'" + name.replaceAll("\\p{Cntrl}", "?") + "' is not a container name",
                    "use 3–63 lower-case letters, digits and single hyphens");
        }
        Setting connection = storage("AZURE_CONNECTION_STRING").orElseThrow(() -> error(
                "SNAPSHOTS_STORAGE_AZURE_CONNECTION_STRING", "not set (SNAPSHOTS_STORAGE_PROVIDER is azure)",
                "copy the connection string (account key or SAS) from the storage account's access keys"));
        String value = connection.value().strip();
        Map<String, String> fields = new HashMap<>();
        for (String field : value.split(";")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(field.substring(0, equals).strip().toLowerCase(Locale.ROOT), field.substring(equals + 1));
            } else if (!field.isBlank()) {
                throw error(connection.variable(), "not a connection string of Name=value fields separated by ';'",
                        "copy it unchanged from the storage account's access keys or SAS page");
            }
        }
        boolean development = "true".equalsIgnoreCase(fields.get("usedevelopmentstorage"));
        boolean hasCredential = fields.containsKey("accountkey") || fields.containsKey("sharedaccesssignature");
        boolean hasAccount = fields.containsKey("accountname") || fields.containsKey("blobendpoint");
        if (!development && !(hasCredential && hasAccount)) {
            throw error(connection.variable(), "needs AccountName and AccountKey, or BlobEndpoint and SharedAccessSignature",
                    "copy it unchanged from the storage account's access keys or SAS page");
        }
        String prefix = storage("AZURE_PREFIX").map(s -> prefix(s.variable(), s.value().strip())).orElse("");
        return new AzureStorageSettings(name, Secret.of(value), prefix);
    }

    private Optional<Setting> storage(String suffix) {
        return env.read("SNAPSHOTS_STORAGE_" + suffix, "STORAGE_" + suffix);
    }

    private Optional<Secret> credential(String name, Optional<Setting> setting, String awsName) {
        Optional<Setting> chosen = setting.or(() -> env.read(awsName));
        chosen.ifPresent(s -> {
            if (s.value().strip().isEmpty() || Pattern.compile("\\p{Cntrl}").matcher(s.value().strip()).find()) {
                throw error(s.variable(), "contains a line break or control character", "remove it");
            }
        });
        return chosen.map(s -> Secret.of(s.value().strip()));
    }

    private static URI parseUrl(Setting setting) {
        try {
            URI uri = new URI(setting.value().strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw error(setting.variable(), "not an http:// or https:// URL", S3_URL_HINT);
            }
            if (uri.getHost() == null) {
                throw error(setting.variable(), "the URL has no host", S3_URL_HINT);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw error(setting.variable(), "not a valid URL", S3_URL_HINT);
        }
    }

    /** The endpoint to send requests to; empty for AWS's own, which the SDK derives from the region. */
    private static Optional<URI> endpointOf(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("amazonaws.com") || host.endsWith(".amazonaws.com")) {
            return Optional.empty();
        }
        return Optional.of(URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort())));
    }

    private static Map<String, String> query(Setting setting, String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(setting, equals < 0 ? pair : pair.substring(0, equals)).toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : decode(setting, pair.substring(equals + 1));
            if (!key.equals("bucket") && !key.equals("prefix") && !key.equals("region")) {
                throw error(setting.variable(), "unknown parameter '" + key.replaceAll("[^A-Za-z0-9_-]", "?") + "'",
                        "use bucket, prefix and region");
            }
            parameters.put(key, value.strip());
        }
        return parameters;
    }

    private static String decode(Setting setting, String encoded) {
        try {
            return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw error(setting.variable(), "has an invalid percent-encoding", S3_URL_HINT);
        }
    }

    private static void validateBucket(String variable, String bucket) {
        if (!BUCKET.matcher(bucket).matches()) {
            throw error(variable, "'" + bucket.replaceAll("[^\\x20-\\x7e]", "?") + "' is not a bucket name",
                    "use 3–255 letters, digits, '.', '-' or '_'");
        }
    }

    /** The prefix as stored: without leading or trailing slashes, then followed by one {@code /}. */
    private static String prefix(String variable, String prefix) {
        String trimmed = trimSlashes(prefix);
        if (trimmed.isEmpty()) {
            return "";
        }
        try {
            return ObjectNames.requireValidPrefix(trimmed + "/");
        } catch (IllegalArgumentException e) {
            throw error(variable, "the prefix '" + trimmed.replaceAll("[^\\x20-\\x7e]", "?") + "' is not valid",
                    "use segments of letters, digits, '.', '_' and '-' separated by '/'");
        }
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
