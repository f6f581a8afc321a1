package org.agenthooks.adapters.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.Map;
import org.agenthooks.application.port.in.AuthenticateUseCase;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Lets a request under {@code /v1} through only with an {@code X-API-Key} that opens a workspace, and records
 * that workspace for the handlers (and the key's id for {@link RateLimitFilter}). Header names are
 * case-insensitive, so {@code X-API-KEY} works too.
 */
final class ApiKeyFilter implements Filter {
    static final HeaderName API_KEY = HeaderNames.create("X-API-Key");
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");

    private final AuthenticateUseCase authenticate;

    ApiKeyFilter(AuthenticateUseCase authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.path().path().startsWith("/v1/") || req.path().path().equals("/v1")) {
            String presented = req.headers().first(API_KEY).orElse("");
            if (presented.isEmpty()) {
                throw new HttpProblem(
                        Status.UNAUTHORIZED_401, "Send your API key in the 'X-API-Key' header.", CHALLENGE);
            }
            WorkspaceId workspace = authenticate
                    .authenticate(presented)
                    .orElseThrow(
                            () -> new HttpProblem(Status.UNAUTHORIZED_401, "The API key is not valid.", CHALLENGE));
            req.context().register(workspace);
            // The key's id, which opened it, for the rate limits (the key parsed, or it would not have opened it).
            ApiKeyToken.parse(presented).map(ApiKeyToken::id).ifPresent(req.context()::register);
        }
        chain.proceed();
    }

    /** The workspace whose key the request carried. */
    static WorkspaceId workspace(ServerRequest req) {
        return req.context()
                .get(WorkspaceId.class)
                .orElseThrow(() -> new IllegalStateException("route outside /v1 asked for a workspace"));
    }
}
