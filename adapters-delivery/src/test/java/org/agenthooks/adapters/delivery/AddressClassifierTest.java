package org.agenthooks.adapters.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressClassifierTest {
    @Test
    void an_ipv4_mapped_address_kept_as_ipv6_is_judged_by_its_ipv4_part() throws Exception {
        byte[] mappedMetadata = {
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 169, (byte) 254, (byte) 169, (byte) 254
        };
        InetAddress address = Inet6Address.getByAddress(null, mappedMetadata, -1);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(AddressClassifier.nonPublicKind(address)).hasValue("link-local (cloud metadata)");
    }

    @Test
    void a_host_is_refused_if_any_of_its_addresses_is_internal() throws Exception {
        InetAddress publicAddress = InetAddress.getByName("93.184.215.14");
        InetAddress privateAddress = InetAddress.getByName("10.0.0.7");

        assertThat(AddressClassifier.refusal("mixed.example", false, publicAddress, privateAddress))
                .hasValue("mixed.example (10.0.0.7) is a private address; webhooks must point to the public internet");
        assertThat(AddressClassifier.refusal("public.example", false, publicAddress))
                .isEmpty();
    }

    @Test
    void with_private_networks_allowed_only_the_cloud_metadata_service_is_refused() throws Exception {
        InetAddress metadata = InetAddress.getByName("169.254.169.254");

        assertThat(AddressClassifier.refusal("metadata.example", true, metadata))
                .hasValue("metadata.example (169.254.169.254) is a link-local (cloud metadata) address; webhooks are"
                        + " never delivered to the cloud metadata service");
        assertThat(AddressClassifier.refusal("lan.example", true, InetAddress.getByName("10.0.0.7")))
                .isEmpty();
    }
}
