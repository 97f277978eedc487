package io.edgeai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.Color;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator dashboard in a real browser against the whole suite: readings fed through the pipeline endpoint show
 * up as coloured tiles in the fleet grid, an alert they raised is acknowledged from the alert list, and a note written
 * on it is stored and shown on the device page.
 *
 * <p>Runs Debian's headless Chromium through its chromedriver; skipped when either is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    static final Path CHROMIUM = Path.of(System.getProperty("edge.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("edge.chromedriver", "/usr/bin/chromedriver"));
    static final Duration UI_WAIT = Duration.ofSeconds(20);
    static final String OPERATOR_NAME = "e2e-operator";

    /** Devices fed with healthy readings, and one whose readings are a heat dissipation failure (HDF). */
    static final List<String> HEALTHY = List.of("dash-press-01", "dash-press-02");
    static final String FAILING = "dash-mill-hdf";

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static EdgeLauncher edge;
    static Path userDataDir;
    static WebDriver browser;

    @RegisterExtension
    static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            screenshot(context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void upAndFeed() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium)");
        assumeTrue(Files.isExecutable(CHROMEDRIVER),
                "no chromedriver at " + CHROMEDRIVER + " (apt-get install chromium-driver)");
        Path repo = Path.of(System.getProperty("edge.repo.dir", "..")).toAbsolutePath().normalize();
        edge = new EdgeLauncher(repo, Files.createTempDirectory("edge-dashboard"))
                // the alert's explanation is checked below: give the first (cold) one time on a loaded box
                .env("EDGE_PIPELINE_EXPLAIN_TIMEOUT", "10s");
        edge.run("up", Duration.ofMinutes(4));

        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        for (String device : HEALTHY) {
            // AI4I 2020 row 1 and its neighbours: a machine running well within every limit.
            feed(device, start, 4, i -> sensors(298.1, 308.6, 1551 - 10 * i, 42.8, 3 * i));
        }
        // Heat dissipation failure: air/process temperature difference below 8.6 K at a speed below 1380 rpm,
        // several readings in a row so the k-of-n debounce raises the alert.
        feed(FAILING, start, 8, i -> sensors(302.5, 310.0, 1300 + i, 60.0, 100 + 2 * i));
        await("an open HDF alert for " + FAILING).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> openAlert(FAILING) != null);

        startBrowser();
    }

    @AfterAll
    static void down() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (edge != null) {
            edge.run("down", Duration.ofMinutes(1));
        }
    }

    @Test
    @Order(1)
    void aWrongKeyIsRefusedWithTheGatewaysMessage() {
        browser.get(edge.gateway() + "/");
        signIn("not-a-valid-key");
        WebElement error = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        waitFor().until(ExpectedConditions.textToBePresentInElement(error, "A valid API key is required"));
        assertThat(browser.findElement(By.id("view-login")).isDisplayed()).as("asked for a key again").isTrue();
    }

    @Test
    @Order(2)
    void theFleetGridShowsEveryLiveDeviceInItsStatusColour() throws Exception {
        browser.get(edge.gateway() + "/");
        signIn(edge.demoKey("operator"));
        for (String device : devices()) {
            waitFor().until(ExpectedConditions.visibilityOfElementLocated(tile(device)));
        }
        Map<String, String> statuses = apiStatuses();
        assertThat(statuses).containsKeys(devices().toArray(String[]::new));
        assertThat(statuses.get(FAILING)).isEqualTo("FAILURE_PREDICTED");
        for (String device : HEALTHY) {
            assertThat(statuses.get(device)).as(device).isEqualTo("NORMAL");
        }
        for (String device : devices()) {
            // The grid refreshes on its own: wait until it shows what the API says, then check the colour.
            waitFor().until(ExpectedConditions.attributeToBe(tile(device), "data-status", statuses.get(device)));
            String colour = Color.fromString(browser.findElement(tile(device)).getCssValue("background-color")).asHex();
            assertThat(colour).as("tile colour of " + device).isEqualTo(expectedColour(statuses.get(device)));
        }
    }

    @Test
    @Order(3)
    void anOperatorAcknowledgesTheAlertFromTheAlertList() throws Exception {
        String alertId = openAlert(FAILING).path("alertId").asString();
        browser.findElement(By.id("nav-alerts")).click();
        By row = By.cssSelector("#alerts tr[data-alert-id='" + alertId + "']");
        assertThat(openAlert(FAILING).path("explanation").path("reasons").size()).as("stored reasons").isPositive();
        // the list re-renders (refresh, explanations arriving): a row found before a render goes stale, so the
        // checks and the click run again on the row found afresh
        for (int attempt = 1; ; attempt++) {
            try {
                WebElement open = waitFor().until(ExpectedConditions.visibilityOfElementLocated(row));
                assertThat(open.getAttribute("data-state")).isEqualTo("OPEN");
                assertThat(open.getText()).contains(FAILING).contains("HDF");
                // the top reasons of the stored explanation, in plain words and numbers (log-odds contributions)
                WebElement reasons = open.findElement(By.cssSelector("td.alert-reasons"));
                assertThat(reasons.findElements(By.cssSelector("ul.reasons li"))).as(reasons.getText()).isNotEmpty();
                assertThat(reasons.getText()).containsPattern(": [+\u2212]\\d+\\.\\d\\d");
                open.findElement(By.cssSelector("button.ack")).click();
                break;
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }

        // the list re-renders (refresh, explanations arriving): find the row afresh on every poll
        waitFor().ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.attributeToBe(row, "data-state", "ACKNOWLEDGED"));
        waitFor().ignoring(StaleElementReferenceException.class).until(d -> {
            String text = d.findElement(row).getText();
            return text.contains("acknowledged") && text.contains(OPERATOR_NAME);
        });
        assertThat(browser.findElements(By.cssSelector("#alerts tr[data-alert-id='" + alertId + "'] button.ack")))
                .isEmpty();

        JsonNode stored = alertById(alertId);
        assertThat(stored.path("state").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(stored.path("acknowledgedBy").asString()).isEqualTo(OPERATOR_NAME);
        assertThat(stored.path("confirmed").asBoolean()).isTrue();
    }

    @Test
    @Order(4)
    void anOperatorWritesANoteOnTheAlertAndFindsItOnTheDevicePage() throws Exception {
        // Acknowledged by the test before, still open (not cleared), with its Note button.
        String alertId = openAlert(FAILING).path("alertId").asString();
        String text = "machine hot to the touch, coolant fan not spinning";
        browser.findElement(By.id("nav-alerts")).click();
        WebElement row = waitFor().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#alerts tr[data-alert-id='" + alertId + "']")));
        row.findElement(By.cssSelector("button.note-open")).click();
        By box = By.cssSelector("#alerts tr[data-note-for='" + alertId + "'] .note-box");
        WebElement note = waitFor().until(ExpectedConditions.visibilityOfElementLocated(box));
        note.findElement(By.cssSelector("textarea")).sendKeys(text);
        note.findElement(By.cssSelector("input.note-action")).sendKeys("cleaned the fan filter");
        note.findElement(By.cssSelector("button.note-save")).click();
        // Stored whether or not a text model is served: the answer then says what is missing.
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#alerts tr[data-note-for='" + alertId + "'] .note-suggestion")));

        JsonNode stored = getJson("/api/v1/devices/" + FAILING + "/notes?alertId=" + alertId).path("items");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).path("text").asString()).isEqualTo(text);
        assertThat(stored.get(0).path("action").asString()).isEqualTo("cleaned the fan filter");

        browser.get(edge.gateway() + "/#/devices/" + FAILING);
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("device-notes"), text));
        // a failing machine names its mode and shows why; a healthy one names no mode, only its highest probability
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#device-status .likely-mode")));
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#device-status .status-reasons ul.reasons li")));
        browser.get(edge.gateway() + "/#/devices/" + HEALTHY.get(0));
        WebElement highest = waitFor().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#device-status .highest-probability")));
        waitFor().until(ExpectedConditions.textToBePresentInElement(highest, "below its alert threshold"));
        assertThat(browser.findElements(By.cssSelector("#device-status .likely-mode"))).isEmpty();
    }

    // --- the browser ---

    static void startBrowser() throws IOException {
        userDataDir = Files.createTempDirectory(edge.home(), "chromium-profile");
        // Debian's driver and browser, named explicitly, so Selenium Manager has nothing to look up or download.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(edge.home().resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--user-data-dir=" + userDataDir);
        browser = new ChromeDriver(service, options);
    }

    static void signIn(String key) {
        WebElement keyField = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        keyField.clear();
        keyField.sendKeys(key);
        WebElement name = browser.findElement(By.id("operator-name"));
        name.clear();
        name.sendKeys(OPERATOR_NAME);
        browser.findElement(By.id("key-save")).click();
    }

    static WebDriverWait waitFor() {
        return new WebDriverWait(browser, UI_WAIT, Duration.ofMillis(100));
    }

    static By tile(String device) {
        return By.cssSelector("#fleet-grid .tile[data-device-id='" + device + "']");
    }

    static String expectedColour(String status) {
        return switch (status) {
            case "NORMAL" -> "#2e9d4f";
            case "WARNING" -> "#f0a202";
            case "FAILURE_PREDICTED" -> "#d93025";
            default -> "#9aa0a6";
        };
    }

    static void screenshot(String name) {
        if (browser == null) {
            return;
        }
        try {
            Path target = Path.of(System.getProperty("basedir", ".")).resolve("target");
            Files.createDirectories(target);
            File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Path to = target.resolve("DashboardBrowserIT-" + name + ".png");
            Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            System.err.println("screenshot of the failed step: " + to.toAbsolutePath());
        } catch (Exception e) {
            System.err.println("no screenshot: " + e);
        }
    }

    // --- the API, as the test's independent check ---

    static List<String> devices() {
        List<String> all = new ArrayList<>(HEALTHY);
        all.add(FAILING);
        return all;
    }

    interface SensorRow {
        String json(int i);
    }

    static String sensors(double air, double process, double rpm, double torque, double toolWear) {
        return """
                {"air_temperature":{"value":%s,"unit":"K"},"process_temperature":{"value":%s,"unit":"K"},
                 "rotational_speed":{"value":%s,"unit":"rpm"},"torque":{"value":%s,"unit":"Nm"},
                 "tool_wear":{"value":%s,"unit":"min"}}""".formatted(air, process, rpm, torque, toolWear);
    }

    /** Sends {@code count} readings one second apart through the pipeline endpoint, as one batch. */
    static void feed(String device, Instant start, int count, SensorRow row) throws Exception {
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            readings.add("""
                    {"deviceId":"%s","timestamp":"%s","machineType":"M","sensors":%s}"""
                    .formatted(device, start.plusSeconds(i), row.json(i)));
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(edge.gateway() + "/api/v1/devices/" + device + "/readings"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"readings\":[" + String.join(",", readings) + "]}")));
        assertThat(response.statusCode()).as("readings of " + device + ": " + response.body()).isEqualTo(200);
    }

    static Map<String, String> apiStatuses() throws Exception {
        JsonNode fleet = getJson("/api/v1/devices/status");
        Map<String, String> statuses = new java.util.HashMap<>();
        for (JsonNode d : fleet.path("items")) {
            statuses.put(d.path("deviceId").asString(), d.path("status").asString());
        }
        return statuses;
    }

    static JsonNode openAlert(String device) throws Exception {
        for (JsonNode a : getJson("/api/v1/alerts?state=open&deviceId=" + device).path("items")) {
            if ("HDF".equals(a.path("failureMode").asString())) {
                return a;
            }
        }
        return null;
    }

    static JsonNode alertById(String alertId) throws Exception {
        for (JsonNode a : getJson("/api/v1/alerts?state=all&deviceId=" + FAILING).path("items")) {
            if (alertId.equals(a.path("alertId").asString())) {
                return a;
            }
        }
        throw new AssertionError("alert " + alertId + " not found through the API");
    }

    static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(edge.gateway() + path)).GET());
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.header("X-API-Key", edge.demoKey("operator")).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
