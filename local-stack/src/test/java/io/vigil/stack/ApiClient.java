package io.vigil.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The query service's REST API over real HTTP, as a script or the dashboard uses it. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    ApiClient(String url) {
        this.url = url;
    }

    HttpResponse<String> login(String username, String password) throws IOException, InterruptedException {
        String body = JSON.createObjectNode()
                .put("username", username)
                .put("password", password)
                .toString();
        return http.send(
                HttpRequest.newBuilder(URI.create(url + "/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String token(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = login(username, password);
        if (response.statusCode() != 200) {
            throw new IOException("login failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path, token);
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
