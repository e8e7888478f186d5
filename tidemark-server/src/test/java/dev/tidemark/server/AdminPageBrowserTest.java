package dev.tidemark.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.dialect.sqlite.SqliteTestDb;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin page in a real headless Chromium: log in, create a snapshot of the SQLite main database,
 * restore it into a second SQLite database typed as a connection string, check the rows arrived.
 */
@Timeout(180)
class AdminPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;
    private ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        assertThat(present).as("the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (scripts/test installs them: apt-get install chromium chromium-driver)").isTrue();
        // An explicit driver and browser keep Selenium Manager from looking for either on the network.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")), "--window-size=1280,900");
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Saves what the browser shows under target/, for people to look at. */
    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path saved = Files.createDirectories(Path.of("target")).resolve(name);
        Files.copy(shot.toPath(), saved, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(saved)).isPositive();
    }

    private void logIn(TestServer server, WebDriverWait wait) {
        browser.get(server.base() + "/admin/snapshots");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("password")).sendKeys(TestServer.PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlContains("/admin/snapshots"));
    }

    @Test
    void aRestoreIntoTheMainDatabaseShowsTheMaintenanceBannerUntilItEnds() throws Exception {
        GatedOperations[] gated = new GatedOperations[1];
        try (TestServer server = TestServer.start(dir, Map.of(), java.time.Clock.systemUTC(),
                real -> gated[0] = new GatedOperations(real)).login()) {
            String id = server.tidemark.createSnapshot("main", new dev.tidemark.engine.JobProgress("snapshot", null)).id();
            String job = server.post("/api/snapshots/" + id + "/restore", "{\"replace\":true}").json().get("id").asText();
            gated[0].entered.await();

            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.ignoring(StaleElementReferenceException.class);
            logIn(server, wait);
            WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-maintenance")));
            assertThat(banner.getText()).contains("Maintenance");
            assertThat(browser.findElement(By.id("create-snapshot")).isEnabled()).isFalse();
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("li.job[data-operation=restore][data-state=running]")));
            screenshot("admin-snapshots-maintenance.png");

            gated[0].gate.countDown();
            assertThat(server.awaitJob(job).get("state").asText()).isEqualTo("succeeded");
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("banner-maintenance")));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("create-snapshot")));
        }
    }

    @Test
    void logInSnapshotAndRestoreIntoATypedConnectionString() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of("SNAPSHOTS_MAIN_SCHEDULE", "30 2 * * *"))) {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.ignoring(StaleElementReferenceException.class);
            logIn(server, wait);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("snapshot-rows"), "No snapshots yet"));

            browser.findElement(By.id("create-snapshot")).click();
            WebElement redis = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("source-redis")));
            assertThat(redis.isEnabled()).as("Redis shows as unavailable").isFalse();
            assertThat(browser.findElement(By.id("source-main")).isSelected()).isTrue();
            browser.findElement(By.id("create-confirm")).click();

            String id = wait.until(driver -> driver.findElements(By.cssSelector("#snapshot-rows tr[data-id]")).stream()
                    .findFirst().map(row -> row.getAttribute("data-id")).orElse(null));
            assertThat(server.tidemark.list()).extracting(entry -> entry.id()).containsExactly(id);
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("li.job[data-operation=snapshot][data-state=succeeded]")));

            Path restored = dir.resolve("restored copy.db");
            WebElement menuButton = browser.findElement(By.cssSelector("#snapshot-rows tr[data-id='" + id + "'] .menu-button"));
            menuButton.click();
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#snapshot-rows tr[data-id='" + id + "'] [data-action=restore]"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("restore-dialog")));
            browser.findElement(By.id("restore-into-other")).click();
            WebElement target = browser.findElement(By.id("restore-target"));
            target.sendKeys("sqlite:" + restored);
            assertThat(browser.findElement(By.id("restore-warning")).getText()).contains(id).contains(restored.toString());
            browser.findElement(By.id("restore-confirm-check")).click();
            screenshot("admin-snapshots-restore-dialog.png");
            browser.findElement(By.id("restore-confirm")).click();

            String[] finished = wait.ignoring(StaleElementReferenceException.class).until(driver -> {
                List<WebElement> jobs = driver.findElements(By.cssSelector("li.job[data-operation=restore]"));
                if (jobs.isEmpty() || jobs.get(0).getAttribute("data-state").equals("running")) {
                    return null;
                }
                return new String[] {jobs.get(0).getAttribute("data-state"), jobs.get(0).getText()};
            });
            assertThat(finished[0]).as(finished[1]).isEqualTo("succeeded");
            assertThat(finished[1]).contains("3 rows");
            List<String> expected = SqliteTestDb.exactRows(server.app, "users");
            assertThat(SqliteTestDb.exactRows(restored, "users")).isEqualTo(expected).hasSize(3);

            assertThat(browser.findElement(By.id("storage")).getText()).isNotBlank();
            screenshot("admin-snapshots.png");

            browser.findElement(By.id("key-name")).sendKeys("nightly-export");
            browser.findElement(By.id("key-create")).click();
            String key = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-value"))).getText();
            assertThat(key).startsWith("tmk_");
            assertThat(new dev.tidemark.server.auth.ApiKeyStore(dir.resolve("data")).check(key)).contains("nightly-export");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#keys button[data-key='nightly-export']"))).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#keys button[data-key='nightly-export']")));
            assertThat(new dev.tidemark.server.auth.ApiKeyStore(dir.resolve("data")).check(key)).isEmpty();

            browser.manage().window().setSize(new Dimension(420, 900));
            screenshot("admin-snapshots-narrow.png");
            assertThat(browser.executeScript("return [...document.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(e => e.tagName + '.' + e.className + '#' + e.id + ':' + Math.round(e.getBoundingClientRect().right)).join(' | ')")).as("elements wider than a narrow screen").isEqualTo("");
        }
    }
}
