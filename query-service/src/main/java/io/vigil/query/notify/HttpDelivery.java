package io.vigil.query.notify;

import io.vigil.common.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * POSTs one JSON body and classifies the answer. The JDK's HttpClient rather than Micronaut's:
 * each channel has its own sender thread that waits for the answer anyway, the request timeout is
 * per call (per channel), redirects are never followed (a webhook that redirects is misconfigured,
 * and following it could carry a signature or token elsewhere), and it needs no dependency and no
 * Netty event loop beside the server's.
 */
final class HttpDelivery {
    private static final int MAX_ERROR_BODY = 300;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Outcome post(URI url, Map<String, String> headers, byte[] body, Duration timeout, Redactor redactor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Vigil-Notifier/1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            String answer = head(response.body());
            if (status >= 200 && status < 300) {
                return new Outcome(true, status, null, false, null);
            }
            Duration retryAfter = status == 429 || status == 503
                    ? retryAfter(response.headers().firstValue("Retry-After").orElse(null), Instant.now())
                    : null;
            boolean permanent = status >= 300 && status < 500 && status != 408 && status != 425 && status != 429;
            return new Outcome(
                    false,
                    status,
                    retryAfter,
                    permanent,
                    redactor.redact("HTTP " + status + (answer.isBlank() ? "" : ": " + answer)));
        } catch (HttpTimeoutException e) {
            return new Outcome(false, 0, null, false, "no answer within " + Durations.format(timeout));
        } catch (IOException e) {
            return new Outcome(
                    false,
                    0,
                    null,
                    false,
                    redactor.redact(
                            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, 0, null, false, "interrupted (the service is stopping)");
        }
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** The start of an error answer (Slack says "invalid_payload", PagerDuty what is wrong), one line. */
    private static String head(InputStream body) throws IOException {
        try (body) {
            byte[] bytes = body.readNBytes(MAX_ERROR_BODY);
            return new String(bytes, StandardCharsets.UTF_8)
                    .replaceAll("\\s+", " ")
                    .trim();
        }
    }
}
