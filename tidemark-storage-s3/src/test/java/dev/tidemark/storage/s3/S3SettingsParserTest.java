package dev.tidemark.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.env.Environment;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 provider's variables, read through the provider registry as the configuration reads them. */
class S3SettingsParserTest {
    @TempDir
    Path temp;

    @Test
    void s3UrlGivesEndpointBucketPrefixRegionAndCredentials() {
        S3StorageSettings s3 = s3(Map.of("SNAPSHOTS_STORAGE_S3_URL",
                "http://AKID:se%2Fcr%2Bet@127.0.0.1:9000/?bucket=backups&prefix=/tidemark/prod/&region=eu-west-1"));

        assertThat(s3.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(s3.bucket()).isEqualTo("backups");
        assertThat(s3.prefix()).isEqualTo("tidemark/prod/");
        assertThat(s3.region()).isEqualTo("eu-west-1");
        assertThat(s3.accessKeyId().orElseThrow().reveal()).isEqualTo("AKID");
        assertThat(s3.secretAccessKey().orElseThrow().reveal()).isEqualTo("se/cr+et");
        assertThat(s3.toString()).doesNotContain("AKID").doesNotContain("se/cr+et").contains("backups");
    }

    @Test
    void awsEndpointsAreLeftToTheSdkAndCustomOnesDefaultToRegionAuto() {
        S3StorageSettings aws = s3(Map.of("SNAPSHOTS_STORAGE_S3_URL", "https://s3.amazonaws.com/?bucket=b1b&region=us-east-2"));
        assertThat(aws.endpoint()).isEmpty();
        assertThat(aws.accessKeyId()).isEmpty();

        S3StorageSettings r2 = s3(Map.of("STORAGE_S3_URL", "https://acct.r2.cloudflarestorage.com/bucket-x/snap"));
        assertThat(r2.endpoint()).contains(URI.create("https://acct.r2.cloudflarestorage.com"));
        assertThat(r2.bucket()).isEqualTo("bucket-x");
        assertThat(r2.prefix()).isEqualTo("snap/");
        assertThat(r2.region()).isEqualTo("auto");
    }

    @Test
    void separateVariablesAndAwsFallbacksIncludingFiles() throws Exception {
        Path secretFile = temp.resolve("secret");
        Files.writeString(secretFile, "from-file\n");
        S3StorageSettings s3 = s3(Map.of(
                "SNAPSHOTS_STORAGE_S3_BUCKET", "bkt",
                "STORAGE_S3_ENDPOINT", "http://minio:9000",
                "AWS_ACCESS_KEY_ID", "id",
                "SNAPSHOTS_STORAGE_S3_SECRET_ACCESS_KEY_FILE", secretFile.toString(),
                "AWS_REGION", "us-east-1"));

        assertThat(s3.endpoint()).contains(URI.create("http://minio:9000"));
        assertThat(s3.bucket()).isEqualTo("bkt");
        assertThat(s3.prefix()).isEmpty();
        assertThat(s3.region()).isEqualTo("us-east-1");
        assertThat(s3.accessKeyId().orElseThrow().reveal()).isEqualTo("id");
        assertThat(s3.secretAccessKey().orElseThrow().reveal()).isEqualTo("from-file");
    }

    @Test
    void s3MistakesAreNamedWithoutEchoingSecrets() {
        assertError(Map.of(), "SNAPSHOTS_STORAGE_S3_BUCKET: not set (SNAPSHOTS_STORAGE_PROVIDER is s3)");
        assertError(Map.of("SNAPSHOTS_STORAGE_S3_URL", "ftp://k:hunter2@host/?bucket=b"),
                "SNAPSHOTS_STORAGE_S3_URL: not an http:// or https:// URL");
        assertError(Map.of("SNAPSHOTS_STORAGE_S3_URL", "http://k:hunter2@host/"), "SNAPSHOTS_STORAGE_S3_URL: names no bucket");
        assertError(Map.of("SNAPSHOTS_STORAGE_S3_URL", "http://k:hunter2@host/?bucket=b&secret=x"),
                "SNAPSHOTS_STORAGE_S3_URL: unknown parameter 'secret'");
        assertError(Map.of("SNAPSHOTS_STORAGE_S3_URL", "http://hunter2@host/?bucket=bkt"),
                "SNAPSHOTS_STORAGE_S3_URL: has credentials without both access key id and secret");
        assertError(Map.of("SNAPSHOTS_STORAGE_S3_URL", "http://host/?bucket=bkt", "SNAPSHOTS_STORAGE_S3_BUCKET", "bkt"),
                "SNAPSHOTS_STORAGE_S3_BUCKET: is set together with SNAPSHOTS_STORAGE_S3_URL");
        assertError(Map.of("SNAPSHOTS_STORAGE_S3_URL", "https://s3.amazonaws.com/?bucket=bkt"),
                "SNAPSHOTS_STORAGE_S3_REGION: not set for an AWS bucket");
        assertError(Map.of("SNAPSHOTS_STORAGE_S3_URL", "http://host/?bucket=bkt&prefix=../up"),
                "SNAPSHOTS_STORAGE_S3_URL: the prefix '../up' is not valid");
        assertError(Map.of("SNAPSHOTS_STORAGE_S3_BUCKET", "bkt", "SNAPSHOTS_STORAGE_S3_ENDPOINT", "http://h",
                "AWS_SECRET_ACCESS_KEY", "hunter2"), "SNAPSHOTS_STORAGE_S3_ACCESS_KEY_ID: not set, but its counterpart is");
    }

    private S3StorageSettings s3(Map<String, String> env) {
        Map<String, String> withProvider = new HashMap<>(env);
        withProvider.put("SNAPSHOTS_STORAGE_PROVIDER", "s3");
        return (S3StorageSettings) dev.tidemark.storage.SnapshotStorages.parse(new Environment(withProvider), temp);
    }

    private void assertError(Map<String, String> env, String message) {
        assertThatThrownBy(() -> s3(env)).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
            assertThat(e.getMessage()).isEqualTo(message).doesNotContain("hunter2");
        });
    }
}
