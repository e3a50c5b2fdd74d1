package com.smoft.crm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Calls over real HTTP to the service a test started on a random port, through one client for the whole run. A test
 * class takes it in its constructor: {@code MyTests(@LocalServerPort int port) { service = new LocalService(port); }}.
 */
public final class LocalService {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;

    public LocalService(int port) {
        this.port = port;
    }

    /** The port the service listens on. */
    public int port() {
        return port;
    }

    /** The client, for answers read otherwise than as text. */
    public HttpClient client() {
        return HTTP;
    }

    /** The address of a path, which may hold a query. */
    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A request to a path, for a test to complete. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    /** Sends a request and reads the answer as text. */
    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path));
    }

    public HttpResponse<String> post(String path, String contentType, String body)
            throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return post(path, "application/json", body);
    }
}
