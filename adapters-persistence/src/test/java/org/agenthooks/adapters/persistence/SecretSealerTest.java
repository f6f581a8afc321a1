package org.agenthooks.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretSealerTest {
    private static final MasterKey OLD = MasterKey.generate();
    private static final MasterKey NEW = MasterKey.generate();
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void a_sealed_secret_names_its_key_hides_the_secret_and_opens_again() {
        SecretSealer sealer = new SecretSealer(NEW, List.of());

        String sealed = sealer.seal(SECRET, "wh_1");

        assertThat(sealed)
                .startsWith("v1:" + NEW.id() + ":")
                .doesNotContain(SECRET)
                .doesNotContain("MfKQ9r8G");
        assertThat(SecretSealer.sealed(sealed)).isTrue();
        assertThat(sealer.sealedUnderCurrentKey(sealed)).isTrue();
        assertThat(sealer.open(sealed, "wh_1")).isEqualTo(SECRET);
    }

    @Test
    void sealing_twice_gives_different_ciphertexts() {
        SecretSealer sealer = new SecretSealer(NEW, List.of());

        assertThat(sealer.seal(SECRET, "wh_1")).isNotEqualTo(sealer.seal(SECRET, "wh_1"));
    }

    @Test
    void a_sealed_secret_moved_to_another_row_does_not_open() {
        SecretSealer sealer = new SecretSealer(NEW, List.of());

        String sealed = sealer.seal(SECRET, "wh_1");

        assertThatThrownBy(() -> sealer.open(sealed, "wh_2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("altered or moved")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void an_altered_ciphertext_does_not_open() {
        SecretSealer sealer = new SecretSealer(NEW, List.of());
        String sealed = sealer.seal(SECRET, "wh_1");
        char last = sealed.charAt(sealed.length() - 3);
        String altered = sealed.substring(0, sealed.length() - 3)
                + (last == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 2);

        assertThatThrownBy(() -> sealer.open(altered, "wh_1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_previous_key_still_opens_what_it_sealed_but_new_seals_use_the_current_key() {
        String sealedByOld = new SecretSealer(OLD, List.of()).seal(SECRET, "wh_1");
        SecretSealer changing = new SecretSealer(NEW, List.of(OLD));

        assertThat(changing.open(sealedByOld, "wh_1")).isEqualTo(SECRET);
        assertThat(changing.sealedUnderCurrentKey(sealedByOld)).isFalse();
        assertThat(changing.seal(SECRET, "wh_1")).startsWith("v1:" + NEW.id() + ":");
    }

    @Test
    void a_key_no_longer_configured_is_named_by_its_id_in_the_failure() {
        String sealedByOld = new SecretSealer(OLD, List.of()).seal(SECRET, "wh_1");

        assertThatThrownBy(() -> new SecretSealer(NEW, List.of()).open(sealedByOld, "wh_1"))
                .hasMessageContaining(OLD.id())
                .hasMessageContaining("secrets.previous-master-keys");
    }

    @Test
    void a_plaintext_secret_stored_before_sealing_reads_as_it_is() {
        SecretSealer sealer = new SecretSealer(NEW, List.of());

        assertThat(sealer.open("your-signing-secret", "wh_1")).isEqualTo("your-signing-secret");
        assertThat(SecretSealer.sealed("your-signing-secret")).isFalse();
    }

    @Test
    void a_master_key_is_the_base64_of_32_bytes_and_shows_only_its_id() {
        MasterKey key = MasterKey.fromBase64(NEW.toBase64());

        assertThat(key).isEqualTo(NEW);
        assertThat(key.id()).matches("[0-9a-f]{8}");
        assertThat(key.toString()).doesNotContain(NEW.toBase64());
        assertThatThrownBy(() -> MasterKey.fromBase64("c2hvcnQ=")).hasMessageContaining("decodes to 5 bytes");
        assertThatThrownBy(() -> MasterKey.fromBase64("not base64!")).hasMessageContaining("not base64");
    }
}
