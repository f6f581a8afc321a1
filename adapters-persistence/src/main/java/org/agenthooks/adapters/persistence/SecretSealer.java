package org.agenthooks.adapters.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals webhook secrets for storage with AES-256-GCM under the current {@link MasterKey}, as
 * {@code v1:<key id>:<base64(iv || ciphertext and tag)>}, the row's own name (its webhook id, say) as associated
 * data so a sealed value cannot be moved to another row. Opens what the current or a previous key sealed; a value
 * that is not in that form is a plaintext secret stored before secrets were sealed, returned as it is.
 */
public final class SecretSealer {
    private static final Pattern SEALED = Pattern.compile("v1:([0-9a-f]{8}):([A-Za-z0-9+/]+=*)");
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MasterKey current;
    private final Map<String, MasterKey> byId = new LinkedHashMap<>();

    public SecretSealer(MasterKey current, List<MasterKey> previous) {
        this.current = Objects.requireNonNull(current, "current");
        byId.put(current.id(), current);
        previous.forEach(key -> byId.putIfAbsent(key.id(), key));
    }

    /** {@code plaintext} sealed under the current key, bound to {@code context}. */
    public String seal(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.aesKey(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(IV_BYTES + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
            return "v1:" + current.id() + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has AES-256-GCM", impossible);
        }
    }

    /**
     * The plaintext of a stored value: opened if sealed, as it is if stored before sealing.
     *
     * @throws IllegalStateException if it was sealed under a key not configured, or for another context, or altered
     */
    public String open(String stored, String context) {
        Matcher sealed = SEALED.matcher(stored);
        if (!sealed.matches()) {
            return stored;
        }
        MasterKey key = byId.get(sealed.group(1));
        if (key == null) {
            throw new IllegalStateException("a webhook secret is sealed under master key " + sealed.group(1)
                    + ", which is neither secrets.master-key nor one of secrets.previous-master-keys");
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.group(2));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "a webhook secret sealed under master key " + key.id() + " does not open: altered or moved", e);
        }
    }

    /** Whether {@code stored} is sealed under the current key already (else it is plaintext or an older key's). */
    public boolean sealedUnderCurrentKey(String stored) {
        Matcher sealed = SEALED.matcher(stored);
        return sealed.matches() && sealed.group(1).equals(current.id());
    }

    /** Whether {@code stored} is sealed at all. */
    public static boolean sealed(String stored) {
        return SEALED.matcher(stored).matches();
    }

    public String currentKeyId() {
        return current.id();
    }
}
