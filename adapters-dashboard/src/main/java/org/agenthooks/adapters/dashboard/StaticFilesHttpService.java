package org.agenthooks.adapters.dashboard;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves one folder of this module's resources ({@code index.html} at the root) and chosen webjar files under
 * {@code vendor/}. Every file has an ETag of its content and must be revalidated ({@code no-cache}), so a browser
 * keeps it until a new build changes it and then gets the new one at once.
 */
final class StaticFilesHttpService implements HttpService {
    /** Flat names only: no folders, no dots but the extension's, so no name can reach outside the folder. */
    private static final Pattern FILE_NAME = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z]+");

    private final String folder;
    private final Map<String, String> vendorFiles;
    private final Map<String, StaticFile> loaded = new ConcurrentHashMap<>();

    /**
     * @param folder      the resource folder beside this class that holds the service's own files
     * @param vendorFiles the name under {@code vendor/} of each webjar file served, and its class path name
     */
    StaticFilesHttpService(String folder, Map<String, String> vendorFiles) {
        this.folder = folder;
        this.vendorFiles = Map.copyOf(vendorFiles);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::index).get("/vendor/{file}", this::vendor).get("/{file}", this::own);
    }

    private void index(ServerRequest req, ServerResponse res) {
        String path = req.prologue().uriPath().path();
        if (!path.endsWith("/")) { // relative links in the page resolve against the folder, not its parent
            SecurityHeaders.addTo(res);
            res.status(Status.MOVED_PERMANENTLY_301)
                    .header(HeaderNames.LOCATION, path + "/")
                    .send();
            return;
        }
        send(req, res, load("index.html", folder + "/index.html", false));
    }

    private void own(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("file");
        boolean safe = FILE_NAME.matcher(name).matches() && !name.equals("index.html");
        send(req, res, safe ? load(name, folder + "/" + name, false) : Optional.empty());
    }

    private void vendor(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("file");
        String resource = vendorFiles.get(name);
        send(req, res, resource == null ? Optional.empty() : load("vendor/" + name, resource, true));
    }

    /** Reads a file once and keeps it; a name that is not there is looked up again, so misses cannot pile up. */
    private Optional<StaticFile> load(String key, String resource, boolean fromClassPathRoot) {
        StaticFile cached = loaded.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<StaticFile> read = fromClassPathRoot
                ? StaticFile.read(resource, getClass().getClassLoader().getResourceAsStream(resource))
                : StaticFile.read(resource, getClass().getResourceAsStream(resource));
        read.ifPresent(file -> loaded.put(key, file));
        return read;
    }

    private static void send(ServerRequest req, ServerResponse res, Optional<StaticFile> found) {
        SecurityHeaders.addTo(res);
        if (found.isEmpty()) {
            res.status(Status.NOT_FOUND_404)
                    .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
                    .send("Not found");
            return;
        }
        StaticFile file = found.get();
        res.header(HeaderNames.ETAG, file.etag());
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        if (file.matches(req.headers().first(HeaderNames.IF_NONE_MATCH))) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, file.contentType());
        res.send(file.bytes());
    }
}
