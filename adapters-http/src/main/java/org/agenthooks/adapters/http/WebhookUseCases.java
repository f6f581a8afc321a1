package org.agenthooks.adapters.http;

import java.util.Objects;
import org.agenthooks.application.port.in.DeleteWebhookUseCase;
import org.agenthooks.application.port.in.GetEndpointHealthUseCase;
import org.agenthooks.application.port.in.GetWebhookUseCase;
import org.agenthooks.application.port.in.ListWebhooksUseCase;
import org.agenthooks.application.port.in.RegisterWebhookUseCase;
import org.agenthooks.application.port.in.ReplaceWebhookUseCase;
import org.agenthooks.application.port.in.RotateWebhookSecretUseCase;
import org.agenthooks.application.port.in.UpdateWebhookUseCase;

/** The webhook use cases the {@code /v1/webhooks} routes call. */
public record WebhookUseCases(
        RegisterWebhookUseCase register,
        GetWebhookUseCase get,
        ListWebhooksUseCase list,
        UpdateWebhookUseCase update,
        ReplaceWebhookUseCase replace,
        DeleteWebhookUseCase delete,
        RotateWebhookSecretUseCase rotateSecret,
        GetEndpointHealthUseCase endpointHealth) {
    public WebhookUseCases {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(get, "get");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(replace, "replace");
        Objects.requireNonNull(delete, "delete");
        Objects.requireNonNull(rotateSecret, "rotateSecret");
        Objects.requireNonNull(endpointHealth, "endpointHealth");
    }
}
