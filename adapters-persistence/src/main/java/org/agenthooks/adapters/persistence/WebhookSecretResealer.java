package org.agenthooks.adapters.persistence;

import io.helidon.dbclient.DbClient;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Seals again the webhook secrets stored otherwise than under the current master key: the plaintext ones of a
 * database from before secrets were sealed (at start-up), and those under an older key (when an operator changes
 * master keys). Row by row, while the service runs: each row's update is guarded by the values it read, so an edit
 * stored meanwhile is never overwritten; that row is read again instead.
 */
public final class WebhookSecretResealer {
    private static final int TRIES_PER_ROW = 10;

    private final DbClient db;
    private final SecretSealer sealer;

    public WebhookSecretResealer(DbClient db, SecretSealer sealer) {
        this.db = db;
        this.sealer = sealer;
    }

    /** Seals the secrets stored in plaintext; how many webhooks changed. */
    public int sealPlaintext() {
        return reseal(stored -> !SecretSealer.sealed(stored));
    }

    /** Seals under the current master key every secret that is not yet; how many webhooks changed. */
    public int resealUnderCurrentKey() {
        return reseal(stored -> !sealer.sealedUnderCurrentKey(stored));
    }

    private int reseal(Predicate<String> needsSealing) {
        List<String> ids = db.execute()
                .createQuery("SELECT webhook_id FROM webhooks ORDER BY webhook_id")
                .execute()
                .map(row -> Row.of(row).text("webhook_id"))
                .toList();
        int changed = 0;
        for (String id : ids) {
            if (resealRow(id, needsSealing)) {
                changed++;
            }
        }
        return changed;
    }

    /** True if the row was sealed again; false if it needed nothing or is gone. */
    private boolean resealRow(String id, Predicate<String> needsSealing) {
        for (int tries = 0; tries < TRIES_PER_ROW; tries++) {
            Optional<Row> read = db.execute()
                    .createGet("SELECT webhook_id, secret, previous_secret FROM webhooks WHERE webhook_id = :id")
                    .addParam("id", id)
                    .execute()
                    .map(Row::of);
            if (read.isEmpty()) {
                return false;
            }
            String secret = read.get().text("secret");
            Optional<String> previous = read.get().optionalText("previous_secret");
            if (!needsSealing.test(secret) && previous.filter(needsSealing).isEmpty()) {
                return false;
            }
            String previousContext = JdbcWebhookRepository.previousContext(id);
            String newSecret = needsSealing.test(secret) ? sealer.seal(sealer.open(secret, id), id) : secret;
            Optional<String> newPrevious = previous.map(old ->
                    needsSealing.test(old) ? sealer.seal(sealer.open(old, previousContext), previousContext) : old);
            if (update(id, secret, previous, newSecret, newPrevious)) {
                return true;
            }
        }
        throw new IllegalStateException(
                "webhook " + id + " kept changing while its secret was being sealed again;" + " run the command again");
    }

    private boolean update(
            String id, String secret, Optional<String> previous, String newSecret, Optional<String> newPrevious) {
        String previousGuard = previous.isPresent() ? "previous_secret = :oldPrevious" : "previous_secret IS NULL";
        var update = db.execute()
                .createUpdate("UPDATE webhooks SET secret = :newSecret, previous_secret = :newPrevious"
                        + " WHERE webhook_id = :id AND secret = :oldSecret AND " + previousGuard)
                .addParam("newSecret", newSecret)
                .addParam("newPrevious", newPrevious.orElse(null))
                .addParam("id", id)
                .addParam("oldSecret", secret);
        previous.ifPresent(old -> update.addParam("oldPrevious", old));
        return update.execute() == 1;
    }
}
