package org.agenthooks.adapters.dashboard;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * The browser dashboard under {@code /dashboard/} ({@code /} leads there) and the interactive API reference under
 * {@code /docs/}. Both are static files: their JavaScript calls the public {@code /v1} API with the user's key,
 * like any other client, so nothing here touches a use case.
 */
public final class Dashboard {
    static final String HOME = "/dashboard/";

    /** Registers the routes; call it before the API's catch-all route. */
    public void routing(HttpRouting.Builder routing) {
        routing.get("/", Dashboard::toHome)
                .register(
                        "/dashboard",
                        new StaticFilesHttpService(
                                "app",
                                Map.of(
                                        "uPlot.esm.js", Webjar.file("org.webjars.npm", "uplot", "dist/uPlot.esm.js"),
                                        "uPlot.min.css",
                                                Webjar.file("org.webjars.npm", "uplot", "dist/uPlot.min.css"))))
                .register(
                        "/docs",
                        new StaticFilesHttpService(
                                "docs",
                                Map.of(
                                        "swagger-ui-bundle.js",
                                                Webjar.file("org.webjars", "swagger-ui", "swagger-ui-bundle.js"),
                                        "swagger-ui.css", Webjar.file("org.webjars", "swagger-ui", "swagger-ui.css"))));
    }

    private static void toHome(ServerRequest req, ServerResponse res) {
        SecurityHeaders.addTo(res);
        res.status(Status.FOUND_302).header(HeaderNames.LOCATION, HOME).send();
    }
}
