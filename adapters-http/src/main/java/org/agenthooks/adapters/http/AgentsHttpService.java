package org.agenthooks.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.Set;
import org.agenthooks.domain.agent.Agent;
import org.agenthooks.domain.agent.AgentId;

/** {@code /v1/agents}: the workspace's agents, which webhooks are scoped to. */
final class AgentsHttpService implements HttpService {
    private final AgentUseCases useCases;
    private final JsonBodies bodies;

    AgentsHttpService(AgentUseCases useCases, JsonBodies bodies) {
        this.useCases = useCases;
        this.bodies = bodies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .any("/", Problems.methodNotAllowed("GET, POST"))
                .get("/{agentId}", this::get)
                .any("/{agentId}", Problems.methodNotAllowed("GET"));
    }

    private void create(ServerRequest req, ServerResponse res) {
        RequestFields fields = new RequestFields(bodies.readObject(req), Set.of("name"));
        var name = fields.requiredString("name", text -> text);
        fields.throwIfInvalid();
        Agent agent = useCases.create().create(ApiKeyFilter.workspace(req), name.orElseThrow());
        res.header(HeaderNames.LOCATION, "/v1/agents/" + agent.id().value());
        Responses.json(res, Status.CREATED_201, json(agent));
    }

    private void get(ServerRequest req, ServerResponse res) {
        AgentId id = PathIds.agentId(req);
        Responses.json(res, Status.OK_200, json(useCases.get().get(ApiKeyFilter.workspace(req), id)));
    }

    private void list(ServerRequest req, ServerResponse res) {
        new QueryParameters(req); // the list does not page: takes no parameters
        JsonArrayBuilder data = JsonFactory.createArrayBuilder();
        useCases.list().list(ApiKeyFilter.workspace(req)).forEach(agent -> data.add(json(agent)));
        Responses.json(
                res,
                Status.OK_200,
                JsonFactory.createObjectBuilder().add("data", data).build());
    }

    private static JsonObject json(Agent agent) {
        return JsonFactory.createObjectBuilder()
                .add("agentId", agent.id().value())
                .add("name", agent.name())
                .add("workspaceId", agent.workspaceId().value())
                .add("createdAt", agent.createdAt().toString())
                .build();
    }
}
