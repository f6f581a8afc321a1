package org.agenthooks.application.port.in;

import org.agenthooks.domain.delivery.SignatureFinding;
import org.agenthooks.domain.shared.NotFoundException;

/** Use case: telling a receiver why its signature check of one of a webhook's deliveries fails. */
public interface CheckSignatureUseCase {
    SignatureFinding check(CheckSignatureCommand command) throws NotFoundException;
}
