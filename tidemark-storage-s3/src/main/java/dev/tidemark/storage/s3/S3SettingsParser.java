package dev.tidemark.storage.s3;

import dev.tidemark.env.Environment;
import dev.tidemark.env.Secret;
import dev.tidemark.env.Setting;
import dev.tidemark.storage.ObjectNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code SNAPSHOTS_STORAGE_S3_*} variables of docs/CONFIGURATION.md (each falls back to the name without
 * {@code SNAPSHOTS_}, and to the AWS SDK's own variables for region and credentials). Messages never echo a URL:
 * it may hold credentials.
 */
final class S3SettingsParser {
    static final String AUTO_REGION = "auto";
    private static final String S3_URL_HINT = "use https://endpoint/?bucket=B&prefix=P&region=R, with user:pass@ before "
            + "the host for credentials (percent-encoded)";
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,40}");

    private final Environment env;

    S3SettingsParser(Environment env) {
        this.env = env;
    }

    S3StorageSettings parse() {
        Optional<Setting> url = env.storage("S3_URL");
        Optional<Setting> bucketVariable = env.storage("S3_BUCKET");
        Optional<Setting> endpointVariable = env.storage("S3_ENDPOINT");
        Optional<URI> endpoint = Optional.empty();
        String bucket = null;
        String prefix = "";
        String region = null;
        Secret urlUser = null;
        Secret urlPassword = null;
        if (url.isPresent()) {
            for (Optional<Setting> separate : List.of(bucketVariable, endpointVariable)) {
                if (separate.isPresent()) {
                    throw Environment.error(separate.get().variable(), "is set together with " + url.get().variable(),
                            "set either the URL or the separate variables");
                }
            }
            Setting setting = url.get();
            URI uri = parseUrl(setting);
            Map<String, String> query = query(setting, uri.getRawQuery());
            endpoint = endpointOf(uri);
            bucket = query.get("bucket");
            String path = uri.getRawPath() == null ? "" : decode(setting, uri.getRawPath());
            String pathWithoutSlashes = ObjectNames.trimSlashes(path);
            if (bucket == null && !pathWithoutSlashes.isEmpty()) {
                int slash = pathWithoutSlashes.indexOf('/');
                bucket = slash < 0 ? pathWithoutSlashes : pathWithoutSlashes.substring(0, slash);
                prefix = slash < 0 ? "" : pathWithoutSlashes.substring(slash + 1);
            } else if (!pathWithoutSlashes.isEmpty()) {
                throw Environment.error(setting.variable(), "has both a path and a bucket parameter", S3_URL_HINT);
            }
            if (bucket == null) {
                throw Environment.error(setting.variable(), "names no bucket", S3_URL_HINT);
            }
            prefix = query.getOrDefault("prefix", prefix);
            region = query.get("region");
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                    throw Environment.error(setting.variable(), "has credentials without both access key id and secret",
                            "write them as ACCESS_KEY_ID:SECRET_ACCESS_KEY@ before the host, percent-encoded");
                }
                urlUser = Secret.of(decode(setting, parts[0]));
                urlPassword = Secret.of(decode(setting, parts[1]));
            }
            validateBucket(setting.variable(), bucket);
            prefix = ObjectNames.prefixSetting(setting.variable(), prefix);
        } else {
            if (bucketVariable.isEmpty()) {
                throw Environment.error("SNAPSHOTS_STORAGE_S3_BUCKET", "not set (SNAPSHOTS_STORAGE_PROVIDER is s3)",
                        "set SNAPSHOTS_STORAGE_S3_URL, or SNAPSHOTS_STORAGE_S3_BUCKET and the other S3 variables");
            }
            bucket = bucketVariable.get().value().strip();
            validateBucket(bucketVariable.get().variable(), bucket);
            if (endpointVariable.isPresent()) {
                endpoint = endpointOf(parseUrl(endpointVariable.get()));
            }
            Optional<Setting> prefixVariable = env.storage("S3_PREFIX");
            if (prefixVariable.isPresent()) {
                prefix = ObjectNames.prefixSetting(prefixVariable.get().variable(), prefixVariable.get().value().strip());
            }
        }
        region = region != null ? region : env.storage("S3_REGION").or(() -> env.read("AWS_REGION"))
                .map(s -> s.value().strip()).orElse(endpoint.isPresent() ? AUTO_REGION : null);
        if (region == null) {
            throw Environment.error("SNAPSHOTS_STORAGE_S3_REGION", "not set for an AWS bucket",
                    "set the bucket's region, e.g. eu-central-1 (or region= in SNAPSHOTS_STORAGE_S3_URL, or AWS_REGION)");
        }
        if (!REGION.matcher(region).matches()) {
            throw Environment.error("SNAPSHOTS_STORAGE_S3_REGION", "'" + region.replaceAll("\\p{Cntrl}", "?") + "' is not a region",
                    "use e.g. eu-central-1, or auto for S3-compatible services");
        }
        Optional<Secret> keyId = Optional.ofNullable(urlUser);
        Optional<Secret> secret = Optional.ofNullable(urlPassword);
        if (keyId.isEmpty()) {
            keyId = credential("SNAPSHOTS_STORAGE_S3_ACCESS_KEY_ID", env.storage("S3_ACCESS_KEY_ID"), "AWS_ACCESS_KEY_ID");
            secret = credential("SNAPSHOTS_STORAGE_S3_SECRET_ACCESS_KEY", env.storage("S3_SECRET_ACCESS_KEY"),
                    "AWS_SECRET_ACCESS_KEY");
            if (keyId.isPresent() != secret.isPresent()) {
                String missing = keyId.isPresent() ? "SNAPSHOTS_STORAGE_S3_SECRET_ACCESS_KEY" : "SNAPSHOTS_STORAGE_S3_ACCESS_KEY_ID";
                throw Environment.error(missing, "not set, but its counterpart is", "set both the access key id and the secret access key");
            }
        }
        return new S3StorageSettings(endpoint, bucket, prefix, region, keyId, secret);
    }

    private Optional<Secret> credential(String name, Optional<Setting> setting, String awsName) {
        Optional<Setting> chosen = setting.or(() -> env.read(awsName));
        chosen.ifPresent(s -> {
            if (s.value().strip().isEmpty() || Pattern.compile("\\p{Cntrl}").matcher(s.value().strip()).find()) {
                throw Environment.error(s.variable(), "contains a line break or control character", "remove it");
            }
        });
        return chosen.map(s -> Secret.of(s.value().strip()));
    }

    private static URI parseUrl(Setting setting) {
        try {
            URI uri = new URI(setting.value().strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw Environment.error(setting.variable(), "not an http:// or https:// URL", S3_URL_HINT);
            }
            if (uri.getHost() == null) {
                throw Environment.error(setting.variable(), "the URL has no host", S3_URL_HINT);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw Environment.error(setting.variable(), "not a valid URL", S3_URL_HINT);
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
                throw Environment.error(setting.variable(), "unknown parameter '" + key.replaceAll("[^A-Za-z0-9_-]", "?") + "'",
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
            throw Environment.error(setting.variable(), "has an invalid percent-encoding", S3_URL_HINT);
        }
    }

    private static void validateBucket(String variable, String bucket) {
        if (!BUCKET.matcher(bucket).matches()) {
            throw Environment.error(variable, "'" + bucket.replaceAll("[^\\x20-\\x7e]", "?") + "' is not a bucket name",
                    "use 3–255 letters, digits, '.', '-' or '_'");
        }
    }
}
