package dev.tidemark.env;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void hidesThePasswordOfTheUserInfo() {
        assertThat(Redaction.url("postgresql://app:s3cret@db.example.com:5432/main"))
                .isEqualTo("postgresql://app:***@db.example.com:5432/main");
    }

    @Test
    void hidesPasswordsWithUnencodedSlashesAndAtSigns() {
        String redacted = Redaction.url("mysql://root:p/a@ss@w0rd@127.0.0.1:3306/test");
        assertThat(redacted).isEqualTo("mysql://root:***@127.0.0.1:3306/test").doesNotContain("w0rd");
    }

    @Test
    void hidesSecretQueryParameters() {
        assertThat(Redaction.url("postgresql://h/db?user=a&password=hunter2&sslmode=require"))
                .isEqualTo("postgresql://h/db?user=a&password=***&sslmode=require");
        assertThat(Redaction.url("https://acct.blob.core.windows.net/c?sv=2024&sig=abcDEF%2B"))
                .doesNotContain("abcDEF");
    }

    @Test
    void hidesSecretParametersSmuggledInsideAnotherPart() {
        for (String url : new String[] {"mysql://root@127.0.0.1:3306/x%3Fpassword%3Dhunter2",
                "mysql://root@127.0.0.1:3306/x%3fPASSWORD%3dhunter2%26sslMode%3Dtrust",
                "mysql://root@127.0.0.1:3306/x%253Fpassword%253Dhunter2", "postgresql://h/db%26pwd%3Dhunter2",
                "postgresql://h/db%3Bpassword=hunter2"}) {
            assertThat(Redaction.url(url)).as(url).doesNotContain("hunter2").contains("***");
        }
        assertThat(Redaction.url("mysql://h/x%3Fpassword%3Dhunter2%26sslMode%3Dtrust"))
                .isEqualTo("mysql://h/x%3Fpassword%3D***%26sslMode%3Dtrust");
    }

    @Test
    void leavesUrlsWithoutSecretsAlone() {
        assertThat(Redaction.url("sqlite:/var/lib/app/main.db")).isEqualTo("sqlite:/var/lib/app/main.db");
        assertThat(Redaction.url("postgresql://app@db:5432/main")).isEqualTo("postgresql://app@db:5432/main");
        assertThat(Redaction.url(null)).isNull();
    }
}
