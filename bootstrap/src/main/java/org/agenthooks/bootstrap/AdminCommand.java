package org.agenthooks.bootstrap;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import org.agenthooks.adapters.persistence.Database;
import org.agenthooks.adapters.persistence.JdbcApiKeyRepository;
import org.agenthooks.adapters.persistence.JdbcWorkspaceRepository;
import org.agenthooks.adapters.persistence.SecretSealer;
import org.agenthooks.adapters.persistence.WebhookSecretResealer;
import org.agenthooks.application.port.in.CreatedWorkspace;
import org.agenthooks.application.service.ApiKeyCache;
import org.agenthooks.application.service.CreateWorkspaceService;
import org.agenthooks.application.service.IssueApiKeyService;
import org.agenthooks.application.service.RevokeApiKeyService;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.shared.NotFoundException;
import org.agenthooks.domain.workspace.ApiKeyId;
import org.agenthooks.domain.workspace.ApiKeyToken;
import org.agenthooks.domain.workspace.WorkspaceId;

/**
 * Operator commands: create workspaces and API keys (shown once, stored as hashes), revoke keys, and seal every
 * webhook secret again under the current master key.
 */
final class AdminCommand {
    static final String USAGE = """
            usage: admin create-workspace --name NAME
                   admin create-key --workspace org_...
                   admin revoke-key --key key_XXXXXXXXXXX[.secret]
                   admin rotate-master-key""";

    private final ServiceConfig config;
    private final PrintStream out;
    private final PrintStream err;

    AdminCommand(ServiceConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    /** Runs one command; the exit status is 0 on success, 1 for a failed command, 2 for a wrong call. */
    int run(String[] args) {
        List<String> words = List.of(args);
        if (words.equals(List.of("rotate-master-key"))) {
            return rotateMasterKey();
        }
        if (words.size() != 3) {
            err.println(USAGE);
            return 2;
        }
        try (Database database = Database.open(config.database())) {
            // Only what the commands use: Repositories would also start the event outbox's committer thread.
            JdbcWorkspaceRepository workspaces = new JdbcWorkspaceRepository(database.client());
            JdbcApiKeyRepository keys = new JdbcApiKeyRepository(database.client());
            Clock clock = Clock.systemUTC();
            switch (words.get(0) + " " + words.get(1)) {
                case "create-workspace --name" -> {
                    CreatedWorkspace created = new CreateWorkspaceService(workspaces, keys, clock).create(words.get(2));
                    out.println("workspaceId: " + created.workspace().id());
                    out.println("apiKey: " + created.firstKey().reveal());
                    out.println("(the key is shown this once; only its hash is stored)");
                }
                case "create-key --workspace" -> {
                    ApiKeyToken key =
                            new IssueApiKeyService(workspaces, keys, clock).issue(new WorkspaceId(words.get(2)));
                    out.println("apiKey: " + key.reveal());
                    out.println("(the key is shown this once; only its hash is stored)");
                }
                case "revoke-key --key" -> {
                    new RevokeApiKeyService(keys, new ApiKeyCache(config.api().keyCacheTtl(), 1, clock), clock)
                            .revoke(keyId(words.get(2)));
                    out.println("revoked: " + words.get(2).replaceAll("\\..*", ""));
                    out.println("(running instances stop accepting it within 2 s)");
                }
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (InvalidInputException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (NotFoundException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Seals every webhook secret under {@code secrets.master-key}, opening them with it or one of
     * {@code secrets.previous-master-keys}. Safe while the service runs: row by row, never over a concurrent edit.
     */
    private int rotateMasterKey() {
        SecretSealer sealer = MasterKeys.sealer(config.secrets());
        try (Database database = Database.open(config.database())) {
            int resealed = new WebhookSecretResealer(database.client(), sealer).resealUnderCurrentKey();
            out.println("sealed again under master key " + sealer.currentKeyId() + ": " + resealed + " webhooks");
            out.println("(every webhook secret is now under that key; secrets.previous-master-keys can be emptied)");
            return 0;
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static ApiKeyId keyId(String text) {
        String id = text.startsWith("key_") ? text.substring(4) : text;
        int dot = id.indexOf('.');
        return new ApiKeyId(dot < 0 ? id : id.substring(0, dot));
    }
}
