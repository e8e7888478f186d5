package dev.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidemark.dialect.sqlite.SqliteTestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tidemark keygen} and encrypted snapshots as a user drives them from the command line. */
class EncryptionCliTest {
    private static final String KEY_FILE_FORMAT = "# created: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n"
            + "# public key: (age1[02-9ac-hj-np-z]{58})\n(AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58})\n";

    @TempDir
    Path dir;
    Path app;

    @BeforeEach
    void createApplicationDatabase() throws Exception {
        app = dir.resolve("app.db");
        SqliteTestDb.exec(app, "CREATE TABLE secrets (id INTEGER PRIMARY KEY, value TEXT, amount NUMERIC(10,2))",
                "INSERT INTO secrets VALUES (1, 'alpha', 1.50), (2, NULL, NULL), (3, '', -0.01)");
    }

    private CliRunner cli() {
        return new CliRunner().env("DATA_DIR", dir.resolve("data").toString()).env("DATABASE_URL", "sqlite:" + app);
    }

    @Test
    void keygenPrintsAKeyPairInAgeKeygenFormat() {
        var result = cli().run("keygen");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).matches(KEY_FILE_FORMAT);
        assertThat(cli().run("keygen").out()).isNotEqualTo(result.out());
    }

    @Test
    void keygenWritesAnOwnerOnlyFileAndNeverOverwritesIt() throws Exception {
        Path keyFile = dir.resolve("key.txt");
        var result = cli().run("keygen", "-o", keyFile.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEmpty();
        String content = Files.readString(keyFile);
        assertThat(content).matches(KEY_FILE_FORMAT);
        assertThat(result.err().strip()).isEqualTo("Public key: " + publicKeyIn(content));
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        var again = cli().run("keygen", "-o", keyFile.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists").hasLineCount(1);
        assertThat(Files.readString(keyFile)).isEqualTo(content);
    }

    @Test
    void encryptedSnapshotsNeedTheSecretKeyToRestore() throws Exception {
        Path keyFile = dir.resolve("key.txt");
        assertThat(cli().run("keygen", "-o", keyFile.toString()).exitCode()).isZero();
        String keyFileContent = Files.readString(keyFile);
        String publicKey = publicKeyIn(keyFileContent);
        String secretKey = keyFileContent.lines().filter(l -> l.startsWith("AGE-SECRET-KEY-")).findFirst().orElseThrow();
        CliRunner writer = cli().env("SNAPSHOTS_AGE_PUBLIC_KEY", publicKey);
        CliRunner reader = cli().env("SNAPSHOTS_AGE_SECRET_KEY_FILE", keyFile.toString());

        var created = writer.run("snapshot", "create");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String id = created.lastLine();
        assertThat(created.err()).contains("snapshot stored: encrypted to " + publicKey).doesNotContain("null");

        var list = writer.run("snapshot", "list");
        assertThat(list.out()).contains(id).contains(publicKey.substring(0, 8)).doesNotContain("secrets");
        var show = writer.run("snapshot", "show", id);
        assertThat(show.out()).contains("encrypted: yes").contains("recipient: " + publicKey)
                .contains("readable:  no (SNAPSHOTS_AGE_SECRET_KEY is not set)").contains("tables:    -");
        JsonNode json = new ObjectMapper().readTree(writer.run("snapshot", "show", id, "--json").out());
        assertThat(json.get("recipients").get(0).asText()).isEqualTo(publicKey);
        assertThat(json.get("tables").isNull()).isTrue();
        assertThat(json.get("archive").asText()).endsWith(".tar.zst.age");

        Path target = dir.resolve("target.db");
        var refused = writer.run("snapshot", "restore", id, "--target", "sqlite:" + target, "--yes");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(14);
        assertThat(refused.err()).contains("SNAPSHOTS_AGE_SECRET_KEY").hasLineCount(1);
        assertThat(target).doesNotExist();

        assertThat(reader.run("snapshot", "show", id).out()).contains("readable:  yes");
        var verify = reader.run("snapshot", "verify", id);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        var restored = reader.run("snapshot", "restore", id, "--target", "sqlite:" + target, "--yes");
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        assertThat(SqliteTestDb.exactRows(target, "secrets")).isEqualTo(SqliteTestDb.exactRows(app, "secrets"));

        Path encryptedFile = dir.resolve("snap.tar.zst.age");
        assertThat(writer.run("snapshot", "download", id, "-o", encryptedFile.toString()).exitCode()).isZero();
        assertThat(Files.readString(encryptedFile, java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("age-encryption.org/v1\n");
        Path refusedFile = dir.resolve("refused.tar.zst");
        var downloadRefused = writer.run("snapshot", "download", id, "--decrypt", "-o", refusedFile.toString());
        assertThat(downloadRefused.exitCode()).as(downloadRefused.toString()).isEqualTo(14);
        assertThat(refusedFile).doesNotExist();
        assertThat(dir.resolve("refused.tar.zst.partial")).doesNotExist();
        Path decryptedFile = dir.resolve("snap.tar.zst");
        var decrypted = reader.run("snapshot", "download", id, "--decrypt", "-o", decryptedFile.toString());
        assertThat(decrypted.exitCode()).as(decrypted.toString()).isZero();
        byte[] zstdMagic = {(byte) 0x28, (byte) 0xB5, (byte) 0x2F, (byte) 0xFD};
        assertThat(java.util.Arrays.copyOf(Files.readAllBytes(decryptedFile), 4)).isEqualTo(zstdMagic);

        for (var result : List.of(created, list, show, refused, verify, restored, downloadRefused, decrypted)) {
            assertThat(result.out() + result.err()).doesNotContain(secretKey);
        }
    }

    @Test
    void aMalformedKeyIsRejectedNamingTheVariableWithoutEchoingIt() {
        String publicKey = publicKeyIn(cli().run("keygen").out());
        String damaged = publicKey.substring(0, publicKey.length() - 1) + (publicKey.endsWith("q") ? "p" : "q");
        var result = cli().env("SNAPSHOTS_AGE_PUBLIC_KEY", damaged).run("snapshot", "create");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).startsWith("error: SNAPSHOTS_AGE_PUBLIC_KEY").doesNotContain(damaged).hasLineCount(1);
    }

    private static String publicKeyIn(String keyFile) {
        return keyFile.lines().filter(l -> l.startsWith("# public key: ")).findFirst().orElseThrow()
                .substring("# public key: ".length());
    }
}
